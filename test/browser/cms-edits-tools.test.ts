import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support.ts';
import { publish, root, startCmsBackend, type CmsBackend } from './cms-support.ts';

// An editor changes a tool's words through /admin/ on the local backend (decap-server on a temporary
// copy of this repository): the content file changes on that line only, and the rebuilt tool page
// shows the new words. The CMS refuses what the build refuses, in the schema's words.

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

const FILE = 'content/tools/readiness.yml';

describe('an editor changes a tool’s words at /admin/', () => {
  it('renames the readiness checklist’s export button: one line changes, and the rebuilt page shows it', async () => {
    const before = await cms.contentFile(FILE);
    const { page, close } = await cms.openAdmin('#/collections/tools/entries/readinessTool');
    const button = page.getByLabel('Save to a file button', { exact: true });
    await button.waitFor();
    expect(await button.inputValue()).toBe('Save your answers to a file');
    await button.fill('Download your answers as a file');
    await publish(page);
    await page.getByText('Entry saved').waitFor();
    await close();

    const after = await cms.contentFile(FILE);
    expect(after).toBe(
      before.replace('export: Save your answers to a file\n', 'export: Download your answers as a file\n'),
    );
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toEqual(['export: Download your answers as a file']);

    execFileSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: cms.project,
      stdio: 'ignore',
      env: { ...process.env, CMS_LOCAL_BACKEND: 'false' },
    });
    const built = await readFile(path.join(cms.project, 'dist/readiness/index.html'), 'utf8');
    expect(built).toMatch(/<button[^>]*data-export[^>]*>Download your answers as a file<\/button>/);
    expect(built).not.toContain('Save your answers to a file');
  }, 300_000);

  it('refuses an empty button, in the words the build would use, and leaves the file alone', async () => {
    const before = await cms.contentFile(FILE);
    const { page, close } = await cms.openAdmin('#/collections/tools/entries/readinessTool');
    const clear = page.getByLabel('Clear button', { exact: true });
    await clear.waitFor();
    await clear.fill('   ');
    await publish(page);
    await expect(page.getByText('Enter the button that clears all answers').first().isVisible()).resolves.toBe(true);
    expect(await cms.contentFile(FILE)).toBe(before);
    await close();
  });
});
