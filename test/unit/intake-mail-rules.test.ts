import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINK_SECRETS_PREFIX } from '../../functions/email/links.ts';
import { flushOutbox, type SubmissionRecord } from '../../functions/outbox.ts';
import { hashToken } from '../../functions/reference.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { post, testDeps } from './intake-support.ts';

// Two mail rules beyond what an email says: no raw confirmation token stays in the store once its
// email is delivered, and a typed address gets at most a few emails a day from the scheme.

const valid = (formId: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

const HOUR = 60 * 60 * 1000;

/** One submission's emails, in the order they were sent. */
const emailsOf = (harness: ReturnType<typeof testDeps>, reference: string) =>
  harness.mailer.emails.filter((email) => email.key.startsWith(`${reference}/`));

/** Every stored blob as text, keys included. */
const everyBlob = (entries: Map<string, string>) => [...entries].map(([key, value]) => `${key}\n${value}`);

describe('the confirmation token', () => {
  it('is nowhere in the store once its email is delivered, though the email carried it', async () => {
    const harness = testDeps();
    // Both WD emails (sent alone, with the CSV) go; the batch with the manager's request fails.
    harness.mailer.script.push({ ok: true }, { ok: true }, { ok: false, reason: 'Resend 500: down' });
    expect(
      (await handleFormPost(post('coachee-application', valid('coachee-application')), harness.deps, 'a')).status,
    ).toBe(201);
    await harness.settle();

    // Pending: the link waits apart from the stored email, which holds only a placeholder.
    const attempted = harness.mailer.calls[2]!.emails.find((email) => email.to === 'priya.shah@example.org')!;
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(attempted.text)![1]!;
    const [submissionKey] = await harness.store.list('submissions/');
    const record = (await harness.store.get<SubmissionRecord>(submissionKey!))!.value;
    expect(JSON.stringify(record)).not.toContain(token);
    expect(JSON.stringify(record.batches[0]!.emails)).toContain('{{confirm-link}}');
    expect(await harness.store.list(LINK_SECRETS_PREFIX)).toHaveLength(1);

    harness.advance(HOUR);
    const report = await flushOutbox(harness.deps);
    expect(report.pending).toEqual([]);
    const delivered = harness.mailer.calls[3]!.emails.find((email) => email.to === 'priya.shah@example.org')!;
    // The retry is the same email, link included: the service's idempotency key stays truthful.
    expect(delivered).toEqual(attempted);

    expect(await harness.store.list(LINK_SECRETS_PREFIX)).toEqual([]);
    const blobs = everyBlob(harness.store.entries);
    expect(blobs.length).toBeGreaterThan(2);
    for (const blob of blobs) expect(blob).not.toContain(token);
    // Only the token's hash remains, which is what the link is checked against.
    expect(blobs.some((blob) => blob.includes(hashToken(token)))).toBe(true);
  });

  it('delivered at once: no link is left behind either', async () => {
    const harness = testDeps();
    await handleFormPost(post('coaching-agreement', valid('coaching-agreement')), harness.deps, 'a');
    await harness.settle();
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(
      harness.mailer.emails.find((email) => email.carriesLink)!.text,
    )![1]!;
    for (const blob of everyBlob(harness.store.entries)) expect(blob).not.toContain(token);
  });
});

describe('at most three emails a day to one typed address', () => {
  const application = (n: number, overrides: Record<string, string> = {}) =>
    post('coachee-application', { ...valid('coachee-application'), email: `applicant${n}@example.org`, ...overrides });

  it('the fourth request to one manager is held; the form still reaches WD, who are told, and the sender is told', async () => {
    const harness = testDeps();
    for (let n = 1; n <= 3; n++) expect((await handleFormPost(application(n), harness.deps, 'a')).status).toBe(201);
    const fourth = await handleFormPost(application(4), harness.deps, 'a');
    expect(fourth.status).toBe(201);
    const answer = (await fourth.json()) as { reference: string; held: string[] };
    expect(answer.held).toEqual(['request']);
    await harness.settle();

    const last = emailsOf(harness, answer.reference);
    expect(last.map((email) => email.to)).toEqual([
      'wd-eastmere-children@example.org',
      'WD-Northfield@example.org',
      'applicant4@example.org',
    ]);
    expect(last[0]!.text).toContain(
      'Not confirmed: we could not email the line manager a link to confirm, because that address has already had as many emails from us as we send in one day. Please contact them to confirm it.',
    );
    expect(last[0]!.text).not.toContain('Awaiting confirmation');
    // The HTML part says it too, in bold, where WD reads first.
    expect(last[0]!.html).toContain(
      '<p><strong>Not confirmed: we could not email the line manager a link to confirm, because that address has already had as many emails from us as we send in one day. Please contact them to confirm it.</strong></p><p>Reference: ',
    );
    expect(last[2]!.text).toContain(
      'We could not email the line manager a link to confirm the coaching application. Workforce development has your form and will contact them.',
    );
    const record = (await harness.store.get<SubmissionRecord>(`submissions/${answer.reference}`))!.value;
    expect(record.held).toEqual(['request']);
    expect(record.confirmation).toBeUndefined();
    expect(harness.mailer.emails.filter((email) => email.to === 'priya.shah@example.org')).toHaveLength(3);
  });

  it('counts any mix of letter case as one address, and the sender’s receipt too; a plain POST is sent to a page that says so', async () => {
    const harness = testDeps();
    for (let n = 1; n <= 3; n++) {
      await handleFormPost(
        application(n, { email: 'Same.Person@example.org', managerEmail: `manager${n}@example.org` }),
        harness.deps,
        'a',
      );
    }
    const form = new URLSearchParams({
      ...valid('coachee-application'),
      email: 'SAME.person@example.org',
      managerEmail: 'manager4@example.org',
    });
    const response = await handleFormPost(
      new Request('https://coaching.example.org/api/forms/coachee-application', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      }),
      harness.deps,
      'a',
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/apply-for-coaching\/sent\/APP-[A-Z0-9-]+\/\?held=receipt$/);
    await harness.settle();
    const last = emailsOf(harness, /APP-[A-Z0-9-]+(?=\/)/.exec(response.headers.get('location')!)![0]);
    expect(last.map((email) => email.to)).toEqual([
      'wd-eastmere-children@example.org',
      'WD-Northfield@example.org',
      'manager4@example.org',
    ]);
    expect(last[0]!.text).toContain(
      'We could not send the sender their receipt, because that address has already had as many emails from us as we send in one day.',
    );
    expect(last[0]!.html).toContain(
      '<p><strong>We could not send the sender their receipt, because that address has already had as many emails from us as we send in one day. The reference was shown to them when they sent the form.</strong></p>',
    );
  });

  it('starts again the next day, and keeps only a hash of each address', async () => {
    const harness = testDeps();
    for (let n = 1; n <= 4; n++) await handleFormPost(application(n), harness.deps, 'a');
    harness.advance(24 * HOUR);
    const next = await handleFormPost(application(5), harness.deps, 'a');
    expect(await next.json()).not.toHaveProperty('held');
    for (const blob of everyBlob(harness.store.entries).filter((blob) => blob.startsWith('recipients/'))) {
      expect(blob).not.toContain('priya');
    }
    // The outbox run clears the ended day's counts.
    const report = await flushOutbox(harness.deps);
    expect(report.limitsCleared).toBeGreaterThanOrEqual(5);
  });
});

