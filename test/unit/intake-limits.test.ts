import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addressHash, Pacer, PACER_KEY, RateLimiter, type PacerState } from '../../functions/limits.ts';
import { backoffMs, flushOutbox } from '../../functions/outbox.ts';
import { MemoryStore, UnavailableStore, type Store } from '../../functions/store.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { post, testDeps } from './intake-support.ts';

// The per-address limit and the email pacer keep their state in the store, so every process (every
// Netlify function instance, every fresh worker of the local dev tools) sees the same counts. Here
// "processes" are separate limiter, pacer and pipeline instances over one MemoryStore, on a fake clock.

const valid = JSON.parse(
  readFileSync(new URL('../fixtures/intake/schemas/coach-eoi.json', import.meta.url), 'utf8'),
).valid;
const TOO_MANY = (seconds: number) => ({
  errors: [
    { field: 'form', message: `You have sent too many forms in a short time. Try again in ${seconds} seconds.` },
  ],
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
  /** Pacers on one fake clock; each call that goes is logged with the time it went. */
  function pacers(perSecond: number, store?: Store) {
    let clock = 0;
    const slept: number[] = [];
    const went: number[] = [];
    const make = () => {
      const pacer = new Pacer(
        perSecond,
        () => clock,
        async (ms) => {
          slept.push(ms);
          clock += ms;
        },
        store,
      );
      const acquire = pacer.acquire.bind(pacer);
      pacer.acquire = async (maxWaitMs?: number) => {
        const ok = await acquire(maxWaitMs);
        if (ok) went.push(clock);
        return ok;
      };
      return pacer;
    };
    return { make, slept, went, advance: (ms: number) => (clock += ms), now: () => clock };
  }

  /** The most calls that went within any one second. */
  const mostInOneSecond = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < sorted.length; i++) {
      while (sorted[i]! - sorted[j]! >= 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    return most;
  };

  it('lets the configured number go in any one second, then waits out the window (2 a second: two, then 1,025 ms later two more)', async () => {
    const { make, went } = pacers(2);
    const p = make();
    for (let i = 0; i < 6; i++) expect(await p.acquire()).toBe(true);
    expect(went).toEqual([0, 0, 1025, 1025, 2050, 2050]);
    expect(mostInOneSecond(went)).toBe(2);
  });

  it('says "not now" instead of waiting longer than allowed, counting nothing', async () => {
    const { make, went } = pacers(1);
    const p = make();
    await p.acquire();
    expect(await p.acquire(100)).toBe(false);
    expect(await p.acquire(1100)).toBe(true);
    expect(went).toEqual([0, 1025]);
  });

  it('pauses every call after a 429 for as long as Retry-After says', async () => {
    const { make, went } = pacers(2);
    const p = make();
    await p.pauseFor(3000);
    expect(await p.acquire(1000)).toBe(false);
    expect(await p.acquire()).toBe(true);
    expect(went).toEqual([3000]);
  });

  /** A clock that moves only when every pending step has run, to the next sleeper's time. */
  function virtualTime() {
    let clock = 0;
    const timers: { at: number; resolve: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => timers.push({ at: clock + ms, resolve }));
    const run = async (to = Infinity) => {
      while (true) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const due = timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers.splice(timers.indexOf(due), 1);
        clock = due.at;
        due.resolve();
      }
      if (to !== Infinity) clock = to;
    };
    return { now: () => clock, sleep, run };
  }

  it('pauses calls already waiting for their turn when a 429 comes in (no call fires inside the pause)', async () => {
    const store = new MemoryStore();
    const time = virtualTime();
    const first = new Pacer(2, time.now, time.sleep, store);
    const second = new Pacer(2, time.now, time.sleep, store);
    const went: [string, number][] = [];
    const call = (name: string, pacer: Pacer) => pacer.acquire().then((ok) => ok && went.push([name, time.now()]));
    const calls = [call('a', first), call('b', second), call('c', first), call('d', second)];
    await time.run(10);
    expect(went).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
    // c and d are asleep until 1,025 ms; the service answers b with 429, Retry-After: 5.
    await second.pauseFor(5000 - 10);
    await time.run();
    await Promise.all(calls);
    expect(went).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 5000],
      ['d', 5000],
    ]);
  });

  it('never lets more than the limit go in one second across processes over one store, under many racing calls', async () => {
    const store = new MemoryStore();
    const time = virtualTime();
    const processes = [0, 1, 2].map(() => new Pacer(2, time.now, time.sleep, store));
    const went: number[] = [];
    const calls = Array.from({ length: 30 }, (_, i) =>
      processes[i % 3]!.acquire().then((ok) => ok && went.push(time.now())),
    );
    await time.run();
    await Promise.all(calls);
    expect(went).toHaveLength(30);
    expect(mostInOneSecond(went)).toBe(2);
    // 30 calls at 2 a second: 14 windows of 1,025 ms after the first two.
    expect(Math.max(...went)).toBe(14 * 1025);
  });

  it('turns away at once what cannot go in time, when many in one process ask together', async () => {
    const store = new MemoryStore();
    const { make, went, slept } = pacers(2, store);
    const p = make();
    const answers = await Promise.all(Array.from({ length: 10 }, () => p.acquire(1100)));
    expect(answers).toEqual([true, true, true, true, ...Array(6).fill(false)]);
    expect(went).toEqual([0, 0, 1025, 1025]);
    expect(slept).toEqual([1025]);
    expect((await store.get<PacerState>(PACER_KEY))!.value).toEqual({ sent: [1025, 1025], pausedUntil: 0 });
  });

  it('paces its own process when the store is down', async () => {
    const { make, went } = pacers(2, new UnavailableStore(new Error('blobs unreachable')));
    const p = make();
    for (let i = 0; i < 3; i++) expect(await p.acquire()).toBe(true);
    await p.pauseFor(2000);
    expect(await p.acquire(1000)).toBe(false);
    expect(went).toEqual([0, 0, 1025]);
  });
});

it('backs off 15 s, 30 s, 1 min ... up to an hour', () => {
  expect([1, 2, 3, 4, 10, 20].map(backoffMs)).toEqual([15_000, 30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
});
