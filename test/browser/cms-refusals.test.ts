import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support.ts';
import { publish, startCmsBackend, type CmsBackend } from './cms-support.ts';

// The CMS refuses what the build refuses, and keeps the site's structure: each refusal through
// /admin/ on the local backend, with the plain words the editor sees, and the file left as it was.

let browser: Browser;
let cms: CmsBackend;

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await startCmsBackend(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

/** Tries to publish and expects `message` on screen; the file must not change. */
async function expectRefused(page: Page, file: string, before: string, message: string) {
  await publish(page);
  await page.getByText(message, { exact: true }).first().waitFor();
  await expect(page.getByText('Entry saved').count()).resolves.toBe(0);
  await expect(cms.contentFile(file)).resolves.toBe(before);
}

describe('an editor cannot save what would break the site', () => {
  it('refuses 2.5 as a phase number instead of saving it as 2', async () => {
    const file = 'content/protocol/monitoring.mdx';
    const before = await cms.contentFile(file);
    const { page, close } = await cms.openAdmin('#/collections/protocol/entries/monitoring');
    const number = page.getByLabel('Phase number');
    await number.waitFor();
    await number.fill('2.5');
    await expectRefused(page, file, before, 'Enter the phase number as a whole number from 1 to 5');
    await close();
  });

  it('refuses a phase number another phase already has', async () => {
    const file = 'content/protocol/monitoring.mdx';
    const before = await cms.contentFile(file);
    const { page, close } = await cms.openAdmin('#/collections/protocol/entries/monitoring');
    const number = page.getByLabel('Phase number');
    await number.waitFor();
    await page.waitForTimeout(500); // the other phases' numbers load with the entry
    await number.fill('2');
    await expectRefused(
      page,
      file,
      before,
      '“Centring and implementing” is already protocol phase 2: choose a number no other protocol phase has.',
    );
    await close();
  });

  it('refuses a page title of spaces', async () => {
    const file = 'content/guidance/about.mdx';
    const before = await cms.contentFile(file);
    const { page, close } = await cms.openAdmin('#/collections/guidance/entries/about');
    const title = page.getByLabel('Page title');
    await title.waitFor();
    await title.fill('     ');
    await expectRefused(page, file, before, 'Enter a page title');
    await close();
  });

  it('refuses a short name over its limit', async () => {
    const file = 'content/organisations/harbour-family-support.yml';
    const before = await cms.contentFile(file);
    const { page, close } = await cms.openAdmin('#/collections/organisations/entries/harbour-family-support');
    const shortName = page.getByLabel('Short name');
    await shortName.waitFor();
    await shortName.fill('Harbour Family Support'); // 22 characters, the limit is 20
    await expectRefused(page, file, before, 'Use at most 20 characters for a short name for the organisation');
    await close();
  });

  it('opens an organisation with no inbox showing the problem, and will not save it until one is added', async () => {
    const file = 'content/organisations/broken-trust.yml';
    const before = 'name: Broken Trust\nshortName: "   "\ninboxes: []\n';
    await writeFile(path.join(cms.project, file), before);
    const { page, close } = await cms.openAdmin('#/collections/organisations/entries/broken-trust');
    await page.getByText('Add at least one workforce development inbox', { exact: true }).first().waitFor();
    await page.getByText('Enter a short name for the organisation', { exact: true }).first().waitFor();
    await page.getByLabel('Short name').fill('Broken');
    // The list's own box is checked again by the whole-entry check before anything is written.
    await expectRefused(
      page,
      file,
      before,
      'Not saved. Workforce development inboxes: Add at least one workforce development inbox.',
    );

    await page.getByRole('button', { name: 'Add inbox' }).click();
    await page.getByLabel('Inbox', { exact: true }).fill('wd-broken@example.org');
    await publish(page);
    await page.getByText('Entry saved').waitFor();
    await expect(cms.contentFile(file)).resolves.toBe(
      'name: Broken Trust\nshortName: Broken\ninboxes:\n  - wd-broken@example.org\n',
    );
    await close();
  });
});

describe('an editor cannot delete a page the site needs', () => {
  it('refuses to delete the privacy notice, saying why', async () => {
    const file = 'content/guidance/privacy.mdx';
    const before = await cms.contentFile(file);
    const { page, close } = await cms.openAdmin('#/collections/guidance/entries/privacy');
    await page.getByLabel('Page title').waitFor();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: /^Delete (published )?entry$/ }).click();
    const notice = page.getByText(/cannot be deleted/);
    await notice.waitFor();
    await expect(notice.innerText()).resolves.toMatch(
      /^“Privacy notice” cannot be deleted: the site needs it, because \d+ other files link to it \(.*src\/components\/SiteFooter\.astro.*\)\. Change its words instead\.$/,
    );
    await expect(cms.contentFile(file)).resolves.toBe(before);
    await close();
  });
});
