import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startIntakeServer } from './support/intake-server.ts';

// The functions started locally without Netlify's dev tools, so with no Blobs sandbox to talk to:
// a form is refused as "not sent" (never a crash, never a false success) and nothing is emailed.

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: { url: string; close(): Promise<void> };
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'intake-no-blobs-'));
  for (const name of ['INTAKE_STORAGE', 'NETLIFY_BLOBS_CONTEXT', 'RESEND_API_KEY', 'SITE_URL', 'URL'])
    delete process.env[name];
  Object.assign(process.env, { DATA_DIR: dataDir, CONTENT_DIR: path.join(root, 'test/fixtures/intake/content') });
  server = await startIntakeServer();
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('without a Blobs sandbox, a form is not sent: 503 and the usual words, and no email is written', async () => {
  const body = JSON.parse(readFileSync(path.join(root, 'test/fixtures/intake/schemas/coach-eoi.json'), 'utf8')).valid;
  const response = await fetch(`${server.url}/api/forms/coach-eoi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    errors: [{ field: 'form', message: 'Your form was not sent. Try again in a few minutes.' }],
  });
  expect(await readdir(dataDir)).toEqual([]);
});
