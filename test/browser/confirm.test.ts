// The second signature end to end: the form names someone who must confirm it; they get an email with
// a single-use link; the link shows what they are confirming; typing their name confirms it, workforce
// development gets a "confirmed" follow-up with the same reference, and the link cannot be used again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormId } from '../../functions/forms/index.ts';
import {
  FORM_PAGES,
  axeWithoutScripts,
  emailsFor,
  errorSummary,
  fieldsOf,
  fillAnswers,
  formContent,
  inboxesOf,
  readOutbox,
  recipients,
  schemaFixture,
  sentReference,
  type Answers,
  type Email,
} from './forms-helpers.ts';
import { axeViolations, baseUrl, launchBrowser, openPage } from './support.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Sends a form without JavaScript (no fill-time wait needed) and returns its reference. */
async function send(formId: FormId, answers: Answers): Promise<string> {
  const { page, close } = await openPage(browser, { javaScriptEnabled: false });
  try {
    await page.goto(FORM_PAGES[formId].path);
    await fillAnswers(page, await fieldsOf(formId), answers);
    await Promise.all([page.waitForNavigation(), page.click('[data-submit]')]);
    return await sentReference(page, FORM_PAGES[formId].path);
  } finally {
    await close();
  }
}

/** The confirm link in the email to `to` about `reference`, as a path on this server. */
function confirmLink(emails: Email[], to: string): string {
  const email = emails.find((e) => e.to.includes(to) && e.subject.startsWith('Please confirm'));
  expect(email, `an email asking ${to} to confirm`).toBeDefined();
  const link = /^(https?:\/\/\S+\/confirm\/\S+)$/m.exec(email!.text)?.[1] ?? '';
  const url = new URL(link);
  expect(url.origin).toBe(new URL(baseUrl()).origin);
  expect(url.pathname).toMatch(/^\/confirm\/[A-Za-z0-9_-]{43}\/$/);
  return url.pathname;
}

