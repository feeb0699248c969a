import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlobsSandbox, type BlobsSandbox } from './support/blobs-sandbox.ts';
import { startIntakeServer } from './support/intake-server.ts';

// The per-address limit the way `npm start` and `npm run preview` run it: Netlify's dev tools give
// every function call a fresh worker thread, so nothing in a module's memory lasts between requests.
// The server here loads the adapters anew for each request and keeps data in the Blobs sandbox (a
// BlobsServer over a temp folder, as Netlify's dev tools run it). A limit kept in memory let all
// twelve posts through; kept in the store, the eleventh is refused.

const root = fileURLToPath(new URL('../..', import.meta.url));
const ADDRESS = '203.0.113.7';

let sandbox: BlobsSandbox;
let server: { url: string; close(): Promise<void> };
let dataDir: string;
let sandboxDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'intake-limit-data-'));
  sandboxDir = await mkdtemp(path.join(tmpdir(), 'intake-limit-blobs-'));
  sandbox = await startBlobsSandbox(sandboxDir, 'limit-site');
  for (const name of [
    'INTAKE_STORAGE',
    'SITE_URL',
    'URL',
    'RESEND_API_KEY',
    'RATE_LIMIT_MAX',
    'RATE_LIMIT_WINDOW_SECONDS',
  ]) {
    delete process.env[name];
  }
  Object.assign(process.env, {
    NETLIFY_BLOBS_CONTEXT: sandbox.context,
    BLOBS_SANDBOX_DIR: sandboxDir,
    DATA_DIR: dataDir,
    CONTENT_DIR: path.join(root, 'test/fixtures/intake/content'),
  });
  server = await startIntakeServer({ freshPerRequest: true });
});

afterAll(async () => {
  await server?.close();
  await sandbox?.stop();
  delete process.env.NETLIFY_BLOBS_CONTEXT;
  await rm(dataDir, { recursive: true, force: true });
  await rm(sandboxDir, { recursive: true, force: true });
});

const send = (from: string) =>
  fetch(`${server.url}/api/forms/coach-eoi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-client-ip': from },
    body: '{}',
  });

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the per-address limit when every request gets a fresh function instance', () => {
  it('refuses the 11th rapid post from one address with 429 and Retry-After, and lets another address in', async () => {
    const answers: Response[] = [];
    for (let i = 0; i < 12; i++) answers.push(await send(ADDRESS));
    expect(answers.map((answer) => answer.status)).toEqual([...Array(10).fill(422), 429, 429]);
    const retryAfter = Number(answers[10]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await answers[10]!.json()).toEqual({
      errors: [
        { field: 'form', message: `You have sent too many forms in a short time. Try again in ${retryAfter} seconds.` },
      ],
    });
    expect((await send('203.0.113.8')).status).toBe(422);
  });

  it('counts by the address the platform saw, whatever address header the client sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await fetch(`${server.url}/api/forms/coach-eoi`, {
        method: 'POST',
        // A client making up a new address each time, in the header the adapter once trusted.
        headers: {
          'content-type': 'application/json',
          'x-test-client-ip': '198.51.100.77',
          'x-nf-client-connection-ip': `192.0.2.${i}`,
        },
        body: '{}',
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(10).fill(422), 429]);
  });

  it('keeps the count in the Blobs sandbox under a hash, never the address itself', async () => {
    const files = await filesUnder(sandboxDir);
    const counts = files.filter((file) => file.includes(`${path.sep}limits${path.sep}`));
    expect(counts.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(file).not.toContain(ADDRESS);
      expect(await readFile(file, 'utf8')).not.toContain(ADDRESS);
    }
  });
});
