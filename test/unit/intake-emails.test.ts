import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toEml } from '../../functions/email/eml.ts';
import { forms } from '../../functions/forms/index.ts';
import type { SubmissionRecord } from '../../functions/outbox.ts';
import { handleConfirm } from '../../functions/confirm.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { post, testDeps } from './intake-support.ts';

// The emails, rendered from a hostile submission: HTML, an attempted header injection and direction
// overrides. Locked as file snapshots, so any change to their words shows up in review.

const valid = (formId: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

const HOSTILE = {
  name: 'Jordan <script>alert(1)</script> Lee',
  jobTitle: 'Social worker\r\nBcc: everyone@example.org',
  serviceArea: 'Adults \u202Egnidraugefas\u202C',
  reason1: '<img src=x onerror=alert(1)> & "quotes"\nSecond line',
  managerName: 'Priya\u0000 Shah',
};

/** Fixed random bytes: the same reference and link every run. */
const counting = () => {
  let n = 0;
  return (size: number) => Uint8Array.from({ length: size }, () => n++ % 240);
};

async function sendApplication() {
  const harness = testDeps({ random: counting() });
  const response = await handleFormPost(post('coachee-application', { ...valid('coachee-application'), ...HOSTILE }), harness.deps, 'a');
  expect(response.status).toBe(201);
  return harness;
}

describe('emails for a coaching application', () => {
  it('go in one batch: each WD inbox, the receipt and the manager’s request, one key per recipient', async () => {
    const { mailer } = await sendApplication();
    expect(mailer.calls).toHaveLength(1);
    const [call] = mailer.calls;
    expect(call!.idempotencyKey).toMatch(/^APP-[A-Z0-9]{4}-[A-Z0-9]{4}\/submitted$/);
    expect(call!.emails.map((email) => [email.to, email.key.replace(/^APP-[^/]+/, 'REF')])).toEqual([
      ['wd-eastmere-children@example.org', 'REF/submitted/wd-eastmere-children@example.org'],
      ['WD-Northfield@example.org', 'REF/submitted/wd-northfield@example.org'],
      ['jordan.lee@example.org', 'REF/submitted/jordan.lee@example.org'],
      ['priya.shah@example.org', 'REF/submitted/priya.shah@example.org'],
    ]);
  });

  it('to workforce development: every answer, escaped, marked as awaiting the manager', async () => {
    const { mailer } = await sendApplication();
    const email = mailer.calls[0]!.emails[0]!;
    expect(email.replyTo).toBe('jordan.lee@example.org');
    expect(email.subject).toMatch(/^Coaching application APP-\S+ – Eastmere$/);
    expect(email.text).toContain('Awaiting confirmation from the line manager.');
    expect(email.html).not.toMatch(/<script|<img|\u202E|\u0000/);
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.text).toContain('Social worker Bcc: everyone@example.org');
    await expect(email.text).toMatchFileSnapshot('../fixtures/intake/emails/application-wd.txt');
    await expect(email.html).toMatchFileSnapshot('../fixtures/intake/emails/application-wd.html');
  });

  it('to the applicant: the reference and next steps, none of their own words', async () => {
    const { mailer } = await sendApplication();
    const receipt = mailer.calls[0]!.emails[2]!;
    for (const typed of ['Jordan', 'Social worker', 'Adults', 'img', 'Priya', 'Shah']) {
      expect(receipt.text).not.toContain(typed);
      expect(receipt.html).not.toContain(typed);
      expect(receipt.subject).not.toContain(typed);
    }
    await expect(receipt.text).toMatchFileSnapshot('../fixtures/intake/emails/application-receipt.txt');
  });

  it('to the manager: what to confirm and the single-use link', async () => {
    const { mailer } = await sendApplication();
    const request = mailer.calls[0]!.emails[3]!;
    expect(request.text).toMatch(/Confirm it here: https:\/\/coaching\.example\.org\/confirm\/[A-Za-z0-9_-]{43}\//);
    expect(request.text).toContain('expires on 10 December 2026');
    await expect(request.text).toMatchFileSnapshot('../fixtures/intake/emails/application-manager.txt');
  });

  it('after the manager confirms: a short follow-up to WD with the same reference and their typed name', async () => {
    const { mailer, deps, store } = await sendApplication();
    const link = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(mailer.calls[0]!.emails[3]!.text)![1]!;
    const response = await handleConfirm(
      new Request(`https://coaching.example.org/confirm/${link}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Priya+%3Cb%3EShah%3C%2Fb%3E',
      }),
      deps,
      'a',
    );
    expect(response.status).toBe(303);
    const followUp = mailer.calls[1]!;
    expect(followUp.idempotencyKey).toMatch(/\/confirmed$/);
    expect(followUp.emails.map((email) => email.to)).toEqual(['wd-eastmere-children@example.org', 'WD-Northfield@example.org']);
    const reference = (await store.list('submissions/'))[0]!.split('/')[1]!;
    expect(followUp.emails[0]!.subject).toBe(`Confirmed: Coaching application ${reference} – Eastmere`);
    expect(followUp.emails[0]!.html).toContain('Priya &lt;b&gt;Shah&lt;/b&gt;');
    await expect(followUp.emails[0]!.text).toMatchFileSnapshot('../fixtures/intake/emails/application-confirmed.txt');
    const record = (await store.get<SubmissionRecord>(`submissions/${reference}`))!.value;
    expect(record.confirmation?.confirmedName).toBe('Priya <b>Shah</b>');
  });
});

describe('an interest with no second signature', () => {
  it('is not marked as awaiting anyone, and its receipt asks nobody to confirm', async () => {
    const harness = testDeps({ random: counting() });
    await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    const [wd, receipt] = harness.mailer.calls[0]!.emails;
    expect(harness.mailer.calls[0]!.emails).toHaveLength(2);
    expect(wd!.subject).toMatch(/^Coach expression of interest EOI-\S+ – Northfield$/);
    expect(wd!.text).not.toContain('Awaiting');
    expect(receipt!.text).not.toContain('confirm the');
    await expect(wd!.text).toMatchFileSnapshot('../fixtures/intake/emails/interest-wd.txt');
  });
});

describe('.eml files', () => {
  const email = {
    key: 'APP-2345-6789/submitted/wd@example.org',
    from: 'Coaching Scheme Hub <no-reply@example.org>',
    to: 'wd@example.org',
    replyTo: 'jordan@example.org',
    subject: 'Coaching application APP-2345-6789 – Hillside\r\nBcc: everyone@example.org',
    text: 'Plain ✓',
    html: '<p>HTML ✓</p>',
  };

  it('cannot gain a header from a line break in a subject', () => {
    const eml = toEml(email, { date: new Date('2026-11-26T10:00:00Z'), boundary: 'b-1', messageId: 'm-1' });
    const headers = eml.split('\r\n\r\n')[0]!.split('\r\n');
    expect(headers.filter((line) => /^bcc:/i.test(line))).toEqual([]);
    expect(headers).toContain('Reply-To: jordan@example.org');
    expect(headers.find((line) => line.startsWith('Subject:'))).toBe(
      `Subject: =?UTF-8?B?${Buffer.from('Coaching application APP-2345-6789 – Hillside Bcc: everyone@example.org').toString('base64')}?=`,
    );
  });

  it('carry the text and the HTML as alternatives', () => {
    const eml = toEml(email, { date: new Date('2026-11-26T10:00:00Z'), boundary: 'b-1', messageId: 'm-1' });
    expect(eml).toContain('Content-Type: multipart/alternative; boundary="b-1"');
    expect(eml).toContain(Buffer.from('Plain ✓').toString('base64'));
    expect(eml).toContain(Buffer.from('<p>HTML ✓</p>').toString('base64'));
    expect(eml.endsWith('--b-1--\r\n')).toBe(true);
  });
});

it('every form has a name for its email subject', () => {
  expect(Object.values(forms).map((form) => form.name)).toEqual([
    'Coach expression of interest',
    'Coaching application',
    'Coaching agreement',
  ]);
});
