import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlobsSandbox, type BlobsSandbox } from './support/blobs-sandbox.ts';
import { startFakeResend, type FakeResend } from './support/fake-resend.ts';
import { startIntakeServer } from './support/intake-server.ts';

// The default local store, end to end: the adapters keep submissions in the Netlify Blobs sandbox
// (a BlobsServer over a temp folder, announced through NETLIFY_BLOBS_CONTEXT exactly as `npm start`
// and `npm run preview` do), the email service fails, and `npm run outbox:flush` (two copies at
// once, each starting its own BlobsServer over the same folder) delivers every email exactly once.

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(root, `test/fixtures/intake/schemas/${name}.json`), 'utf8')).valid as Record<
    string,
    unknown
  >;

let resend: FakeResend;
let sandbox: BlobsSandbox;
let server: { url: string; settled(): Promise<void>; close(): Promise<void> };
let dataDir: string;
let sandboxDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'intake-sandbox-data-'));
  sandboxDir = await mkdtemp(path.join(tmpdir(), 'intake-sandbox-blobs-'));
  resend = await startFakeResend();
  sandbox = await startBlobsSandbox(sandboxDir, 'sandbox-site');
  delete process.env.INTAKE_STORAGE;
  delete process.env.SITE_URL;
  delete process.env.URL;
  Object.assign(process.env, {
    NETLIFY_BLOBS_CONTEXT: sandbox.context,
    BLOBS_SANDBOX_DIR: sandboxDir,
    DATA_DIR: dataDir,
    CONTENT_DIR: path.join(root, 'test/fixtures/intake/content'),
    RESEND_API_KEY: 'test-key',
    RESEND_BASE_URL: resend.url,
    EMAIL_FROM: 'Coaching Scheme Hub <no-reply@example.org>',
  });
  server = await startIntakeServer();
});

afterAll(async () => {
  await server?.close();
  await sandbox?.stop();
  await resend?.close();
  delete process.env.NETLIFY_BLOBS_CONTEXT;
  await rm(dataDir, { recursive: true, force: true });
  await rm(sandboxDir, { recursive: true, force: true });
});

const send = (form: string, from: string) =>
  fetch(`${server.url}/api/forms/${form}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-client-ip': from },
    body: JSON.stringify(fixture(form)),
  });

/** Where the sandbox keeps a submission: its own folder layout, the same as .netlify/blobs-serve. */
const blobFile = (reference: string) =>
  path.join(sandboxDir, 'entries/sandbox-site/site:intake/submissions', reference);
const record = async (reference: string) => JSON.parse(await readFile(blobFile(reference), 'utf8'));

/** The CLI as a user runs it: no Blobs context of its own, only the sandbox folder and site. */
const flush = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NETLIFY_SITE_ID: sandbox.siteID };
  delete env.NETLIFY_BLOBS_CONTEXT;
  return run(process.execPath, ['scripts/outbox-flush.ts'], { cwd: root, env });
};

describe('the local Netlify Blobs sandbox, the default store', () => {
  const references: string[] = [];

  it('says so at /api/health', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(await response.json()).toMatchObject({
      ok: true,
      email: 'resend',
      storage: 'netlify blobs (local sandbox)',
      reasons: [],
    });
  });

  it('stores each form in the sandbox before answering, pending while the email service fails', async () => {
    for (const [n, form] of ['coach-eoi', 'coachee-application', 'coaching-agreement'].entries()) {
      resend.next.push('error');
      const response = await send(form, `sandbox-client-${n}`);
      expect(response.status).toBe(201);
      const { reference } = await response.json();
      references.push(reference);
      // Stored before the answer; the first send, made after it, failed.
      expect((await record(reference)).reference).toBe(reference);
      await server.settled();
      const stored = await record(reference);
      expect(stored.reference).toBe(reference);
      expect(stored.batches[0].sentAt).toBeUndefined();
      expect(stored.batches[0].lastError).toMatch(/Resend 500/);
    }
    expect(resend.deliveries).toEqual([]);
    // Nothing went to the file store.
    await expect(access(path.join(dataDir, 'store'))).rejects.toThrow();
  });

  it('`npm run outbox:flush`, twice at once, delivers every email exactly once and both exit 0', async () => {
    const outputs = await Promise.all([flush(), flush()]);
    for (const { stdout } of outputs) {
      expect(stdout).toContain(`Flushing the outbox in the Netlify Blobs sandbox in ${sandboxDir} (site sandbox-site)`);
      expect(stdout).toContain('nothing left pending');
    }
    const printed = outputs.map(({ stdout }) => stdout).join('\n');
    for (const reference of references) {
      // One of the two sent it; the other found it leased, waited, then found it delivered.
      expect(printed.split(`Sent ${reference} (submitted)`).length - 1).toBe(1);
      const stored = await record(reference);
      expect(stored.batches[0].sentAt).toBeTruthy();
      expect(stored.leaseUntil).toBeUndefined();
      const expected = stored.batches[0].emails.map((email: { to: string }) => email.to).sort();
      const delivered = resend.deliveries.filter((delivery) =>
        delivery.idempotencyKey.startsWith(`${reference}/submitted`),
      );
      expect(delivered.map((delivery) => delivery.to).sort()).toEqual(expected);
      // One accepted call per call of the batch (each WD email alone, the rest together): neither
      // process sent a call the other had sent.
      const accepted = resend.requests.filter(
        (request) => request.idempotencyKey.startsWith(`${reference}/submitted`) && request.status === 200,
      );
      expect(accepted.map((request) => request.idempotencyKey).sort()).toEqual(stored.batches[0].sentCalls.sort());
      expect(new Set(accepted.map((request) => request.idempotencyKey)).size).toBe(accepted.length);
    }
    expect(resend.duplicates()).toBe(0);

    const again = await flush();
    expect(again.stdout).toContain('Done: 0 emails sent, nothing left pending.');
  });

  it('leaves no write lock behind in the sandbox folder', async () => {
    expect(await readdir(path.join(sandboxDir, 'intake-locks'))).toEqual([]);
  });
});
