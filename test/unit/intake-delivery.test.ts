import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { hashToken } from '../../functions/reference.ts';
import { describe, expect, it } from 'vitest';
import { clockFrom } from '../../functions/clock.ts';
import { handleConfirm } from '../../functions/confirm.ts';
import { fileMailer } from '../../functions/email/mailer.ts';
import type { OutgoingEmail } from '../../functions/email/messages.ts';
import { handleEmailEvent } from '../../functions/email-events.ts';
import { followUpPlanner } from '../../functions/follow-ups.ts';
import { health, healthReasons, outboxStatus } from '../../functions/health.ts';
import { flushOutbox, updateRecord, type SubmissionRecord } from '../../functions/outbox.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { post, testDeps } from './intake-support.ts';

// What happens after a submission is stored, with a clock the tests set: retention counted from
// delivery, the second signer's reminder and the expiry notices, the CSV for WD, health's counts,
// Resend's signed delivery webhooks, and logs that carry no personal data.

const DAY = 24 * 60 * 60 * 1000;
const valid = (formId: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

/** Words the applicant and the manager typed in the application fixture. */
const TYPED = ['Jordan', 'Lee', 'Social worker', 'Adult safeguarding', '07700', 'confidence', 'Priya', 'Shah'];

async function sendApplication(harness = testDeps(), body: Record<string, unknown> = {}) {
  const response = await handleFormPost(
    post('coachee-application', { ...valid('coachee-application'), ...body }),
    harness.deps,
    'a',
  );
  expect(response.status).toBe(201);
  const { reference } = (await response.json()) as { reference: string };
  await harness.settle();
  const record = async () => (await harness.store.get<SubmissionRecord>(`submissions/${reference}`))?.value;
  const flush = () =>
    flushOutbox(harness.deps, { retentionDays: 30, followUps: followUpPlanner(harness.deps), force: true });
  return { ...harness, reference, record, flush };
}

describe('retention, counted from delivery with a clock the test sets', () => {
  it('keeps a submission that waited 31 days in the outbox, then deletes it 30 days after it was delivered', async () => {
    const harness = testDeps();
    // The email service is down for the first month.
    for (let i = 0; i < 50; i++) harness.mailer.script.push({ ok: false, reason: 'Resend 500' });
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    const { reference } = await response.json();
    await harness.settle();
    harness.advance(31 * DAY);
    const pendingReport = await flushOutbox(harness.deps, { retentionDays: 30, force: true });
    expect(pendingReport.deleted).toEqual([]);
    expect(pendingReport.keptPending).toEqual([reference]);

    harness.mailer.script.length = 0;
    const delivered = await flushOutbox(harness.deps, { retentionDays: 30, force: true });
    expect(delivered.sent.map((item) => item.reference)).toEqual([reference]);
    // Delivered on day 31: counted from creation it would go now; counted from delivery it stays.
    expect(delivered.deleted).toEqual([]);
    harness.advance(30 * DAY - 1000);
    expect((await flushOutbox(harness.deps, { retentionDays: 30 })).deleted).toEqual([]);
    harness.advance(1000);
    expect((await flushOutbox(harness.deps, { retentionDays: 30 })).deleted).toEqual([reference]);
    expect(await harness.store.list('submissions/')).toEqual([]);
  });

  it('runs from INTAKE_CLOCK when it is set (outbox:flush --now), at the normal rate', () => {
    let real = 1_000_000;
    const clock = clockFrom({ INTAKE_CLOCK: '2027-01-31T09:00:00Z' }, () => real);
    expect(new Date(clock()).toISOString()).toBe('2027-01-31T09:00:00.000Z');
    real += 1500;
    expect(new Date(clock()).toISOString()).toBe('2027-01-31T09:00:01.500Z');
    expect(clockFrom({}, () => 42)()).toBe(42);
    expect(clockFrom({ INTAKE_CLOCK: 'next tuesday' }, () => 42)()).toBe(42);
  });
});

describe('second signatures followed up', () => {
  it('reminds the manager once on the configured day, then tells WD and the applicant on day 14', async () => {
    const harness = testDeps();
    harness.deps.config = { ...harness.deps.config, reminderDays: 5 };
    const { reference, mailer, advance, flush } = await sendApplication(harness);
    const sentTo = (stage: string) =>
      mailer.calls
        .filter((call) => call.idempotencyKey.startsWith(`${reference}/${stage}`))
        .flatMap((call) => call.emails);

    advance(5 * DAY - 60_000);
    expect((await flush()).followUps).toEqual([]);
    advance(60_000);
    expect((await flush()).followUps).toEqual([{ reference, stage: 'reminder' }]);
    const [reminder] = sentTo('reminder');
    expect(reminder!.to).toBe('priya.shah@example.org');
    expect(reminder!.subject).toBe(`Reminder: please confirm a coaching application: ${reference}`);
    expect(reminder!.text).toMatch(
      new RegExp(
        `^You have been asked to confirm a coaching application sent through Coaching Scheme Hub\\.\\n\\n` +
          `Confirm it here: https://coaching\\.example\\.org/confirm/[A-Za-z0-9_-]{43}/\\n\\n` +
          `The link works once and expires on 10 December 2026\\. If you did not expect this email, you do not need to do anything\\.\\n\\n` +
          `Reference: ${reference}\\n\\nCoaching Scheme Hub$`,
      ),
    );
    // A fresh single-use link (the first one's token left the store once delivered): only its hash is
    // kept, and nothing anyone typed is in the email.
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(reminder!.text)![1]!;
    expect(sentTo('submitted').find((email) => email.to === 'priya.shah@example.org')!.text).not.toContain(token);
    expect(await harness.store.get(`tokens/${hashToken(token)}`)).toBeDefined();
    for (const value of harness.store.entries.values()) expect(value).not.toContain(token);
    // The HTML part carries the same link, and the same words, with the reply going to the scheme.
    expect(reminder!.html).toBe(
      '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">' +
        `<title>Reminder: please confirm a coaching application: ${reference}</title></head><body>` +
        '<p>You have been asked to confirm a coaching application sent through Coaching Scheme Hub.</p>' +
        `<p><a href="https://coaching.example.org/confirm/${token}/">Check and confirm the coaching application</a></p>` +
        '<p>The link works once and expires on 10 December 2026. If you did not expect this email, you do not need to do anything.</p>' +
        `<p>Reference: ${reference}</p><p>Coaching Scheme Hub</p></body></html>`,
    );
    expect(reminder!.replyTo).toBe('coaching@example.org');
    for (const typed of TYPED) expect(`${reminder!.subject}${reminder!.text}${reminder!.html}`).not.toContain(typed);

    advance(DAY);
    expect((await flush()).followUps).toEqual([]);
    expect(sentTo('reminder')).toHaveLength(1);

    advance(8 * DAY - 60_000); // day 14, a minute before the link expires
    expect((await flush()).followUps).toEqual([]);
    advance(60_000);
    expect((await flush()).followUps).toEqual([{ reference, stage: 'expired' }]);
    const expired = sentTo('expired');
    expect(expired.map((email) => email.to)).toEqual([
      'wd-eastmere-children@example.org',
      'WD-Northfield@example.org',
      'jordan.lee@example.org',
    ]);
    expect(expired[0]!.subject).toBe(`Not confirmed: coaching application ${reference} – Eastmere`);
    expect(expired[0]!.text).toBe(
      `The line manager did not confirm coaching application ${reference} within 14 days, and the link has expired.\n\n` +
        'We have told the applicant. The submission is attached.',
    );
    expect(expired[0]!.attachments?.map((file) => file.filename)).toEqual([`${reference}.csv`, `${reference}.json`]);
    const applicant = expired[2]!;
    expect(applicant.subject).toBe(`Not confirmed: your coaching application ${reference}`);
    expect([applicant.key, applicant.replyTo]).toEqual([
      `${reference}/expired/jordan.lee@example.org`,
      'coaching@example.org',
    ]);
    expect(applicant.html).toBe(
      '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">' +
        `<title>Not confirmed: your coaching application ${reference}</title></head><body>` +
        `<p>The link we sent to the line manager to confirm your coaching application ${reference} has expired without being used.</p>` +
        '<p>We have told the workforce development team. If you still want to go ahead, email coaching@example.org and quote your reference.</p>' +
        '<p>Coaching Scheme Hub</p></body></html>',
    );
    expect(applicant.text).toBe(
      `The link we sent to the line manager to confirm your coaching application ${reference} has expired without being used.\n\n` +
        `We have told the workforce development team. If you still want to go ahead, email coaching@example.org and quote your reference.\n\n` +
        'Coaching Scheme Hub',
    );
    for (const typed of TYPED) expect(`${applicant.subject}${applicant.text}${applicant.html}`).not.toContain(typed);

    advance(DAY);
    expect((await flush()).followUps).toEqual([]);
    expect(sentTo('expired')).toHaveLength(3);
  });

  it('sends no reminder once the manager has confirmed', async () => {
    const harness = testDeps();
    const { mailer, deps, advance, flush, reference } = await sendApplication(harness);
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(
      mailer.emails.find((e) => e.to === 'priya.shah@example.org')!.text,
    )![1];
    const confirmed = await handleConfirm(
      new Request(`https://coaching.example.org/confirm/${token}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Priya+Shah',
      }),
      deps,
      'a',
    );
    expect(confirmed.status).toBe(303);
    advance(20 * DAY);
    expect((await flush()).followUps).toEqual([]);
    expect(mailer.calls.some((call) => /\/(reminder|expired)/.test(call.idempotencyKey))).toBe(false);
    expect(reference).toMatch(/^APP-/);
  });
});

/** A small CSV reader (quoted cells, doubled quotes, CRLF rows), enough to open the attachment. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  return rows;
}

const attachment = (email: OutgoingEmail, extension: string) =>
  Buffer.from(email.attachments!.find((file) => file.filename.endsWith(extension))!.content, 'base64').toString('utf8');

describe('data out for WD', () => {
  it('attaches the submission as CSV (BOM, one header row, one row, formulas neutralised) and as JSON', async () => {
    const { mailer, reference } = await sendApplication(testDeps(), {
      jobTitle: '=HYPERLINK("https://evil.example.net","Click")',
      serviceArea: '+44 team',
      reason1: '-1 day of leave',
      reason2: '@SUM(A1:A9)',
    });
    const wd = mailer.emails.filter((email) => email.key.includes('/submitted/wd-'));
    expect(wd).toHaveLength(2);
    const csv = attachment(wd[0]!, '.csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual([
      'reference',
      'form',
      'submittedAt',
      'confirmedAt',
      'confirmedName',
      'name',
      'jobTitle',
      'serviceArea',
      'organisation',
      'organisationOther',
      'phone',
      'email',
      'reason1',
      'reason2',
      'reason3',
      'identifiedInSupervision',
      'managerName',
      'managerEmail',
    ]);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header!.map((name, i) => [name, rows[0]![i]]));
    expect(row).toMatchObject({
      reference,
      form: 'coachee-application',
      submittedAt: '2026-11-26T10:00:00.000Z',
      // Not confirmed yet, and answers left blank: empty cells, never "undefined" or "null".
      confirmedAt: '',
      confirmedName: '',
      reason3: '',
      name: 'Jordan Lee',
      jobTitle: `'=HYPERLINK("https://evil.example.net","Click")`,
      serviceArea: `'+44 team`,
      reason1: `'-1 day of leave`,
      reason2: `'@SUM(A1:A9)`,
      managerEmail: 'priya.shah@example.org',
    });
    // Both inboxes get the same file; the JSON keeps the answers exactly as typed, for tools.
    expect(attachment(wd[1]!, '.csv')).toBe(csv);
    expect(wd[0]!.attachments!.map((file) => [file.filename, file.contentType])).toEqual([
      [`${reference}.csv`, 'text/csv; charset=utf-8'],
      [`${reference}.json`, 'application/json'],
    ]);
    expect(JSON.parse(attachment(wd[0]!, '.json'))).toMatchObject({
      reference,
      form: 'coachee-application',
      submittedAt: '2026-11-26T10:00:00.000Z',
      confirmedAt: null,
      confirmedName: null,
      answers: { jobTitle: '=HYPERLINK("https://evil.example.net","Click")', reason2: '@SUM(A1:A9)' },
    });
    // The applicant's receipt and the manager's request carry no attachment.
    expect(mailer.emails.filter((email) => email.attachments).map((email) => email.to)).toEqual([
      'wd-eastmere-children@example.org',
      'WD-Northfield@example.org',
    ]);
  });

  it('writes the attachment into the local .eml file too', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'intake-csv-'));
    const harness = testDeps({ mailer: fileMailer(dir, () => {}) });
    await sendApplication(harness);
    const files = await readdir(dir);
    const wd = await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')));
    const withCsv = wd.filter((eml) => /Content-Disposition: attachment; filename="APP-[A-Z0-9-]+\.csv"/.test(eml));
    expect(withCsv).toHaveLength(2);
    expect(withCsv[0]).toMatch(/^Content-Type: multipart\/mixed; boundary="/m);
    const base64 =
      /filename="APP-[A-Z0-9-]+\.csv"\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(
        withCsv[0]!,
      )![1]!;
    const csv = Buffer.from(base64.replace(/\s+/g, ''), 'base64').toString('utf8');
    expect(parseCsv(csv.slice(1))).toHaveLength(2);
  });
});

