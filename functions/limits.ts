// Two small timing tools, one instance per process: a per-address limit on form posts, and a pacer
// that keeps our calls to the email service under its rate limit and pauses after a 429.

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  readonly max: number;
  readonly windowMs: number;

  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Records a request; returns 0 when allowed, else milliseconds until the address may try again. */
  take(address: string, now: number): number {
    const recent = (this.hits.get(address) ?? []).filter((time) => now - time < this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(address, recent);
      return this.windowMs - (now - recent[0]!);
    }
    recent.push(now);
    this.hits.set(address, recent);
    // Forget idle addresses so the map cannot grow without bound.
    if (this.hits.size > 10_000) {
      for (const [key, times] of this.hits) if (times.every((time) => now - time >= this.windowMs)) this.hits.delete(key);
    }
    return 0;
  }
}

export class Pacer {
  private nextFree = 0;
  readonly perSecond: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    perSecond: number,
    now: () => number = Date.now,
    sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.perSecond = perSecond;
    this.now = now;
    this.sleep = sleep;
  }

  /** Waits for a slot if it comes within maxWaitMs; false means "not now", and nothing is reserved. */
  async acquire(maxWaitMs = Infinity): Promise<boolean> {
    const now = this.now();
    const slot = Math.max(now, this.nextFree);
    if (slot - now > maxWaitMs) return false;
    // 10% slower than the limit: the service counts in its own windows, and clocks are not aligned.
    this.nextFree = slot + 1100 / this.perSecond;
    if (slot > now) await this.sleep(slot - now);
    return true;
  }

  /** The service asked us to wait (Retry-After): nobody in this process calls it before then. */
  pauseFor(ms: number) {
    this.nextFree = Math.max(this.nextFree, this.now() + ms);
  }
}
