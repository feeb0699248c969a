// Zero Content Security Policy violations, under the headers the preview server really sends. Every
// browser test already fails on a violation (support.ts records them in every context); these
// journeys make the promise explicit for each kind of page, and prove the recorder and the uploads
// policy work: a violation is caught, and a hostile SVG in /uploads/ runs nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dist, listPages } from '../../scripts/bench.mjs';
import { launchBrowser, openPage, takeViolations } from './support.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a page, lets it settle, runs `then`, and returns the violations seen (closing never throws here). */
async function violationsOn(pagePath: string, then: (page: Page) => Promise<void> = async () => {}) {
  const { page, errors, close } = await openPage(browser);
  try {
    // A function's first call (the confirm page, the 422 page) can be slow on a busy machine.
    await page.goto(pagePath, { waitUntil: 'load', timeout: 60_000 });
    await then(page);
    await page.waitForTimeout(200);
    return { violations: takeViolations(page), errors };
  } finally {
    await close();
  }
}

describe('the violation recorder', () => {
  it('catches a blocked inline script, so a test would fail on it', async () => {
    const { violations } = await violationsOn('/principles/', async (page) => {
      // evaluate() itself runs outside the policy; the script element it adds does not.
      await page.evaluate(() =>
        document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.ran = 1' })),
      );
    });
    expect(violations.map((v) => [v.directive, v.blocked])).toEqual([['script-src-elem', 'inline']]);
  });
});

describe('no page raises a CSP violation', () => {
  const pages = listPages(dist)
    .map((page: { path: string }) => page.path)
    .filter((pagePath: string) => !pagePath.startsWith('/admin/'));

  it.for(pages)('%s, on load', async (pagePath) => {
    expect((await violationsOn(pagePath)).violations).toEqual([]);
  });

  it.for(['/become-a-coach/', '/apply-for-coaching/', '/coaching-agreement/'])(
    '%s with JavaScript: zod checks the answers without evaluating strings',
    async (pagePath) => {
      const { violations, errors } = await violationsOn(pagePath, async (page) => {
        await page.locator('[data-submit]').click();
        await page.locator('.error-summary').first().waitFor();
      });
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    },
  );

  it('search runs a query with Pagefind (its WebAssembly allowed on /search/ alone)', async () => {
    const { violations } = await violationsOn('/search/?q=chemistry+meeting', async (page) => {
      await page.locator('#search-results > li').first().waitFor();
    });
    expect(violations).toEqual([]);
  });

  it.for([
    ['/readiness/', 'textarea'],
    ['/planning/planner/', '#plan-agency'],
    ['/coaching-record/', 'input[type="text"], textarea'],
  ])('the tool at %s, used', async ([pagePath, field]) => {
    const { violations } = await violationsOn(pagePath!, async (page) => {
      await page.locator(field!).locator('visible=true').first().fill('A few words');
      await page.locator('[data-save-status]').locator('visible=true').first().waitFor();
    });
    expect(violations).toEqual([]);
  });

  it('the form page a function renders after a plain POST with errors (422), with its script running', async () => {
    const { violations, errors } = await violationsOn('/become-a-coach/', async (page) => {
      // A second, unenhanced form posts the way a browser without JavaScript would.
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.evaluate(() => {
          const form = Object.assign(document.createElement('form'), {
            method: 'post',
            action: '/api/forms/coach-eoi',
          });
          form.append(Object.assign(document.createElement('input'), { name: 'name', value: '' }));
          document.body.append(form);
          form.submit();
        }),
      ]);
      expect(response?.status()).toBe(422);
      await page.locator('[data-submit]').click();
      await page.locator('.error-summary').first().waitFor();
    });
    expect(violations).toEqual([]);
    expect(errors.filter((error) => !error.includes('422'))).toEqual([]);
  });

  it('a confirm link rendered by a function', async () => {
    const { violations } = await violationsOn(`/confirm/${'a'.repeat(43)}/`);
    expect(violations).toEqual([]);
  });
});