describe('health', () => {
  it('counts only the emails still owed, from when the owed stage was queued, and failing from the fifth attempt', async () => {
    const harness = testDeps();
    // WD's email goes; the applicant's receipt fails four times.
    harness.mailer.script.push({ ok: true }, { ok: false, reason: 'Resend 500' });
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    const { reference } = await response.json();
    await harness.settle();
    for (let i = 0; i < 3; i++) {
      harness.mailer.script.push({ ok: false, reason: 'Resend 500' });
      await flushOutbox(harness.deps, { force: true });
    }
    harness.advance(60_000);
    expect(await outboxStatus(harness.store, harness.deps.now())).toEqual({
      pendingEmails: 1,
      oldestPendingSeconds: 60,
      failingEmails: 0,
      awaitingConfirmation: 0,
    });
    harness.mailer.script.push({ ok: false, reason: 'Resend 500' });
    await flushOutbox(harness.deps, { force: true });
    expect((await outboxStatus(harness.store, harness.deps.now())).failingEmails).toBe(1);
    // Sent at last; a later stage is owed, queued 2 minutes ago: the age counts from its queueing.
    await flushOutbox(harness.deps, { force: true });
    await updateRecord(harness.store, reference, (record) => {
      record.batches.push({
        stage: 'later',
        idempotencyKey: `${reference}/later`,
        emails: [record.batches[0]!.emails[1]!],
        attempts: 0,
        queuedAt: new Date(harness.deps.now()).toISOString(),
      });
      return record;
    });
    harness.advance(120_000);
    expect(await outboxStatus(harness.store, harness.deps.now())).toEqual({
      pendingEmails: 1,
      oldestPendingSeconds: 120,
      failingEmails: 0,
      awaitingConfirmation: 0,
    });
  });

  it('counts a link awaiting confirmation until its last moment, and skips a record deleted meanwhile', async () => {
    const { deps, store, reference } = await sendApplication();
    const expiry = Date.parse('2026-12-10T10:00:00Z');
    expect((await outboxStatus(store, expiry - 1)).awaitingConfirmation).toBe(1);
    expect((await outboxStatus(store, expiry)).awaitingConfirmation).toBe(0);
    const list = store.list.bind(store);
    store.list = async (prefix) => {
      const keys = await list(prefix);
      await store.delete(`submissions/${reference}`);
      return keys;
    };
    expect(await outboxStatus(store, deps.now())).toEqual({
      pendingEmails: 0,
      oldestPendingSeconds: 0,
      failingEmails: 0,
      awaitingConfirmation: 0,
    });
  });

  it('gives its reasons: storage that cannot be read, and an email owed for longer than the limit, not as long', () => {
    const owed = (seconds: number) => ({
      pendingEmails: 1,
      oldestPendingSeconds: seconds,
      failingEmails: 0,
      awaitingConfirmation: 0,
    });
    expect(healthReasons(undefined, 60 * 60_000)).toEqual(['storage cannot be read']);
    expect(healthReasons(owed(3600), 60 * 60_000)).toEqual([]);
    expect(healthReasons(owed(3601), 60 * 60_000)).toEqual(['an email has been pending for more than 60 minutes']);
  });

  it('counts pending and failing emails, the oldest pending age and submissions awaiting confirmation, and 503s past the threshold', async () => {
    const harness = testDeps();
    harness.deps.config = { ...harness.deps.config, healthMaxPendingMs: 60 * 60_000 };
    await sendApplication(harness);
    for (let i = 0; i < 20; i++) harness.mailer.script.push({ ok: false, reason: 'Resend 500' });
    await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    // Four more failed attempts: five in all.
    for (let i = 0; i < 4; i++) await flushOutbox(harness.deps, { force: true });
    harness.advance(59 * 60_000);
    const fine = await health(harness.deps);
    expect(fine.status).toBe(200);
    const body = await fine.json();
    expect(body).toEqual({
      ok: true,
      email: 'resend',
      storage: 'netlify blobs (local sandbox)',
      reasons: [],
      outbox: { pendingEmails: 2, oldestPendingSeconds: 59 * 60, failingEmails: 2, awaitingConfirmation: 1 },
    });
    harness.advance(61_000);
    const late = await health(harness.deps);
    expect(late.status).toBe(503);
    const lateBody = await late.json();
    expect(lateBody.reasons).toEqual(['an email has been pending for more than 60 minutes']);
    // Counts only: no reference, no address.
    expect(JSON.stringify(lateBody)).not.toMatch(/@|EOI-|APP-/);
  });
});

