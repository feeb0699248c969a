import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addressHash, Pacer, PACER_KEY, RateLimiter } from '../../functions/limits.ts';
import { backoffMs, flushOutbox } from '../../functions/outbox.ts';
import { MemoryStore, UnavailableStore, type Store } from '../../functions/store.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { post, testDeps } from './intake-support.ts';

// The per-address limit and the email pacer keep their state in the store, so every process (every
// Netlify function instance, every fresh worker of the local dev tools) sees the same counts. Here
// "processes" are separate limiter, pacer and pipeline instances over one MemoryStore, on a fake clock.

const valid = JSON.parse(readFileSync(new URL('../fixtures/intake/schemas/coach-eoi.json', import.meta.url), 'utf8')).valid;
const TOO_MANY = (seconds: number) => ({
  errors: [{ field: 'form', message: `You have sent too many forms in a short time. Try again in ${seconds} seconds.` }],
});
const ADDRESS = '198.51.100.23';

/** A pipeline "process" with the production limit (10 a minute) over the given store. */
function process(store: Store) {
  const instance = testDeps({ store });
  instance.deps.rateLimiter = new RateLimiter(store, 10, 60_000);
  return instance;
}

describe('the per-address limit on form posts', () => {
  it('refuses the 11th post in a window with 429 and the seconds left in the window', async () => {
    const { deps, advance } = process(new MemoryStore());
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await handleFormPost(post('coach-eoi', valid), deps, ADDRESS)).status);
      advance(1000);
    }
    expect(statuses).toEqual(Array(10).fill(201));
    advance(5000); // 15 s into the window
    const eleventh = await handleFormPost(post('coach-eoi', valid), deps, ADDRESS);
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('retry-after')).toBe('45');
    expect(await eleventh.json()).toEqual(TOO_MANY(45));
  });

  it('starts counting again in a new window', async () => {
    const { deps, advance } = process(new MemoryStore());
    for (let i = 0; i < 10; i++) await handleFormPost(post('coach-eoi', {}), deps, ADDRESS);
    advance(59_999);
    const lastMoment = await handleFormPost(post('coach-eoi', {}), deps, ADDRESS);
    expect([lastMoment.status, lastMoment.headers.get('retry-after')]).toEqual([429, '1']);
    advance(1);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await handleFormPost(post('coach-eoi', {}), deps, ADDRESS)).status);
    expect(statuses).toEqual([...Array(10).fill(422), 429]);
  });

  it('is shared by two processes over one store, and counts each address apart', async () => {
    const store = new MemoryStore();
    const first = process(store);
    const second = process(store);
    for (let i = 0; i < 5; i++) {
      expect((await handleFormPost(post('coach-eoi', {}), first.deps, ADDRESS)).status).toBe(422);
      expect((await handleFormPost(post('coach-eoi', {}), second.deps, ADDRESS)).status).toBe(422);
    }
    expect((await handleFormPost(post('coach-eoi', {}), first.deps, ADDRESS)).status).toBe(429);
    expect((await handleFormPost(post('coach-eoi', {}), second.deps, ADDRESS)).status).toBe(429);
    expect((await handleFormPost(post('coach-eoi', {}), second.deps, '198.51.100.24')).status).toBe(422);
  });

  it('loses no count when many requests race (compare-and-swap)', async () => {
    const store = new MemoryStore();
    const limiters = Array.from({ length: 15 }, () => new RateLimiter(store, 10, 60_000));
    const waits = await Promise.all(limiters.map((limiter) => limiter.take(ADDRESS, 5_000)));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(10);
    expect(waits.filter((wait) => wait === 55_000)).toHaveLength(5);
  });

  it('stores a count per window under a SHA-256 of the address, never the address', async () => {
    const store = new MemoryStore();
    await new RateLimiter(store, 10, 60_000).take(ADDRESS, 125_000);
    const hash = addressHash(ADDRESS);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect([...store.entries]).toEqual([[`limits/120000-${hash}`, '{"count":1}']]);
  });

  it('lets the outbox run delete the counts of ended windows and keep the current one', async () => {
    const { deps, store, advance } = process(new MemoryStore());
    await handleFormPost(post('coach-eoi', {}), deps, ADDRESS);
    advance(60_000);
    await handleFormPost(post('coach-eoi', {}), deps, ADDRESS);
    expect(await store.list('limits/')).toHaveLength(2);
    expect((await flushOutbox(deps)).limitsCleared).toBe(1);
    expect(await store.list('limits/')).toEqual([`limits/${deps.now()}-${addressHash(ADDRESS)}`]);
  });

  it('lets a form through when the store is down, so the sender hears it was not sent, not "too many"', async () => {
    const { deps, logs } = process(new UnavailableStore(new Error('blobs unreachable')));
    const response = await handleFormPost(post('coach-eoi', valid), deps, ADDRESS);
    expect(response.status).toBe(503);
    expect(logs).toContain('rate limit not checked: blobs unreachable');
  });
});

