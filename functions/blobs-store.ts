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

/** Netlify Blobs (opened with strong consistency by the adapter) behind the core's Store interface. */
export class BlobsStore implements Store {
  protected readonly blobs: BlobsLike;

  constructor(blobs: BlobsLike) {
    this.blobs = blobs;
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
    for await (const page of this.blobs.list({ prefix, paginate: true })) keys.push(...page.blobs.map((blob) => blob.key));
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

  constructor(blobs: BlobsLike, lockDir: string) {
    super(blobs);
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
        if ('onlyIfMatch' in condition && (current === null || contentEtag(current) !== condition.onlyIfMatch)) return false;
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
    const listOnce = async () => (await super.list(prefix)).filter((key) => !key.split('/').some((part) => part.startsWith('.')));
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