describe('where links and addresses come from', () => {
  it('deployed with no SITE_URL or URL: the form is refused with one log line, and no link is built from Host', async () => {
    const harness = testDeps();
    harness.deps.config = { ...harness.deps.config, siteUrl: undefined, deployed: true };
    const response = await handleFormPost(
      new Request('https://attacker.example/api/forms/coachee-application', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(valid('coachee-application')),
      }),
      harness.deps,
      'a',
    );
    expect(response.status).toBe(503);
    expect(harness.logs).toEqual([
      'SITE_URL and URL are both unset on a deployed site: refusing to build a link from the request’s Host header; set SITE_URL',
    ]);
    expect(harness.mailer.calls).toEqual([]);
    expect(await harness.store.list('submissions/')).toEqual([]);
  });

  it('locally with no SITE_URL, the link starts with the origin the request came to', async () => {
    const harness = testDeps();
    harness.deps.config = { ...harness.deps.config, siteUrl: undefined, deployed: false };
    await handleFormPost(
      new Request('http://localhost:4321/api/forms/coachee-application', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(valid('coachee-application')),
      }),
      harness.deps,
      'a',
    );
    await harness.settle();
    expect(harness.mailer.emails.find((email) => email.carriesLink)!.text).toMatch(
      /http:\/\/localhost:4321\/confirm\/[A-Za-z0-9_-]{43}\//,
    );
  });

  it('the adapters take the client address from the platform’s context, never from a header', async () => {
    const { clientAddress } = await import('../../netlify/functions/_shared/intake.mts');
    const request = new Request('https://coaching.example.org/api/forms/coach-eoi', {
      headers: { 'x-nf-client-connection-ip': '192.0.2.1', 'x-forwarded-for': '192.0.2.2' },
    });
    expect(clientAddress(request, { ip: '198.51.100.7' })).toBe('198.51.100.7');
    expect(clientAddress(request, undefined)).toBe('local');
  });
});

