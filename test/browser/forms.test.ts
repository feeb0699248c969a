// Each intake form as a person meets it, with JavaScript on and off, against the built site and the
// real endpoint: errors with every value kept, "Check your answers", the sent page with a reference,
// and the .eml files that reach workforce development (written by the local mailer to $DATA_DIR/outbox).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormId } from '../../functions/forms/index.ts';
import {
  FORM_PAGES,
  axeWithoutScripts,
  emailsFor,
  errorSummary,
  expectedSummary,
  fallbackInbox,
  fieldsOf,
  fillAnswers,
  inboxesOf,
  inlineErrors,
  recipients,
  schemaFixture,
  sentReference,
  waitForFillTime,
  type Answers,
} from './forms-helpers.ts';
import { axeViolations, launchBrowser, openPage } from './support.ts';

interface Journey {
  /** Answers on top of intake-core's valid fixture. */
  answers: Answers;
  /** Organisations whose workforce development inboxes must receive it ('other' = the fallback inbox). */
  organisations: string[];
  /** Who else gets an email: the sender's receipt, and the person asked to confirm. */
  people: (answers: Answers) => string[];
}

interface FormCase {
  /** The first answers typed in the "partly filled" step. */
  partly: string[];
  /** A text answer changed through its Change link on "Check your answers". */
  change: { field: string; value: string };
  withScript: Journey;
  withoutScript: Journey;
}

const CASES: Record<FormId, FormCase> = {
  'coach-eoi': {
    partly: ['name', 'jobTitle'],
    change: { field: 'jobTitle', value: 'Team manager' },
    withScript: { answers: {}, organisations: ['northfield-council'], people: (a) => [String(a.email)] },
    withoutScript: {
      answers: { employer: 'other', employerOther: 'Hillside Fostering' },
      organisations: ['other'],
      people: (a) => [String(a.email)],
    },
  },
  'coachee-application': {
    partly: ['name', 'jobTitle', 'serviceArea'],
    change: { field: 'jobTitle', value: 'Senior practitioner' },
    withScript: {
      answers: {},
      organisations: ['eastmere-county-council'],
      people: (a) => [String(a.email), String(a.managerEmail)],
    },
    withoutScript: {
      answers: { organisation: 'riverside-childrens-trust' },
      organisations: ['riverside-childrens-trust'],
      people: (a) => [String(a.email), String(a.managerEmail)],
    },
  },
  'coaching-agreement': {
    partly: ['coacheeName', 'coacheeEmail'], // dates have their own journey: date-input.test.ts
    change: { field: 'frequency', value: 'Every three weeks' },
    withScript: {
      answers: {},
      organisations: ['eastmere-county-council', 'northfield-council'],
      people: (a) => [String(a.coacheeEmail), String(a.coachEmail)],
    },
    withoutScript: {
      answers: {
        coachOrganisation: 'other',
        coachOrganisationOther: 'Hillside Fostering',
        signedBy: 'coach',
        signature: 'Alex Morgan',
      },
      organisations: ['eastmere-county-council', 'other'],
      people: (a) => [String(a.coacheeEmail), String(a.coachEmail)],
    },
  },
};

