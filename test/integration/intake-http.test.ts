import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rename, writeFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend } from './support/fake-resend.ts';
import { startIntakeServer } from './support/intake-server.ts';

// The intake over real HTTP: the Netlify adapters in a Node server, a fake Resend on loopback, the
// file store (INTAKE_STORAGE=files: data of its own that the tests can read and break), and
// `npm run outbox:flush` as a separate process on the same data. The default local store, the
// Netlify Blobs sandbox, has its own journey in intake-blobs-sandbox.test.ts.

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(root, `test/fixtures/intake/schemas/${name}.json`), 'utf8')).valid as Record<
    string,
    unknown
  >;

/** A plain browser POST body: repeated names for ticked boxes. */
const formBody = (values: Record<string, unknown>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    for (const item of [value].flat()) params.append(key, String(item));
  return params.toString();
};

let resend: FakeResend;
let server: { url: string; settled(): Promise<void>; close(): Promise<void> };
let dataDir: string;
let client = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'intake-http-'));
  resend = await startFakeResend();
  Object.assign(process.env, {
    INTAKE_STORAGE: 'files',
    DATA_DIR: dataDir,
    CONTENT_DIR: path.join(root, 'test/fixtures/intake/content'),
    RESEND_API_KEY: 'test-key',
    RESEND_BASE_URL: resend.url,
    RATE_LIMIT_MAX: '4',
    EMAILS_PER_ADDRESS_PER_DAY: '1000',
    EMAIL_FROM: 'Coaching Scheme Hub <no-reply@example.org>',
  });
  delete process.env.SITE_URL;
  delete process.env.URL;
  server = await startIntakeServer();
});

