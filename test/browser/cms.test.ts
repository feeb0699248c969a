import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCmsConfig } from '../../src/admin/cms-config.ts';
import { launchBrowser } from './support.ts';
import { publish as publishNow, root, startCmsBackend, type CmsBackend } from './cms-support.ts';
import { scriptsOf } from '../../scripts/bench/admin.mjs';
import { DECAP_SCRIPT } from '../../src/admin/names.ts';

// Journeys through /admin/ on the built site with the local backend (test/browser/cms-support.ts:
// decap-server on a temporary copy of this repository, so the real content/ is never touched).

let cms: CmsBackend;
let browser: Browser;
const contentFile = (file: string) => cms.contentFile(file);
const realFile = (file: string) => readFile(path.join(root, file), 'utf8');
const openAdmin = (hash = '') => cms.openAdmin(hash);

async function publish(page: Page) {
  await publishNow(page);
  await page.getByText('Entry saved').waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await startCmsBackend(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('the built site', () => {
  it('loads Decap CMS on /admin/ and on no other page', async () => {
    const dist = path.join(root, 'dist');
    const pages = (await readdir(dist, { recursive: true })).filter((file) => file.endsWith('.html'));
    const adminScripts = scriptsOf(path.join(dist, 'admin/index.html'), dist) as Set<string>;
    const adminCode = await Promise.all([...adminScripts].map((file) => readFile(file, 'utf8')));
    expect(adminCode.some((code) => code.includes(DECAP_SCRIPT))).toBe(true);
    await expect(readFile(path.join(dist, DECAP_SCRIPT), 'utf8')).resolves.toContain('decap-cms-app');
    const leaks: string[] = [];
    for (const page of pages.filter((file) => file !== path.join('admin', 'index.html'))) {
      for (const file of scriptsOf(path.join(dist, page), dist) as Set<string>) {
        const code = await readFile(file, 'utf8');
        // Library chunks (zod, the shared schemas) may be shared with the forms; CMS code may not.
        if (code.includes('decap-cms') || code.includes('/admin/decap/')) leaks.push(`${page}: ${path.basename(file)}`);
      }
    }
    expect(pages.length).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });
});

describe('an editor at /admin/ with the local backend', () => {
  it('opens without signing in and lists every collection', async () => {
    const { page, errors, close } = await openAdmin();
    const labels = buildCmsConfig({}).collections.map((c) => c.label);
    await page.getByRole('link', { name: labels[0]!, exact: true }).waitFor();
    for (const label of labels)
      await expect(page.getByRole('link', { name: label, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: labels[0]!, exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Login' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('changes one sentence of a guidance page: on disk exactly that sentence changes', async () => {
    const file = 'content/guidance/about.mdx';
    const before = await contentFile(file);
    const { page, close } = await openAdmin('#/collections/guidance/entries/about');
    const text = page.getByLabel('Page text', { exact: true });
    await text.waitFor();
    const body = await text.inputValue();
    const sentence = body
      .split('\n')
      .find((line) => /^[A-Z]/.test(line))!
      .split('. ')[0]!;
    const changed = `${sentence}, run by workforce development teams`;
    await text.fill(body.replace(sentence, changed));
    await publish(page);
    const after = await contentFile(file);
    expect(after).toBe(before.replace(sentence, changed));
    const changedLines = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changedLines).toHaveLength(1);
    await close();
  });

  it('changes a page’s last-updated date: written as YYYY-MM-DD, nothing else changes', async () => {
    const file = 'content/guidance/privacy.mdx';
    const before = await contentFile(file);
    const old = before.match(/^updated: (\d{4}-\d{2}-\d{2})$/m)![1]!;
    const { page, close } = await openAdmin('#/collections/guidance/entries/privacy');
    const date = page.getByLabel('Last updated');
    await date.waitFor();
    await date.fill('2026-12-01');
    await publish(page);
    expect(await contentFile(file)).toBe(before.replace(`updated: ${old}\n`, 'updated: 2026-12-01\n'));
    await close();
  });

  it('changes a home card’s words: on disk exactly that line changes', async () => {
    const file = 'content/pages/home.yml';
    const before = await contentFile(file);
    const { page, close } = await openAdmin('#/collections/pages/entries/homePage');
    const card = page.getByLabel('Get coaching: card text', { exact: true });
    await card.waitFor();
    expect(await card.inputValue()).toBe('Apply to be matched with a coach who is not your line manager.');
    await card.fill('Apply to be matched with a trained coach from another team.');
    await publish(page);
    expect(await contentFile(file)).toBe(
      before.replace(
        'getCoachingText: Apply to be matched with a coach who is not your line manager.\n',
        'getCoachingText: Apply to be matched with a trained coach from another team.\n',
      ),
    );
    await close();
  });

  it('refuses a misspelt placeholder in the site’s frame and says which one to keep', async () => {
    const file = 'content/settings/chrome.yml';
    const before = await contentFile(file);
    const { page, close } = await openAdmin('#/collections/settings/entries/chrome');
    const line = page.getByLabel('Last updated line', { exact: true });
    await line.waitFor();
    await line.fill('Last updated {dat}');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Publish now', { exact: true }).click();
    await expect(
      page
        .getByText('Keep {date} in the “Last updated” line, and no other curly brackets { }: the site fills them in')
        .isVisible(),
    ).resolves.toBe(true);
    expect(await contentFile(file)).toBe(before);
    await close();
  });

  it('saves an MDX page with a callout, then saves it back: the file is byte-identical', async () => {
    const file = 'content/protocol/setting-the-scene.mdx';
    const original = await contentFile(file);
    expect(original).toContain('<Callout title=');
    const { page, close } = await openAdmin('#/collections/protocol/entries/setting-the-scene');
    const title = page.getByLabel('Phase title');
    await title.waitFor();
    const oldTitle = await title.inputValue();
    await title.fill(`${oldTitle} (draft)`);
    await publish(page);
    expect(await contentFile(file)).toBe(original.replace(`title: ${oldTitle}\n`, `title: ${oldTitle} (draft)\n`));

    // Open it again, as an editor would, and put the title back.
    await page.reload();
    await title.waitFor();
    await title.fill(oldTitle);
    await publish(page);
    expect(await contentFile(file)).toBe(original);
    await close();
  });

  it('adds a callout with the button and previews callouts as the site shows them, not as JSX', async () => {
    const { page, close } = await openAdmin('#/collections/protocol/entries/setting-the-scene');
    const text = page.getByLabel('Page text', { exact: true });
    await text.waitFor();
    const preview = page.frameLocator('#preview-pane');
    await preview.locator('aside.callout').first().waitFor();
    await expect(preview.locator('aside.callout .callout__title').allInnerTexts()).resolves.toEqual([
      'Confidentiality still applies',
    ]);
    await expect(preview.locator('body').innerText()).resolves.not.toContain('<Callout');

    await text.click();
    await text.press('Control+Home');
    await page.getByRole('button', { name: 'Add a callout' }).click();
    await page.getByLabel('Heading (optional)').fill('Before the first meeting');
    await page.getByLabel('Text', { exact: true }).fill('Read the [coaching principles](/principles/).');
    await page.getByRole('button', { name: 'Insert callout' }).click();
    await expect(text.inputValue()).resolves.toMatch(
      /^<Callout title="Before the first meeting">\nRead the \[coaching principles\]\(\/principles\/\)\.\n<\/Callout>\n\nThis first phase/,
    );
    await expect
      .poll(() => preview.locator('aside.callout .callout__title').allInnerTexts())
      .toEqual(['Before the first meeting', 'Confidentiality still applies']);
    await expect(preview.locator('aside.callout a[href="/principles/"]').count()).resolves.toBe(1);
    await close();
  });

  it('previews a page inside the site’s own frame: header, breadcrumbs, last updated, on this page', async () => {
    const { page, close } = await openAdmin('#/collections/guidance/entries/privacy');
    const preview = page.frameLocator('#preview-pane');
    await preview.locator('article h1').waitFor();
    const settings = await realFile('content/settings/site.yml');
    const schemeName = settings.match(/^schemeName: (.+)$/m)![1]!;
    await expect(preview.locator('.site-header__name').innerText()).resolves.toBe(schemeName);
    await expect(preview.locator('.breadcrumbs li').allInnerTexts()).resolves.toEqual(['Home', 'Privacy notice']);
    await expect(preview.locator('.updated').innerText()).resolves.toMatch(/^Last updated \d{1,2} \w+ \d{4}$/);
    const body = await realFile('content/guidance/privacy.mdx');
    const h2s = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(h2s.length).toBeGreaterThanOrEqual(3);
    await expect(preview.locator('nav.contents li').allInnerTexts()).resolves.toEqual(h2s);
    await close();
  });

  it('previews an organisation as the forms offer it and where its forms go', async () => {
    const { page, close } = await openAdmin('#/collections/organisations/entries/eastmere-county-council');
    const preview = page.frameLocator('#preview-pane');
    await preview.locator('select option').waitFor({ state: 'attached' });
    await expect(preview.locator('select option').allInnerTexts()).resolves.toEqual(['Eastmere County Council']);
    await expect(preview.locator('article ul li').allInnerTexts()).resolves.toEqual([
      'eastmere-wd-childrens@example.org',
      'eastmere-wd-adults@example.org',
    ]);
    await close();
  });

  it('refuses an invalid inbox address and says why', async () => {
    const { page, close } = await openAdmin('#/collections/organisations/new');
    await page.getByLabel('Full name').fill('Nowhere Trust');
    await page.getByLabel('Short name').fill('Nowhere');
    await page.getByRole('button', { name: 'Add inbox' }).click();
    await page.getByLabel('Inbox', { exact: true }).fill('wd-nowhere at example.org');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Publish now', { exact: true }).click();
    await expect(
      page.getByText('Enter the workforce development inbox as an email address, like team@example.org').isVisible(),
    ).resolves.toBe(true);
    await expect(readdir(path.join(cms.project, 'content/organisations'))).resolves.not.toContain('nowhere-trust.yml');
    await close();
  });

  it('adds an organisation with its inbox: after a rebuild the forms offer it and its submissions go to that inbox', async () => {
    const { page, close } = await openAdmin('#/collections/organisations/new');
    await page.getByLabel('Full name').fill('Eastbridge District Council');
    await page.getByLabel('Short name').fill('Eastbridge');
    await page.getByRole('button', { name: 'Add inbox' }).click();
    await page.getByLabel('Inbox', { exact: true }).fill('wd-eastbridge@example.org');
    await publish(page);
    await close();
    expect(await contentFile('content/organisations/eastbridge-district-council.yml')).toBe(
      'name: Eastbridge District Council\nshortName: Eastbridge\ninboxes:\n  - wd-eastbridge@example.org\n',
    );

    // Rebuild the copy and serve it with its functions, reading the copy's content/.
    execFileSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: cms.project,
      stdio: 'ignore',
      env: { ...process.env, CMS_LOCAL_BACKEND: 'false' },
    });
    const saved = { CONTENT_DIR: process.env.CONTENT_DIR, DATA_DIR: process.env.DATA_DIR };
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-cms-data-'));
    process.env.CONTENT_DIR = path.join(cms.project, 'content');
    process.env.DATA_DIR = dataDir;
    const { serve } = await import(pathToFileURL(path.join(cms.project, 'scripts/serve.mjs')).href);
    const site = await serve({ port: 0, quiet: true });
    try {
      const form = await (await fetch(`${site.url}/become-a-coach/`)).text();
      expect(form).toMatch(/<option[^>]*value="eastbridge-district-council"[^>]*>\s*Eastbridge District Council\s*</);

      const answers = JSON.parse(await realFile('test/fixtures/intake/schemas/coach-eoi.json')).valid;
      const areas = (await contentFile('content/lists/areas-of-coaching.yml')).match(/^\s+- (.+)$/m)![1];
      const response = await fetch(`${site.url}/api/forms/coach-eoi`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: site.url },
        body: JSON.stringify({ ...answers, employer: 'eastbridge-district-council', areas: [areas] }),
      });
      expect(response.status).toBe(201);
      const { reference } = (await response.json()) as { reference: string };
      // Emails are written after the answer: wait for the team's.
      const outbox = path.join(dataDir, 'outbox');
      const toTeamNow = async () => {
        const names = await readdir(outbox).catch(() => [] as string[]);
        const emails = await Promise.all(names.map((name) => readFile(path.join(outbox, name), 'utf8')));
        return emails.filter((eml) => /^To: .*wd-eastbridge@example\.org/im.test(eml));
      };
      let toTeam = await toTeamNow();
      for (let tries = 0; toTeam.length === 0 && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        toTeam = await toTeamNow();
      }
      expect(toTeam).toHaveLength(1);
      expect(toTeam[0]).toContain(reference);
    } finally {
      await site.close();
      Object.assign(process.env, saved);
      for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    }
  }, 300_000);
});
