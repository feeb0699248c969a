import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDeployed, readConfig } from '../../functions/config.ts';
import { contentDir } from '../../functions/content.ts';
import { emlFileName, fileMailer, parseRetryAfter } from '../../functions/email/mailer.ts';
import { health } from '../../functions/health.ts';
import { chooseMailer } from '../../functions/runtime.ts';
import { MemoryStore } from '../../functions/store.ts';

describe('settings from the environment', () => {
  it('has safe defaults', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      siteUrl: undefined,
      dataDir: path.resolve('.data'),
      emailFrom: 'Coaching Scheme Hub <no-reply@example.org>',
      retentionDays: 30,
      rateLimitMax: 10,
      rateLimitWindowMs: 60_000,
      minFillMs: 3000,
      resendPerSecond: 2,
      deployed: false,
      storage: 'blobs-sandbox',
      blobsSandboxDir: path.resolve('.netlify/blobs-serve'),
    });
  });

  it('keeps submissions in Netlify Blobs: the local sandbox unless deployed; files only when asked', () => {
    expect(readConfig({}).storage).toBe('blobs-sandbox');
    expect(readConfig({ CONTEXT: 'production' }).storage).toBe('netlify-blobs');
    expect(readConfig({ INTAKE_STORAGE: 'files' }).storage).toBe('files');
    expect(readConfig({ BLOBS_SANDBOX_DIR: 'tmp/sandbox' }).blobsSandboxDir).toBe(path.resolve('tmp/sandbox'));
  });

  it('ignores nonsense numbers rather than failing', () => {
    expect(readConfig({ RETENTION_DAYS: 'forever', RATE_LIMIT_MAX: '-3' })).toMatchObject({
      retentionDays: 30,
      rateLimitMax: 10,
    });
  });

  it('knows Netlify from a local run', () => {
    expect(isDeployed({ CONTEXT: 'production' })).toBe(true);
    expect(isDeployed({ CONTEXT: 'deploy-preview' })).toBe(true);
    expect(isDeployed({ CONTEXT: 'production', NETLIFY_DEV: 'true' })).toBe(false);
    expect(isDeployed({ CONTEXT: 'dev' })).toBe(false);
    expect(readConfig({ CONTEXT: 'production' }).storage).toBe('netlify-blobs');
  });

  it('finds content/ from the project folder', () => {
    expect(contentDir({})).toBe(path.resolve('content'));
    expect(contentDir({ CONTENT_DIR: 'test/fixtures/intake/content' })).toBe(
      path.resolve('test/fixtures/intake/content'),
    );
  });
});

describe('choosing how to send email', () => {
  it('writes .eml files locally without a key; waits (not configured) on Netlify without one', () => {
    const log = () => {};
    expect(chooseMailer(readConfig({}), log).kind).toBe('files');
    expect(chooseMailer(readConfig({ CONTEXT: 'production' }), log).kind).toBe('not configured');
    expect(chooseMailer(readConfig({ CONTEXT: 'production', RESEND_API_KEY: 'test-key' }), log).kind).toBe('resend');
  });

  it('says so at /api/health: 503 with the reason on a deployed copy without a key, 200 otherwise', async () => {
    const config = readConfig({ CONTEXT: 'deploy-preview' });
    const outbox = { pendingEmails: 0, oldestPendingSeconds: 0, failingEmails: 0, awaitingConfirmation: 0 };
    const response = await health({
      config,
      mailer: chooseMailer(config, () => {}),
      store: new MemoryStore(),
      now: Date.now,
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ok: false,
      email: 'not configured',
      storage: 'netlify blobs',
      reasons: ['RESEND_API_KEY is not set, so this copy of the site sends no email'],
      outbox,
    });
    const local = readConfig({});
    const ok = await health({
      config: local,
      mailer: chooseMailer(local, () => {}),
      store: new MemoryStore(),
      now: Date.now,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      ok: true,
      email: 'local .eml files',
      storage: 'netlify blobs (local sandbox)',
      reasons: [],
      outbox,
    });
  });

  it.each([
    [{}, 'netlify blobs (local sandbox)'],
    [{ INTAKE_STORAGE: 'files' }, 'local files'],
    [{ CONTEXT: 'production', RESEND_API_KEY: 'test-key' }, 'netlify blobs'],
  ])('names the storage in use at /api/health (%o)', async (env, storage) => {
    const config = readConfig(env);
    const response = await health({
      config,
      mailer: chooseMailer(config, () => {}),
      store: new MemoryStore(),
      now: Date.now,
    });
    expect((await response.json()).storage).toBe(storage);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:05 GMT', Date.parse('2026-11-26T10:00:00Z'))).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('local .eml files', () => {
  it('are written one per email under $DATA_DIR/outbox, with the path logged and no address in the name or the log', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'intake-eml-'));
    const lines: string[] = [];
    const mailer = fileMailer(path.join(dir, 'outbox'), (line) => lines.push(line));
    const email = {
      key: 'EOI-2345-6789/submitted/wd-northfield@example.org',
      from: 'Coaching Scheme Hub <no-reply@example.org>',
      to: 'wd-northfield@example.org',
      replyTo: 'alex@example.org',
      subject: 'Coach expression of interest EOI-2345-6789 – Northfield',
      text: 'Hello',
      html: '<p>Hello</p>',
    };
    expect(await mailer.sendBatch([email], 'EOI-2345-6789/submitted')).toEqual({ ok: true });
    // A retry of the same batch replaces the file rather than adding a second one.
    await mailer.sendBatch([email], 'EOI-2345-6789/submitted');
    const files = await readdir(path.join(dir, 'outbox'));
    expect(files).toEqual([emlFileName(email)]);
    expect(files[0]).toMatch(/^EOI-2345-6789_submitted_[0-9a-f]{10}\.eml$/);
    const eml = await readFile(path.join(dir, 'outbox', files[0]!), 'utf8');
    expect(eml).toMatch(
      /^From: Coaching Scheme Hub <no-reply@example.org>\r\nTo: wd-northfield@example.org\r\nReply-To: alex@example.org\r\nSubject: =\?UTF-8\?B\?/,
    );
    expect(lines[0]).toBe(
      `Email written to ${path.relative(process.cwd(), path.join(dir, 'outbox', files[0]!))} (EOI-2345-6789/submitted)`,
    );
    expect(lines.join('\n')).not.toContain('@');
  });
});