describe('a manager confirms a coaching application (JavaScript on)', () => {
  let answers: Answers;
  let reference: string;
  let link: string;
  let page: Page;
  let errors: string[];
  let close: () => Promise<void>;
  let wdInboxes: string[];

  beforeAll(async () => {
    answers = (await schemaFixture('coachee-application')).valid;
    wdInboxes = await inboxesOf(String(answers.organisation));
    reference = await send('coachee-application', answers);
    ({ page, errors, close } = await openPage(browser, { javaScriptEnabled: true }));
  });
  afterAll(async () => {
    await close();
  });

  it('workforce development hears at once, marked as awaiting confirmation', async () => {
    const emails = await emailsFor(reference, wdInboxes.length + 2);
    const toWd = emails.filter((e) => e.to.some((to) => wdInboxes.includes(to)));
    expect(recipients(toWd)).toEqual([...wdInboxes].sort());
    for (const email of toWd) expect(email.text).toContain('Awaiting confirmation from');
  });

  it('the manager’s email links to a page showing what they are confirming', async () => {
    link = confirmLink(await emailsFor(reference, wdInboxes.length + 2), String(answers.managerEmail));
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    expect(await page.textContent('h1')).toBe('Confirm the coaching application');
    expect(await page.textContent('main')).toContain(reference);
    const rows = await page.$$eval('.summary-list__row', (items) =>
      items.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]),
    );
    // Addressed to the manager reading it, not in the applicant's words.
    expect(rows).toContainEqual(['Their full name', answers.name]);
    expect(rows).toContainEqual(['Your email address, as they gave it', answers.managerEmail]);
    expect(rows.map(([label]) => label)).not.toContain('Your line manager’s email address');
    // What the application form asks of the manager, before they confirm.
    const asked = (await formContent('coachee-application')).agreementTerms.lineManager;
    expect(await page.textContent('main')).toContain('What we ask of you');
    expect(await page.$$eval('div.terms li', (items) => items.map((item) => item.textContent))).toEqual(asked);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('confirming without a name says what to do, in the summary and on the field', async () => {
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.click('form[action^="/confirm/"] button[type="submit"]'),
    ]);
    expect(response?.status()).toBe(422);
    expect(await page.title()).toBe('Error: Confirm the coaching application – Coaching Scheme Hub');
    const summary = await errorSummary(page);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.href).toBe('#f-name');
    expect(await page.textContent('#f-name-error')).toContain(summary[0]!.text);
    // The confirm page loads no script: the server-rendered summary takes focus by itself.
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('typing their name and confirming ends on the done page', async () => {
    await page.fill('#f-name', String(answers.managerName));
    await Promise.all([
      page.waitForURL('**/confirm/done/'),
      page.click('form[action^="/confirm/"] button[type="submit"]'),
    ]);
    expect(await page.textContent('h1')).toBe('Form confirmed');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('workforce development gets a “confirmed” follow-up with the same reference', async () => {
    await expect
      .poll(
        async () =>
          (await readOutbox()).filter((e) => e.subject.startsWith('Confirmed:') && e.subject.includes(reference))
            .length,
        {
          // Sent after the answer, each WD email alone and paced at 2 a second.
          timeout: 15_000,
        },
      )
      .toBe(wdInboxes.length);
    const confirmed = (await readOutbox()).filter(
      (e) => e.subject.startsWith('Confirmed:') && e.subject.includes(reference),
    );
    expect(recipients(confirmed)).toEqual([...wdInboxes].sort());
    for (const email of confirmed) expect(email.text).toContain(String(answers.managerName));
  });

  it('the link then says it has been used', async () => {
    const response = await page.goto(link);
    expect(response?.status()).toBe(410);
    expect(await page.textContent('h1')).toBe('This form has already been confirmed');
    expect(await page.$('form[action^="/confirm/"]')).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('showed no console errors apart from the statuses of the error and used pages', () => {
    expect(errors.filter((e) => !/status of (422|410)/.test(e))).toEqual([]);
  });
});

describe('the coach confirms a coaching agreement the coachee sent (JavaScript off)', () => {
  // Two page loads, a form sent and an axe run over a confirm page that now carries the full terms:
  // under the 2-core machine's load this journey alone has taken 40 to 60 seconds.
  it('goes from the email to the done page, and both organisations hear it was confirmed', async () => {
    const answers = (await schemaFixture('coaching-agreement')).valid;
    expect(answers.signedBy).toBe('coachee');
    const wdInboxes = [
      ...(await inboxesOf(String(answers.coacheeOrganisation))),
      ...(await inboxesOf(String(answers.coachOrganisation))),
    ].sort();
    const reference = await send('coaching-agreement', answers);
    const link = confirmLink(await emailsFor(reference, wdInboxes.length + 2), String(answers.coachEmail));

    const { page, close } = await openPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(link);
      expect(await page.textContent('h1')).toBe('Confirm the coaching agreement');
      expect(await page.textContent('main')).toContain(`${answers.coacheeName} has named you as the coach`);
      expect(await axeWithoutScripts(browser, await page.content())).toEqual([]);
      await page.fill('#f-name', String(answers.coachName));
      await Promise.all([
        page.waitForURL('**/confirm/done/'),
        page.click('form[action^="/confirm/"] button[type="submit"]'),
      ]);
      expect(await page.textContent('h1')).toBe('Form confirmed');

      await expect
        .poll(
          async () =>
            (await readOutbox()).filter((e) => e.subject.startsWith('Confirmed:') && e.subject.includes(reference))
              .length,
          {
            // Sent after the answer, each WD email alone and paced at 2 a second.
            timeout: 15_000,
          },
        )
        .toBe(wdInboxes.length);
      const confirmed = (await readOutbox()).filter(
        (e) => e.subject.startsWith('Confirmed:') && e.subject.includes(reference),
      );
      expect(recipients(confirmed)).toEqual(wdInboxes);
    } finally {
      await close();
    }
  }, 120_000);
});

describe('a link that does not exist', () => {
  it('says so plainly, with what to do, and is accessible', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: true });
    try {
      const response = await page.goto(`/confirm/${'A'.repeat(43)}/`);
      expect(response?.status()).toBe(404);
      expect(await page.textContent('h1')).toBe('This link does not work');
      expect(await page.textContent('main')).toContain('ask the person who filled in the form to send it again');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the confirm template on its own', () => {
  it('explains how confirming works, and is accessible', async () => {
    const { page, errors, close } = await openPage(browser, { javaScriptEnabled: true });
    try {
      await page.goto('/confirm/');
      expect(await page.textContent('h1')).toBe('Confirm a coaching form');
      expect(await page.textContent('main')).toContain(
        'Each link works once and expires 14 days after the form was sent.',
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
