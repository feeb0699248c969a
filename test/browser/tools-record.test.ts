import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, launchBrowser, openPage } from './support.ts';
import {
  download,
  focused,
  openWithoutJavaScript,
  text,
  waitForSaved,
  watchRequests,
} from './tools-planner-support.ts';

// Journeys through the confidential coaching record on the built site: filled in, kept across
// reloads, drawn as a chart and a table, moved between devices as a passphrase-locked file,
// printed and deleted, with nothing typed ever leaving the browser.

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'tools-record', name);
type FixtureRecord = {
  coachee: string;
  coach: string;
  goals: { name: string }[];
  sessions: {
    date: string;
    previousActionsAndSummary: string;
    actionsAgreed: string;
    reflections: string;
    scores: (number | null)[];
  }[];
};
const RECORD: FixtureRecord = JSON.parse(readFileSync(fixture('record.json'), 'utf8'));
const PASSPHRASE = 'Passphrase marker: willow kettle orbit';
const TYPED = [
  RECORD.coachee,
  RECORD.coach,
  ...RECORD.goals.map((goal) => goal.name),
  ...RECORD.sessions.flatMap((s) => [s.previousActionsAndSummary, s.actionsAgreed, s.reflections]),
];
// Any of these in a request's address or body means typed text left the browser.
const MARKERS = ['Marker-Ayla', 'Marker-Idris', 'marker', 'Marker', 'willow kettle', ...TYPED];
const STORAGE_KEY = 'coaching-scheme-hub:coaching-record';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A page whose service worker is blocked, so every request the page causes shows up in the
 * request log (a worker's own fetches would not). Offline use is tested in tools-offline.test.ts.
 */
async function openRecordPage() {
  const context = await browser.newContext({ baseURL: baseUrl(), serviceWorkers: 'block', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const requests = watchRequests(page);
  await page.goto('/coaching-record/');
  return { page, errors, requests, close: () => context.close() };
}

const session = (page: Page, number: number) => page.getByRole('region', { name: `Session ${number}`, exact: true });
const scoreGroup = (page: Page, number: number, goal: string) =>
  session(page, number).getByRole('group', { name: `Progress towards ${goal}`, exact: true });

/** Types the fixture record in through the page, as a person would. */
async function fillRecord(page: Page) {
  await page.getByLabel('Coachee’s name').fill(RECORD.coachee);
  await page.getByLabel('Coach’s name').fill(RECORD.coach);
  for (const [index, goal] of RECORD.goals.entries()) {
    await page.getByRole('button', { name: 'Add a goal' }).click();
    expect(await focused(page)).toMatch(/^record-goal-/);
    await page.getByLabel(`Goal ${index + 1}`, { exact: true }).fill(goal.name);
  }
  for (const [index, entry] of RECORD.sessions.entries()) {
    const number = index + 1;
    await page.getByRole('button', { name: 'Add a session' }).click();
    // The new session is numbered for you, and focus moves to its heading.
    expect(await focused(page)).toMatch(/^record-session-[a-f0-9]+-heading$/);
    const part = session(page, number);
    expect(await part.getByLabel('Session number').inputValue()).toBe(String(number));
    // The GOV.UK date input: the session's date typed as day, month and year.
    const [year, month, day] = entry.date.split('-');
    await part.getByLabel('Day', { exact: true }).fill(String(Number(day)));
    await part.getByLabel('Month', { exact: true }).fill(String(Number(month)));
    await part.getByLabel('Year', { exact: true }).fill(year!);
    await part.getByLabel('Previous actions and summary of the session').fill(entry.previousActionsAndSummary);
    await part.getByLabel('Actions agreed at this session').fill(entry.actionsAgreed);
    await part.getByLabel('Reflections on the session').fill(entry.reflections);
    for (const [g, score] of entry.scores.entries()) {
      if (score !== null)
        await scoreGroup(page, number, RECORD.goals[g]!.name).getByLabel(String(score), { exact: true }).check();
    }
  }
  await waitForSaved(page);
}

/** Everything the form shows, to compare before and after. */
async function recordOnPage(page: Page) {
  const goals = await page
    .locator('[data-goal-id]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const sessions = await page.locator('[data-session-id]').evaluateAll((sections) =>
    sections.map((section) => ({
      heading: section.querySelector('h3')!.textContent,
      fields: {
        ...Object.fromEntries(
          [...section.querySelectorAll<HTMLInputElement>('[data-field]')].map((field) => [
            field.dataset.field,
            field.value,
          ]),
        ),
        // The date's day, month and year boxes, read back as the date they make.
        date: ['year', 'month', 'day']
          .map((part) =>
            section
              .querySelector<HTMLInputElement>(`[data-session-date] input[name$="-${part}"]`)!
              .value.padStart(2, '0'),
          )
          .join('-'),
      },
      scores: [...section.querySelectorAll('fieldset')]
        .filter((fieldset) => !fieldset.closest('[data-session-date]'))
        .map((fieldset) => (fieldset.querySelector('input:checked') as HTMLInputElement | null)?.value ?? null),
    })),
  );
  return {
    coachee: await page.getByLabel('Coachee’s name').inputValue(),
    coach: await page.getByLabel('Coach’s name').inputValue(),
    goals,
    sessions,
  };
}

const expectedOnPage = {
  coachee: RECORD.coachee,
  coach: RECORD.coach,
  goals: RECORD.goals.map((goal) => goal.name),
  sessions: RECORD.sessions.map((entry, index) => ({
    heading: `Session ${index + 1}`,
    fields: {
      date: entry.date,
      number: String(index + 1),
      previousActionsAndSummary: entry.previousActionsAndSummary,
      actionsAgreed: entry.actionsAgreed,
      reflections: entry.reflections,
    },
    // "Not scored" is the radio with an empty value.
    scores: entry.scores.map((score) => (score === null ? '' : String(score))),
  })),
};

const saved = (page: Page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);

async function importFile(page: Page, file: string, passphrase: string) {
  await page.getByLabel('Exported record file').setInputFiles(file);
  await page.getByLabel('Passphrase for the file').fill(passphrase);
  await page.getByRole('button', { name: 'Import the record' }).click();
}

/** The error summary's text once it appears, and the message shown at the field. */
async function importError(page: Page, fieldId: string) {
  const summary = page.locator('#record-import-errors');
  await summary.waitFor({ state: 'visible' });
  expect(await focused(page)).toBe('record-import-errors');
  return { summary: await text(page, '#record-import-errors li'), field: await text(page, `#${fieldId}-error`) };
}

describe('the coaching record without JavaScript', () => {
  it('says it needs JavaScript, says the record stays on the device, and lists what the record holds', async () => {
    const { page, errors, close } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto('/coaching-record/');
    expect(await text(page, 'h1')).toBe('Confidential coaching record');
    expect(await text(page, '#record-privacy-heading')).toBe('This record never leaves this device');
    expect(await text(page, 'noscript')).toContain('The coaching record needs JavaScript to work.');
    expect(await page.locator('#record-outline-heading').isVisible()).toBe(true);
    expect(await page.locator('#record-app').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await close();
  });

  it('is accessible when the script never runs', async () => {
    const { page, close } = await openPage(browser);
    await openWithoutJavaScript(page, '/coaching-record/');
    expect(await page.locator('#record-app').isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});

describe('the confidential coaching record', () => {
  it('keeps names, goals and three scored sessions after a reload, draws a line per goal and the same figures as a table', async () => {
    const { page, errors, requests, close } = await openRecordPage();
    expect(await text(page, '#record-privacy-heading')).toBe('This record never leaves this device');
    expect(await text(page, '[data-save-status]')).toBe('Nothing saved in this browser yet');
    expect(await page.getByRole('img').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await fillRecord(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    expect(await recordOnPage(page)).toEqual(expectedOnPage);
    expect(await text(page, '[data-save-status]')).toMatch(/^Saved in this browser at \d\d:\d\d$/);

    // The chart: one line per goal through the scored sessions, on axes read from the chart itself.
    const chart = page.getByRole('img', { name: 'Progress towards each goal, scored 0 to 10, across sessions' });
    const drawn = await chart.evaluate((svg) => ({
      xTicks: [...svg.querySelectorAll('[data-x-tick]')].map((tick) => ({
        label: tick.textContent,
        x: Number(tick.getAttribute('x')),
      })),
      // Tick labels sit 4 units below their grid line.
      y0: Number(svg.querySelector('[data-y-tick="0"]')!.getAttribute('y')) - 4,
      y10: Number(svg.querySelector('[data-y-tick="10"]')!.getAttribute('y')) - 4,
      yLabels: [...svg.querySelectorAll('[data-y-tick]')].map((tick) => tick.textContent),
      axisTitles: [...svg.querySelectorAll('.record-chart__title')].map((title) => title.textContent),
      lines: [...svg.querySelectorAll('.record-chart__series')].map((line) => ({
        name: line.querySelector('text')!.textContent,
        points: line
          .querySelector('polyline')!
          .getAttribute('points')!
          .split(' ')
          .map((pair) => pair.split(',').map(Number)),
        markers: line.querySelectorAll('[data-score]').length,
      })),
    }));
    expect(drawn.xTicks.map((tick) => tick.label)).toEqual(['1', '2', '3']);
    expect(drawn.yLabels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(drawn.axisTitles).toEqual(['Session number', 'Progress score']);
    expect(drawn.y10).toBeLessThan(drawn.y0);
    expect(drawn.lines).toHaveLength(RECORD.goals.length);
    for (const [g, goal] of RECORD.goals.entries()) {
      const expected = RECORD.sessions.flatMap((entry, index) => {
        const score = entry.scores[g];
        return score === null || score === undefined
          ? []
          : [[drawn.xTicks[index]!.x, drawn.y0 + ((drawn.y10 - drawn.y0) * score) / 10]];
      });
      const line = drawn.lines[g]!;
      expect(line.name).toBe(goal.name);
      expect(line.markers).toBe(expected.length);
      expect(line.points).toHaveLength(expected.length);
      line.points.forEach(([x, y], i) => {
        expect(x).toBeCloseTo(expected[i]![0]!, 1);
        expect(y).toBeCloseTo(expected[i]![1]!, 1);
      });
    }

    const table = page.getByRole('table', { name: 'Progress scores (0 to 10) by session' });
    const rows = await table
      .locator('tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    expect(rows).toEqual([
      ['Session', 'Meeting date', ...RECORD.goals.map((goal) => goal.name)],
      ['Session 1', '14 January 2026', '2', '3'],
      ['Session 2', '11 February 2026', '5', 'Not scored'],
      ['Session 3', '11 March 2026', '8', '6'],
    ]);

    expect(requests.count()).toBeGreaterThan(0);
    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('removes a goal only after asking, taking its scores and its line with it, all by keyboard', async () => {
    const { page, errors, requests, close } = await openRecordPage();
    await fillRecord(page);
    const second = RECORD.goals[1]!.name;
    await page.getByRole('button', { name: 'Remove goal 2' }).focus();
    await page.keyboard.press('Enter');
    expect(await text(page, `#${await focused(page)}`)).toBe('Remove goal 2?');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Yes, remove the goal"
    await waitForSaved(page);
    expect(await page.locator('[data-goal-id]').count()).toBe(1);
    expect(await scoreGroup(page, 1, second).count()).toBe(0);
    expect(await page.locator('#record-chart .record-chart__series').count()).toBe(1);
    expect(await text(page, '[data-announcer]')).toBe('Goal 2 removed');
    await page.reload();
    expect((await recordOnPage(page)).goals).toEqual([RECORD.goals[0]!.name]);
    const data = JSON.parse((await saved(page))!).data;
    const kept = data.goals[0].id;
    expect(data.sessions.map((s: { scores: object }) => s.scores)).toEqual([
      { [kept]: 2 },
      { [kept]: 5 },
      { [kept]: 8 },
    ]);
    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('exports a passphrase-locked file, refuses bad files without changing anything, deletes, and imports back identical', async () => {
    const { page, errors, requests, close } = await openRecordPage();
    await fillRecord(page);

    // Choosing a passphrase: at least 10 characters, the same twice.
    await page.getByLabel('Choose a passphrase').fill('too short');
    await page.getByLabel('Enter the passphrase again').fill('too short');
    await page.getByRole('button', { name: 'Export the record' }).click();
    expect(await focused(page)).toBe('record-export-errors');
    expect(await text(page, '#record-export-errors li')).toBe('Enter a passphrase of at least 10 characters');
    expect(await text(page, '#record-export-passphrase-error')).toBe(
      'Error: Enter a passphrase of at least 10 characters',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Choose a passphrase').fill(PASSPHRASE);
    await page.getByLabel('Enter the passphrase again').fill(`${PASSPHRASE}!`);
    await page.getByRole('button', { name: 'Export the record' }).click();
    expect(await text(page, '#record-export-errors li')).toBe('Enter the same passphrase twice');
    await page.getByLabel('Enter the passphrase again').fill(PASSPHRASE);
    const exported = await download(page, 'Export the record');
    expect(exported.name).toMatch(/^coaching-record-\d{4}-\d\d-\d\d\.json$/);
    expect(await focused(page)).toBe('record-export-done');
    expect(await page.getByLabel('Choose a passphrase').inputValue()).toBe('');
    const file = JSON.parse(exported.text);
    expect(file).toMatchObject({ app: 'coaching-scheme-hub', tool: 'coaching-record', version: 1, cipher: 'AES-GCM' });
    expect(file.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 310_000 });
    for (const marker of MARKERS) expect(exported.text).not.toContain(marker);

    const before = await saved(page);
    const beforeOnPage = await recordOnPage(page);
    const unchanged = async () => {
      expect(await saved(page)).toBe(before);
      expect(await recordOnPage(page)).toEqual(beforeOnPage);
    };

    await importFile(page, exported.path, 'willow kettle orbit, but wrong');
    expect(await importError(page, 'record-import-passphrase')).toEqual({
      summary: 'The passphrase is wrong, or the file has been changed',
      field: 'Error: The passphrase is wrong, or the file has been changed',
    });
    expect(await axeViolations(page)).toEqual([]);
    await unchanged();

    const cutShort = path.join(tmpdir(), `record-cut-short-${Date.now()}.json`);
    await writeFile(cutShort, exported.text.slice(0, Math.floor(exported.text.length / 2)));
    await importFile(page, cutShort, PASSPHRASE);
    expect((await importError(page, 'record-import-file')).summary).toBe(
      'This file is damaged: it has been cut short or changed, so it cannot be read',
    );
    await unchanged();

    for (const foreign of ['planner-export.json', 'random.json']) {
      await importFile(page, fixture(foreign), PASSPHRASE);
      expect(await importError(page, 'record-import-file')).toEqual({
        summary: 'This file is not a Coaching Scheme Hub coaching record export',
        field: 'Error: This file is not a Coaching Scheme Hub coaching record export',
      });
      await unchanged();
    }

    await importFile(page, fixture('exported-v2-newer.json'), PASSPHRASE);
    expect((await importError(page, 'record-import-file')).summary).toBe(
      'This file was made by a newer version of the coaching record. Reload this page to get the latest version, then try again',
    );
    await unchanged();

    // Importing over a record asks first; saying no changes nothing.
    await importFile(page, exported.path, PASSPHRASE);
    const replace = page.getByRole('group', { name: 'Replace the record in this browser?' });
    await replace.waitFor({ state: 'visible' });
    expect(await focused(page)).toBe('record-replace-confirm-heading');
    await replace.getByRole('button', { name: 'Cancel' }).click();
    expect(await focused(page)).toBe('record-import-submit');
    await unchanged();

    // Delete, after a confirmation.
    await page.getByRole('button', { name: 'Delete this record' }).click();
    expect(await focused(page)).toBe('record-delete-confirm-heading');
    await page.getByRole('button', { name: 'Yes, delete the record' }).click();
    expect(await focused(page)).toBe('record-delete-done');
    expect(await text(page, '#record-delete-done')).toBe('The record has been deleted from this browser.');
    expect(await saved(page)).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    expect(await recordOnPage(page)).toEqual({ coachee: '', coach: '', goals: [], sessions: [] });

    // Import on "another device": the empty record here is replaced without a question.
    await importFile(page, exported.path, PASSPHRASE);
    await page.locator('#record-import-done').waitFor({ state: 'visible' });
    expect(await focused(page)).toBe('record-import-done');
    expect(await recordOnPage(page)).toEqual(expectedOnPage);
    expect(JSON.parse((await saved(page))!).data).toEqual(JSON.parse(before!).data);
    await page.reload();
    expect(await recordOnPage(page)).toEqual(expectedOnPage);

    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('prints every word of every session and the chart, without the form', async () => {
    const { page, errors, requests, close } = await openRecordPage();
    await fillRecord(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#record-app').isVisible()).toBe(false);
    const printed = page.locator('#record-print-view');
    expect(await printed.isVisible()).toBe(true);
    const words = (await printed.innerText()).replace(/\s+/g, ' ');
    for (const typed of TYPED) expect(words).toContain(typed);
    expect(words).toContain('Session 3');
    expect(words).toContain('Progress towards Goal marker: plan supervision sessions ahead Not scored');
    expect(words).toContain('8 out of 10');
    expect(await printed.getByRole('img').count()).toBe(1);
    expect(await printed.locator('.record-chart__series').count()).toBe(2);
    expect(requests.carrying(MARKERS)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
