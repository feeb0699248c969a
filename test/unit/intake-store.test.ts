import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore, MemoryStore, type Store, UnavailableStore, withLockFolder } from '../../functions/store.ts';

// The storage contract every store keeps, checked on the memory store (unit tests) and the file
// store (INTAKE_STORAGE=files): conditional writes are what make links single-use and leases safe.

const folders: string[] = [];
const freshFolder = async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'intake-store-'));
  folders.push(folder);
  return folder;
};
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

const stores: [string, () => Promise<Store>][] = [
  ['the memory store', async () => new MemoryStore()],
  ['the file store', async () => new FileStore(await freshFolder())],
];

describe.each(stores)('%s', (_name, open) => {
  it('gives back what was written, with an etag that changes when the value does', async () => {
    const store = await open();
    expect(await store.get('submissions/EOI-2345-6789')).toBeNull();
    expect(await store.set('submissions/EOI-2345-6789', { n: 1 })).toBe(true);
    const first = await store.get<{ n: number }>('submissions/EOI-2345-6789');
    expect(first?.value).toEqual({ n: 1 });
    await store.set('submissions/EOI-2345-6789', { n: 2 });
    const second = await store.get<{ n: number }>('submissions/EOI-2345-6789');
    expect(second?.value).toEqual({ n: 2 });
    expect(second?.etag).not.toBe(first?.etag);
  });

  it('writes "only if new" once, and never over what is there', async () => {
    const store = await open();
    expect(await store.set('tokens/abc', { reference: 'A' }, { onlyIfNew: true })).toBe(true);
    expect(await store.set('tokens/abc', { reference: 'B' }, { onlyIfNew: true })).toBe(false);
    expect((await store.get('tokens/abc'))?.value).toEqual({ reference: 'A' });
  });

  it('writes "only if unchanged" against the etag read, and not to a key that is gone', async () => {
    const store = await open();
    await store.set('submissions/EOI-2345-6789', { n: 1 });
    const read = (await store.get('submissions/EOI-2345-6789'))!;
    expect(await store.set('submissions/EOI-2345-6789', { n: 2 }, { onlyIfMatch: read.etag })).toBe(true);
    // The same etag again: someone (this writer) has changed it since.
    expect(await store.set('submissions/EOI-2345-6789', { n: 3 }, { onlyIfMatch: read.etag })).toBe(false);
    expect((await store.get('submissions/EOI-2345-6789'))?.value).toEqual({ n: 2 });
    await store.delete('submissions/EOI-2345-6789');
    expect(await store.set('submissions/EOI-2345-6789', { n: 4 }, { onlyIfMatch: read.etag })).toBe(false);
    expect(await store.get('submissions/EOI-2345-6789')).toBeNull();
  });

  it('lists the keys under a prefix, in order, and forgets deleted ones', async () => {
    const store = await open();
    for (const key of ['submissions/B', 'submissions/A', 'tokens/C']) await store.set(key, {});
    expect(await store.list('submissions/')).toEqual(['submissions/A', 'submissions/B']);
    await store.delete('submissions/A');
    await store.delete('submissions/never-there');
    expect(await store.list('submissions/')).toEqual(['submissions/B']);
    expect(await store.list('limits/')).toEqual([]);
  });
});

describe('the file store', () => {
  it('refuses a key that could leave its folder', async () => {
    const store = new FileStore(await freshFolder());
    for (const key of ['../outside', 'submissions/../../x', '/etc/passwd', 'a b', 'submissions/']) {
      await expect(store.get(key)).rejects.toThrow(`Unsafe store key: ${key}`);
    }
  });

  it('lists a prefix given without its slash, and leaves no temporary or lock files behind', async () => {
    const root = await freshFolder();
    const store = new FileStore(root);
    await store.set('submissions/A', {}, { onlyIfNew: true });
    await store.set('submissions/B', {});
    expect(await store.list('submissions')).toEqual(['submissions/A', 'submissions/B']);
    expect((await readdir(path.join(root, 'submissions'))).sort()).toEqual(['A.json', 'B.json']);
  });
});

describe('the file store, after a crash', () => {
  it('lists only submissions, not a half-written file or a lock left behind', async () => {
    const root = await freshFolder();
    const store = new FileStore(root);
    await store.set('submissions/A', {});
    await writeFile(path.join(root, 'submissions', 'B.json.5f2c.tmp'), '{"half":');
    await mkdir(path.join(root, 'submissions', 'A.json.lock'));
    expect(await store.list('submissions/')).toEqual(['submissions/A']);
  });

  it('fails loudly on a file it cannot read, rather than call it missing', async () => {
    const root = await freshFolder();
    await mkdir(path.join(root, 'submissions', 'A.json'), { recursive: true });
    await expect(new FileStore(root).get('submissions/A')).rejects.toThrow(/EISDIR/);
  });

  it('fails, rather than wait for ever, when a lock cannot be made at all', async () => {
    const missing = path.join(await freshFolder(), 'no-such-folder', 'x.lock');
    await expect(withLockFolder(missing, async () => 'never')).rejects.toThrow(/ENOENT/);
  });
});

describe('a lock folder', () => {
  it('lets one holder in at a time', async () => {
    const lock = path.join(await freshFolder(), 'x.lock');
    const order: string[] = [];
    const hold = (name: string) =>
      withLockFolder(lock, async () => {
        order.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([hold('first'), hold('second')])).toEqual(['first', 'second']);
    // Either may win the race for the folder; what matters is that the other waits until it is out.
    const [winner, loser] = order[0] === 'first in' ? ['first', 'second'] : ['second', 'first'];
    expect(order).toEqual([`${winner} in`, `${winner} out`, `${loser} in`, `${loser} out`]);
    await expect(stat(lock)).rejects.toThrow();
  });

  it('takes over a lock left by a crashed process after 10 seconds, not before', async () => {
    const lock = path.join(await freshFolder(), 'x.lock');
    await mkdir(lock);
    const old = new Date(Date.now() - 11_000);
    await utimes(lock, old, old);
    expect(await withLockFolder(lock, async () => 'taken over')).toBe('taken over');

    await mkdir(lock);
    const recent = new Date(Date.now() - 9_000);
    await utimes(lock, recent, recent);
    let got = false;
    const waiting = withLockFolder(lock, async () => {
      got = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(got).toBe(false);
    await rm(lock, { recursive: true });
    await waiting;
    expect(got).toBe(true);
  });

  it('is released when the work fails', async () => {
    const lock = path.join(await freshFolder(), 'x.lock');
    await expect(withLockFolder(lock, async () => Promise.reject(new Error('work failed')))).rejects.toThrow(
      'work failed',
    );
    await expect(stat(lock)).rejects.toThrow();
  });
});

describe('an unavailable store', () => {
  it('fails every use with the reason it could not be opened', async () => {
    const store: Store = new UnavailableStore(new Error('blobs unreachable'));
    for (const use of [store.get('a'), store.set('a', {}), store.delete('a'), store.list('a/')]) {
      await expect(use).rejects.toThrow('blobs unreachable');
    }
  });
});
