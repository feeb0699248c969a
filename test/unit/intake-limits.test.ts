import { describe, expect, it } from 'vitest';
import { Pacer, RateLimiter } from '../../functions/limits.ts';
import { backoffMs } from '../../functions/outbox.ts';

describe('the pacer for the email service', () => {
  function pacer(perSecond: number) {
    let clock = 0;
    const slept: number[] = [];
    const p = new Pacer(perSecond, () => clock, async (ms) => {
      slept.push(ms);
      clock += ms;
    });
    return { p, slept, now: () => clock };
  }

  it('spaces calls a little under the limit (2 a second → one every 550 ms)', async () => {
    const { p, slept } = pacer(2);
    for (let i = 0; i < 4; i++) expect(await p.acquire()).toBe(true);
    expect(slept).toEqual([550, 550, 550]);
  });

  it('says "not now" instead of waiting longer than allowed, without reserving a slot', async () => {
    const { p, slept } = pacer(2);
    await p.acquire();
    expect(await p.acquire(100)).toBe(false);
    expect(await p.acquire(600)).toBe(true);
    expect(slept).toEqual([550]);
  });

  it('pauses everyone after a 429 for as long as Retry-After says', async () => {
    const { p, slept } = pacer(2);
    p.pauseFor(3000);
    expect(await p.acquire(1000)).toBe(false);
    expect(await p.acquire()).toBe(true);
    expect(slept).toEqual([3000]);
  });
});

describe('the per-address limit', () => {
  it('allows the configured number in a sliding window, then says how long to wait', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect([0, 1000, 2000].map((t) => limiter.take('a', t))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 30_000)).toBe(30_000);
    expect(limiter.take('b', 30_000)).toBe(0);
    expect(limiter.take('a', 60_000)).toBe(0);
  });
});

it('backs off 15 s, 30 s, 1 min ... up to an hour', () => {
  expect([1, 2, 3, 4, 10, 20].map(backoffMs)).toEqual([15_000, 30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
});
