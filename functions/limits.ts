import { createHash } from 'node:crypto';
import type { Store } from './store.ts';

// Two timing tools whose state lives in the intake's Store, so that they hold across processes:
// Netlify runs many function instances at once, and its local dev tools (`npm start`, `npm run
// preview`) give every call a fresh worker thread, where anything kept in memory starts from nothing.
// - a per-address limit on form posts and confirmations (fixed windows, one counter per address);
// - a pacer that keeps our calls to the email service under its rate limit and pauses after a 429.

/** Compare-and-swap rounds before giving up: each round one of the racing writers wins. */
const CAS_ROUNDS = 20;

export const LIMITS_PREFIX = 'limits/';

/**
 * Plain SHA-256, no salt: the hash only keeps raw addresses out of storage. A salt kept in the same
 * store would not stop anyone who can read the store from hashing all 2^32 IPv4 addresses, and a
 * secret setting would be one more thing to configure; instead each count lives for one window and
 * the outbox run deletes it soon after.
 */
export const addressHash = (address: string) => createHash('sha256').update(address).digest('hex');

/**
 * One key per address per window, `limits/<window start, ms>-<sha-256 of the address>`: one flat
 * level (the file store lists a single folder), and the start in the name lets the cleanup delete
 * old windows without reading them.
 */
export const limitKey = (windowStart: number, address: string, prefix = LIMITS_PREFIX) =>
  `${prefix}${windowStart}-${addressHash(address)}`;

/** The daily count of emails to each typed address (receipts, requests to confirm). */
export const RECIPIENTS_PREFIX = 'recipients/';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * At most `perDay` emails a UTC day to one typed address, counted like the per-address limit (the
 * address lower-cased and hashed), so a stranger cannot use the forms to flood someone's inbox.
 */
export const recipientLimiter = (store: Store, perDay: number) => new RateLimiter(store, perDay, DAY_MS, RECIPIENTS_PREFIX);

/** True when one more email may go to this address today; counts it. A store failure says yes. */
export async function mayEmail(limiter: RateLimiter, address: string, now: number, log: (line: string) => void): Promise<boolean> {
  return (await waitBeforeNext(limiter, address.trim().toLowerCase(), now, log)) === 0;
}

export class RateLimiter {
  readonly store: Store;
  readonly max: number;
  readonly windowMs: number;
  /** Where its counts live: `limits/` for client addresses, `recipients/` for email addresses. */
  readonly prefix: string;

  constructor(store: Store, max: number, windowMs: number, prefix = LIMITS_PREFIX) {
    this.store = store;
    this.max = max;
    this.windowMs = windowMs;
    this.prefix = prefix;
  }

  /**
   * Records a request; resolves 0 when allowed, else milliseconds until the address may try again
   * (the end of the current window). Fixed windows, like Netlify's own rateLimit: at a window's
   * edge an address can get up to twice the limit in a short time, which is enough to stop a flood.
   * Throws when the store cannot be used (see `waitBeforeNext`).
   */
  async take(address: string, now: number): Promise<number> {
    const windowStart = now - (now % this.windowMs);
    const untilNextWindow = windowStart + this.windowMs - now;
    const key = limitKey(windowStart, address, this.prefix);
    for (let round = 0; round < CAS_ROUNDS; round++) {
      const entry = await this.store.get<{ count: number }>(key);
      const count = entry?.value.count ?? 0;
      if (count >= this.max) return untilNextWindow;
      const written = entry
        ? await this.store.set(key, { count: count + 1 }, { onlyIfMatch: entry.etag })
        : await this.store.set(key, { count: 1 }, { onlyIfNew: true });
      if (written) return 0;
    }
    // Still losing races after many rounds: this address is sending a great many at once.
    return 1000;
  }

  /** Deletes the counts of windows that have ended (run by the outbox). Returns how many went. */
  async deleteEndedWindows(now: number): Promise<number> {
    let deleted = 0;
    for (const key of await this.store.list(this.prefix)) {
      const start = Number(key.slice(this.prefix.length).split('-')[0]);
      if (Number.isFinite(start) && start + this.windowMs > now) continue;
      await this.store.delete(key);
      deleted++;
    }
    return deleted;
  }
}