describe('a copy of the site that cannot send email', () => {
  it('a production build without RESEND_API_KEY stops with one sentence naming it; previews may build', async () => {
    const { missingEmailSetting } = await import('../../integrations/email-required.ts');
    expect(missingEmailSetting({ CONTEXT: 'production' })).toBe(
      'RESEND_API_KEY is not set: a production deploy must send email, so set RESEND_API_KEY in Netlify (Site configuration → Environment variables) and deploy again.',
    );
    expect(missingEmailSetting({ CONTEXT: 'production', RESEND_API_KEY: 're_test' })).toBeUndefined();
    expect(missingEmailSetting({ CONTEXT: 'deploy-preview' })).toBeUndefined();
    expect(missingEmailSetting({})).toBeUndefined();
  });

  it('is known to the pages at build time: a deploy preview without a key does not send email', async () => {
    const { sendsEmail } = await import('../../functions/config.ts');
    expect(sendsEmail({ CONTEXT: 'deploy-preview' })).toBe(false);
    expect(sendsEmail({ CONTEXT: 'branch-deploy' })).toBe(false);
    expect(sendsEmail({ CONTEXT: 'deploy-preview', RESEND_API_KEY: 're_test' })).toBe(true);
    expect(sendsEmail({})).toBe(true);
  });
});

describe('the sent page after an email was held', () => {
  const template =
    '<!doctype html><title>Sent</title><main><p data-reference-root></p><div data-email-root><p>We are sending you a confirmation email.</p></div></main>';

  it('says which email could not go, in the words from content, and ignores anything else in ?held=', async () => {
    const { handleSentPage } = await import('../../functions/sent.ts');
    const harness = testDeps({ fetchPage: async () => template });
    const page = await (
      await handleSentPage(
        new Request('https://coaching.example.org/apply-for-coaching/sent/APP-7KQ3-M9TX/?held=receipt,<script>'),
        harness.deps,
      )
    ).text();
    const content = await harness.deps.loadContent('coachee-application');
    expect(page).toContain(`<div class="callout" data-email-not-sent><p>${content.settings.receiptNotSent}</p></div>`);
    expect(page).not.toContain(content.settings.requestNotSent);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('We are sending you a confirmation email.');
    const plain = await (
      await handleSentPage(
        new Request('https://coaching.example.org/apply-for-coaching/sent/APP-7KQ3-M9TX/'),
        harness.deps,
      )
    ).text();
    expect(plain).toContain('We are sending you a confirmation email.');
  });
});
