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

// Journeys through the seven-step implementation planner on the built site.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const MARKERS = ['PLANNER-MARK', 'QX42'];
const needs = (n: number) => `PLANNER-MARK needs for step ${n} QX42`;
const ours = (n: number) => `PLANNER-MARK our plan for step ${n} QX42\nSecond line`;
const AGENCY = 'PLANNER-MARK Eastmere County QX42';
const OWNER = 'PLANNER-MARK Robin Example QX42';

async function stepIds(page: Page) {
  return page.locator('[data-step]').evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.step!));
}

/** Fills the plan details and steps 1 to 5; steps 1 and 2 are marked complete, 6 and 7 left empty. */
async function fillPlan(page: Page) {
  const ids = await stepIds(page);
  await page.getByLabel('Organisation').fill(AGENCY);
  // The GOV.UK date input: day, month and year boxes.
  await page.fill('#f-planDate', '4');
  await page.fill('#f-planDate-month', '3');
  await page.fill('#f-planDate-year', '2026');
  await page.getByLabel('Plan owner').fill(OWNER);
  for (const [index, id] of ids.slice(0, 5).entries()) {
    await page.getByLabel(`Training needs for step ${index + 1}`, { exact: true }).fill(needs(index + 1));
    await page.getByLabel(`Our plan for step ${index + 1}`, { exact: true }).fill(ours(index + 1));
    if (index < 2) await page.locator(`#${id}-complete`).check();
  }
  await waitForSaved(page);
  return ids;
}

async function planOnPage(page: Page) {
  return page.evaluate(() => ({
    name: document.querySelector('[data-plan-heading]')?.textContent,
    agency: (document.getElementById('plan-agency') as HTMLInputElement).value,
    date: ['f-planDate', 'f-planDate-month', 'f-planDate-year']
      .map((id) => (document.getElementById(id) as HTMLInputElement).value)
      .join('/'),
    owner: (document.getElementById('plan-owner') as HTMLInputElement).value,
    steps: [...document.querySelectorAll<HTMLElement>('[data-step]')].map((section) => ({
      trainingNeeds: (section.querySelector('[data-step-field="trainingNeeds"]') as HTMLTextAreaElement).value,
      ourPlan: (section.querySelector('[data-step-field="ourPlan"]') as HTMLTextAreaElement).value,
      complete: (section.querySelector('[data-step-complete]') as HTMLInputElement).checked,
    })),
  }));
}

const statuses = (page: Page) => page.locator('[data-task-status]').allTextContents();
const planNames = (page: Page) => page.locator('[data-plan-list] li > strong:first-child').allTextContents();

