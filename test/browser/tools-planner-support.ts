import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';

// Helpers shared by the readiness and planner journeys.

export const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'tools', name);

/**
 * Records every request the page's context makes (URL and body), so a journey can prove that
 * nothing typed was ever sent anywhere.
 */
export function watchRequests(page: Page) {
  const seen: string[] = [];
  page.context().on('request', (request) => {
    seen.push(`${request.method()} ${request.url()}\n${request.postData() ?? ''}`);
  });
  return {
    count: () => seen.length,
    carrying: (markers: string[]) => seen.filter((entry) => markers.some((marker) => entry.includes(marker))),
  };
}

/** Waits until the save status says the latest change is saved in the browser. */
export async function waitForSaved(page: Page) {
  await page.waitForFunction(() =>
    /^Saved in this browser at \d\d:\d\d$/.test(document.querySelector('[data-save-status]')?.textContent ?? ''),
  );
}

export const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Clicks a button that downloads a file and returns the file's text and name. */
export async function download(page: Page, buttonName: string | RegExp) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  const filePath = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(filePath, 'utf8'), path: filePath };
}

/** The id of the element that has focus, or its tag and text when it has no id. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? el.id || `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim()}` : '';
  });

/**
 * What a reader without JavaScript gets, in a page where axe can still run: the page's own scripts
 * are blocked and every <noscript> is put back as the markup a browser with scripting off would
 * parse, so its stylesheet hides the parts that need JavaScript (shown from the first paint otherwise).
 */
export async function openWithoutJavaScript(page: Page, pagePath: string) {
  await page.route('**/_astro/*.js', (route) => route.abort());
  await page.goto(pagePath);
  await page.evaluate(() => {
    for (const noscript of [...document.querySelectorAll('noscript')]) {
      const template = document.createElement('template');
      template.innerHTML = noscript.textContent ?? '';
      noscript.replaceWith(template.content);
    }
  });
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-tool-only]')].every((part) => getComputedStyle(part).display === 'none'),
  );
}