afterAll(async () => {
  await server?.close();
  await resend?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Each journey comes from its own address, so the per-address limit only bites where a test wants it. */
const send = (
  form: string,
  body: unknown,
  { type = 'application/json', headers = {} as Record<string, string>, from = `client-${++client}` } = {},
) =>
  fetch(`${server.url}/api/forms/${form}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': type, 'x-test-client-ip': from, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** Sends, then waits for what the function does after answering (the first delivery attempt). */
const sendAndSettle = async (...args: Parameters<typeof send>) => {
  const response = await send(...args);
  await server.settled();
  return response;
};

const record = async (reference: string) =>
  JSON.parse(await readFile(path.join(dataDir, 'store/submissions', `${reference}.json`), 'utf8'));

const delivered = (reference: string) =>
  resend.deliveries.filter((delivery) => delivery.idempotencyKey.startsWith(`${reference}/`));

const references: string[] = [];

describe('sending forms over HTTP while the email service misbehaves', () => {
  it('a working service: 201, and WD and the applicant get their emails', async () => {
    const response = await sendAndSettle('coach-eoi', fixture('coach-eoi'));
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    references.push(reference);
    expect(delivered(reference).map((delivery) => [delivery.to, delivery.replyTo])).toEqual([
      ['wd-northfield@example.org', 'alex.morgan@example.org'],
      ['alex.morgan@example.org', 'coaching@example.org'],
    ]);
    expect((await record(reference)).batches[0].sentAt).toBeTruthy();
  });

  it.each([
    ['429 with Retry-After', 'rate-limit' as const],
    ['500', 'error' as const],
  ])('%s: still 201 with a reference, and the submission waits as pending', async (_name, behaviour) => {
    resend.next.push(behaviour);
    const response = await sendAndSettle('coachee-application', fixture('coachee-application'));
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    references.push(reference);
    const stored = await record(reference);
    expect(stored.batches[0].sentAt).toBeUndefined();
    expect(stored.batches[0].lastError).toMatch(behaviour === 'error' ? /Resend 500/ : /Resend 429/);
    expect(delivered(reference)).toEqual([]);
  });

  it('a timeout (the service sent it but its answer was lost): 201, pending', async () => {
    resend.next.push('hang-after-accepting');
    const response = await sendAndSettle('coaching-agreement', fixture('coaching-agreement'));
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    references.push(reference);
    expect((await record(reference)).batches[0].sentAt).toBeUndefined();
    // The first call (the first WD email, alone with its CSV) went through; its answer never came.
    expect(delivered(reference).map((delivery) => delivery.to)).toEqual(['wd-eastmere-children@example.org']);
  });

  it('then `npm run outbox:flush` delivers every email exactly once and exits 0', async () => {
    const { stdout } = await run(process.execPath, ['scripts/outbox-flush.ts'], { cwd: root, env: process.env });
    for (const reference of references.slice(1)) expect(stdout).toContain(`Sent ${reference} (submitted)`);
    expect(stdout).toContain('nothing left pending');
    // References, stages and counts only: no address.
    expect(stdout).not.toContain('@');
    for (const reference of references) {
      const stored = await record(reference);
      const expected = stored.batches[0].emails.map((email: { to: string }) => email.to).sort();
      expect(
        delivered(reference)
          .map((delivery) => delivery.to)
          .sort(),
      ).toEqual(expected);
      expect(stored.batches[0].sentAt).toBeTruthy();
    }
    expect(resend.duplicates()).toBe(0);
    // Every retry reused its call's key: the batch's, or a WD email's own.
    const keys = new Set(resend.requests.map((request) => request.idempotencyKey));
    const calls = (await Promise.all(references.map(record))).flatMap(
      (stored) => stored.batches[0].sentCalls as string[],
    );
    expect([...keys].sort()).toEqual(calls.sort());
    // One WD email each for the interest, two for each application (Eastmere has two inboxes), two for the agreement.
    expect(calls.filter((key) => key.includes('/submitted/wd-'))).toHaveLength(7);

    const again = await run(process.execPath, ['scripts/outbox-flush.ts'], { cwd: root, env: process.env });
    expect(again.stdout).toContain('Done: 0 emails sent, nothing left pending.');
  });

  it('`outbox:flush --now` 31 days on: the expired link is reported to WD and the applicant, and delivered submissions are deleted', async () => {
    const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000).toISOString();
    const { stdout } = await run(process.execPath, ['scripts/outbox-flush.ts', '--now', later], {
      cwd: root,
      env: process.env,
    });
    expect(stdout).toMatch(/clock set to \d{4}-\d\d-\d\dT/);
    const [interest, application1, application2, agreement] = references as [string, string, string, string];
    for (const reference of [interest])
      expect(stdout).toContain(`Deleted ${reference} (delivered more than 30 days ago)`);
    // The second signatures were never given: each gets its expiry notices now, and so is kept for
    // another 30 days from this delivery.
    for (const reference of [application1, application2, agreement]) {
      expect(stdout).toContain(`Added ${reference} (expired)`);
      expect(stdout).toMatch(new RegExp(`Sent ${reference} \\(expired\\): \\d emails`));
      expect(stdout).not.toContain(`Deleted ${reference}`);
      expect((await record(reference)).batches.map((batch: { stage: string }) => batch.stage)).toEqual([
        'submitted',
        'expired',
      ]);
    }
    expect(stdout).not.toContain('@');
    await expect(readFile(path.join(dataDir, 'store/submissions', `${interest}.json`))).rejects.toThrow();
  });
});

describe('the scheduled outbox function', () => {
  it('sends a pending submission once its backoff has run out, and leaves it alone before', async () => {
    resend.next.push('error');
    const response = await sendAndSettle('coach-eoi', fixture('coach-eoi'));
    const { reference } = await response.json();
    const scheduled = (await import('../../netlify/functions/outbox.mts')).default as () => Promise<void>;
    await scheduled();
    expect(delivered(reference)).toEqual([]);
    // Fifteen seconds later, as far as the record is concerned.
    const file = path.join(dataDir, 'store/submissions', `${reference}.json`);
    const stored = await record(reference);
    stored.batches[0].nextAttemptAt = new Date(Date.now() - 1000).toISOString();
    await writeFile(file, JSON.stringify(stored));
    await scheduled();
    expect(delivered(reference).map((delivery) => delivery.to)).toEqual([
      'wd-northfield@example.org',
      'alex.morgan@example.org',
    ]);
    expect((await record(reference)).batches[0].sentAt).toBeTruthy();
  });
});

describe('the endpoint contract', () => {
  it('201 JSON, 303 for a plain POST', async () => {
    const plain = await send('coach-eoi', formBody(fixture('coach-eoi')), {
      type: 'application/x-www-form-urlencoded',
    });
    expect(plain.status).toBe(303);
    const location = plain.headers.get('location')!;
    expect(location).toMatch(/^\/become-a-coach\/sent\/EOI-[A-Z0-9]{4}-[A-Z0-9]{4}\/$/);
    const page = await fetch(`${server.url}${location}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(location.split('/')[3]);
  });

  it('422 with every error as JSON, and as the form page for a plain POST', async () => {
    const json = await send('coachee-application', { ...fixture('coachee-application'), email: 'nope', reason1: '' });
    expect(json.status).toBe(422);
    expect(await json.json()).toEqual({
      errors: [
        { field: 'email', message: 'Enter your work email address in the correct format, like name@example.org' },
        { field: 'reason1', message: 'Enter your main reason for wanting coaching' },
      ],
    });
    const plain = await send('coachee-application', 'name=Jordan+%3Cb%3E', {
      type: 'application/x-www-form-urlencoded',
    });
    expect(plain.status).toBe(422);
    const page = await plain.text();
    expect(page).toContain('<title>Error: ');
    expect(page).toContain('value="Jordan &lt;b&gt;"');
    expect(page).toContain('Enter your job title');
  });

  it.each([
    ['400 for a malformed body', 400, () => send('coach-eoi', '{"name":')],
    [
      '403 for another site',
      403,
      () => send('coach-eoi', {}, { headers: { origin: 'https://elsewhere.example.net' } }),
    ],
    ['405 for GET', 405, () => fetch(`${server.url}/api/forms/coach-eoi`)],
    ['413 over 64 KB', 413, () => send('coach-eoi', { experience: 'x'.repeat(70_000) })],
    ['415 for other content types', 415, () => send('coach-eoi', 'hello', { type: 'text/plain' })],
  ])('%s', async (_name, status, request) => {
    const response = await request();
    expect(response.status).toBe(status);
    expect((await response.json()).errors[0]).toMatchObject({ field: 'form' });
  });

  it('429 with Retry-After after too many forms from one address', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await send('coach-eoi', {}, { from: 'busy-client' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('reports its email and storage settings at /api/health', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, email: 'resend', storage: 'local files', reasons: [] });
  });
});

