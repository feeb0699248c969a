import type { Entry, Store, WriteCondition } from './store.ts';

/** The part of a Netlify Blobs store we use, described here so the core needs no @netlify import. */
export interface BlobsLike {
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
  private readonly blobs: BlobsLike;

  constructor(blobs: BlobsLike) {
    this.blobs = blobs;
  }

  async get<T>(key: string): Promise<Entry<T> | null> {
    const found = await this.blobs.getWithMetadata(key, { type: 'json' });
    return found ? { value: found.data as T, etag: found.etag ?? '' } : null;
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
