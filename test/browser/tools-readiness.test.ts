import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, openPage } from './support.ts';
import {
  download,
  fixture,
  focused,
  openWithoutJavaScript,
  text,
  waitForSaved,
  watchRequests,
} from './tools-planner-support.ts';

// Journeys through the readiness checklist on the built site: it reads as guidance without
// JavaScript, and with JavaScript answers are kept in this browser only.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NOTE = (id: string) => `READINESS-NOTE-${id}-ZX81`;
const MARKERS = ['READINESS-NOTE', 'ZX81'];

async function questionIds(page: Page) {
  return page
    .locator('[data-question]')
    .evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.question!));
}

/** Answers the questions in turn: not yet, partly, ready, ready, …, each with a note. */
async function fillChecklist(page: Page) {
  const ids = await questionIds(page);
  const answers = ['Not ready yet', 'Partly ready', ...ids.slice(2).map(() => 'Ready')];
  for (const [index, id] of ids.entries()) {
    await page.locator(`#${id}`).getByLabel(answers[index], { exact: true }).check();
    await page.locator(`#${id}-notes`).fill(NOTE(id));
  }
  await waitForSaved(page);
  return { ids, answers };
}

async function answersOnPage(page: Page) {
  return page.locator('[data-question]').evaluateAll((sections) =>
    sections.map((section) => ({
      answer: (section.querySelector('[data-answer]:checked') as HTMLInputElement | null)?.value ?? null,
      notes: (section.querySelector('[data-notes]') as HTMLTextAreaElement).value,
    })),
  );
}