describe('an SVG carrying script, placed in public/uploads/', () => {
  // Written into dist/uploads/ (where the build copies public/uploads/) for this test only: a hostile
  // file must never be committed where it would be published.
  const file = path.join(dist, 'uploads', 'hostile-test.svg');
  const MARKER = '/api/health?svg-script-ran';
  beforeAll(() => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="fetch('${MARKER}-onload')">` +
        `<script>fetch('${MARKER}');localStorage.setItem('svg','ran');document.title='ran'</script>` +
        '<rect width="10" height="10"/></svg>',
    );
  });
  afterAll(() => rmSync(file, { force: true }));

  it('runs nothing when opened from the preview server: no request, no storage, no change', async () => {
    const { page, close } = await openPage(browser);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname + new URL(request.url()).search));
    try {
      const response = await page.goto('/uploads/hostile-test.svg', { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(response?.headers()['x-content-type-options']).toBe('nosniff');
      await page.waitForTimeout(500);
      expect(requests).toEqual(['/uploads/hostile-test.svg']);
      expect(await page.title()).not.toBe('ran');
      // The sandbox gives the file an origin of its own: it cannot even see this site's storage.
      expect(await page.evaluate(() => window.origin)).toBe('null');
      await page.goto('/principles/');
      expect(await page.evaluate(() => localStorage.getItem('svg'))).toBeNull();
      takeViolations(page); // the blocked script is reported, as it should be
    } finally {
      await close();
    }
  });
});

describe('/admin/ under its own policy, with the local backend', () => {
  // decap-server on loopback over a copy of content/, as `npm start` runs it; the admin's configured
  // local-backend address is routed to it. (cms.test.ts's journeys fail on a violation too.)
  let project: string;
  let decap: ChildProcess;
  const port = 8090 + Math.floor(Math.random() * 9);
  beforeAll(async () => {
    project = mkdtempSync(path.join(tmpdir(), 'hub-csp-'));
    cpSync(path.join(dist, '..', 'content'), path.join(project, 'content'), { recursive: true });
    mkdirSync(path.join(project, 'public', 'uploads'), { recursive: true });
    const server = path.join(dist, '..', 'node_modules', 'decap-server', 'dist', 'index.js');
    decap = spawn(process.execPath, [server], {
      env: {
        ...process.env,
        PORT: String(port),
        BIND_HOST: '127.0.0.1',
        GIT_REPO_DIRECTORY: project,
        MODE: 'fs',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    for (let attempt = 0; attempt < 50; attempt++) {
      const info = await fetch(`http://127.0.0.1:${port}/api/v1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"action":"info"}',
      })
        .then((r) => r.json())
        .catch(() => null);
      if (info?.type === 'local_fs') return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('decap-server did not start');
  }, 60_000);
  afterAll(() => {
    decap?.kill();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('opens an entry, saves it and uploads an image to the media library with no violation', async () => {
    const { page, errors, close } = await openPage(browser);
    await page.route('http://localhost:8081/**', async (route) => {
      const url = route.request().url().replace('http://localhost:8081', `http://127.0.0.1:${port}`);
      await route.fulfill({ response: await route.fetch({ url }) });
    });
    try {
      await page.goto('/admin/#/collections/guidance/entries/about');
      const title = page.getByLabel('Page title', { exact: true });
      await title.waitFor();
      await title.fill('About the scheme edited');
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.getByText('Publish now', { exact: true }).click();
      await page.getByText('Entry saved').waitFor();
      expect(readFileSync(path.join(project, 'content/guidance/about.mdx'), 'utf8')).toContain(
        'title: About the scheme edited',
      );

      await page.goto('/admin/#/collections/guidance');
      await page.getByRole('button', { name: /Media/ }).first().click();
      const png = path.join(project, 'red.png');
      writeFileSync(
        png,
        Buffer.from(
          '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082',
          'hex',
        ),
      );
      await page.locator('input[type="file"]').first().setInputFiles(png);
      await page.locator('img[src^="blob:"]').first().waitFor();
      await expect.poll(() => existsSync(path.join(project, 'public/uploads/red.png'))).toBe(true);
      await page.waitForTimeout(300);
      expect(takeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await close();
    }
  });
});
