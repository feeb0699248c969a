import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

// The core stores JSON records through this small interface. Netlify Blobs with strong consistency
// in production and, locally, in the Blobs sandbox (functions/blobs-store.ts, opened by
// netlify/functions/_shared/intake.mts); a folder of JSON files when INTAKE_STORAGE=files (tests that
// need their own data); memory in unit tests. Conditional writes make single-use links and outbox
// leases safe between processes.

export interface Entry<T> {
  value: T;
  etag: string;
}

export type WriteCondition = { onlyIfNew: true } | { onlyIfMatch: string };

export interface Store {
  get<T>(key: string): Promise<Entry<T> | null>;
  /** Resolves false when the condition did not hold (the key exists, or changed since read). */
  set(key: string, value: unknown, condition?: WriteCondition): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Keys under a prefix like 'submissions/'. */
  list(prefix: string): Promise<string[]>;
}

/** An ETag from the stored text itself, for stores that give none of their own. */
export const contentEtag = (text: string) => createHash('sha1').update(text).digest('hex');

export class MemoryStore implements Store {
  readonly entries = new Map<string, string>();

  async get<T>(key: string): Promise<Entry<T> | null> {
    const text = this.entries.get(key);
    return text === undefined ? null : { value: JSON.parse(text) as T, etag: contentEtag(text) };
  }

  async set(key: string, value: unknown, condition?: WriteCondition): Promise<boolean> {
    const current = this.entries.get(key);
    if (condition && 'onlyIfNew' in condition && current !== undefined) return false;
    if (
      condition &&
      'onlyIfMatch' in condition &&
      (current === undefined || contentEtag(current) !== condition.onlyIfMatch)
    ) {
      return false;
    }
    this.entries.set(key, JSON.stringify(value));
    return true;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}

const SAFE_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/** JSON files under a folder; writes are atomic (write then rename) and conditional writes take a lock. */
export class FileStore implements Store {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private file(key: string): string {
    if (!SAFE_KEY.test(key)) throw new Error(`Unsafe store key: ${key}`);
    return path.join(this.root, `${key}.json`);
  }

  async get<T>(key: string): Promise<Entry<T> | null> {
    const text = await readFile(this.file(key), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return text === null ? null : { value: JSON.parse(text) as T, etag: contentEtag(text) };
  }

  async set(key: string, value: unknown, condition?: WriteCondition): Promise<boolean> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const text = JSON.stringify(value);
    if (!condition) {
      await this.write(file, text);
      return true;
    }
    return withLockFolder(`${file}.lock`, async () => {
      const current = await readFile(file, 'utf8').catch(() => null);
      if ('onlyIfNew' in condition && current !== null) return false;
      if ('onlyIfMatch' in condition && (current === null || contentEtag(current) !== condition.onlyIfMatch))
        return false;
      await this.write(file, text);
      return true;
    });
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const dir = path.join(this.root, prefix.replace(/\/$/, ''));
    const names = await readdir(dir).catch(() => [] as string[]);
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => `${prefix.replace(/\/?$/, '/')}${name.slice(0, -'.json'.length)}`)
      .sort();
  }

  private async write(file: string, text: string) {
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, file);
  }
}

const LOCK_STALE_MS = 10_000;

/**
 * Runs `work` while holding a lock folder: mkdir is atomic, so two processes (or two function
 * workers) cannot both hold it. A lock older than 10 s is taken to be left by a crashed process.
 */
export async function withLockFolder<T>(lock: string, work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await rmdir(lock).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50)));
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(lock).catch(() => {});
  }
}

/** Stands in when the store cannot be opened, so every use fails like an outage (the sender gets 503). */
export class UnavailableStore implements Store {
  private readonly reason: Error;

  constructor(reason: Error) {
    this.reason = reason;
  }

  async get<T>(): Promise<Entry<T> | null> {
    throw this.reason;
  }

  async set(): Promise<boolean> {
    throw this.reason;
  }

  async delete(): Promise<void> {
    throw this.reason;
  }

  async list(): Promise<string[]> {
    throw this.reason;
  }
}
