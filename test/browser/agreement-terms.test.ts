// Signing a coaching agreement end to end, with JavaScript off and on: the coachee reads every term,
// in sections with headings, above "I agree"; the coach opens the emailed link and reads the same
// terms in full before confirming; workforce development's emails record which version was agreed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementTerms, termsText } from '../../functions/forms/terms.ts';
import { termsVersion } from '../../functions/terms-version.ts';
import {
  FORM_PAGES,
  axeWithoutScripts,
  emailsFor,
  fieldsOf,
  fillAnswers,
  formContent,
  inboxesOf,
  readOutbox,
  schemaFixture,
  sentReference,
  waitForFillTime,
} from './forms-helpers.ts';
import { axeViolations, baseUrl, launchBrowser, openPage } from './support.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PATH = FORM_PAGES['coaching-agreement'].path;

/** Every heading and every item of the terms as a page shows them inside `selector`. */
async function termsOnPage(page: Page, selector: string) {
  return page.$eval(selector, (root) => ({
    headings: [...root.querySelectorAll('h3')].map((h) => h.textContent?.trim()),
    items: [...root.querySelectorAll('li')].map((li) => li.textContent?.trim()),
    text: root.textContent ?? '',
  }));
}

describe.each([
  ['off', false],
  ['on', true],
])('signing an agreement with JavaScript %s', (_label, javaScriptEnabled) => {
  let expected: ReturnType<typeof agreementTerms>;
  let version: string;
  let reference: string;
  let wdInboxes: string[];
  const answers: Record<string, string | string[]> = {};

  beforeAll(async () => {
    expected = agreementTerms(await formContent('coaching-agreement'));
    version = termsVersion(expected);
    Object.assign(answers, (await schemaFixture('coaching-agreement')).valid);
    wdInboxes = [
      ...(await inboxesOf(String(answers.coacheeOrganisation))),
      ...(await inboxesOf(String(answers.coachOrganisation))),
    ].sort();
  });

  it('the coachee reads every commitment, under its heading, above “I agree”, and sends the agreement', async () => {
    const { page, errors, close } = await openPage(browser, { javaScriptEnabled });
    try {
      await page.goto(PATH);
      const shown = await termsOnPage(page, '#f-agreeTerms-list');
      expect(shown.headings).toEqual(expected.sections.map((section) => section.heading));
      expect(shown.items).toEqual(expected.sections.flatMap((section) => section.items));
      expect(shown.text).toContain(expected.intro);
      expect(shown.text).toContain(expected.sections[0]!.listIntro!);
      await fillAnswers(page, await fieldsOf('coaching-agreement'), answers);
      if (javaScriptEnabled) {
        await waitForFillTime(page);
        await page.click('[data-submit]');
        await page.click('[data-send]');
      } else {
        await Promise.all([page.waitForNavigation(), page.click('[data-submit]')]);
      }
      reference = await sentReference(page, PATH);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('workforce development’s email records the version agreed, with its full text', async () => {
    const emails = await emailsFor(reference, wdInboxes.length + 2);
    const toWd = emails.filter((email) => email.to.some((to) => wdInboxes.includes(to)));
    expect(toWd.length).toBe(wdInboxes.length);
    for (const email of toWd) {
      expect(email.text).toContain(`Terms agreed: version ${version}.`);
      expect(email.text).toContain(termsText(expected));
    }
  });

  it('the coach opens the link and reads the same terms in full, addressed to them, before confirming', async () => {
    const emails = await emailsFor(reference, wdInboxes.length + 2);
    const request = emails.find((email) => email.to.includes(String(answers.coachEmail)))!;
    expect(request.text).not.toContain(String(answers.objective1));
    const link = new URL(/^(https?:\/\/\S+\/confirm\/\S+)$/m.exec(request.text)![1]!);
    expect(link.origin).toBe(new URL(baseUrl()).origin);

    const { page, errors, close } = await openPage(browser, { javaScriptEnabled });
    try {
      await page.goto(link.pathname);
      expect(await page.textContent('#terms')).toBe('The terms of coaching you are agreeing to');
      const shown = await termsOnPage(page, 'div.terms');
      expect(shown.headings).toEqual(expected.sections.map((section) => section.heading));
      expect(shown.items).toEqual(expected.sections.flatMap((section) => section.items));
      expect(await page.textContent('main')).toContain(`Version ${version} of the terms.`);
      expect(await page.textContent('main')).toContain(
        'The coachee has agreed to these terms. By confirming, you agree to them too.',
      );
      const rows = await page.$$eval('.summary-list__row', (items) =>
        items.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]),
      );
      expect(rows).toContainEqual(['Filled in and signed by', 'The coachee']);
      expect(rows.map(([label]) => label)).not.toContain('Who is filling in this form?');
      // axe needs scripts; with JavaScript off it checks the same HTML in a page of its own.
      expect(
        javaScriptEnabled ? await axeViolations(page) : await axeWithoutScripts(browser, await page.content()),
      ).toEqual([]);

      await page.fill('#f-name', String(answers.coachName));
      await Promise.all([
        page.waitForURL('**/confirm/done/'),
        page.click('form[action^="/confirm/"] button[type="submit"]'),
      ]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('and workforce development hears which version the coach confirmed', async () => {
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
    for (const email of (await readOutbox()).filter(
      (e) => e.subject.startsWith('Confirmed:') && e.subject.includes(reference),
    )) {
      expect(email.text).toContain(`confirmed, the terms of coaching version ${version}`);
    }
  });
});