// Resend signs webhooks the Standard Webhooks way; this signs them independently of the SDK.
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
function signed(body: string, { id = `msg_${randomBytes(8).toString('hex')}`, at = Date.now(), secret = SECRET } = {}) {
  const timestamp = String(Math.floor(at / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'svix-id': id,
    'svix-timestamp': timestamp,
    'svix-signature': `v1,${signature}`,
    'content-type': 'application/json',
  };
}
const eventBody = (type: string, to: string, reference: string, stage = 'submitted') =>
  JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: {
      email_id: 'fake-1',
      to: [to],
      subject: 'ignored',
      created_at: new Date().toISOString(),
      tags: { reference, stage },
    },
  });
const deliverEvent = (deps: ReturnType<typeof testDeps>['deps'], body: string, headers: Record<string, string>) =>
  handleEmailEvent(
    new Request('https://coaching.example.org/api/email-events', { method: 'POST', headers, body }),
    deps,
  );

describe('bounce and complaint alerts from Resend’s webhooks', () => {
  const harnessWithSecret = () => {
    const harness = testDeps();
    harness.deps.config = { ...harness.deps.config, webhookSecret: SECRET };
    return harness;
  };

  it('alerts the maintainers when a WD inbox bounces, with the reference and the inbox only, once per event', async () => {
    const { deps, mailer, reference, record, settle } = await sendApplication(harnessWithSecret());
    const body = eventBody('email.bounced', 'wd-eastmere-children@example.org', reference);
    const headers = signed(body);
    const response = await deliverEvent(deps, body, headers);
    expect(response.status).toBe(200);
    await settle();
    const alerts = mailer.calls
      .filter((call) => call.idempotencyKey.startsWith(`${reference}/alert-`))
      .flatMap((call) => call.emails);
    expect(alerts.map((email) => [email.to, email.subject])).toEqual([
      ['site-maintainers@example.org', `Email to a workforce development inbox bounced: ${reference}`],
    ]);
    expect(alerts[0]!.text).toBe(
      `An email about coaching application ${reference} to the workforce development inbox wd-eastmere-children@example.org bounced.\n\n` +
        'Check the inbox in the site settings or the partner organisation’s page in the CMS. The submission is kept until its emails are delivered; nothing else about it is in this email.',
    );
    expect(alerts[0]!.attachments).toBeUndefined();
    for (const typed of TYPED) expect(alerts[0]!.text + alerts[0]!.html).not.toContain(typed);
    expect((await record())!.events).toEqual([
      {
        at: '2026-11-26T10:00:00.000Z',
        type: 'bounced',
        recipient: 'workforce development',
        stage: 'submitted',
        eventId: headers['svix-id'],
      },
    ]);

    // Resend delivers the same event again: handled once.
    const again = await deliverEvent(deps, body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ handled: true, repeated: true });
    await settle();
    expect(mailer.calls.filter((call) => call.idempotencyKey.startsWith(`${reference}/alert-`))).toHaveLength(1);
    expect((await record())!.events).toHaveLength(1);
  });

  it('tells WD when the applicant’s or the manager’s address bounces, and records deliveries', async () => {
    const { deps, mailer, reference, record, settle } = await sendApplication(harnessWithSecret());
    for (const [type, to] of [
      ['email.delivered', 'wd-eastmere-children@example.org'],
      ['email.bounced', 'jordan.lee@example.org'],
      ['email.bounced', 'Priya.Shah@example.org'],
    ] as const) {
      const body = eventBody(type, to, reference);
      expect((await deliverEvent(deps, body, signed(body))).status).toBe(200);
    }
    await settle();
    expect((await record())!.events!.map((event) => [event.type, event.recipient])).toEqual([
      ['delivered', 'workforce development'],
      ['bounced', 'applicant'],
      ['bounced', 'line manager'],
    ]);
    const notices = mailer.calls
      .filter((call) => call.idempotencyKey.includes('/alert-'))
      .flatMap((call) => call.emails);
    expect(notices.map((email) => [email.to, email.subject])).toEqual([
      [
        'wd-eastmere-children@example.org',
        `Email to the person who sent the form bounced: coaching application ${reference}`,
      ],
      ['WD-Northfield@example.org', `Email to the person who sent the form bounced: coaching application ${reference}`],
      ['wd-eastmere-children@example.org', `Email to the line manager bounced: coaching application ${reference}`],
      ['WD-Northfield@example.org', `Email to the line manager bounced: coaching application ${reference}`],
    ]);
    expect(notices[0]!.text).toBe(
      `Our email about coaching application ${reference} to the person who sent the form bounced.\n\nPlease follow up with them another way. The submission is attached.`,
    );
    expect(notices[0]!.attachments?.map((file) => file.filename)).toEqual([`${reference}.csv`, `${reference}.json`]);
  });

  it('answers 401 and changes nothing for unsigned, wrongly signed, tampered, stale or replayed-late events', async () => {
    const { deps, mailer, reference, record, store, settle } = await sendApplication(harnessWithSecret());
    const before = JSON.stringify(await record());
    const callsBefore = mailer.calls.length;
    const body = eventBody('email.bounced', 'wd-eastmere-children@example.org', reference);
    const good = signed(body);
    const { 'svix-signature': _dropped, ...unsigned } = good;
    const cases: [string, string, Record<string, string>][] = [
      ['unsigned', body, unsigned],
      ['signed with another secret', body, signed(body, { secret: `whsec_${randomBytes(24).toString('base64')}` })],
      ['tampered body', body.replace('wd-eastmere-children', 'wd-northfield'), good],
      ['stale (10 minutes old)', body, signed(body, { at: Date.now() - 10 * 60_000 })],
      ['from the future', body, signed(body, { at: Date.now() + 10 * 60_000 })],
      [
        'a captured event replayed an hour later',
        body,
        signed(body, { id: good['svix-id'], at: Date.now() - 60 * 60_000 }),
      ],
    ];
    for (const [name, payload, headers] of cases) {
      const response = await deliverEvent(deps, payload, headers);
      expect(response.status, name).toBe(401);
      expect(await response.json(), name).toEqual({
        errors: [{ field: 'form', message: 'This event is not signed with our secret' }],
      });
    }
    await settle();
    expect(JSON.stringify(await record())).toBe(before);
    expect(mailer.calls).toHaveLength(callsBefore);
    expect(await store.list('submissions/')).toHaveLength(1);

    // Without a secret configured, nothing is accepted at all.
    deps.config = { ...deps.config, webhookSecret: undefined };
    expect((await deliverEvent(deps, body, good)).status).toBe(401);
  });

  it('records each event once, logs what it did in references and stages only, and alerts only on a bounce or complaint', async () => {
    const { deps, logs, reference, record, settle } = await sendApplication(harnessWithSecret());
    const kept: Promise<unknown>[] = [];
    const waitUntil = deps.waitUntil!;
    deps.waitUntil = (promise) => {
      kept.push(promise);
      waitUntil(promise);
    };
    logs.length = 0;
    const send = async (body: string, headers = signed(body)) => {
      const response = await deliverEvent(deps, body, headers);
      expect(response.status).toBe(200);
      return { answer: await response.json(), id: headers['svix-id'] };
    };
    // Resend's own header names as well as the Standard Webhooks ones; tags as Resend sends them (a list).
    const deliveredBody = JSON.stringify({
      type: 'email.delivered',
      data: {
        to: ' WD-Eastmere-Children@Example.org ',
        tags: [
          { name: 'stage', value: 'submitted' },
          { name: 'reference', value: reference },
        ],
      },
    });
    const standard = Object.fromEntries(
      Object.entries(signed(deliveredBody)).map(([name, value]) => [name.replace(/^svix-/, 'webhook-'), value]),
    );
    const delivered = await send(deliveredBody, standard as ReturnType<typeof signed>);
    expect(delivered.answer).toEqual({ handled: true });
    // Nothing to send for a delivery: no sending is started.
    expect(kept).toEqual([]);
    const complaint = await send(eventBody('email.complained', 'jordan.lee@example.org', reference));
    expect(complaint.answer).toEqual({ handled: true });
    const ownAlert = await send(eventBody('email.bounced', 'site-maintainers@example.org', reference, 'alert-1'));
    const wdComplaint = await send(eventBody('email.complained', 'wd-northfield@example.org', reference));
    expect(kept).toHaveLength(1);
    await settle();
    // The first event again, after others: still handled once.
    const again = await send(deliveredBody, standard as ReturnType<typeof signed>);
    expect(again.answer).toEqual({ handled: true, repeated: true });
    const alertStage = `alert-${createHash('sha256').update(wdComplaint.id).digest('hex').slice(0, 12)}`;
    expect(logs).toEqual([
      `${reference}: email event delivered recorded`,
      `${reference}: email event complained recorded`,
      `${reference}: email event bounced recorded`,
      `${reference}: email event complained recorded; ${alertStage} added`,
      `${reference}: email event delivered already handled`,
    ]);
    const stored = (await record())!;
    expect(stored.events!.map((event) => [event.type, event.recipient, event.stage, event.eventId])).toEqual([
      ['delivered', 'workforce development', 'submitted', standard['webhook-id']],
      ['complained', 'applicant', 'submitted', complaint.id],
      ['bounced', 'maintainers', 'alert-1', ownAlert.id],
      ['complained', 'workforce development', 'submitted', wdComplaint.id],
    ]);
    // The applicant's complaint and the maintainers' own bounce alert no one; WD's complaint alerts the maintainers.
    expect(stored.batches.map((batch) => batch.stage)).toEqual(['submitted', alertStage]);
    expect(stored.batches[1]!.emails.map((email) => email.to)).toEqual(['site-maintainers@example.org']);
  });

  it('ignores events whose reference tag is not exactly a reference, and one sent to one address as a string', async () => {
    const { deps, logs, reference, record } = await sendApplication(harnessWithSecret());
    logs.length = 0;
    for (const bad of [`x${reference}`, `${reference}x`]) {
      const body = eventBody('email.bounced', 'jordan.lee@example.org', bad);
      expect(await (await deliverEvent(deps, body, signed(body))).json()).toEqual({ handled: false });
    }
    const noAddress = JSON.stringify({ type: 'email.delivered', data: { tags: { reference } } });
    expect(await (await deliverEvent(deps, noAddress, signed(noAddress))).json()).toEqual({ handled: false });
    const single = JSON.stringify({
      type: 'email.delivered',
      data: { to: 'jordan.lee@example.org', tags: { reference } },
    });
    expect(await (await deliverEvent(deps, single, signed(single))).json()).toEqual({ handled: true });
    expect((await record())!.events!.map((event) => [event.type, event.recipient, event.stage])).toEqual([
      ['delivered', 'applicant', ''],
    ]);
    expect(logs).toEqual([
      'email event bounced: not about a submission; ignored',
      'email event bounced: not about a submission; ignored',
      'email event delivered: not about a submission; ignored',
      `${reference}: email event delivered recorded`,
    ]);
  });

  it('logs why it refused an event: no secret set, or a missing, wrong or stale signature', async () => {
    const { deps, logs } = harnessWithSecret();
    const body = eventBody('email.bounced', 'jordan.lee@example.org', 'APP-2345-6789');
    const { 'svix-id': _id, ...noId } = signed(body);
    expect((await deliverEvent(deps, body, noId)).status).toBe(401);
    deps.config = { ...deps.config, webhookSecret: undefined };
    const unset = await deliverEvent(deps, body, signed(body));
    expect(unset.status).toBe(401);
    expect(await unset.json()).toEqual({
      errors: [{ field: 'form', message: 'This event is not signed with our secret' }],
    });
    expect(logs).toEqual([
      'email event refused: missing, wrong or stale signature',
      'email event refused: RESEND_WEBHOOK_SECRET is not set',
    ]);
  });

  it('refuses a method other than POST and a body over 256 KB, with the reason, before checking any signature', async () => {
    const { deps, logs } = harnessWithSecret();
    const get = await handleEmailEvent(new Request('https://coaching.example.org/api/email-events'), deps);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect(await get.json()).toEqual({ errors: [{ field: 'form', message: 'Send delivery events with POST' }] });
    const huge = JSON.stringify({ type: 'email.delivered', padding: 'x'.repeat(256 * 1024) });
    const tooLarge = await deliverEvent(deps, huge, signed(huge));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ errors: [{ field: 'form', message: 'This event is too large' }] });
    // Exactly 256 KB is read (and then judged by its signature).
    const limit = `"${'x'.repeat(256 * 1024 - 2)}"`;
    expect((await deliverEvent(deps, limit, signed(limit))).status).toBe(200);
    expect(logs).toEqual(['email event : not about a submission; ignored']);
  });

  it('ignores a signed event about no submission, or one no longer kept, saying which in the log', async () => {
    const { deps, logs, store } = harnessWithSecret();
    for (const body of [
      eventBody('email.delivered', 'wd-northfield@example.org', 'not-a-reference'),
      JSON.stringify({ type: 'email.delivered', data: { to: [], tags: { reference: 'EOI-2345-6789' } } }),
      eventBody('email.bounced', 'wd-northfield@example.org', 'EOI-2345-6789'),
    ]) {
      const response = await deliverEvent(deps, body, signed(body));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ handled: false });
    }
    expect(logs).toEqual([
      'email event delivered: not about a submission; ignored',
      'email event delivered: not about a submission; ignored',
      'EOI-2345-6789: email event bounced for a submission no longer kept; ignored',
    ]);
    expect(await store.list('submissions/')).toEqual([]);
  });

  it('answers 503 "Not recorded. Try again." when storage is down, so Resend sends the event again', async () => {
    const { deps, reference, record, logs } = await sendApplication(harnessWithSecret());
    const body = eventBody('email.delivered', 'wd-eastmere-children@example.org', reference);
    const headers = signed(body);
    const set = deps.store.set.bind(deps.store);
    deps.store.set = async () => {
      throw new Error('storage is down');
    };
    const response = await deliverEvent(deps, body, headers);
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '60']);
    expect(await response.json()).toEqual({ errors: [{ field: 'form', message: 'Not recorded. Try again.' }] });
    expect(logs).toContain(`${reference}: email event delivered not recorded (storage is down)`);
    deps.store.set = set;
    expect((await deliverEvent(deps, body, headers)).status).toBe(200);
    expect((await record())!.events!.map((event) => event.type)).toEqual(['delivered']);
  });
});

