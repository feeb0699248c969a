import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, root, startCmsBackend, type CmsBackend } from './cms-support.ts';
import { launchBrowser } from './support.ts';

// An editor changes a question's words through /admin/ (local backend, on a copy of the repository):
// the coach form's "Job title" label and the message shown when it is left empty. The file changes on
// exactly those two lines; after a rebuild the form asks the new question and, sent empty, shows the
// new message (drawn by the page's script from the words the page carries).

const FILE = 'content/forms/coach-eoi.yml';
const OLD_LABEL = '    label: Job title\n';
const NEW_LABEL = '    label: Your current job title\n';
const OLD_EMPTY = '      empty: Enter your job title\n';
const NEW_EMPTY = '      empty: Tell us your current job title\n';

let cms: CmsBackend;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await startCmsBackend(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

/** Unfolds a question's group: Decap's expand button sits next to the words the folded group shows. */
async function expand(page: Page, shows: string) {
  const bar = page.locator('div:has(> [data-testid="expand-button"])', { hasText: new RegExp(`^${shows}$`) });
  await bar.locator('> [data-testid="expand-button"]').click();
}

describe('an editor changing a form question’s words in the CMS', () => {
  it('changes the label and the empty-answer message: two lines of the file, both on the rebuilt form', async () => {
    const before = await cms.contentFile(FILE);
    expect(before).toContain(`  jobTitle:\n${OLD_LABEL}    errors:\n${OLD_EMPTY}`);

    const { page, errors, close } = await cms.openAdmin('#/collections/forms/entries/coachEoiForm');
    await page.getByText('Questions', { exact: true }).first().waitFor();
    // Each question is a folded group named after its field, showing its current words.
    await expand(page, 'Job title');
    // Folded groups keep their boxes hidden in the page: the unfolded question's are the visible ones.
    const label = page.getByLabel('Question', { exact: true }).filter({ visible: true });
    await label.waitFor();
    expect(await label.inputValue()).toBe('Job title');
    await label.fill('Your current job title');
    const empty = page.getByLabel('The message when it is left empty', { exact: true }).filter({ visible: true });
    expect(await empty.inputValue()).toBe('Enter your job title');
    await empty.fill('Tell us your current job title');
    await publish(page);
    await page.getByText('Entry saved').waitFor();
    expect(errors).toEqual([]);
    await close();

    const after = await cms.contentFile(FILE);
    expect(after).toBe(before.replace(OLD_LABEL, NEW_LABEL).replace(OLD_EMPTY, NEW_EMPTY));
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toEqual([NEW_LABEL.trimEnd(), NEW_EMPTY.trimEnd()]);

    // Rebuild the copy and serve it, reading the copy's content/.
    execFileSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: cms.project,
      stdio: 'ignore',
      env: { ...process.env, CMS_LOCAL_BACKEND: 'false' },
    });
    const saved = { CONTENT_DIR: process.env.CONTENT_DIR, DATA_DIR: process.env.DATA_DIR };
    process.env.CONTENT_DIR = path.join(cms.project, 'content');
    process.env.DATA_DIR = await mkdtemp(path.join(tmpdir(), 'hub-cms-forms-data-'));
    const { serve } = await import(pathToFileURL(path.join(cms.project, 'scripts/serve.mjs')).href);
    const site = await serve({ port: 0, quiet: true });
    const context = await browser.newContext({ baseURL: site.url });
    try {
      const form = await context.newPage();
      await form.goto('/become-a-coach/');
      await expect(form.locator('label[for="f-jobTitle"]').textContent()).resolves.toBe('Your current job title');
      // Sent with nothing filled in: the script checks the answers with the words the page carries.
      await form.locator('[data-submit]').click();
      const summary = form.locator('[data-error-summary]');
      await summary.waitFor();
      await expect(summary.getByRole('link', { name: 'Tell us your current job title' }).count()).resolves.toBe(1);
      await expect(form.locator('[data-field="jobTitle"] .error-message').textContent()).resolves.toBe(
        'Error: Tell us your current job title',
      );

      // And the server, for a browser without JavaScript, says the same.
      const response = await fetch(`${site.url}/api/forms/coach-eoi`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', origin: site.url },
        body: JSON.stringify({ jobTitle: '' }),
      });
      expect(response.status).toBe(422);
      const { errors: problems } = (await response.json()) as { errors: { field: string; message: string }[] };
      expect(problems).toContainEqual({ field: 'jobTitle', message: 'Tell us your current job title' });
    } finally {
      await context.close();
      await site.close();
      Object.assign(process.env, saved);
      for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    }
  }, 300_000);
});
