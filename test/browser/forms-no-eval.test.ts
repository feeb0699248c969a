// The form pages run their zod schemas without evaluating strings: zod's fast path would probe
// `new Function('')`, which the pages' policy (script-src 'self') refuses and reports.
import type { Browser } from 'playwright-core';
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

describe('form pages evaluate no strings', () => {
  for (const { path } of Object.values(FORM_PAGES)) {
    it(`${path}: checking answers raises no Content Security Policy violation`, async () => {
      const { page, close } = await openPage(browser);
      try {
        await page.addInitScript(() => {
          (window as unknown as { violations: string[] }).violations = [];
          document.addEventListener('securitypolicyviolation', (event) =>
            (window as unknown as { violations: string[] }).violations.push(
              `${event.violatedDirective} ${event.blockedURI}`,
            ),
          );
        });
        const response = await page.goto(path);
        // The policy really is there (as a header, or the build's meta), so a violation would be reported.
        const policy =
          response?.headers()['content-security-policy'] ??
          (await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content').catch(() => null));
        expect(policy).toContain("script-src 'self'");
        await page.click('form[data-form] [data-submit]');
        await page.waitForSelector('[data-error-summary]');
        expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});
