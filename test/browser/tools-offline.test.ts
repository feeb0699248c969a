import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../scripts/serve.mjs';
import { launchBrowser } from './support.ts';
import { text, waitForSaved } from './tools-planner-support.ts';

// The implementation planner and the coaching record open without a network once loaded: a
// service worker (public/sw.js) keeps their pages and files. To prove the pages really come from
// that cache, this test runs its own server and stops it, as well as taking the browser offline.

const PORT = 4461;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>> | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await serve({ port: PORT, quiet: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const COACHEE = 'Offline coachee OFFLINE-MARK';
const AGENCY = 'Offline agency OFFLINE-MARK';

/** Loads a tool page and waits until its service worker says the page and its files are cached. */
async function loadOnline(page: Page, path: string) {
  await page.goto(path);
  await page.waitForSelector('html[data-offline-ready="true"]', { timeout: 20_000 });
}

async function checkPagesRender(context: BrowserContext, page: Page, errors: string[]) {
  await page.goto('/coaching-record/');
  expect(await text(page, 'h1')).toBe('Confidential coaching record');
  expect(await page.getByLabel('Coachee’s name').inputValue()).toBe(COACHEE);
  expect(await page.getByRole('button', { name: 'Add a session' }).isVisible()).toBe(true);

  await page.goto('/planning/planner/');
  expect(await page.getByLabel('Organisation').inputValue()).toBe(AGENCY);
  expect(errors).toEqual([]);
  expect(context.serviceWorkers().length).toBeGreaterThan(0);
}

describe('working offline', () => {
  it('opens the coaching record and the planner with their saved data when the network and the server are gone', async () => {
    const context = await browser.newContext({ baseURL: server!.url });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await loadOnline(page, '/coaching-record/');
    await page.getByLabel('Coachee’s name').fill(COACHEE);
    await waitForSaved(page);
    await loadOnline(page, '/planning/planner/');
    await page.getByLabel('Organisation').fill(AGENCY);
    await waitForSaved(page);

    // The cache holds both pages and their files, and never a form or API answer.
    await page.evaluate(() => fetch('/api/health').then((response) => response.text()));
    const cached = await page.evaluate(async () =>
      (await (await caches.open('hub-offline-v1')).keys()).map((request) => new URL(request.url).pathname),
    );
    expect(cached).toEqual(expect.arrayContaining(['/coaching-record/', '/planning/planner/']));
    expect(cached.filter((path) => path.startsWith('/_astro/') && path.endsWith('.js')).length).toBeGreaterThan(0);
    expect(cached.filter((path) => path.startsWith('/api/'))).toEqual([]);

    // First the browser's own offline mode, with the server still running...
    await context.setOffline(true);
    await page.goto('/coaching-record/');
    expect(await page.getByLabel('Coachee’s name').inputValue()).toBe(COACHEE);
    await page.reload();
    expect(await page.getByLabel('Coachee’s name').inputValue()).toBe(COACHEE);

    // ...then with no server at all, so nothing but the cache can answer.
    await server!.close();
    server = undefined;
    await checkPagesRender(context, page, errors);
    await page.reload();
    expect(await page.getByLabel('Organisation').inputValue()).toBe(AGENCY);

    // Pages that were never loaded are not pretended to be available.
    const guidance = await page.goto('/principles/').catch((error: Error) => error);
    expect(guidance).toBeInstanceOf(Error);
    await context.close();
  });
});
