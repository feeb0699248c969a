import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toEml } from '../../functions/email/eml.ts';
import { forms } from '../../functions/forms/index.ts';
import type { OutgoingEmail } from '../../functions/email/messages.ts';
import type { SubmissionRecord } from '../../functions/outbox.ts';
import { handleConfirm } from '../../functions/confirm.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { escapeHtml } from '../../functions/html/escape.ts';
import { termsVersion } from '../../functions/terms-version.ts';
import { fixtureContent, post, testDeps } from './intake-support.ts';

// The mail rules (docs/security.md), proved with a hostile battery: free text carrying HTML, links,
// look-alike characters, direction overrides and header injection. Workforce development (inboxes
// from content) gets every answer, escaped; an email to an address someone typed (the receipt, the
// request to confirm) carries none of it, and no link but this site's own. The rendered emails are
// locked as file snapshots, so any change to their words shows up in review.

const valid = (formId: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

/** Free text may say anything (it only goes to WD); each piece is something an attacker would try. */
const HOSTILE_TEXT = {
  jobTitle: 'Social worker\r\nBcc: everyone@example.org',
  serviceArea: 'Adults \u202Egnidraugefas\u202C',
  reason1: '<img src=x onerror=alert(1)> & "quotes"\nSecond line: log in at https://evil.example/login',
  reason2: 'Visit ｗｗｗ．evil．example or \u0440ayp\u0430l.example today',
  reason3: '<a href="http://evil.example">Confirm here</a> \u200Finvisible',
};

/** What the applicant typed, in fragments: none may reach a typed address. */
const TYPED_FRAGMENTS = [
  'Jordan',
  'Lee',
  'Social worker',
  'Bcc',
  'Adults',
  'gnidraugefas',
  'img',
  'onerror',
  'quotes',
  'evil',
  'ayp',
  'Priya',
  'Shah',
  'Confirm here',
  'invisible',
  'Eastmere',
];

/** Fixed random bytes: the same reference and link every run. */
const counting = () => {
  let n = 0;
  return (size: number) => Uint8Array.from({ length: size }, () => n++ % 240);
};

async function sendApplication(extra: Record<string, unknown> = {}) {
  const harness = testDeps({ random: counting() });
  const response = await handleFormPost(
    post('coachee-application', { ...valid('coachee-application'), ...HOSTILE_TEXT, ...extra }),
    harness.deps,
    'a',
  );
  expect(response.status).toBe(201);
  await harness.settle();
  return harness;
}

/** Every web address or link target in an email, in its text and its HTML. */
const linksIn = (email: OutgoingEmail) =>
  [...`${email.text}\n${email.html}`.matchAll(/(?:https?:|www\.|href=")[^\s"<]*/gi)].map((match) =>
    match[0].replace(/^href="/, ''),
  );

function expectNothingTyped(email: OutgoingEmail, fragments = TYPED_FRAGMENTS) {
  for (const typed of fragments) {
    expect(email.subject, typed).not.toContain(typed);
    expect(email.text, typed).not.toContain(typed);
    expect(email.html, typed).not.toContain(typed);
  }
}

describe('emails for a coaching application with hostile free text', () => {
  it('go as each WD inbox alone (with the CSV), then the receipt and the manager’s request in one batch, one key per recipient', async () => {
    const { mailer } = await sendApplication();
    expect(mailer.calls.map((call) => call.idempotencyKey.replace(/^APP-[A-Z0-9]{4}-[A-Z0-9]{4}/, 'REF'))).toEqual([
      'REF/submitted/wd-eastmere-children@example.org',
      'REF/submitted/wd-northfield@example.org',
      'REF/submitted',
    ]);
    expect(mailer.calls.map((call) => call.emails.map((email) => Boolean(email.attachments)))).toEqual([
      [true],
      [true],
      [false, false],
    ]);
    expect(mailer.emails.map((email) => [email.to, email.key.replace(/^APP-[^/]+/, 'REF')])).toEqual([
      ['wd-eastmere-children@example.org', 'REF/submitted/wd-eastmere-children@example.org'],
      ['WD-Northfield@example.org', 'REF/submitted/wd-northfield@example.org'],
      ['jordan.lee@example.org', 'REF/submitted/jordan.lee@example.org'],
      ['priya.shah@example.org', 'REF/submitted/priya.shah@example.org'],
    ]);
  });

  it('to workforce development: every answer, escaped, marked as awaiting the manager', async () => {
    const { mailer } = await sendApplication();
    const email = mailer.emails[0]!;
    expect(email.replyTo).toBe('jordan.lee@example.org');
    expect(email.subject).toMatch(/^Coaching application APP-\S+ – Eastmere$/);
    expect(email.text).toContain('Awaiting confirmation from the line manager.');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for a NUL that must not get through
    expect(email.html).not.toMatch(/<script|<img|<a href="http|\u202E|\u0000/);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(email.text).toContain('Social worker Bcc: everyone@example.org');
    await expect(email.text).toMatchFileSnapshot('../fixtures/intake/emails/application-wd.txt');
    await expect(email.html).toMatchFileSnapshot('../fixtures/intake/emails/application-wd.html');
  });

  it('to the applicant: the reference and next steps, none of their own words and no link', async () => {
    const { mailer } = await sendApplication();
    const receipt = mailer.emails[2]!;
    expectNothingTyped(receipt);
    expect(linksIn(receipt)).toEqual([]);
    await expect(receipt.text).toMatchFileSnapshot('../fixtures/intake/emails/application-receipt.txt');
    expect(receipt.subject).toMatch(/^We have received your coaching application: APP-\w{4}-\w{4}$/);
    await expect(receipt.html).toMatchFileSnapshot('../fixtures/intake/emails/application-receipt.html');
    expect([receipt.replyTo, receipt.from]).toEqual([
      'coaching@example.org',
      'Coaching Scheme Hub <no-reply@example.org>',
    ]);
  });

  it('to the manager: the scheme, the kind of form, the reference and the single-use link, nothing typed', async () => {
    const { mailer, store } = await sendApplication();
    const request = mailer.emails[3]!;
    const reference = (await store.list('submissions/'))[0]!.split('/')[1]!;
    expectNothingTyped(request);
    expect(request.subject).toBe(`Please confirm a coaching application: ${reference}`);
    expect(request.text).toContain(
      'You have been named as the line manager on a coaching application sent through Coaching Scheme Hub.',
    );
    expect(request.text).toContain(`Reference: ${reference}`);
    expect(request.text).toContain('expires on 10 December 2026');
    const links = linksIn(request);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^https:\/\/coaching\.example\.org\/confirm\/[A-Za-z0-9_-]{43}\/$/);
    expect(request.replyTo).toBe('coaching@example.org');
    const link = /https:\/\/coaching\.example\.org\/confirm\/[A-Za-z0-9_-]{43}\//.exec(request.text)![0];
    expect(request.html).toContain(`<a href="${link}">`);
    await expect(request.text).toMatchFileSnapshot('../fixtures/intake/emails/application-manager.txt');
    await expect(request.html).toMatchFileSnapshot('../fixtures/intake/emails/application-manager.html');
  });

  it('no subject of any email carries a line break, so no header can be added', async () => {
    const { mailer } = await sendApplication({
      organisation: 'other',
      organisationOther: 'Hillside Trust\r\nBcc: all',
    });
    for (const email of mailer.emails) expect(email.subject).not.toMatch(/[\r\n]/);
    expect(mailer.emails[0]!.subject).toMatch(/– Hillside Trust Bcc: all$/);
  });

  it('after the manager confirms: a short follow-up to WD with the same reference and their typed name', async () => {
    const harness = await sendApplication();
    const { mailer, deps, store } = harness;
    const link = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(mailer.emails[3]!.text)![1]!;
    const confirm = (name: string) =>
      handleConfirm(
        new Request(`https://coaching.example.org/confirm/${link}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ name }).toString(),
        }),
        deps,
        'a',
      );
    const refused = await confirm('Priya <b>Shah</b>');
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(
      'Your name must only include letters, spaces, hyphens, apostrophes and full stops',
    );
    const link2 = await confirm('Priya www.evil.example');
    expect(await link2.text()).toContain('Your name must not include a web address or an email address');
    const response = await confirm('Priya O’Shah-Ní');
    expect(response.status).toBe(303);
    await harness.settle();
    const followUp = { emails: mailer.calls.slice(3).flatMap((call) => call.emails) };
    expect(mailer.calls.slice(3).map((call) => call.idempotencyKey)).toEqual(followUp.emails.map((email) => email.key));
    expect(followUp.emails.map((email) => email.to)).toEqual([
      'wd-eastmere-children@example.org',
      'WD-Northfield@example.org',
    ]);
    const reference = (await store.list('submissions/'))[0]!.split('/')[1]!;
    expect(followUp.emails[0]!.subject).toBe(`Confirmed: Coaching application ${reference} – Eastmere`);
    await expect(followUp.emails[0]!.text).toMatchFileSnapshot('../fixtures/intake/emails/application-confirmed.txt');
    const record = (await store.get<SubmissionRecord>(`submissions/${reference}`))!.value;
    expect(record.confirmation?.confirmedName).toBe('Priya O’Shah-Ní');
  });
});

describe('names that would carry a link or markup into an email', () => {
  it.each([
    [
      'name',
      'Jordan <script>alert(1)</script> Lee',
      'Your full name must only include letters, spaces, hyphens, apostrophes and full stops',
    ],
    ['name', 'Jordan https://evil.example', 'Your full name must not include a web address or an email address'],
    ['name', 'Win a prize at evil.example', 'Your full name must not include a web address or an email address'],
    [
      'managerName',
      'Priya ｗｗｗ．evil．example',
      'Your line manager’s name must not include a web address or an email address',
    ],
    [
      'managerName',
      'Priya\u200F Shah',
      'Your line manager’s name must only include letters, spaces, hyphens, apostrophes and full stops',
    ],
    ['managerName', 'Priya＠evil', 'Your line manager’s name must not include a web address or an email address'],
  ])('%s %j is refused with a clear message and nothing is sent', async (field, value, message) => {
    const harness = testDeps({ random: counting() });
    const response = await handleFormPost(
      post('coachee-application', { ...valid('coachee-application'), [field]: value }),
      harness.deps,
      'a',
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors: [{ field, message }] });
    expect(harness.mailer.calls).toEqual([]);
  });
});

describe('emails for a coaching agreement', () => {
  it('to the other party: the kind of form, the reference and the link; no objective, commitment or name', async () => {
    const harness = testDeps({ random: counting() });
    const agreement = {
      ...valid('coaching-agreement'),
      objective1: 'Read https://evil.example/terms first',
      coacheeCommitments: '<b>Nothing</b> at all',
      coachSupport: 'Pay at www.evil.example',
    };
    expect((await handleFormPost(post('coaching-agreement', agreement), harness.deps, 'a')).status).toBe(201);
    await harness.settle();
    const emails = harness.mailer.emails;
    const request = emails.find((email) => email.to === 'alex.morgan@example.org')!;
    expectNothingTyped(request, [
      'Jordan',
      'Lee',
      'Alex',
      'Morgan',
      'evil',
      'Nothing',
      'Lead case',
      'Eastmere',
      'Northfield',
    ]);
    expect(request.subject).toMatch(/^Please confirm a coaching agreement: AGR-\S+$/);
    expect(request.text).toContain(
      'You have been named as the coach on a coaching agreement sent through Coaching Scheme Hub.',
    );
    for (const link of linksIn(request))
      expect(link).toMatch(/^https:\/\/coaching\.example\.org\/confirm\/[A-Za-z0-9_-]{43}\/$/);
    await expect(request.text).toMatchFileSnapshot('../fixtures/intake/emails/agreement-coach.txt');
    const wd = emails.find((email) => email.to === 'wd-eastmere-children@example.org')!;
    expect(wd.text).toContain('Read https://evil.example/terms first');
  });
});

describe('the terms of an agreement', () => {
  async function sendAgreement() {
    const harness = testDeps({ random: counting() });
    expect(
      (await handleFormPost(post('coaching-agreement', valid('coaching-agreement')), harness.deps, 'a')).status,
    ).toBe(201);
    await harness.settle();
    const reference = (await harness.store.list('submissions/'))[0]!.split('/')[1]!;
    const record = (await harness.store.get<SubmissionRecord>(`submissions/${reference}`))!.value;
    return { ...harness, reference, record };
  }

  it('workforce development’s email records the version agreed and its full text', async () => {
    const { mailer, record } = await sendAgreement();
    const wd = mailer.emails[0]!;
    expect(record.terms!.version).toMatch(/^[0-9a-f]{12}$/);
    expect(wd.text).toContain(`Terms agreed: version ${record.terms!.version}.`);
    for (const heading of [
      'Confidentiality',
      'What the coach commits to',
      'What the coachee commits to',
      'The line manager’s part',
      'Practical arrangements',
    ]) {
      expect(wd.text).toContain(heading);
      expect(wd.html).toContain(`<h3 class="terms__heading">${escapeHtml(heading)}</h3>`);
    }
    expect(wd.text).toContain('- Keep notes locked away.');
    await expect(wd.text).toMatchFileSnapshot('../fixtures/intake/emails/agreement-wd.txt');
  });

  it('the version is a hash of the text: other words, another version', async () => {
    const first = await sendAgreement();
    const changed = testDeps({
      random: counting(),
      loadContent: async (formId) => {
        const content = await fixtureContent(formId);
        return {
          ...content,
          agreementTerms: { ...content.agreementTerms, coach: [...content.agreementTerms.coach, 'Arrive on time.'] },
        };
      },
    });
    await handleFormPost(post('coaching-agreement', valid('coaching-agreement')), changed.deps, 'a');
    const [key] = await changed.store.list('submissions/');
    const record = (await changed.store.get<SubmissionRecord>(key!))!.value;
    expect(record.terms!.version).not.toBe(first.record.terms!.version);
    expect(record.terms!.version).toBe(termsVersion(record.terms!.terms));
  });

  it('the coach reads the stored terms in full and the answers addressed to them; WD hears which version was confirmed', async () => {
    const { mailer, deps, record, reference, settle } = await sendAgreement();
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(mailer.emails.find((email) => email.carriesLink)!.text)![1]!;
    // An editor changes the terms after the coachee signed: the coach still sees what the coachee agreed to.
    deps.loadContent = async (formId) => {
      const content = await fixtureContent(formId);
      return { ...content, agreementTerms: { ...content.agreementTerms, coach: ['A newer term.'] } };
    };
    const page = await (
      await handleConfirm(new Request(`https://coaching.example.org/confirm/${token}/`), deps, 'a')
    ).text();
    expect(page).toContain('<h2 class="heading-m" id="terms">The terms of coaching you are agreeing to</h2>');
    expect(page).toContain('The coachee has agreed to these terms. By confirming, you agree to them too.');
    expect(page).toContain('<li>Keep notes locked away.</li>');
    expect(page).not.toContain('A newer term.');
    expect(page).toContain(`Version ${record.terms!.version} of the terms.`);
    expect(page).toContain(
      '<dt class="summary-list__key">Filled in and signed by</dt><dd class="summary-list__value">The coachee</dd>',
    );
    expect(page).not.toContain('Who is filling in this form?');

    const confirmed = await handleConfirm(
      new Request(`https://coaching.example.org/confirm/${token}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Alex+Morgan',
      }),
      deps,
      'a',
    );
    expect(confirmed.status).toBe(303);
    await settle();
    expect(mailer.emails.find((email) => email.key.startsWith(`${reference}/confirmed/`))!.text).toContain(
      `They were shown, and confirmed, the terms of coaching version ${record.terms!.version}: the same text as in the first email about ${reference}.`,
    );
  });

  it('a manager confirming an application reads the answers addressed to them and what is asked of them', async () => {
    const { mailer, deps } = await sendApplication();
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(mailer.emails.find((email) => email.carriesLink)!.text)![1]!;
    const page = await (
      await handleConfirm(new Request(`https://coaching.example.org/confirm/${token}/`), deps, 'a')
    ).text();
    expect(page).toContain(
      '<dt class="summary-list__key">Your email address, as they gave it</dt><dd class="summary-list__value">priya.shah@example.org</dd>',
    );
    expect(page).toContain('<dt class="summary-list__key">Their main reason for wanting coaching</dt>');
    expect(page).not.toContain('Your manager’s email address');
    expect(page).toContain('<h2 class="heading-m">What we ask of you</h2>');
    expect(page).toContain('<li>Give protected time for coaching.</li>');
    expect(page).not.toContain('The terms of coaching you are agreeing to');
  });
});

describe('an interest with no second signature', () => {
  it('is not marked as awaiting anyone, and its receipt asks nobody to confirm', async () => {
    const harness = testDeps({ random: counting() });
    await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    const [wd, receipt] = harness.mailer.emails;
    expect(harness.mailer.emails).toHaveLength(2);
    expect(wd!.subject).toMatch(/^Coach expression of interest EOI-\S+ – Northfield$/);
    expect(wd!.text).not.toContain('Awaiting');
    expect(receipt!.text).not.toContain('confirm the');
    await expect(wd!.text).toMatchFileSnapshot('../fixtures/intake/emails/interest-wd.txt');
    await expect(wd!.html).toMatchFileSnapshot('../fixtures/intake/emails/interest-wd.html');
    await expect(receipt!.text).toMatchFileSnapshot('../fixtures/intake/emails/interest-receipt.txt');
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
