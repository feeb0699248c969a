// Journeys over the BUILT site (dist/, served like Netlify): every page works, is accessible and
// links only to things that exist; guidance pages carry no JavaScript; the reading aids work.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { dist, guidancePaths, listPages } from '../../scripts/bench.mjs';
import { axeViolations, launchBrowser, openPage } from './support.ts';

if (!existsSync(path.join(dist, 'index.html'))) {
  throw new Error('There is no built site in dist/: run `npm run build` before the browser tests.');
}

// The CMS brings its own page (no site layout, scripts from Decap); the CMS tests cover it.
const isAdmin = (pagePath: string) => pagePath.startsWith('/admin/');
const allPages = listPages(dist);
const pages = allPages.filter((page) => !isAdmin(page.path) && page.path !== '/404.html');
const guidance = guidancePaths();
const html = new Map(allPages.map((page) => [page.path, readFileSync(page.file, 'utf8')]));

/** Frontmatter of a content file, read independently of Astro. */
function frontmatter(file: string): Record<string, unknown> {
  const source = readFileSync(path.join(dist, '..', 'content', file), 'utf8');
  return parseYaml(source.split(/^---\s*$/m)[1]);
}
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const isoDate = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
const readableDate = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
};

/** The phase or step with a given number: its id and frontmatter. */
function numbered(folder: 'protocol' | 'planning', number: number) {
  for (const page of allPages) {
    const match = page.path.match(new RegExp(`^/${folder}/([^/]+)/$`));
    if (!match || !existsSync(path.join(dist, '..', 'content', folder, `${match[1]}.mdx`))) continue;
    const data = frontmatter(`${folder}/${match[1]}.mdx`);
    if (data.number === number) return { id: match[1], data: data as { title: string; number: number } };
  }
  throw new Error(`No ${folder} page numbered ${number} in dist/`);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('every page of the built site', () => {
  // Pages are checked a few at a time: most of the wait is axe and the browser, not the CPU.
  it.concurrent.for(pages.map((page) => page.path))(
    '%s answers 200, has one h1, no console errors and no axe violations',
    async (pagePath, { expect }) => {
      const { page, errors, close } = await openPage(browser);
      const scriptRequests: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scriptRequests.push(request.url());
      });
      try {
        const response = await page.goto(pagePath, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        // Exactly one h1 in the document, and it is shown (forms swap its words for their check step).
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.locator('h1').isVisible()).toBe(true);
        expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        if (guidance.has(pagePath)) {
          expect(await page.locator('script').count()).toBe(0);
          expect(scriptRequests).toEqual([]);
        }
      } finally {
        await close();
      }
    },
  );

  // The security headers of every kind of page: security-headers.test.ts.

  it('includes every guidance, protocol and planning page', () => {
    const built = new Set(pages.map((page) => page.path));
    expect([...guidance].filter((pagePath) => !built.has(pagePath))).toEqual([]);
    expect(guidance.has('/principles/')).toBe(true);
    expect(guidance.size).toBeGreaterThanOrEqual(16);
  });

  it('answers an unknown address with a helpful 404 page', async () => {
    const { page, errors, close } = await openPage(browser);
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(new URL(response.url()).pathname);
    });
    try {
      const response = await page.goto('/no-such-page/');
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
      expect(await page.locator('main a[href="/"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      // Chromium logs the page's own 404 as an error; its stylesheet and icon must still load.
      expect(failed).toEqual(['/no-such-page/']);
      expect(errors.filter((error) => !error.startsWith('Failed to load resource'))).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('links and markup in dist/', () => {
  const idsOn = (source: string) => new Set([...source.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]));

  /** Where an internal link goes: a built page or file, and an anchor on it. Undefined when it is external. */
  function brokenLink(from: string, url: string): string | undefined {
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return undefined; // mailto:, https:, data: and other sites
    if (url === '#') return 'an empty "#" link';
    const target = new URL(url, `http://site${from}`);
    // Functions answer /api/*; their own tests cover them.
    if (target.pathname.startsWith('/api/')) return undefined;
    const pathname = decodeURIComponent(target.pathname);
    const file = pathname.endsWith('/') ? path.join(dist, pathname, 'index.html') : path.join(dist, pathname);
    if (!existsSync(file) || !statSync(file).isFile()) {
      return existsSync(path.join(dist, pathname, 'index.html'))
        ? 'a page address without its trailing slash'
        : 'nothing at that address';
    }
    const anchor = decodeURIComponent(target.hash.slice(1));
    if (anchor) {
      const source = html.get(pathname);
      if (!source || !idsOn(source).has(anchor)) return `no id="${anchor}" on ${pathname}`;
    }
    return undefined;
  }

  it('has no broken internal link, image, script or stylesheet', () => {
    const broken: string[] = [];
    for (const [from, source] of html) {
      for (const [, url] of source.matchAll(/<[a-z][^>]*?\s(?:href|src)="([^"]*)"/gi)) {
        const problem = brokenLink(from, url.replaceAll('&amp;', '&'));
        if (problem) broken.push(`${from} links to ${url}: ${problem}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('finds broken links when there are some (the checker itself works)', () => {
    expect(brokenLink('/principles/', '/no-such-page/')).toBe('nothing at that address');
    expect(brokenLink('/principles/', '/principles')).toBe('a page address without its trailing slash');
    expect(brokenLink('/principles/', '#no-such-section')).toBe('no id="no-such-section" on /principles/');
    expect(brokenLink('/principles/', '/styles/site.css')).toBeUndefined();
    expect(brokenLink('/principles/', '#main')).toBeUndefined();
    expect(brokenLink('/principles/', 'mailto:someone@example.org')).toBeUndefined();
  });

  it('has no inline script, inline style or style attribute on any page (the CSP would block them)', () => {
    const offending: string[] = [];
    for (const [from, source] of html) {
      if (/<style\b/i.test(source)) offending.push(`${from}: <style>`);
      if (/<[a-z][^>]*\sstyle\s*=/i.test(source)) offending.push(`${from}: style attribute`);
      if (/\son[a-z]+\s*=/i.test(source.replace(/>[^<]*</g, '><'))) offending.push(`${from}: inline event handler`);
      for (const [, attrs] of source.matchAll(/<script\b([^>]*)>/gi)) {
        if (!/\ssrc=/.test(attrs) && !/type="application\/(?:ld\+)?json"/.test(attrs))
          offending.push(`${from}: inline <script>`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('puts everything inside the document: nothing follows </html> on any page', () => {
    const trailing = [...html].filter(([, source]) => !/<\/html>\s*$/i.test(source)).map(([from]) => from);
    expect(trailing).toEqual([]);
  });
});

describe('reading the guidance', () => {
  it('lets a keyboard user skip straight to the main content', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto('/principles/');
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to main content');
      await page.keyboard.press('Enter');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    } finally {
      await close();
    }
  });

  for (const { folder, kind, overview } of [
    { folder: 'protocol', kind: 'Phase', overview: 'Coaching protocol' },
    { folder: 'planning', kind: 'Step', overview: 'Planning guide' },
  ] as const) {
    it(`shows where a ${kind.toLowerCase()} sits and leads to the ${kind.toLowerCase()}s either side`, async () => {
      const [before, current, after] = [1, 2, 3].map((n) => numbered(folder, n));
      const { page, close } = await openPage(browser);
      try {
        await page.goto(`/${folder}/${current.id}/`);
        const crumbs = page.locator('nav[aria-label="Breadcrumb"] li');
        expect(await crumbs.allTextContents()).toEqual(['Home', overview, current.data.title]);
        await expect(crumbs.last().getAttribute('aria-current')).resolves.toBe('page');
        await expect(page.locator(`nav[aria-label="Breadcrumb"] a[href="/${folder}/"]`).count()).resolves.toBe(1);

        const previous = page.locator('a[rel="prev"]');
        const next = page.locator('a[rel="next"]');
        await expect(previous.getAttribute('href')).resolves.toBe(`/${folder}/${before.id}/`);
        await expect(next.getAttribute('href')).resolves.toBe(`/${folder}/${after.id}/`);
        expect((await previous.innerText()).replace(/\s+/g, ' ').trim()).toBe(
          `Previous: ${kind} 1: ${before.data.title}`,
        );
        expect((await next.innerText()).replace(/\s+/g, ' ').trim()).toBe(`Next: ${kind} 3: ${after.data.title}`);

        await next.click();
        await page.waitForURL(`**/${folder}/${after.id}/`);
        await expect(page.locator('h1').textContent()).resolves.toBe(after.data.title);
      } finally {
        await close();
      }
    });
  }

  it('shows a planning step’s questions and sends the reader to the planner', async () => {
    const step = numbered('planning', 1);
    const { page, close } = await openPage(browser);
    try {
      await page.goto(`/planning/${step.id}/`);
      const questions = page.locator('h2:text-is("Planning questions") + ul li');
      expect(await questions.allTextContents()).toEqual((step.data as unknown as { questions: string[] }).questions);
      await expect(
        page.locator('a', { hasText: 'Work through this step in the planner' }).getAttribute('href'),
      ).resolves.toBe('/planning/planner/');
    } finally {
      await close();
    }
  });

  it('says when a page was last updated, from the date its editor set', async () => {
    const updated = isoDate(frontmatter('guidance/principles.mdx').updated);
    const { page, close } = await openPage(browser);
    try {
      await page.goto('/principles/');
      const time = page.locator('main time');
      await expect(time.getAttribute('datetime')).resolves.toBe(updated);
      await expect(page.locator('main', { hasText: `Last updated ${readableDate(updated)}` }).count()).resolves.toBe(1);
    } finally {
      await close();
    }
  });

  it('lists the sections of a long page under "On this page", each leading to its heading', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto('/principles/');
      const links = page.locator('nav[aria-label="On this page"] a');
      const headings = await page.locator('main .prose h2').allTextContents();
      expect(await links.allTextContents()).toEqual(headings);
      expect(headings.length).toBeGreaterThanOrEqual(3);
    } finally {
      await close();
    }
  });

  it('prints the words without the navigation, search or footer', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto('/principles/');
      await expect(page.locator('nav[aria-label="Main"]').isVisible()).resolves.toBe(true);
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('nav[aria-label="Main"]').isVisible()).resolves.toBe(false);
      await expect(page.locator('form[role="search"]').isVisible()).resolves.toBe(false);
      await expect(page.locator('footer').isVisible()).resolves.toBe(false);
      await expect(page.locator('main h1').isVisible()).resolves.toBe(true);
    } finally {
      await close();
    }
  });

  it('fits a 375 pixel wide phone screen without sideways scrolling', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto('/principles/');
      const widths = await page.evaluate(() => ({
        content: document.documentElement.scrollWidth,
        screen: window.innerWidth,
      }));
      expect(widths.content).toBeLessThanOrEqual(widths.screen);
    } finally {
      await close();
    }
  });

  it('offers a search box that sends the words to the search page', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto('/principles/');
      await page.getByRole('searchbox', { name: 'Search the guidance' }).fill('confidentiality');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL('**/search/?q=confidentiality');
    } finally {
      await close();
    }
  });
});