describe('the planner without JavaScript', () => {
  it('shows the seven steps and their planning questions, and says the planner needs JavaScript', async () => {
    const { page, errors, close } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto('/planning/planner/');
    expect(await text(page, 'h1')).toBe('Coaching implementation planner');
    const headings = await page.locator('[data-step] h2').allTextContents();
    expect(headings).toHaveLength(7);
    for (const [index, heading] of headings.entries()) expect(heading).toMatch(new RegExp(`^Step ${index + 1}: .+`));
    expect(await page.locator('[data-step]').first().locator('[data-planning-question]').count()).toBeGreaterThan(0);
    expect(await text(page, 'noscript')).toContain('The planner needs JavaScript to work.');
    expect(await page.locator('textarea:visible').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('is accessible when the script never runs', async () => {
    const { page, close } = await openPage(browser);
    await openWithoutJavaScript(page, '/planning/planner/');
    expect(await page.locator('textarea:visible').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});

describe('the implementation planner', () => {
  it('keeps the plan after a reload, shows each step’s status in the task list, and sends nothing', async () => {
    const { page, errors, close } = await openPage(browser);
    const requests = watchRequests(page);
    await page.goto('/planning/planner/');
    expect(await statuses(page)).toEqual(Array(7).fill('Not started'));
    expect(await text(page, '[data-progress]')).toBe('You have completed 0 of 7 steps.');
    expect(await axeViolations(page)).toEqual([]);

    await fillPlan(page);
    const expectedStatuses = [
      'Completed',
      'Completed',
      'In progress',
      'In progress',
      'In progress',
      'Not started',
      'Not started',
    ];
    expect(await statuses(page)).toEqual(expectedStatuses);
    expect(await text(page, '[data-progress]')).toBe('You have completed 2 of 7 steps.');
    expect(await axeViolations(page)).toEqual([]);

    const before = await planOnPage(page);
    await page.reload();
    expect(await planOnPage(page)).toEqual(before);
    expect(before.agency).toBe(AGENCY);
    expect(before.steps[0]).toEqual({ trainingNeeds: needs(1), ourPlan: ours(1), complete: true });
    expect(before.steps[6]).toEqual({ trainingNeeds: '', ourPlan: '', complete: false });
    expect(await statuses(page)).toEqual(expectedStatuses);

    // The task list links to each step.
    await page
      .getByRole('link', { name: /^Step 3: / })
      .first()
      .click();
    expect(page.url()).toMatch(/#step-[a-z0-9-]+$/);

    expect(requests.count()).toBeGreaterThan(0);
    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('prints like the worksheet: organisation and date at the top, then step, planning questions, training needs and our plan', async () => {
    const { page, errors, close } = await openPage(browser);
    await page.goto('/planning/planner/');
    await fillPlan(page);
    await page.emulateMedia({ media: 'print' });
    const worksheet = page.locator('[data-print-worksheet]');
    expect(await worksheet.isVisible()).toBe(true);
    expect(await page.locator('[data-step]').first().isVisible()).toBe(false);
    expect(await page.locator('textarea').first().isVisible()).toBe(false);
    const facts = await worksheet.locator('dl').evaluate((dl) => [...dl.children].map((child) => child.textContent));
    expect(facts).toEqual(['Organisation:', AGENCY, 'Date:', '4 March 2026', 'Plan owner:', OWNER]);
    expect(await worksheet.locator('thead th').allTextContents()).toEqual([
      'Step',
      'Planning questions',
      'Training needs',
      'Our plan',
    ]);
    const rows = await worksheet
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell as HTMLElement).innerText.trim())));
    expect(rows).toHaveLength(7);
    expect(rows[0]![0]).toMatch(/^Step 1: .+\nCompleted$/);
    expect(rows[0]![1]!.length).toBeGreaterThan(20);
    expect(rows[0]!.slice(2)).toEqual([needs(1), ours(1)]);
    expect(rows[4]!.slice(2)).toEqual([needs(5), ours(5)]);
    expect(rows[6]!.slice(2)).toEqual(['', '']);
    expect(errors).toEqual([]);
    await close();
  });

  it('saves a Word document laid out as the worksheet table', async () => {
    const { page, errors, close } = await openPage(browser);
    const requests = watchRequests(page);
    await page.goto('/planning/planner/');
    await fillPlan(page);
    const word = await download(page, 'Save as a Word document');
    expect(word.name).toBe('our-coaching-plan-planner-mark-eastmere-county-qx42-2026-03-04.doc');
    expect(word.text).toMatch(/^<html xmlns:o="urn:schemas-microsoft-com:office:office"/);
    expect(word.text).toContain(
      '<thead><tr><th>Step</th><th>Planning questions</th><th>Training needs</th><th>Our plan</th></tr></thead>',
    );
    expect(word.text).toContain(`<p><b>Organisation:</b> ${AGENCY}</p>`);
    expect(word.text).toContain(`<td><p>PLANNER-MARK our plan for step 1 QX42<br>Second line</p></td>`);
    expect((word.text.match(/<tr>/g) ?? []).length).toBe(8);
    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('exports a plan to a file, deletes it after a confirmation, and imports it back exactly', async () => {
    const { page, errors, close } = await openPage(browser);
    const requests = watchRequests(page);
    await page.goto('/planning/planner/');
    await fillPlan(page);
    const before = await planOnPage(page);
    const exported = await download(page, 'Save this plan to a file');
    expect(exported.name).toBe('our-coaching-plan-planner-mark-eastmere-county-qx42-2026-03-04.json');
    expect(JSON.parse(exported.text)).toMatchObject({
      app: 'coaching-scheme-hub',
      tool: 'planner',
      version: 1,
      data: { agency: AGENCY },
    });

    await page.getByRole('button', { name: 'Delete this plan' }).click();
    expect(await focused(page)).toBe('planner-delete-confirm-heading');
    expect(await text(page, '[data-delete-text]')).toBe(
      'This deletes “Our coaching plan” and everything in it from this browser. It cannot be undone. If you might need it again, save it to a file first.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, delete this plan' }).click();
    expect(await focused(page)).toBe('plans-heading');
    const cleared = await planOnPage(page);
    expect(cleared.agency).toBe('');
    expect(cleared.steps.every((s) => !s.trainingNeeds && !s.ourPlan && !s.complete)).toBe(true);

    await page.getByLabel('Open a plan saved to a file').setInputFiles(exported.path);
    await page.waitForFunction(
      (agency) => (document.getElementById('plan-agency') as HTMLInputElement).value === agency,
      AGENCY,
    );
    expect(await planOnPage(page)).toEqual(before);
    expect(await planNames(page)).toEqual(['Our coaching plan']);
    expect(await focused(page)).toBe('plan-heading');
    await page.reload();
    expect(await planOnPage(page)).toEqual(before);

    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it.each([
    [
      'a file from a newer version',
      'planner-newer-version.json',
      'This file was made by a newer version of the planner. Reload this page to get the latest version, then try again',
    ],
    [
      'a file edited by hand',
      'planner-damaged.json',
      'This file is damaged: the entry “agency” is missing or not valid',
    ],
    [
      'a file cut short',
      'readiness-cut-short.json',
      'This file is damaged: it has been cut short or changed, so it cannot be read',
    ],
    [
      'a readiness checklist export',
      'readiness-newer-version.json',
      'This file is not a Coaching Scheme Hub planner export',
    ],
    ['another app’s file', 'other-app.json', 'This file is not a Coaching Scheme Hub planner export'],
  ])('refuses %s with a clear error and leaves the plans unchanged', async (_what, file, message) => {
    const { page, errors, close } = await openPage(browser);
    await page.goto('/planning/planner/');
    await fillPlan(page);
    const before = await planOnPage(page);
    await page.getByLabel('Open a plan saved to a file').setInputFiles(fixture(file));
    await page.locator('[data-error-summary]').waitFor({ state: 'visible' });
    expect(await text(page, '[data-error-summary] li')).toBe(message);
    expect(await text(page, '#planner-import-error')).toBe(`Error: ${message}`);
    expect(await focused(page)).toBe('planner-errors');
    expect(await planOnPage(page)).toEqual(before);
    expect(await planNames(page)).toEqual(['Our coaching plan']);
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    expect(await planOnPage(page)).toEqual(before);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps several plans: rename, duplicate, start, switch and delete, with focus and announcements', async () => {
    const { page, errors, close } = await openPage(browser);
    const requests = watchRequests(page);
    await page.goto('/planning/planner/');
    await fillPlan(page);
    const first = await planOnPage(page);

    // Rename: a blank name is refused with the error summary pattern.
    await page.getByRole('button', { name: 'Rename this plan' }).click();
    expect(await focused(page)).toBe('plan-name');
    await page.getByLabel('New name for this plan').fill('  ');
    await page.getByRole('button', { name: 'Save name' }).click();
    expect(await text(page, '[data-error-summary] li')).toBe('Enter a name for the plan');
    expect(await text(page, '#plan-name-error')).toBe('Error: Enter a name for the plan');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('New name for this plan').fill('PLANNER-MARK Eastmere plan QX42');
    await page.getByLabel('New name for this plan').press('Enter');
    expect(await text(page, '[data-plan-heading]')).toBe('PLANNER-MARK Eastmere plan QX42');
    expect(await focused(page)).toBe('plan-heading');
    expect(await page.locator('[data-error-summary]').isVisible()).toBe(false);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-announcer]')?.textContent === 'Plan renamed to PLANNER-MARK Eastmere plan QX42',
    );

    // Duplicate: an exact copy under a new name, opened.
    await page.getByRole('button', { name: 'Duplicate this plan' }).click();
    expect(await text(page, '[data-plan-heading]')).toBe('Copy of PLANNER-MARK Eastmere plan QX42');
    expect(await focused(page)).toBe('plan-heading');
    expect({ ...(await planOnPage(page)), name: first.name }).toEqual(first);
    await page.getByLabel('Organisation').fill('PLANNER-MARK Westbrook QX42');

    // Start a new, empty plan.
    await page.getByRole('button', { name: 'Start a new plan' }).click();
    expect(await text(page, '[data-plan-heading]')).toBe('Our coaching plan');
    expect((await planOnPage(page)).agency).toBe('');
    expect(await planNames(page)).toEqual([
      'PLANNER-MARK Eastmere plan QX42',
      'Copy of PLANNER-MARK Eastmere plan QX42',
      'Our coaching plan',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    // Switch back to the first plan from the list.
    await page.getByRole('button', { name: 'Open PLANNER-MARK Eastmere plan QX42' }).click();
    expect(await focused(page)).toBe('plan-heading');
    expect({ ...(await planOnPage(page)), name: first.name }).toEqual(first);

    // Delete the copy: Cancel keeps it, Yes removes it and focus goes to the list.
    await page.getByRole('button', { name: 'Open Copy of PLANNER-MARK Eastmere plan QX42' }).click();
    expect((await planOnPage(page)).agency).toBe('PLANNER-MARK Westbrook QX42');
    await page.getByRole('button', { name: 'Delete this plan' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await focused(page)).toBe('planner-delete');
    expect(await planNames(page)).toHaveLength(3);
    await page.getByRole('button', { name: 'Delete this plan' }).click();
    await page.getByRole('button', { name: 'Yes, delete this plan' }).click();
    expect(await focused(page)).toBe('plans-heading');
    expect(await planNames(page)).toEqual(['PLANNER-MARK Eastmere plan QX42', 'Our coaching plan']);
    await page.waitForFunction(() =>
      /^Copy of PLANNER-MARK Eastmere plan QX42 deleted\. Now showing /.test(
        document.querySelector('[data-announcer]')?.textContent ?? '',
      ),
    );

    await page.reload();
    expect(await planNames(page)).toEqual(['PLANNER-MARK Eastmere plan QX42', 'Our coaching plan']);
    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('opens with its plans when the network is gone, once it has been loaded', async () => {
    const { page, errors, close } = await openPage(browser);
    await page.goto('/planning/planner/');
    await fillPlan(page);
    const before = await planOnPage(page);
    await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true');
    await page.context().setOffline(true);
    await page.reload();
    expect(await text(page, 'h1')).toBe('Coaching implementation planner');
    expect(await planOnPage(page)).toEqual(before);
    expect(await page.getByRole('button', { name: 'Save as a Word document' }).isVisible()).toBe(true);
    await page.context().setOffline(false);
    expect(errors).toEqual([]);
    await close();
  });
});
