import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getStore } from '@netlify/blobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobsStore, SandboxBlobsStore } from '../../functions/blobs-store.ts';
import type { Store } from '../../functions/store.ts';
import { startBlobsSandbox, type BlobsSandbox } from './support/blobs-sandbox.ts';

// The store the intake uses locally: Netlify's Blobs sandbox (a real BlobsServer), with two servers
// over one folder, as when `npm start` is running and `npm run outbox:flush` starts its own.

let directory: string;
let servers: BlobsSandbox[];
let stores: SandboxBlobsStore[];

const blobsOf = (server: BlobsSandbox) =>
  getStore({
    name: 'intake',
    consistency: 'strong',
    siteID: server.siteID,
    token: server.token,
    edgeURL: server.url,
    uncachedEdgeURL: server.url,
  });

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'intake-sandbox-'));
  servers = [await startBlobsSandbox(directory), await startBlobsSandbox(directory)];
  stores = servers.map((server) => new SandboxBlobsStore(blobsOf(server), path.join(directory, 'intake-locks')));
});

afterAll(async () => {
  for (const server of servers ?? []) await server.stop();
  await rm(directory, { recursive: true, force: true });
});

/** A compare-and-swap increment, as the outbox updates a record. */
async function increment(store: Store, key: string) {
  for (;;) {
    const entry = await store.get<{ count: number }>(key);
    if (await store.set(key, { count: entry!.value.count + 1 }, { onlyIfMatch: entry!.etag })) return;
  }
}

describe('the local Blobs sandbox as the intake store', () => {
  it('keeps each record as a file under entries/<site>/site:intake/', async () => {
    const [store] = stores;
    expect(await store!.get('submissions/EOI-2345-6789')).toBeNull();
    expect(await store!.set('submissions/EOI-2345-6789', { reference: 'EOI-2345-6789' }, { onlyIfNew: true })).toBe(
      true,
    );
    const file = path.join(directory, 'entries/test-site/site:intake/submissions/EOI-2345-6789');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ reference: 'EOI-2345-6789' });
    // The other server reads the same record.
    expect((await stores[1]!.get('submissions/EOI-2345-6789'))?.value).toEqual({ reference: 'EOI-2345-6789' });
  });

  it('refuses a write when the record is not new, or changed since it was read', async () => {
    const [first, second] = [stores[0]!, stores[1]!];
    await first.set('tokens/abc', { reference: 'APP-2345-6789' });
    expect(await second.set('tokens/abc', { reference: 'APP-9999-9999' }, { onlyIfNew: true })).toBe(false);
    const read = await first.get('tokens/abc');
    await second.set('tokens/abc', { reference: 'APP-3456-7890' });
    expect(await first.set('tokens/abc', { reference: 'APP-4567-8901' }, { onlyIfMatch: read!.etag })).toBe(false);
    const again = await first.get<{ reference: string }>('tokens/abc');
    expect(again?.value.reference).toBe('APP-3456-7890');
    expect(await first.set('tokens/abc', { reference: 'APP-4567-8901' }, { onlyIfMatch: again!.etag })).toBe(true);
    await second.delete('tokens/abc');
    expect(await first.get('tokens/abc')).toBeNull();
  });

  it('lets exactly one of two racing "only if new" writes win, through either server', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `race/new-${i}`);
    const results = await Promise.all(
      keys.map((key) => Promise.all(stores.map((store, n) => store.set(key, { writer: n }, { onlyIfNew: true })))),
    );
    expect(results.map((pair) => pair.filter(Boolean).length)).toEqual(keys.map(() => 1));
  });

  it('loses no update when 40 compare-and-swap increments race through two servers', async () => {
    await stores[0]!.set('race/counter', { count: 0 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => increment(stores[i % 2]!, 'race/counter')));
    expect((await stores[1]!.get<{ count: number }>('race/counter'))?.value.count).toBe(40);
  });

  it('lists keys under a prefix, leaving out a write still in progress', async () => {
    await stores[0]!.set('listing/b', {});
    await stores[1]!.set('listing/a', {});
    // What the sandbox server names a file while it is being written.
    const folder = path.join(directory, 'entries/test-site/site:intake/listing');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, '.k3j9x2'), '{}');
    expect(await stores[0]!.list('listing/')).toEqual(['listing/a', 'listing/b']);
  });

  it("is needed: the sandbox's reads carry no ETag, so the production adapter refuses rather than overwrite blindly", async () => {
    const plain = new BlobsStore(blobsOf(servers[0]!));
    await expect(plain.get('listing/a')).rejects.toThrow('Netlify Blobs gave no ETag for listing/a');
  });
});