describe('the pacer for the email service', () => {
  function pacers(perSecond: number, store?: Store) {
    let clock = 0;
    const slept: number[] = [];
    const make = () =>
      new Pacer(perSecond, () => clock, async (ms) => {
        slept.push(ms);
        clock += ms;
      }, store);
    return { make, slept, now: () => clock };
  }

  it('spaces calls a little under the limit (2 a second → one every 550 ms)', async () => {
    const { make, slept } = pacers(2);
    const p = make();
    for (let i = 0; i < 4; i++) expect(await p.acquire()).toBe(true);
    expect(slept).toEqual([550, 550, 550]);
  });

  it('says "not now" instead of waiting longer than allowed, without reserving a slot', async () => {
    const { make, slept } = pacers(2);
    const p = make();
    await p.acquire();
    expect(await p.acquire(100)).toBe(false);
    expect(await p.acquire(600)).toBe(true);
    expect(slept).toEqual([550]);
  });

  it('pauses every call after a 429 for as long as Retry-After says', async () => {
    const { make, slept } = pacers(2);
    const p = make();
    await p.pauseFor(3000);
    expect(await p.acquire(1000)).toBe(false);
    expect(await p.acquire()).toBe(true);
    expect(slept).toEqual([3000]);
  });

  it('spaces the calls of two processes over one store, and pauses both after one 429', async () => {
    const store = new MemoryStore();
    const { make, slept } = pacers(2, store);
    const first = make();
    const second = make();
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(true);
    expect(await first.acquire()).toBe(true);
    expect(slept).toEqual([550, 550]);
    await second.pauseFor(3000);
    expect(await first.acquire(1000)).toBe(false);
    expect(await first.acquire()).toBe(true);
    expect(slept).toEqual([550, 550, 3000]);
    expect((await store.get<{ next: number }>(PACER_KEY))!.value).toEqual({ next: 4100 + 550 });
  });

  it('turns away at once what cannot get a slot in time, when many in one process ask together', async () => {
    const store = new MemoryStore();
    const { make, slept } = pacers(2, store);
    const p = make();
    const answers = await Promise.all(Array.from({ length: 10 }, () => p.acquire(1000)));
    expect(answers).toEqual([true, true, ...Array(8).fill(false)]);
    expect(slept).toEqual([550]);
    expect((await store.get<{ next: number }>(PACER_KEY))!.value).toEqual({ next: 1100 });
  });

  it('paces its own process when the store is down', async () => {
    const { make, slept } = pacers(2, new UnavailableStore(new Error('blobs unreachable')));
    const p = make();
    for (let i = 0; i < 3; i++) expect(await p.acquire()).toBe(true);
    await p.pauseFor(2000);
    expect(await p.acquire(1000)).toBe(false);
    expect(slept).toEqual([550, 550]);
  });
});

it('backs off 15 s, 30 s, 1 min ... up to an hour', () => {
  expect([1, 2, 3, 4, 10, 20].map(backoffMs)).toEqual([15_000, 30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
});
