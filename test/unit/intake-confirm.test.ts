import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleConfirm } from '../../functions/confirm.ts';
import { RateLimiter } from '../../functions/limits.ts';
import type { SubmissionRecord } from '../../functions/outbox.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { post, testDeps } from './intake-support.ts';

// The confirmation link's refusals, each with its exact words: a method it does not take, a
// confirmation posted from another site, too many attempts from one address, a body it cannot read,
// and storage that is down. None of them confirms anything.

const valid = (formId: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

/** An agreement sent and its request delivered: the coach's link, and a way to use it. */
async function agreementLink(harness = testDeps()) {
  const response = await handleFormPost(post('coaching-agreement', valid('coaching-agreement')), harness.deps, 'a');
  const { reference } = (await response.json()) as { reference: string };
  await harness.settle();
  const request = harness.mailer.emails.find((email) => email.to === 'alex.morgan@example.org')!;
  const url = /\n(https:\/\/coaching\.example\.org\/confirm\/[A-Za-z0-9_-]{43}\/)\n/.exec(request.text)![1]!;
  const confirmWith = (init: RequestInit) => handleConfirm(new Request(url, init), harness.deps, 'a');
  const record = async () => (await harness.store.get<SubmissionRecord>(`submissions/${reference}`))!.value;
  return { ...harness, reference, url, confirmWith, record };
}

const asForm = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body,
});

