import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { contentEtag, withLockFolder, type Entry, type Store, type WriteCondition } from './store.ts';

/** The part of a Netlify Blobs store we use, described here so the core needs no @netlify import. */
export interface BlobsLike {
  get(key: string, options: { type: 'text' }): Promise<string | null>;
  getWithMetadata(key: string, options: { type: 'json' }): Promise<{ data: unknown; etag?: string } | null>;
  setJSON(
    key: string,
    data: unknown,
    options?: { onlyIfNew?: boolean; onlyIfMatch?: string },
  ): Promise<{ modified: boolean; etag?: string }>;
  delete(key: string): Promise<void>;
  list(options: { prefix: string; paginate: true }): AsyncIterable<{ blobs: { key: string }[] }>;
}

/** How long one store operation may take before the sender is told "not sent" (the whole answer must come within 5 s). */
export const STORE_DEADLINE_MS = 2500;
/** After a failure, operations fail at once for this long, so one request never waits on several deadlines. */
export const STORE_COOL_OFF_MS = 3000;

const operation = new AsyncLocalStorage<AbortController>();

/**
 * The fetch given to Netlify Blobs (`getStore({ fetch })`). The client retries a failed request five
 * times, 5 s apart, so a storage outage took 27 to 32 s to answer "not sent". Here any failure (a
 * network error, a 429 or a 5xx) ends the operation at once, and so does its deadline: the sender
 * hears within seconds, nothing is half-done (a retry after the end never reaches the store), and
 * the outbox tries again later.
 */
export const boundedFetch: typeof fetch = async (input, init) => {
  const current = operation.getStore();
  if (!current) return fetch(input, init);
  if (current.signal.aborted) throw current.signal.reason;
  const signal = init?.signal ? AbortSignal.any([init.signal, current.signal]) : current.signal;
  try {
    const response = await fetch(input, { ...init, signal });
    if (response.status === 429 || response.status >= 500) {
      current.abort(new Error(`Netlify Blobs answered ${response.status}`));
    }
    return response;
  } catch (error) {
    current.abort(error);
    throw error;
  }
};

/** Netlify Blobs (opened with strong consistency by the adapter) behind the core's Store interface. */
export class BlobsStore implements Store {
  protected readonly blobs: BlobsLike;
  private failedAt = -Infinity;
  private readonly deadlineMs: number;

  constructor(blobs: BlobsLike, { deadlineMs = STORE_DEADLINE_MS } = {}) {
    this.deadlineMs = deadlineMs;
    // Every call to the blobs goes through one deadline (see boundedFetch).
    this.blobs = {
      get: (key, options) => this.bounded(() => blobs.get(key, options)),
      getWithMetadata: (key, options) => this.bounded(() => blobs.getWithMetadata(key, options)),
      setJSON: (key, data, options) => this.bounded(() => blobs.setJSON(key, data, options)),
      delete: (key) => this.bounded(() => blobs.delete(key)),
      list: (options) => this.boundedPages(blobs.list(options)),
    };
  }

  /** Runs one call to Netlify Blobs within the deadline, failing at once during a cool-off after a failure. */
  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    if (Date.now() - this.failedAt < STORE_COOL_OFF_MS)
      throw new Error('Netlify Blobs failed moments ago; not tried again yet');
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`Netlify Blobs did not answer within ${this.deadlineMs} ms`)),
      this.deadlineMs,
    );
    const ended = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    try {
      return await operation.run(controller, () => Promise.race([work(), ended]));
    } catch (error) {
      this.failedAt = Date.now();
      throw error;
    } finally {
      clearTimeout(timer);
      // Whatever the client still has in flight or would retry ends here.
      if (!controller.signal.aborted) controller.abort(new Error('operation finished'));
    }
  }

  private async *boundedPages(pages: AsyncIterable<{ blobs: { key: string }[] }>) {
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.bounded(() => iterator.next());
      if (next.done) return;
      yield next.value;
    }
  }

  async get<T>(key: string): Promise<Entry<T> | null> {
    const found = await this.blobs.getWithMetadata(key, { type: 'json' });
    if (!found) return null;
    // Without an ETag a compare-and-swap would quietly become a plain write (a link used twice).
    if (!found.etag) throw new Error(`Netlify Blobs gave no ETag for ${key}`);
    return { value: found.data as T, etag: found.etag };
  }

  async set(key: string, value: unknown, condition?: WriteCondition): Promise<boolean> {
    const result = await this.blobs.setJSON(key, value, condition);
    return condition ? result.modified : true;
  }

  async delete(key: string): Promise<void> {
    await this.blobs.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of this.blobs.list({ prefix, paginate: true }))
      keys.push(...page.blobs.map((blob) => blob.key));
    return keys.sort();
  }
}

/**
 * The local Blobs sandbox (`BlobsServer` from `@netlify/blobs/server`, which `npm start`, `npm run
 * preview` and `outbox:flush` run over `.netlify/blobs-serve`) is the same API with two gaps:
 * a read carries no ETag, and a conditional write is checked and then written with awaits between,
 * so two racing `onlyIfNew` writes both succeed. So here the ETag is a hash of the stored text, and
 * every write to a key holds that key's lock folder under `lockDir` while it checks and writes.
 * Every process that writes to the sandbox through this class (each function call runs in its own
 * worker; outbox:flush runs its own server over the same folder) takes the same locks.
 */
export class SandboxBlobsStore extends BlobsStore {
  private readonly lockDir: string;

  constructor(blobs: BlobsLike, lockDir: string, options?: { deadlineMs?: number }) {
    super(blobs, options);
    this.lockDir = lockDir;
  }

  override async get<T>(key: string): Promise<Entry<T> | null> {
    const text = await this.blobs.get(key, { type: 'text' });
    return text === null ? null : { value: JSON.parse(text) as T, etag: contentEtag(text) };
  }

  override async set(key: string, value: unknown, condition?: WriteCondition): Promise<boolean> {
    return this.locked(key, async () => {
      if (condition) {
        const current = await this.blobs.get(key, { type: 'text' });
        if ('onlyIfNew' in condition && current !== null) return false;
        if ('onlyIfMatch' in condition && (current === null || contentEtag(current) !== condition.onlyIfMatch))
          return false;
      }
      // setJSON stores JSON.stringify(value), the text the next get hashes.
      await this.blobs.setJSON(key, value);
      return true;
    });
  }

  override async delete(key: string): Promise<void> {
    await this.locked(key, () => this.blobs.delete(key));
  }

  /**
   * The sandbox lists by walking its folder; a write's temporary file (named ".<random>") can show
   * up as a key, and one renamed away mid-walk ends the walk early with a short answer. So temporary
   * names are dropped, and the folder is listed again until two listings agree.
   */
  override async list(prefix: string): Promise<string[]> {
    const listOnce = async () =>
      (await super.list(prefix)).filter((key) => !key.split('/').some((part) => part.startsWith('.')));
    let previous = await listOnce();
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await listOnce();
      if (current.join('\n') === previous.join('\n')) return current;
      previous = current;
    }
    return previous;
  }

  private async locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    await mkdir(this.lockDir, { recursive: true });
    return withLockFolder(path.join(this.lockDir, contentEtag(key)), work);
  }
}