describe('the second signature over HTTP', () => {
  it('the manager opens the link, confirms once, and WD gets the follow-up', async () => {
    const response = await sendAndSettle('coachee-application', fixture('coachee-application'));
    const { reference } = await response.json();
    const request = delivered(reference).find((delivery) => delivery.to === 'priya.shah@example.org')!;
    const link = /^(https?:\/\/\S+\/confirm\/\S+)$/m.exec(request.text)![1]!;
    expect(link.startsWith(`${server.url}/confirm/`)).toBe(true);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(reference);
    const confirm = () =>
      fetch(link, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Priya+Shah',
      });
    const done = await confirm();
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/confirm/done/');
    await server.settled();
    expect(
      delivered(reference)
        .filter((delivery) => delivery.idempotencyKey.startsWith(`${reference}/confirmed`))
        .map((d) => d.subject),
    ).toEqual([
      `Confirmed: Coaching application ${reference} – Eastmere`,
      `Confirmed: Coaching application ${reference} – Eastmere`,
    ]);
    expect((await confirm()).status).toBe(410);
  });
});

describe('when storage fails', () => {
  it('never answers success, says the form was not sent, and sends nothing', async () => {
    const folder = path.join(dataDir, 'store/submissions');
    await rename(folder, `${folder}-moved`);
    // A file where the folder should be: every write fails, as in a storage outage.
    await writeFile(folder, 'not a folder');
    const before = resend.deliveries.length;
    try {
      const json = await send('coachee-application', fixture('coachee-application'));
      expect(json.status).toBe(503);
      expect(await json.json()).toEqual({
        errors: [{ field: 'form', message: 'Your form was not sent. Try again in a few minutes.' }],
      });
      const plain = await send('coach-eoi', formBody(fixture('coach-eoi')), {
        type: 'application/x-www-form-urlencoded',
      });
      expect(plain.status).toBe(503);
      expect(plain.headers.get('location')).toBeNull();
      const page = await plain.text();
      expect(page).toContain(
        'Your form has not been sent because something went wrong on our side. Nothing has been stored. Try again in a few minutes.',
      );
      expect(page).toContain('value="Alex Morgan"');
      expect(resend.deliveries.length).toBe(before);
    } finally {
      await rm(folder, { force: true });
      await rename(`${folder}-moved`, folder);
      await mkdir(folder, { recursive: true });
    }
  });
});
