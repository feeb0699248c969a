// Journeys through search on the BUILT site: from the header box of any page to the heading that
// answers the question, narrowing by section, with a screen reader or no JavaScript, and what it costs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { dist, gzipSize, listPages, mainText, root } from '../../scripts/bench.mjs';
import { FIRST_SEARCH_BUDGET, measureFirstSearch } from '../../scripts/bench/search.mjs';
import { axeViolations, baseUrl, launchBrowser, openPage } from './support.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Content files of a collection, with their frontmatter (or data), read independently of Astro. */
function entries(folder: string, extension: '.mdx' | '.yml') {
  const dir = path.join(root, 'content', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .map((name) => {
      const source = readFileSync(path.join(dir, name), 'utf8');
      const data = parseYaml(extension === '.mdx' ? source.split(/^---\s*$/m)[1] : source) as Record<string, unknown>;
      return { id: name.slice(0, -extension.length), data };
    });
}

const status = (page: Page) =>
  page
    .locator('#search-status')
    .textContent()
    .then((text) => text?.trim() ?? '');

/** Waits until the results count region says something other than `before`. */
async function announced(page: Page, before = ''): Promise<string> {
  await page.waitForFunction((previous) => {
    const text = document.getElementById('search-status')?.textContent?.trim() ?? '';
    return text !== '' && text !== previous;
  }, before);
  return status(page);
}

/** Each result as people meet it: the page link, its section, and its matching headings' links. */
async function results(page: Page) {
  return page.locator('#search-results > li').evaluateAll((items) =>
    items.map((item) => ({
      href: item.querySelector('h2 a')?.getAttribute('href'),
      title: item.querySelector('h2 a')?.textContent,
      section: item.querySelector('.search-result__section')?.textContent,
      matches: [...item.querySelectorAll('h3 a')].map((a) => a.getAttribute('href')),
    })),
  );
}

async function search(page: Page, query: string, sections: string[] = []) {
  const params = new URLSearchParams({ q: query });
  for (const section of sections) params.append('section', section);
  await page.goto(`/search/?${params}`);
  return announced(page);
}

describe('finding one thing from any page', () => {
  it('"chemistry meeting" typed into the header of a guidance page leads first to the principles section about it', async () => {
    const { page, errors, close } = await openPage(browser);
    await page.goto('/protocol/');
    const headerSearch = page.locator('header form[role="search"]');
    await headerSearch.locator('input[name="q"]').fill('chemistry meeting');
    await headerSearch.locator('button[type="submit"]').click();
    await page.waitForURL(/\/search\/\?q=chemistry\+meeting$/);

    expect(await announced(page)).toMatch(/^\d+ results? for ‘chemistry meeting’$/);
    const [first] = await results(page);
    expect(first).toMatchObject({ href: '/principles/', section: 'Principles' });
    expect(first.matches[0]).toBe('/principles/#chemistry-meeting');
    await expect(page.locator('#search-results li li mark').first().textContent()).resolves.toMatch(/chemistry/i);
    expect(errors).toEqual([]);
    await close();
  });

  it('"charitable foundations" puts planning step 7 first', async () => {
    const step7 = entries('planning', '.mdx').find((step) => step.data.number === 7)!;
    const { page, errors, close } = await openPage(browser);
    await search(page, 'charitable foundations');
    const [first] = await results(page);
    expect(first).toMatchObject({ href: `/planning/${step7.id}/`, title: step7.data.title, section: 'Planning' });
    expect(errors).toEqual([]);
    await close();
  });

  it('a result’s section link lands on its heading', async () => {
    const { page, errors, close } = await openPage(browser);
    await search(page, 'chemistry meeting');
    const link = page.locator('#search-results h3 a').first();
    const [linkText, href] = [await link.textContent(), await link.getAttribute('href')];
    await link.click();
    await page.waitForURL((url) => url.pathname + url.hash === href);
    const target = await page.evaluate(() => {
      const element = document.querySelector(':target');
      return { tag: element?.tagName, text: element?.textContent?.trim(), inMain: Boolean(element?.closest('main')) };
    });
    expect(target).toEqual({ tag: 'H2', text: linkText, inMain: true });
    expect(errors).toEqual([]);
    await close();
  });
});

describe('what is searched', () => {
  it('only the main content: a word from every page’s navigation finds only pages whose main text uses it', async () => {
    // "Protocol" is in the header navigation of every page, but in the main text of only some.
    const indexed = listPages(dist)
      .map((page) => ({ path: page.path, html: readFileSync(page.file, 'utf8') }))
      .filter((page) => /<main\b[^>]*data-pagefind-body/.test(page.html));
    const withoutWord = indexed.filter((page) => !/protocol/i.test(mainText(page.html))).map((page) => page.path);
    expect(withoutWord.length).toBeGreaterThan(0);

    const { page, errors, close } = await openPage(browser);
    await search(page, 'protocol');
    while (await page.locator('#search-more').isVisible()) {
      const shown = await page.locator('#search-results > li').count();
      await page.locator('#search-more').click();
      await page.waitForFunction((count) => document.querySelectorAll('#search-results > li').length > count, shown);
    }
    const found = (await results(page)).map((result) => result.href);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((href) => withoutWord.includes(href!))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('only pages that belong to a section: the home page never comes up, even for its own words', async () => {
    const { tagline } = parseYaml(readFileSync(path.join(root, 'content/settings/site.yml'), 'utf8')) as {
      tagline: string;
    };
    expect(mainText(readFileSync(path.join(dist, 'index.html'), 'utf8'))).toContain(tagline);
    const { page, errors, close } = await openPage(browser);
    await search(page, tagline);
    const found = (await results(page)).map((result) => result.href);
    expect(found).not.toContain('/');
    expect(found).not.toContain('/search/');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('narrowing by section', () => {
  it('ticking a section keeps only its results, says so, and remembers it in the address', async () => {
    const { page, errors, close } = await openPage(browser);
    const everywhere = await search(page, 'coaching');
    const all = await results(page);
    expect(new Set(all.map((result) => result.section)).size).toBeGreaterThan(1);

    await page.getByLabel('Protocol', { exact: true }).check();
    expect(await announced(page, everywhere)).toMatch(/^\d+ results? for ‘coaching’ in Protocol$/);
    const narrowed = await results(page);
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.every((result) => result.section === 'Protocol')).toBe(true);
    expect(new URL(page.url()).searchParams.getAll('section')).toEqual(['Protocol']);

    // Opening that address again gives the same narrowed results.
    await search(page, 'coaching', ['Protocol']);
    await expect(page.getByLabel('Protocol', { exact: true }).isChecked()).resolves.toBe(true);
    expect(await results(page)).toEqual(narrowed);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('with a keyboard and a screen reader', () => {
  it('is accessible with results showing: count in a status region, results as headed links', async () => {
    const { page, errors, close } = await openPage(browser);
    await search(page, 'confidentiality');
    await expect(page.locator('#search-status').getAttribute('role')).resolves.toBe('status');
    await expect(page.locator('#search-results > li > h2 > a').count()).resolves.toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    // Before anything is searched for, the page offers every page of the site instead.
    await page.goto('/search/');
    await expect(page.locator('#site-contents').isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('searches again from the keyboard without leaving the search box', async () => {
    const { page, errors, close } = await openPage(browser);
    const before = await search(page, 'confidentiality');
    await page.locator('#search-query').fill('funding');
    await page.keyboard.press('Enter');
    expect(await announced(page, before)).toMatch(/results? for ‘funding’$/);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-query');
    expect(new URL(page.url()).searchParams.get('q')).toBe('funding');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows ten results at a time, and "Show more results" carries focus to the first new one', async () => {
    const { page, errors, close } = await openPage(browser);
    const message = await search(page, 'coaching');
    expect(Number(message.match(/^(\d+) results/)?.[1])).toBeGreaterThan(10);
    await expect(page.locator('#search-results > li').count()).resolves.toBe(10);
    await page.getByRole('button', { name: 'Show more results' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 10);
    const focus = await page.evaluate(() => {
      const items = [...document.querySelectorAll('#search-results > li')];
      const active = document.activeElement;
      return { tag: active?.tagName, item: items.findIndex((item) => item.contains(active)) };
    });
    expect(focus).toEqual({ tag: 'A', item: 10 });
    expect(errors).toEqual([]);
    await close();
  });
});

describe('what search costs', () => {
  it('guidance pages and the home page download no search code', async () => {
    const { page, errors, close } = await openPage(browser);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    for (const address of ['/', '/principles/', '/protocol/', '/planning/']) await page.goto(address);
    expect(requested.filter((address) => address.startsWith('/pagefind/') || address.endsWith('.js'))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('the search page fetches Pagefind only when there is something to search for', async () => {
    const { page, errors, close } = await openPage(browser);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto('/search/');
    await page.waitForLoadState('networkidle');
    expect(requested.filter((address) => address.startsWith('/pagefind/'))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it(`a first search downloads at most ${FIRST_SEARCH_BUDGET / 1024} KB`, async () => {
    const first = await measureFirstSearch(browser, baseUrl(), gzipSize);
    expect(first.files.map((file) => file.path)).toContain('/pagefind/pagefind.js');
    expect(first.wireBytes).toBeLessThanOrEqual(FIRST_SEARCH_BUDGET);
  });
});

describe('without JavaScript', () => {
  it('says search needs JavaScript and lists every page of the site instead', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto('/search/?q=chemistry+meeting');
    await expect(page.locator('main').textContent()).resolves.toContain('Search needs JavaScript');

    const listed = new Set(
      await page.locator('#site-contents a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    );
    const formPages = ['/become-a-coach/', '/apply-for-coaching/', '/coaching-agreement/'];
    const expected = [
      ...entries('guidance', '.mdx').map((entry) => `/${entry.id}/`),
      '/protocol/',
      ...entries('protocol', '.mdx').map((entry) => `/protocol/${entry.id}/`),
      '/planning/',
      ...entries('planning', '.mdx').map((entry) => `/planning/${entry.id}/`),
      ...formPages,
      '/readiness/',
      '/planning/planner/',
      '/coaching-record/',
    ];
    expect(expected.filter((address) => !listed.has(address))).toEqual([]);
    await close();
  });
});