const asJson = (body: object, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('a confirmation link refuses', () => {
  it('a method other than opening it or posting the name, with 405 and the methods it takes', async () => {
    const { confirmWith, record } = await agreementLink();
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await confirmWith({ method });
      expect([method, response.status, response.headers.get('allow')]).toEqual([method, 405, 'GET, HEAD, POST']);
      expect(await response.json()).toEqual({
        errors: [{ field: 'form', message: 'Open this link, or send the confirmation with POST' }],
      });
    }
    expect((await record()).confirmation?.confirmedAt).toBeUndefined();
  });

  it('a confirmation posted from another site, with 403, while the link still opens', async () => {
    const { confirmWith, record } = await agreementLink();
    // A JSON client's contract; what a browser is shown is in intake-pipeline.test.ts.
    const response = await confirmWith(asJson({ name: 'Alex Morgan' }, { origin: 'https://elsewhere.example' }));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [{ field: 'form', message: 'This form can only be sent from this website' }],
    });
    expect((await record()).confirmation?.confirmedAt).toBeUndefined();
    expect((await confirmWith({ method: 'GET', headers: { origin: 'https://elsewhere.example' } })).status).toBe(200);
  });

  it('a confirmation from the public site behind the proxy only when SITE_URL names it', async () => {
    const harness = await agreementLink();
    const local = harness.url.replace('https://coaching.example.org', 'http://localhost:8888');
    const behindProxy = () =>
      handleConfirm(
        new Request(local, asForm('name=Alex+Morgan', { origin: 'https://coaching.example.org' })),
        harness.deps,
        'a',
      );
    harness.deps.config = { ...harness.deps.config, siteUrl: undefined };
    expect((await behindProxy()).status).toBe(403);
    harness.deps.config = { ...harness.deps.config, siteUrl: 'https://coaching.example.org' };
    expect((await behindProxy()).status).toBe(303);
  });

  it('too many attempts from one address, saying how long to wait, and opening the link is not counted', async () => {
    const harness = testDeps();
    harness.deps.rateLimiter = new RateLimiter(harness.store, 2, 60_000);
    const { confirmWith, record, advance } = await agreementLink(harness);
    // The form post above was the first of the two this minute; opening the link is not counted.
    expect((await confirmWith({ method: 'GET' })).status).toBe(200);
    expect((await confirmWith(asForm('name='))).status).toBe(422);
    advance(15_000);
    // A JSON client's contract; what a browser is shown is in intake-pipeline.test.ts.
    const limited = await confirmWith(asJson({ name: 'Alex Morgan' }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(await limited.json()).toEqual({
      errors: [{ field: 'form', message: 'Too many attempts. Try again in 45 seconds.' }],
    });
    expect((await record()).confirmation?.confirmedAt).toBeUndefined();
    advance(45_000);
    expect((await confirmWith(asForm('name=Alex+Morgan'))).status).toBe(303);
  });

  it('a body it cannot read, with the reason, and confirms nothing', async () => {
    const { confirmWith, record } = await agreementLink();
    const wrongType = await confirmWith({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Alex' });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({
      errors: [{ field: 'form', message: 'Send the form as application/x-www-form-urlencoded or application/json' }],
    });
    const garbled = await confirmWith({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toEqual({ errors: [{ field: 'form', message: 'The form could not be read' }] });
    expect((await record()).confirmation?.confirmedAt).toBeUndefined();
  });

  it('to work while storage is down, saying so plainly, and the link works once it is back', async () => {
    const { confirmWith, deps, logs, record } = await agreementLink();
    const get = deps.store.get.bind(deps.store);
    deps.store.get = async () => {
      throw new Error('storage is down');
    };
    const response = await confirmWith({ method: 'GET' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(await response.json()).toEqual({
      errors: [{ field: 'form', message: 'This page is not working right now. Try again in a few minutes.' }],
    });
    expect(logs).toContain('confirm: storage is down');
    deps.store.get = get;
    expect((await confirmWith(asForm('name=Alex+Morgan'))).status).toBe(303);
    expect((await record()).confirmation?.confirmedName).toBe('Alex Morgan');
  });
});

describe('confirming through the link', () => {
  it('takes only its own address, opened or checked with HEAD, with or without the closing slash', async () => {
    const { url, deps } = await agreementLink();
    const token = /\/confirm\/([^/]+)\/$/.exec(url)![1]!;
    const open = (path: string, method = 'GET') =>
      handleConfirm(new Request(`https://coaching.example.org${path}`, { method }), deps, 'a');
    const page = await open(`/confirm/${token}/`);
    expect([page.status, page.headers.get('x-robots-tag')]).toEqual([200, 'noindex']);
    expect(await page.text()).toContain('name="name"');
    expect((await open(`/confirm/${token}`)).status).toBe(200);
    expect((await open(`/confirm/${token}/`, 'HEAD')).status).toBe(200);
    for (const path of [`/old/confirm/${token}/`, `/confirm/${token}/extra`, `/confirm/${token}//`]) {
      expect([path, (await open(path)).status]).toEqual([path, 404]);
    }
  });

  it('keeps the name typed when it is refused, and stores it on one line when accepted', async () => {
    const { confirmWith, record, logs, reference, mailer, settle } = await agreementLink();
    const refused = await confirmWith(asForm('name=12345'));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('value="12345"');
    const done = await confirmWith(asForm('name=Alex%0AMorgan'));
    expect(done.status).toBe(303);
    await settle();
    const stored = await record();
    expect(stored.confirmation?.confirmedName).toBe('Alex Morgan');
    expect(stored.batches.map((batch) => [batch.stage, batch.idempotencyKey])).toEqual([
      ['submitted', `${reference}/submitted`],
      ['confirmed', `${reference}/confirmed`],
    ]);
    expect(logs).toContain(`${reference}: confirmed`);
    // WD's follow-up: from the site's sender, with the submission attached as confirmed.
    const wd = mailer.emails.filter((email) => email.key.startsWith(`${reference}/confirmed/`));
    expect(wd.map((email) => [email.to, email.from])).toEqual([
      ['wd-eastmere-children@example.org', stored.batches[0]!.emails[0]!.from],
      ['WD-Northfield@example.org', stored.batches[0]!.emails[0]!.from],
    ]);
    // Keyed by the inbox as one address, whatever its letter case in the settings.
    expect(wd.map((email) => email.key)).toEqual([
      `${reference}/confirmed/wd-eastmere-children@example.org`,
      `${reference}/confirmed/wd-northfield@example.org`,
    ]);
    expect(wd[0]!.html).toContain(
      `<p>The coach has confirmed coaching agreement ${reference}.</p><p>They typed their name as: Alex Morgan</p>`,
    );
    const csv = Buffer.from(wd[0]!.attachments![0]!.content, 'base64').toString('utf8');
    expect(csv).toContain('Alex Morgan');
    expect(csv).toContain('2026-11-26T10:00:00.000Z');
  });

  it('answers on a bare page when the confirm page template cannot be fetched', async () => {
    const harness = testDeps({
      fetchPage: async (url) => {
        if (url.pathname === '/confirm/') throw new Error('404 /confirm/');
        return '';
      },
    });
    const { confirmWith } = await agreementLink(harness);
    const page = await (await confirmWith({ method: 'GET' })).text();
    expect(page).toContain('<main id="main-content" class="container"><div data-confirm-root><h1');
    expect(page).toContain('name="name"');
  });
});
