import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_PAGES } from './forms-helpers.ts';
import { axeViolations, launchBrowser, openPage } from './support.ts';
import { fixture } from './tools-planner-support.ts';

// The tools' error summary is the forms' GOV.UK component: the same markup (the alert role on the
// inner div, no label on a role-less outer div), focused when it appears, and each link brings its
// field's label into view and focuses the field.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The summary's shape: each element's tag, class, role and labelling, with its children, not its words. */
const shapeOf = (page: Page) =>
  page.evaluate(() => {
    const summary = [...document.querySelectorAll<HTMLElement>('[data-error-summary]')].find(
      (element) => !element.hidden,
    )!;
    const shape = (element: Element): unknown => ({
      tag: element.tagName.toLowerCase(),
      class: [...element.classList].filter((name) => name.startsWith('error-summary')).join(' '),
      role: element.getAttribute('role'),
      labelledBy: element.hasAttribute('aria-labelledby'),
      // One list item stands for all: a form's summary has more problems than a tool's.
      children: [...element.children].slice(0, element.tagName === 'UL' ? 1 : undefined).map(shape),
    });
    return shape(summary);
  });

const summaryIsFocused = (page: Page) =>
  page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary') === true);

const labelInView = (page: Page) =>
  page.evaluate(() => {
    const control = document.activeElement as HTMLElement;
    const label = document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    if (!label) return `no label for ${control.id}`;
    const box = label.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight
      ? 'in view'
      : `at ${Math.round(box.top)} of ${window.innerHeight}`;
  });

let formShape: unknown;
beforeAll(async () => {
  const { page, close } = await openPage(browser);
  await page.goto(FORM_PAGES['coach-eoi'].path);
  await page.click('form[data-form] [data-submit]');
  await page.waitForSelector('[data-error-summary]');
  formShape = await shapeOf(page);
  await close();
});

describe('the tools’ error summary', () => {
  it('is the forms’ GOV.UK markup: alert role inside, no aria-labelledby on the outer div', () => {
    expect(formShape).toEqual({
      tag: 'div',
      class: 'error-summary',
      role: null,
      labelledBy: false,
      children: [
        {
          tag: 'div',
          class: '',
          role: 'alert',
          labelledBy: false,
          children: [
            { tag: 'h2', class: 'error-summary__title', role: null, labelledBy: false, children: [] },
            {
              tag: 'div',
              class: 'error-summary__body',
              role: null,
              labelledBy: false,
              children: [
                {
                  tag: 'ul',
                  class: 'error-summary__list',
                  role: null,
                  labelledBy: false,
                  children: [
                    {
                      tag: 'li',
                      class: '',
                      role: null,
                      labelledBy: false,
                      children: [{ tag: 'a', class: '', role: null, labelledBy: false, children: [] }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  const cases = [
    {
      tool: 'the readiness checklist, opening a file from a newer version',
      path: '/readiness/',
      ready: '[data-summary-count]:not(:empty)',
      provoke: (page: Page) =>
        page.getByLabel('Open answers saved to a file').setInputFiles(fixture('readiness-newer-version.json')),
      message:
        'This file was made by a newer version of the readiness checklist. Reload this page to get the latest version, then try again',
      field: 'readiness-import',
    },
    {
      tool: 'the planner, renaming a plan to nothing',
      path: '/planning/planner/',
      ready: '[data-plan-heading]:not(:empty)',
      provoke: async (page: Page) => {
        await page.getByRole('button', { name: 'Rename this plan' }).click();
        await page.getByLabel('New name for this plan').fill('');
        await page.getByRole('button', { name: 'Save name' }).click();
      },
      message: 'Enter a name for the plan',
      field: 'plan-name',
    },
    {
      tool: 'the coaching record, exporting with a short passphrase',
      path: '/coaching-record/',
      ready: '[data-save-status]:not(:empty)',
      provoke: async (page: Page) => {
        await page.getByLabel('Choose a passphrase').fill('too short');
        await page.getByRole('button', { name: 'Export the record' }).click();
      },
      message: 'Enter a passphrase of at least 10 characters',
      field: 'record-export-passphrase',
    },
  ];

  for (const { tool, path, ready, provoke, message, field } of cases) {
    it(`${tool}: same markup, focused, “There is a problem”, and its link shows the label and focuses the field`, async () => {
      const { page, errors, close } = await openPage(browser);
      await page.setViewportSize({ width: 375, height: 640 });
      await page.goto(path);
      // The script has started once it has drawn its first state.
      await page.waitForSelector(ready);
      await provoke(page);
      await page.waitForSelector('[data-error-summary]:not([hidden])');
      expect(await shapeOf(page)).toEqual(formShape);
      expect(await summaryIsFocused(page)).toBe(true);
      const summary = page.locator('[data-error-summary]:not([hidden])');
      expect(await summary.getByRole('alert').locator('h2').textContent()).toBe('There is a problem');
      expect(await summary.getByRole('link').allTextContents()).toEqual([message]);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await summary.getByRole('link').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(field);
      expect(await labelInView(page)).toBe('in view');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });
  }
});
