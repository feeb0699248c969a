// GOV.UK's date input (day, month and year boxes) for every date in the forms and the tools, with
// its messages, with JavaScript on and off. A native date control (mm/dd/yyyy in many browsers)
// anywhere in the built site fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, FORM_PAGES } from './forms-helpers.ts';
import { launchBrowser, openPage } from './support.ts';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const pages = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? pages(path.join(dir, entry.name))
      : entry.name.endsWith('.html')
        ? [path.join(dir, entry.name)]
        : [],
  );

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('dates are asked as day, month and year', () => {
  it('no built page has a native date control', () => {
    const withDateControl = pages(dist).filter((file) =>
      /<input[^>]*type=["']?date\b/i.test(readFileSync(file, 'utf8')),
    );
    expect(withDateControl.map((file) => path.relative(dist, file))).toEqual([]);
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`the agreement says what is missing from a date (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page, close } = await openPage(browser, { javaScriptEnabled });
      try {
        await page.goto(FORM_PAGES['coaching-agreement'].path);
        const group = page.getByRole('group', { name: 'Date of the agreement' });
        await group.getByLabel('Day', { exact: true }).fill('26');
        await group.getByLabel('Year', { exact: true }).fill('2026');
        const end = page.getByRole('group', { name: 'Expected end date' });
        await end.getByLabel('Day', { exact: true }).fill('31');
        await end.getByLabel('Month', { exact: true }).fill('13');
        await end.getByLabel('Year', { exact: true }).fill('2027');
        if (javaScriptEnabled) await page.click('form[data-form] [data-submit]');
        else await Promise.all([page.waitForNavigation(), page.click('form[data-form] [data-submit]')]);
        await page.waitForSelector('[data-error-summary]');
        const summary = await errorSummary(page);
        expect(summary).toContainEqual({
          href: '#f-agreementDate',
          text: 'Date of the agreement must include a month',
        });
        expect(summary).toContainEqual({ href: '#f-expectedEndDate', text: 'Expected end date must be a real date' });
        // What was typed stays in its boxes.
        expect(await group.getByLabel('Day', { exact: true }).inputValue()).toBe('26');
        expect(await end.getByLabel('Month', { exact: true }).inputValue()).toBe('13');
      } finally {
        await close();
      }
    });
  }

  it('the coaching record says what is missing from a session date, and keeps a real one', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto('/coaching-record/');
      await page.getByRole('button', { name: 'Add a session' }).click();
      const group = page.getByRole('group', { name: 'Meeting date' });
      // A new session starts with today's date: take its month away.
      await group.getByLabel('Month', { exact: true }).fill('');
      await group.getByLabel('Day', { exact: true }).fill('4');
      await group.getByLabel('Year', { exact: true }).fill('2026');
      await group.getByLabel('Year', { exact: true }).press('Tab');
      expect(await group.locator('.error-message').textContent()).toBe('Error: Meeting date must include a month');
      await group.getByLabel('Month', { exact: true }).fill('3');
      await group.getByLabel('Month', { exact: true }).press('Tab');
      expect(await group.locator('.error-message').isHidden()).toBe(true);
    } finally {
      await close();
    }
  });
});