async function expectedRecipients(journey: Journey, answers: Answers): Promise<string[]> {
  const wd = await Promise.all(
    journey.organisations.map(async (id) => (id === 'other' ? [await fallbackInbox()] : inboxesOf(id))),
  );
  return [...new Set([...wd.flat(), ...journey.people(answers)])].sort();
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(Object.keys(CASES) as FormId[])('%s', (formId) => {
  const { path: formPath, title } = FORM_PAGES[formId];
  const formCase = CASES[formId];

  describe('with JavaScript', () => {
    let page: Page;
    let errors: string[];
    let close: () => Promise<void>;
    const posts: string[] = [];

    beforeAll(async () => {
      ({ page, errors, close } = await openPage(browser, { javaScriptEnabled: true }));
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      await page.goto(formPath);
    });
    afterAll(async () => {
      await close();
    });

    it('opens accessibly, with the intro and the things to have ready', async () => {
      expect(await page.textContent('h1')).toBe(title);
      expect(await page.textContent('.before-you-start h2')).toBe('Before you start');
      expect(await page.textContent('[data-submit]')).toBe('Continue');
      expect(await axeViolations(page)).toEqual([]);
    });

    it('sent empty, lists every problem in the summary, takes focus there and marks each field, without sending', async () => {
      const { empty } = await schemaFixture(formId);
      await page.click('[data-submit]');
      // The checks load on first use (docs/intake-ui.md): the summary comes once they have.
      await page.waitForSelector('[data-error-summary]');
      expect(await errorSummary(page)).toEqual(expectedSummary(empty));
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
      expect(await inlineErrors(page)).toEqual(Object.fromEntries(empty.map((e) => [e.field, e.message])));
      expect(await page.title()).toBe(`Error: ${title} – Coaching Scheme Hub`);
      expect(posts).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });

    it('a summary link takes you to its field', async () => {
      const { empty } = await schemaFixture(formId);
      const last = empty.at(-1)!;
      await page.click(`[data-error-summary] a[href="#f-${last.field}"]`);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`f-${last.field}`);
    });

    it('partly filled, keeps what was typed and only lists what is still missing', async () => {
      const { valid, empty } = await schemaFixture(formId);
      const fields = await fieldsOf(formId);
      const typed = Object.fromEntries(formCase.partly.map((name) => [name, valid[name]!]));
      await fillAnswers(page, fields, typed);
      await page.click('[data-submit]');
      for (const [name, value] of Object.entries(typed)) expect(await page.inputValue(`#f-${name}`)).toBe(value);
      expect(await errorSummary(page)).toEqual(
        expectedSummary(empty.filter((e) => !formCase.partly.includes(e.field))),
      );
      expect(posts).toEqual([]);
    });

    let answers: Answers;

    it('filled in, shows "Check your answers" with every answer', async () => {
      const { valid } = await schemaFixture(formId);
      answers = { ...valid, ...formCase.withScript.answers };
      await fillAnswers(page, await fieldsOf(formId), answers);
      await page.click('[data-submit]');
      await page.waitForSelector('[data-check-step]:not([hidden])');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check your answers before sending');
      expect(await page.isHidden('[data-form-step]')).toBe(true);
      expect(await page.title()).toBe(`Check your answers – ${title} – Coaching Scheme Hub`);
      const shown = await page.$$eval('.summary-list__row', (rows) =>
        rows.map((row) => [
          row.querySelector('dt')?.textContent,
          row.querySelector('.summary-list__value')?.textContent,
        ]),
      );
      expect(shown).toContainEqual([expect.any(String), String(answers[formCase.change.field])]);
      expect(await page.isVisible(`a[data-change="${formCase.change.field}"]`)).toBe(true);
      expect(posts).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });

    it('a Change link goes back to the question, and Continue comes back to the check', async () => {
      const { field, value } = formCase.change;
      await page.click(`a[data-change="${field}"]`);
      expect(await page.isVisible('[data-form-step]')).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`f-${field}`);
      await page.fill(`#f-${field}`, value);
      answers[field] = value;
      await page.click('[data-submit]');
      await page.waitForSelector('[data-check-step]:not([hidden])');
      const row = page.locator('.summary-list__row', { has: page.locator(`a[data-change="${field}"]`) });
      expect(await row.locator('.summary-list__value').textContent()).toBe(value);
    });

    let reference: string;

    it('sent, shows the confirmation with a reference, and forgets the saved answers', async () => {
      await waitForFillTime(page);
      await page.click('[data-send]');
      reference = await sentReference(page, formPath);
      expect(await page.textContent('h1')).toMatch(/sent$/);
      expect(await page.textContent('main')).toContain('confirmation email');
      expect(await page.textContent('main')).toContain('What happens next');
      expect(posts).toEqual([expect.stringMatching(new RegExp(`/api/forms/${formId}$`))]);
      expect(await page.evaluate((id) => localStorage.getItem(`coaching-scheme-hub:form:${id}`), formId)).toBeNull();
      expect(await axeViolations(page)).toEqual([]);
    });

    it('reaches the right workforce development inboxes, the sender and anyone asked to confirm', async () => {
      const expected = await expectedRecipients(formCase.withScript, answers);
      const emails = await emailsFor(reference, expected.length);
      expect(recipients(emails)).toEqual(expected);
    });

    it('showed no console errors (so nothing broke the Content Security Policy)', () => {
      expect(errors).toEqual([]);
    });
  });

  describe('without JavaScript', () => {
    let page: Page;
    let errors: string[];
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ page, errors, close } = await openPage(browser, { javaScriptEnabled: false }));
      await page.goto(formPath);
    });
    afterAll(async () => {
      await close();
    });

    it('is a plain form that sends straight to the endpoint, and it is accessible', async () => {
      expect(await page.getAttribute('form[data-form]', 'action')).toBe(`/api/forms/${formId}`);
      expect(await page.getAttribute('form[data-form]', 'method')).toBe('post');
      expect(await page.textContent('[data-submit]')).toBe('Send');
      expect(await axeWithoutScripts(browser, await page.content())).toEqual([]);
    });

    it('sent empty, comes back with "Error:" in the title, the summary and a message on each field', async () => {
      const { empty } = await schemaFixture(formId);
      const [response] = await Promise.all([page.waitForNavigation(), page.click('[data-submit]')]);
      expect(response?.status()).toBe(422);
      expect(await page.title()).toBe(`Error: ${title} – Coaching Scheme Hub`);
      expect(await errorSummary(page)).toEqual(expectedSummary(empty));
      expect(await inlineErrors(page)).toEqual(Object.fromEntries(empty.map((e) => [e.field, e.message])));
      expect(await axeWithoutScripts(browser, await page.content())).toEqual([]);
    });

    it('partly filled, comes back with everything typed kept', async () => {
      const { valid, empty } = await schemaFixture(formId);
      const typed = Object.fromEntries(formCase.partly.map((name) => [name, valid[name]!]));
      await fillAnswers(page, await fieldsOf(formId), typed);
      const [response] = await Promise.all([page.waitForNavigation(), page.click('[data-submit]')]);
      expect(response?.status()).toBe(422);
      for (const [name, value] of Object.entries(typed)) expect(await page.inputValue(`#f-${name}`)).toBe(value);
      expect(await errorSummary(page)).toEqual(
        expectedSummary(empty.filter((e) => !formCase.partly.includes(e.field))),
      );
    });

    let answers: Answers;
    let reference: string;

    it('filled in, goes to the confirmation page with a reference', async () => {
      const { valid } = await schemaFixture(formId);
      answers = { ...valid, ...formCase.withoutScript.answers };
      await fillAnswers(page, await fieldsOf(formId), answers);
      await Promise.all([page.waitForNavigation(), page.click('[data-submit]')]);
      reference = await sentReference(page, formPath);
      expect(await page.textContent('main')).toContain('What happens next');
      expect(await axeWithoutScripts(browser, await page.content())).toEqual([]);
    });

    it('reaches the right workforce development inboxes, the sender and anyone asked to confirm', async () => {
      const expected = await expectedRecipients(formCase.withoutScript, answers);
      const emails = await emailsFor(reference, expected.length);
      expect(recipients(emails)).toEqual(expected);
    });

    it('showed no console errors, apart from the 422 status of each page with errors', () => {
      expect(errors.filter((error) => !/responded with a status of 422/.test(error))).toEqual([]);
      expect(errors.length).toBe(2);
    });
  });
});
