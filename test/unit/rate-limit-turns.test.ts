import { describe, expect, it } from 'vitest';
import { mayEmail, RateLimiter, recipientLimiter } from '../../functions/limits.ts';
import { MemoryStore } from '../../functions/store.ts';

// One process, many posts at once with the same typed address (a busy form, or `npm run
// bench:intake`): the daily count per address must count every one, and refuse none that is under
// the cap, however many race. Other processes are covered by intake-limits.test.ts (compare-and-swap).

const ADDRESS = 'applicant@example.org';

/** A store that counts conditional writes that lost, to show calls in one process no longer race. */
class CountingStore extends MemoryStore {
  lost = 0;
  override async set(...args: Parameters<MemoryStore['set']>): Promise<boolean> {
    const written = await super.set(...args);
    if (!written) this.lost++;
    return written;
  }
}

describe('the per-address counts under many calls at once in one process', () => {
  it('lets 50 emails at once to one address through under a cap of 100, counting all 50', async () => {
    const store = new CountingStore();
    const limiter = recipientLimiter(store, 100);
    const now = Date.UTC(2026, 11, 3, 12);
    const allowed = await Promise.all(Array.from({ length: 50 }, () => mayEmail(limiter, ADDRESS, now, () => {})));
    expect(allowed.filter(Boolean)).toHaveLength(50);
    expect([...store.entries.values()]).toEqual(['{"count":50}']);
    expect(store.lost).toBe(0);
  });

  it('still refuses exactly the calls over the limit', async () => {
    const limiter = new RateLimiter(new MemoryStore(), 10, 60_000);
    const waits = await Promise.all(Array.from({ length: 30 }, () => limiter.take('198.51.100.7', 5_000)));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(10);
    expect(waits.filter((wait) => wait === 55_000)).toHaveLength(20);
  });

  it('keeps different addresses apart: one address waiting does not hold up another', async () => {
    const store = new MemoryStore();
    const limiter = new RateLimiter(store, 1, 60_000);
    expect(await Promise.all([limiter.take('198.51.100.7', 5_000), limiter.take('198.51.100.8', 5_000)])).toEqual([
      0, 0,
    ]);
    expect(store.entries.size).toBe(2);
  });
});