describe('logs', () => {
  it('carry references, stages and counts only, through a whole journey (local .eml files, a failing service, the outbox)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'intake-logs-'));
    const lines: string[] = [];
    const harness = testDeps({ mailer: fileMailer(dir, (line) => lines.push(line)) });
    const { reference, deps, advance, settle, logs } = await sendApplication(harness);
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(
      (await Promise.all((await readdir(dir)).map((file) => readFile(path.join(dir, file), 'utf8'))))
        .join('\n')
        .replace(/=\r\n/g, ''),
    );
    expect(token === null || token[1]!.length === 43).toBe(true);
    // A service error that quotes an address.
    const failing = testDeps({ store: harness.store });
    failing.mailer.script.push({
      ok: false,
      reason: 'Resend 422: validation_error: Invalid `to` field: priya.shah@example.org',
    });
    await handleFormPost(post('coachee-application', valid('coachee-application')), failing.deps, 'a');
    await failing.settle();
    advance(30 * DAY);
    await flushOutbox(deps, { force: true, retentionDays: 30, followUps: followUpPlanner(deps) });
    await settle();
    const all = [...lines, ...logs, ...failing.logs].join('\n');
    expect(all).toContain(reference);
    expect(all).not.toMatch(/@/);
    for (const typed of TYPED) expect(all).not.toContain(typed);
    const stored = (await failing.store.list('submissions/')).length;
    expect(stored).toBe(2);
  });
});