/**
 * The limiter as the handlers use it. If the store cannot be used, the request goes on: a form will
 * then fail to be stored and the sender is told it was not sent, with their answers kept, rather
 * than being refused for a reason that is not true. Netlify's rateLimit still sits in front.
 */
export async function waitBeforeNext(
  limiter: RateLimiter,
  address: string,
  now: number,
  log: (line: string) => void,
): Promise<number> {
  try {
    return await limiter.take(address, now);
  } catch (error) {
    log(`rate limit not checked: ${(error as Error).message}`);
    return 0;
  }
}

export const PACER_KEY = 'pacer/next-send';

export class Pacer {
  /** This process's view: never later than the shared one, so it can say "not now" without a read. */
  private nextFree = 0;
  /** One reservation at a time per process: many waiting on one store lock made acknowledgements slow. */
  private turn: Promise<unknown> = Promise.resolve();
  readonly perSecond: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly store: Store | undefined;

  constructor(
    perSecond: number,
    now: () => number = Date.now,
    sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    /** Where every process keeps the next free time (`pacer/next-send`). Without it, this process alone. */
    store?: Store,
  ) {
    this.perSecond = perSecond;
    this.now = now;
    this.sleep = sleep;
    this.store = store;
  }

  /** Waits for a slot if it comes within maxWaitMs; false means "not now", and nothing is reserved. */
  async acquire(maxWaitMs = Infinity): Promise<boolean> {
    // 10% slower than the limit: the service counts in its own windows, and clocks are not aligned.
    const gap = 1100 / this.perSecond;
    const deadline = this.now() + maxWaitMs;
    // Fast path: this process already knows the next slot is too far off.
    if (Math.max(this.now(), this.nextFree) > deadline) return false;
    if (!this.store) return this.waitFor(this.reserveLocal(gap, deadline));
    const reserved = this.turn.then(() =>
      // Checked again: the reservations before this one may have taken every slot in time.
      Math.max(this.now(), this.nextFree) > deadline ? undefined : this.reserveShared(gap, deadline),
    );
    this.turn = reserved.catch(() => {});
    return this.waitFor(await reserved);
  }

  private async waitFor(slot: number | undefined): Promise<boolean> {
    if (slot === undefined) return false;
    const now = this.now();
    if (slot > now) await this.sleep(slot - now);
    return true;
  }

  /** The service asked us to wait (Retry-After): no process calls it before then. */
  async pauseFor(ms: number): Promise<void> {
    const until = this.now() + ms;
    this.nextFree = Math.max(this.nextFree, until);
    if (!this.store) return;
    try {
      for (let round = 0; round < CAS_ROUNDS; round++) {
        const entry = await this.store.get<{ next: number }>(PACER_KEY);
        if (entry && entry.value.next >= until) return;
        if (await this.writeShared(entry, until)) return;
      }
    } catch {
      // The store is unavailable: this process still pauses, and the next 429 will say so again.
    }
  }

  private reserveLocal(gap: number, deadline: number): number | undefined {
    const slot = Math.max(this.now(), this.nextFree);
    if (slot > deadline) return undefined;
    this.nextFree = slot + gap;
    return slot;
  }

  private async reserveShared(gap: number, deadline: number): Promise<number | undefined> {
    try {
      for (let round = 0; round < CAS_ROUNDS; round++) {
        const entry = await this.store!.get<{ next: number }>(PACER_KEY);
        const slot = Math.max(this.now(), this.nextFree, entry?.value.next ?? 0);
        if (slot > deadline) {
          this.nextFree = Math.max(this.nextFree, entry?.value.next ?? 0);
          return undefined;
        }
        if (await this.writeShared(entry, slot + gap)) {
          this.nextFree = slot + gap;
          return slot;
        }
      }
      // Many processes racing for the same slot: leave this send for later rather than overrun.
      return undefined;
    } catch {
      // The store is unavailable: pace this process alone (every batch carries an Idempotency-Key,
      // so the worst a 429 can do is delay it).
      return this.reserveLocal(gap, deadline);
    }
  }

  private writeShared(entry: { etag: string } | null, next: number): Promise<boolean> {
    return entry
      ? this.store!.set(PACER_KEY, { next }, { onlyIfMatch: entry.etag })
      : this.store!.set(PACER_KEY, { next }, { onlyIfNew: true });
  }
}
