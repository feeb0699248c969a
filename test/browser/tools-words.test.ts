import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, normalise } from '../../scripts/words/corpus.ts';
import { chunksOfHtml, verdict } from '../../scripts/words/coverage.ts';
import { READ_ATTRIBUTES } from '../../scripts/words/extract.ts';
import { recordWrittenText, type Written } from '../../scripts/words/written.ts';
import { launchBrowser, openPage } from './support.ts';
import { download, fixture, waitForSaved } from './tools-planner-support.ts';

// Every word the tools' scripts write into the page (messages, statuses, announcements, summaries,
// labels and headings they draw, the printout, the Word document) comes from content/tools/: each
// journey records what the scripts write, as the browser receives it, and every piece must be in
// content/ or be something the person typed or the program generates (scripts/words/coverage.ts).

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpus = loadCorpus(path.join(root, 'content'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The pieces nobody wrote in content/: what a script made up. */
const madeUp = (texts: string[], typed: string[]) => {
  const answers = new Set(typed.map(normalise));
  return [...new Set(texts.map(normalise))].filter((text) => text && verdict(text, corpus, answers) === undefined);
};

async function openRecording(pagePath: string) {
  const opened = await openPage(browser);
  await opened.page.addInitScript(recordWrittenText, READ_ATTRIBUTES);
  await opened.page.goto(pagePath);
  const written = async () =>
    (await opened.page.evaluate(() => (window as unknown as { __written: Written[] }).__written)).map((w) => w.text);
  return { ...opened, written };
}

const announced = (page: Page, pattern: RegExp) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('[data-announcer]')?.textContent ?? ''),
    pattern.source,
  );

describe('the words the tools’ scripts write come from content/', () => {
  it('the readiness checklist: summary, statuses, file errors, clearing and the all-ready message', async () => {
    const { page, errors, close, written } = await openRecording('/readiness/');
    const ids = await page
      .locator('[data-question]')
      .evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.question!));
    await page.locator(`#${ids[0]}`).getByLabel('Not ready yet', { exact: true }).check();
    await page.locator(`#${ids[1]}`).getByLabel('Partly ready', { exact: true }).check();
    await page.locator(`#${ids[0]}-notes`).fill('WORDS-NOTE-Q1');
    await waitForSaved(page);
    await expect.poll(() => page.locator('[data-summary-needs-work] h3').textContent()).toBe('What is not ready yet');
    await download(page, 'Save your answers to a file');
    await announced(page, /saved to a file/);
    await page.getByLabel('Open answers saved to a file').setInputFiles(fixture('readiness-newer-version.json'));
    await page.waitForSelector('[data-error-summary]:not([hidden])');
    await page.getByRole('button', { name: 'Clear all answers' }).click();
    await page.getByRole('button', { name: 'Yes, clear all answers' }).click();
    await expect.poll(() => page.locator('[data-save-status]').textContent()).toBe('All answers cleared');
    for (const id of ids) await page.locator(`#${id}`).getByLabel('Ready', { exact: true }).check();
    await expect
      .poll(() => page.locator('[data-summary-needs-work]').textContent())
      .toContain('You have answered every question as ready');

    const texts = await written();
    expect(texts.length).toBeGreaterThan(20);
    expect(madeUp(texts, ['WORDS-NOTE-Q1'])).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('the planner: plan list, rename errors, duplicate, new, delete, file errors and the Word document', async () => {
    const { page, errors, close, written } = await openRecording('/planning/planner/');
    await page.getByLabel('Organisation', { exact: true }).fill('WORDS-AGENCY');
    await waitForSaved(page);
    await page.getByRole('button', { name: 'Rename this plan' }).click();
    await page.getByLabel('New name for this plan').fill('');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.waitForSelector('[data-error-summary]:not([hidden])');
    await page.getByLabel('New name for this plan').fill('WORDS-PLAN');
    await page.getByRole('button', { name: 'Save name' }).click();
    await announced(page, /renamed/);
    await page.getByRole('button', { name: 'Duplicate this plan' }).click();
    await announced(page, /Copy of/);
    await page.getByRole('button', { name: 'Start a new plan' }).click();
    await announced(page, /New plan started/);
    await page.getByRole('button', { name: 'Delete this plan' }).click();
    await page.getByRole('button', { name: 'Yes, delete this plan' }).click();
    await announced(page, /deleted/);
    const firstStep = page.locator('[data-step]').first();
    await firstStep.getByLabel(/^Training needs/).fill('WORDS-TRAINING');
    await firstStep.getByLabel(/^Mark this step as complete/).check();
    await waitForSaved(page);
    await page.getByLabel('Open a plan saved to a file').setInputFiles(fixture('planner-newer-version.json'));
    await page.waitForSelector('[data-error-summary]:not([hidden])');
    const word = await download(page, 'Save as a Word document');
    await announced(page, /Word document/);

    const texts = await written();
    expect(texts.length).toBeGreaterThan(20);
    const typed = ['WORDS-AGENCY', 'WORDS-PLAN', 'Copy of WORDS-PLAN', 'WORDS-TRAINING'];
    expect(madeUp(texts, typed)).toEqual([]);
    const [document] = await chunksOfHtml(browser, [word.text]);
    expect(document!.length).toBeGreaterThan(10);
    expect(
      madeUp(
        document!.map((chunk) => chunk.text),
        typed,
      ),
    ).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('the coaching record: goals, sessions, chart, printout, passphrase errors, export, removing and deleting', async () => {
    const { page, errors, close, written } = await openRecording('/coaching-record/');
    await page.getByRole('button', { name: 'Add a goal' }).click();
    await page.getByRole('button', { name: 'Add a session' }).click();
    await page
      .getByRole('group', { name: 'Progress towards Goal 1', exact: true })
      .getByLabel('6', { exact: true })
      .check();
    await page.getByLabel('Reflections on the session').fill('WORDS-REFLECTION');
    await waitForSaved(page);
    await page.getByLabel('Choose a passphrase').fill('too short');
    await page.getByRole('button', { name: 'Export the record' }).click();
    await page.waitForSelector('#record-export-errors:not([hidden])');
    await page.getByLabel('Choose a passphrase').fill('words coverage passphrase');
    await page.getByLabel('Enter the passphrase again').fill('words coverage passphrase');
    await download(page, 'Export the record');
    await page.waitForSelector('#record-export-done:not([hidden])');
    await page.getByRole('button', { name: 'Import the record' }).click();
    await page.waitForSelector('#record-import-errors:not([hidden])');
    await page.getByRole('button', { name: /^Remove session/ }).click();
    await page.getByRole('button', { name: 'Yes, remove the session' }).click();
    await announced(page, /removed/);
    await page.getByRole('button', { name: 'Delete this record', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, delete the record' }).click();
    await page.waitForSelector('#record-delete-done:not([hidden])');

    const texts = await written();
    expect(texts.length).toBeGreaterThan(20);
    expect(madeUp(texts, ['WORDS-REFLECTION'])).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('would be caught if a script made up its own words', () => {
    expect(madeUp(['Saved in this browser at 10:42', 'Your answers were saved to disk'], [])).toEqual([
      'Your answers were saved to disk',
    ]);
  });
});
