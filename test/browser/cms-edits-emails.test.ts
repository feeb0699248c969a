import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFormContent } from '../../functions/content.ts';
import { toEml } from '../../functions/email/eml.ts';
import type { FormId } from '../../functions/forms/index.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { post, testDeps } from '../unit/intake-support.ts';
import { publish, root, startCmsBackend, type CmsBackend } from './cms-support.ts';
import { launchBrowser } from './support.ts';

// An editor changes an email's subject through /admin/ on the local backend (decap-server on a copy
// of this repository): the file changes on that one line, and the email the intake then sends, rendered
// by the real pipeline from the saved content, carries the new subject. A misspelt placeholder is
// refused in the CMS with the sentence the build would fail with, and nothing is saved.

let cms: CmsBackend;
let browser: Browser;
const FILE = 'content/emails/receipt.yml';
const SUBJECT = "subject: 'We have received your {form}: {reference}'\n";

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await startCmsBackend(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

async function openReceipt(): Promise<{ page: Page; close: () => Promise<void> }> {
  const opened = await cms.openAdmin('#/collections/emails/entries/emailReceipt');
  await opened.page.getByLabel('Subject', { exact: true }).waitFor();
  return opened;
}

/** The emails the intake sends for the coaching application fixture, rendered from `contentDir`. */
async function sentFor(contentDir: string) {
  const formId: FormId = 'coachee-application';
  const body = JSON.parse(
    readFileSync(path.join(root, 'test/fixtures/intake/schemas', `${formId}.json`), 'utf8'),
  ).valid;
  const harness = testDeps({ loadContent: (id: FormId) => loadFormContent(id, contentDir) });
  const response = await handleFormPost(post(formId, body), harness.deps, 'cms-edits-emails');
  expect(response.status).toBe(201);
  await harness.settle();
  return harness.mailer.emails;
}

describe('an editor changes an email subject at /admin/', () => {
  it('refuses a misspelt placeholder with the build’s sentence, and saves nothing', async () => {
    const before = await cms.contentFile(FILE);
    const { page, close } = await openReceipt();
    await page.getByLabel('Subject', { exact: true }).fill('We have received your {form}: {referense}');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Publish now', { exact: true }).click();
    await page
      .getByText(
        '{referense} in the subject of the receipt to the person who sent the form is not a placeholder the site can fill in there: use only {form}, {formName} and {reference}.',
      )
      .first()
      .waitFor();
    expect(await cms.contentFile(FILE)).toBe(before);
    await close();
  });

  it('saves the new subject on its one line, and the receipt sent afterwards carries it', async () => {
    const before = await cms.contentFile(FILE);
    expect(before).toContain(SUBJECT);
    const { page, close } = await openReceipt();
    const subject = page.getByLabel('Subject', { exact: true });
    expect(await subject.inputValue()).toBe('We have received your {form}: {reference}');
    await subject.fill('Thank you for your {form}: {reference}');
    await publish(page);
    await page.getByText('Entry saved').waitFor();
    await close();

    const after = await cms.contentFile(FILE);
    // The CMS writes the changed value in its own quotes; every other line is as it was.
    expect(after).toBe(before.replace(SUBJECT, 'subject: "Thank you for your {form}: {reference}"\n'));

    const emails = await sentFor(path.join(cms.project, 'content'));
    const receipt = emails.find((email) => email.to === 'jordan.lee@example.org')!;
    expect(receipt.subject).toMatch(/^Thank you for your coaching application: APP-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(toEml(receipt).split('\r\n')).toContain(`Subject: ${receipt.subject}`);
    // Only the subject moved: the rest of the receipt is the words it had.
    expect(receipt.text.split('\n\n')[0]).toBe('Thank you. We have received your coaching application.');
    // The real content/ is untouched: there the receipt keeps its subject.
    const unchanged = (await sentFor(path.join(root, 'content'))).find((email) =>
      email.subject.startsWith('We have received your'),
    );
    expect(unchanged?.subject).toMatch(/^We have received your coaching application: APP-/);
  });
});
