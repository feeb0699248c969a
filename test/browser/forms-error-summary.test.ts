// The error summary as GOV.UK's works: it takes focus on every page that shows one (with the form's
// script, without it, and on the confirm page, which has none), and each link focuses its field with
// the field's question (label or legend) in view, not scrolled off the top.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_PAGES } from './forms-helpers.ts';
import { launchBrowser, openPage } from './support.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Where each kind of question is tried: an email box, radios, a long answer, checkboxes and single boxes. */
const LINKS = [
  { form: 'coach-eoi', field: 'email', kind: 'email box', question: 'label' },
  { form: 'coach-eoi', field: 'accreditation', kind: 'radios', question: 'legend' },
  { form: 'coach-eoi', field: 'experience', kind: 'long answer', question: 'label' },
  { form: 'coach-eoi', field: 'areas', kind: 'checkboxes', question: 'legend' },
  { form: 'coach-eoi', field: 'agreeExpectations', kind: 'single box', question: 'label' },
  { form: 'coaching-agreement', field: 'coachSupport', kind: 'long answer', question: 'label' },
  { form: 'coaching-agreement', field: 'meetingLength', kind: 'radios', question: 'legend' },
  { form: 'coaching-agreement', field: 'agreeTerms', kind: 'single box', question: 'label' },
] as const;

const summaryIsFocused = (page: Page) =>
  page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'));

/** Whether the question of the focused control is wholly inside the viewport. */
const questionInView = (page: Page, question: 'label' | 'legend') =>
  page.evaluate((question) => {
    const control = document.activeElement as HTMLElement;
    const words =
      question === 'legend'
        ? control.closest('fieldset')?.querySelector('legend')
        : document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    if (!words) return 'no question found';
    const box = words.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight
      ? 'in view'
      : `at ${Math.round(box.top)} to ${Math.round(box.bottom)} of ${window.innerHeight}`;
  }, question);

describe('error summary links bring the question into view (JavaScript on)', () => {
  for (const form of ['coach-eoi', 'coaching-agreement'] as const) {
    describe(FORM_PAGES[form].path, () => {
      let page: Page;
      let close: () => Promise<void>;
      beforeAll(async () => {
        ({ page, close } = await openPage(browser));
        // A phone-sized window: the questions are far apart and the page scrolls a lot.
        await page.setViewportSize({ width: 375, height: 640 });
        await page.goto(FORM_PAGES[form].path);
        await page.click('form[data-form] [data-submit]');
        await page.waitForSelector('[data-error-summary]');
      });
      afterAll(async () => {
        await close();
      });

      it('the summary takes focus', async () => {
        expect(await summaryIsFocused(page)).toBe(true);
      });

      for (const link of LINKS.filter((item) => item.form === form)) {
        it(`${link.kind} (${link.field}): focused, its ${link.question} in view`, async () => {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.click(`[data-error-summary] a[href="#f-${link.field}"]`);
          expect(await page.evaluate(() => document.activeElement?.id)).toBe(`f-${link.field}`);
          expect(await questionInView(page, link.question)).toBe('in view');
        });
      }
    });
  }
});

describe('the summary takes focus without JavaScript', () => {
  it('on a form page sent empty', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(FORM_PAGES['coachee-application'].path);
      await Promise.all([page.waitForNavigation(), page.click('form[data-form] [data-submit]')]);
      expect(await page.title()).toMatch(/^Error: /);
      expect(await summaryIsFocused(page)).toBe(true);
    } finally {
      await close();
    }
  });
});
