import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support.ts';
import { publish, startCmsBackend, type CmsBackend } from './cms-support.ts';
import { buildCmsConfig } from '../../src/admin/cms-config.ts';
import { headersFor } from '../../functions/security-headers.ts';

// The tightest Content-Security-Policy under which Decap works on /admin/, measured on the shipped
// admin bundle (docs/cms.md says why each source is there). /admin/ is served under it here and
// every `securitypolicyviolation` fails the test: opening the CMS, opening an entry with its
// preview, and saving it through the local backend.
// The policy is the one security-headers module's (functions/security-headers.ts says why each source
// is there); run with TRY_CSP="<policy>" to measure another one as Report-Only.
const adminCsp = (backendOrigins: string[]) =>
  headersFor('admin', { adminConnect: backendOrigins })['Content-Security-Policy']!;

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

/** Records every CSP violation in the page and its frames (the preview is a same-origin iframe). */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    const record = (event: SecurityPolicyViolationEvent) =>
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    document.addEventListener('securitypolicyviolation', record);
  });
  const read = async () => {
    const all = await Promise.all(
      page
        .frames()
        .map((frame) =>
          frame.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []).catch(() => []),
        ),
    );
    return [...new Set(all.flat())];
  };
  return read;
}

describe('/admin/ under its Content-Security-Policy', () => {
  it('opens, shows an entry with its preview and saves it with no violation', async () => {
    const file = 'content/guidance/about.mdx';
    const before = await cms.contentFile(file);
    const backend = new URL(buildCmsConfig({}).local_backend!.url).origin;
    const policy = process.env.TRY_CSP ?? adminCsp([backend, 'https://api.github.com']);
    const { page, errors, close } = await cms.openAdmin('#/collections/guidance/entries/about', {
      headers: { [process.env.TRY_CSP ? 'content-security-policy-report-only' : 'content-security-policy']: policy },
    });
    const violations = await watchViolations(page);
    await page.reload();
    const title = page.getByLabel('Page title');
    await title.waitFor();
    await page.frameLocator('#preview-pane').locator('h1').waitFor();
    const oldTitle = await title.inputValue();
    await title.fill(`${oldTitle} today`);
    await publish(page);
    await page.getByText('Entry saved').waitFor();
    await expect(cms.contentFile(file)).resolves.toBe(
      before.replace(`title: ${oldTitle}\n`, `title: ${oldTitle} today\n`),
    );
    // The collection list and the media library too.
    await page.goto('/admin/#/collections/organisations');
    await page.getByText('Harbour Family Support').first().waitFor();
    await page.goto('/admin/#/media');
    await page.waitForTimeout(1000);
    if (process.env.TRY_CSP) console.log('VIOLATIONS', [...new Set(await violations())].join('\n'));
    expect(await violations()).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
    await close();
  });
});
