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
export const recipientLimiter = (store: Store, perDay: number) =>
  new RateLimiter(store, perDay, DAY_MS, RECIPIENTS_PREFIX);

/** True when one more email may go to this address today; counts it. A store failure says yes. */
export async function mayEmail(
  limiter: RateLimiter,
  address: string,
  now: number,
  log: (line: string) => void,
): Promise<boolean> {
  return (await waitBeforeNext(limiter, address.trim().toLowerCase(), now, log)) === 0;
}

interface Waiting {
  untilNextWindow: number;
  resolve: (waitMs: number) => void;
  reject: (error: unknown) => void;
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
    // Calls from this process for one key are counted together, in one compare-and-swap, rather than
    // racing in the store: racing, each round lets one writer through, so 50 posts at once with one
    // typed address used up the rounds and were told "over the limit". Other processes still race.
    return new Promise((resolve, reject) => {
      const call = { untilNextWindow, resolve, reject };
      const waiting = this.waiting.get(key);
      if (waiting) waiting.push(call);
      else {
        this.waiting.set(key, [call]);
        void this.drain(key);
      }
    });
  }

  /** Calls from this process waiting to be counted, per key. */
  private readonly waiting = new Map<string, Waiting[]>();

  /** Counts the calls waiting for one key, round after round, until none are left. */
  private async drain(key: string): Promise<void> {
    let batch = this.waiting.get(key) ?? [];
    while (batch.length > 0) {
      this.waiting.set(key, []); // calls arriving meanwhile go in the next round
      try {
        const allowed = await this.count(key, batch.length);
        batch.forEach((call, index) => {
          call.resolve(allowed === undefined ? 1000 : index < allowed ? 0 : call.untilNextWindow);
        });
      } catch (error) {
        for (const call of batch) call.reject(error);
      }
      batch = this.waiting.get(key) ?? [];
    }
    this.waiting.delete(key);
  }

  /** Adds up to `wanted` to the count; resolves how many fit under the limit, or undefined when the races went on and on. */
  private async count(key: string, wanted: number): Promise<number | undefined> {
    for (let round = 0; round < CAS_ROUNDS; round++) {
      const entry = await this.store.get<{ count: number }>(key);
      const count = entry?.value.count ?? 0;
      const allowed = Math.max(0, Math.min(wanted, this.max - count));
      if (allowed === 0) return 0;
      const written = entry
        ? await this.store.set(key, { count: count + allowed }, { onlyIfMatch: entry.etag })
        : await this.store.set(key, { count: allowed }, { onlyIfNew: true });
      if (written) return allowed;
    }
    // Still losing races after many rounds: this address is sending a great many at once.
    return undefined;
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

/** The pacer's shared state: when the latest calls started, and until when the service asked for quiet. */
export interface PacerState {
  sent: number[];
  pausedUntil: number;
}

/** How many ms past a one-second window a call waits, for the time between deciding and arriving. */
export const PACER_MARGIN_MS = 25;

/**
 * Keeps calls to the email service within its limit, for every process together: never more than
 * `perSecond` calls start in any window of one second (plus a small margin). Each call is COMMITTED
 * at the moment it is made, in a compare-and-swap on the shared log of the latest start times, not
 * reserved ahead: a call that woke late, or one waiting while a 429 came in, looks again before it
 * goes, so a Retry-After pauses every waiting call and a late one cannot crowd the next window.
 */
export class Pacer {
  readonly perSecond: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly store: Store | undefined;
  private readonly marginMs: number;
  /** This process's latest view of the state (all of it, when the store cannot be used). */
  private local: PacerState = { sent: [], pausedUntil: 0 };
  /** One call at a time per process waits for its turn; `queued` counts those waiting. */
  private turn: Promise<unknown> = Promise.resolve();
  private queued = 0;

  constructor(
    perSecond: number,
    now: () => number = Date.now,
    sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    /** Where every process keeps the shared state (`pacer/next-send`). Without it, this process alone. */
    store?: Store,
    marginMs = PACER_MARGIN_MS,
  ) {
    this.perSecond = perSecond;
    this.now = now;
    this.sleep = sleep;
    this.store = store;
    this.marginMs = marginMs;
  }

  /** Calls allowed per window, and the window: 2 a second is 2 per 1000 ms; 0.5 a second, 1 per 2000 ms. */
  private get shape() {
    const calls = Math.max(1, Math.floor(this.perSecond));
    return { calls, windowMs: (1000 * calls) / this.perSecond + this.marginMs };
  }

  /** The earliest a call may start under this state. */
  earliest(state: PacerState): number {
    const { calls, windowMs } = this.shape;
    const recent = state.sent.slice(-calls);
    const byWindow = recent.length < calls ? 0 : recent[0]! + windowMs;
    return Math.max(state.pausedUntil, byWindow, this.local.pausedUntil);
  }

  /**
   * Resolves true when this call may go now (and it is counted), or false, counting nothing, when
   * it could not go within maxWaitMs (the caller leaves the email pending for the outbox).
   */
  async acquire(maxWaitMs = Infinity): Promise<boolean> {
    const deadline = this.now() + maxWaitMs;
    // Fast path: the calls already waiting in this process go first, each a share of a window.
    const { calls, windowMs } = this.shape;
    const estimate = Math.max(this.now(), this.earliest(this.local)) + Math.floor(this.queued / calls) * windowMs;
    if (estimate > deadline) return false;
    this.queued++;
    const mine = this.turn.then(() => this.commit(deadline));
    this.turn = mine.catch(() => {});
    try {
      return await mine;
    } finally {
      this.queued--;
    }
  }

  private async commit(deadline: number): Promise<boolean> {
    const { calls } = this.shape;
    for (let round = 0; round < 1000; round++) {
      const { state, write } = await this.read();
      const at = this.earliest(state);
      if (at > deadline) return false;
      const now = this.now();
      if (at > now) {
        await this.sleep(at - now);
        continue;
      }
      const next = { sent: [...state.sent, now].slice(-calls), pausedUntil: state.pausedUntil };
      if (await write(next)) {
        this.local = { ...next, pausedUntil: Math.max(next.pausedUntil, this.local.pausedUntil) };
        return true;
      }
    }
    // Losing the race to other processes again and again: leave this one for later.
    return false;
  }

  /** The shared state and a compare-and-swap write for it; this process's own when the store is down. */
  private async read(): Promise<{ state: PacerState; write: (next: PacerState) => Promise<boolean> }> {
    const alone = {
      state: this.local,
      write: async (next: PacerState) => {
        this.local = next;
        return true;
      },
    };
    if (!this.store) return alone;
    try {
      const entry = await this.store.get<Partial<PacerState> & { next?: number }>(PACER_KEY);
      const state = {
        sent: Array.isArray(entry?.value.sent) ? entry.value.sent : [],
        // An older process's "next free time" counts as a pause until then.
        pausedUntil: Math.max(entry?.value.pausedUntil ?? 0, entry?.value.next ?? 0),
      };
      return {
        state,
        write: (next) =>
          (entry
            ? this.store!.set(PACER_KEY, next, { onlyIfMatch: entry.etag })
            : this.store!.set(PACER_KEY, next, { onlyIfNew: true })
          ).catch(() => alone.write(next)),
      };
    } catch {
      // The store is unavailable: pace this process alone (every call carries an Idempotency-Key,
      // so the worst a 429 can do is delay it).
      return alone;
    }
  }

  /** The service asked us to wait (Retry-After): no call from any process starts before then. */
  async pauseFor(ms: number): Promise<void> {
    const until = this.now() + ms;
    this.local = { ...this.local, pausedUntil: Math.max(this.local.pausedUntil, until) };
    if (!this.store) return;
    try {
      for (let round = 0; round < CAS_ROUNDS; round++) {
        const { state, write } = await this.read();
        if (state.pausedUntil >= until) return;
        if (await write({ ...state, pausedUntil: until })) return;
      }
    } catch {
      // The store is unavailable: this process still pauses, and the next 429 will say so again.
    }
  }
}