describe('the readiness questions without JavaScript', () => {
  it('read as guidance: each question with its prompts and a link to help, and a line saying the checklist needs JavaScript', async () => {
    const { page, errors, close } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto('/readiness/');
    expect(await text(page, 'h1')).toBe('Is your organisation ready for coaching?');
    const headings = await page.locator('main h2:visible').allTextContents();
    expect(headings.map((h) => h.replace(/^\d\. .+\?$/, 'question'))).toEqual(Array(5).fill('question'));
    expect(await page.locator('[data-question] li').count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('[data-question] [data-help-link]').count()).toBe(5);
    expect(await text(page, 'noscript')).toContain('The checklist needs JavaScript to work.');
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Clear all answers' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('are accessible when the script never runs', async () => {
    // axe needs JavaScript to run, so block the page's own scripts instead of turning it off.
    const { page, close } = await openPage(browser);
    await openWithoutJavaScript(page, '/readiness/');
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});

describe('the readiness checklist', () => {
  it('keeps answers and notes after a reload, summarises what is not ready with links to help, and sends nothing', async () => {
    const { page, errors, close } = await openPage(browser);
    const requests = watchRequests(page);
    await page.goto('/readiness/');
    expect(await text(page, '[data-summary-count]')).toBe('You have not answered any questions yet.');
    expect(await axeViolations(page)).toEqual([]);

    const { ids } = await fillChecklist(page);
    expect(await text(page, '[data-summary-count]')).toBe('You have answered 5 of 5 questions.');
    const summaryItems = page.locator('#readiness-summary li');
    expect(await summaryItems.count()).toBe(2);
    expect(await summaryItems.nth(0).textContent()).toMatch(/^Not ready yet 1\. .+Guidance that helps: .+/);
    expect(await summaryItems.nth(1).textContent()).toMatch(/^Partly ready 2\. .+Guidance that helps: .+/);
    const helpLinks = await page.locator(`#${ids[0]} [data-help-link]`).getAttribute('href');
    expect(await summaryItems.nth(0).locator('a').nth(1).getAttribute('href')).toBe(helpLinks);
    expect(await summaryItems.nth(0).locator('a').nth(0).getAttribute('href')).toBe(`#${ids[0]}`);
    expect(await axeViolations(page)).toEqual([]);

    const before = await answersOnPage(page);
    await page.reload();
    expect(await answersOnPage(page)).toEqual(before);
    expect(before.map((b) => b.answer)).toEqual(['not-yet', 'partly', 'ready', 'ready', 'ready']);
    expect(before.map((b) => b.notes)).toEqual(ids.map(NOTE));
    expect(await summaryItems.count()).toBe(2);

    expect(requests.count()).toBeGreaterThan(0);
    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('exports to a file, clears after a confirmation, and imports the file back exactly', async () => {
    const { page, errors, close } = await openPage(browser);
    const requests = watchRequests(page);
    await page.goto('/readiness/');
    await fillChecklist(page);
    const before = await answersOnPage(page);

    const exported = await download(page, 'Save your answers to a file');
    expect(exported.name).toMatch(/^readiness-checklist-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(exported.text)).toMatchObject({ app: 'coaching-scheme-hub', tool: 'readiness', version: 1 });

    // The confirmation step: Cancel keeps everything and returns focus.
    await page.getByRole('button', { name: 'Clear all answers' }).click();
    expect(await focused(page)).toBe('readiness-clear-confirm-heading');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await focused(page)).toBe('readiness-clear');
    expect(await answersOnPage(page)).toEqual(before);

    await page.getByRole('button', { name: 'Clear all answers' }).click();
    await page.getByRole('button', { name: 'Yes, clear all answers' }).click();
    expect(await text(page, '[data-save-status]')).toBe('All answers cleared');
    expect((await answersOnPage(page)).every((a) => a.answer === null && a.notes === '')).toBe(true);
    await page.reload();
    expect((await answersOnPage(page)).every((a) => a.answer === null && a.notes === '')).toBe(true);

    await page.getByLabel('Open answers saved to a file').setInputFiles(exported.path);
    await page.waitForFunction(() => (document.querySelector('[data-notes]') as HTMLTextAreaElement).value !== '');
    expect(await answersOnPage(page)).toEqual(before);
    expect(await focused(page)).toBe('readiness-summary-heading');
    await page.reload();
    expect(await answersOnPage(page)).toEqual(before);

    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it.each([
    [
      'a file from a newer version',
      'readiness-newer-version.json',
      'This file was made by a newer version of the readiness checklist. Reload this page to get the latest version, then try again',
    ],
    [
      'a file edited by hand',
      'readiness-damaged.json',
      'This file is damaged: the entry “answers › good-investment › answer” is missing or not valid',
    ],
    [
      'a file cut short',
      'readiness-cut-short.json',
      'This file is damaged: it has been cut short or changed, so it cannot be read',
    ],
    [
      'a planner export',
      'planner-newer-version.json',
      'This file is not a Coaching Scheme Hub readiness checklist export',
    ],
    ['a spreadsheet', 'spreadsheet.csv', 'This file is not a Coaching Scheme Hub readiness checklist export'],
  ])('refuses %s with a clear error and leaves the answers unchanged', async (_what, file, message) => {
    const { page, errors, close } = await openPage(browser);
    await page.goto('/readiness/');
    await fillChecklist(page);
    const before = await answersOnPage(page);

    await page.getByLabel('Open answers saved to a file').setInputFiles(fixture(file));
    await page.locator('[data-error-summary]').waitFor({ state: 'visible' });
    expect(await text(page, '[data-error-summary] li')).toBe(message);
    expect(await text(page, '#readiness-import-error')).toBe(`Error: ${message}`);
    expect(await focused(page)).toBe('readiness-errors');
    expect(await answersOnPage(page)).toEqual(before);
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    expect(await answersOnPage(page)).toEqual(before);
    expect(errors).toEqual([]);
    await close();
  });

  it('does not overwrite unreadable saved answers until the person clears them', async () => {
    const { page, errors, close } = await openPage(browser);
    await page.goto('/readiness/');
    const damaged =
      '{"app":"coaching-scheme-hub","tool":"readiness","version":1,"data":{"answers":{"x":{"answer":"sometimes"}}}}';
    await page.evaluate((value) => localStorage.setItem('coaching-scheme-hub:readiness', value), damaged);
    await page.reload();
    expect(await text(page, '[data-error-summary] li')).toBe(
      'The readiness checklist saved in this browser is damaged: the entry “answers › x › answer” is missing or not valid. Your answers are not being saved until you clear all answers or open a saved file',
    );
    const firstId = (await questionIds(page))[0];
    await page.locator(`#${firstId}`).getByLabel('Ready', { exact: true }).check();
    await page.waitForFunction(
      () => document.querySelector('[data-save-status]')?.getAttribute('data-state') === 'failed',
    );
    expect(await page.evaluate(() => localStorage.getItem('coaching-scheme-hub:readiness'))).toBe(damaged);

    await page.getByRole('button', { name: 'Clear all answers' }).click();
    await page.getByRole('button', { name: 'Yes, clear all answers' }).click();
    await page.locator(`#${firstId}`).getByLabel('Partly ready', { exact: true }).check();
    await waitForSaved(page);
    await page.reload();
    expect((await answersOnPage(page))[0].answer).toBe('partly');
    expect(errors).toEqual([]);
    await close();
  });

  it('prints each question with its answer and notes, without the controls', async () => {
    const { page, errors, close } = await openPage(browser);
    await page.goto('/readiness/');
    const { ids } = await fillChecklist(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-print-answer]').first().isVisible()).toBe(true);
    expect(await page.getByRole('radio').first().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Clear all answers' }).isVisible()).toBe(false);
    const printed = await page
      .locator('[data-print-answer]')
      .evaluateAll((lists) => lists.map((dl) => (dl as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    expect(printed).toEqual([
      `Answer Not ready yet Notes ${NOTE(ids[0])}`,
      `Answer Partly ready Notes ${NOTE(ids[1])}`,
      ...ids.slice(2).map((id) => `Answer Ready Notes ${NOTE(id)}`),
    ]);
    expect(await page.locator('#readiness-summary').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});
