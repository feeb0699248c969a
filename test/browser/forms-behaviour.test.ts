// What the browser script adds to the forms, proved one behaviour at a time: keyboard-only use,
// a failed connection, a double click, the server's own errors, answers kept in the browser,
// questions that only apply to some answers, and how much JavaScript a form page costs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormId } from '../../functions/forms/index.ts';
import {
  FORM_PAGES,
  emailsFor,
  errorSummary,
  fieldsOf,
  fillAnswers,
  inboxesOf,
  recipients,
  schemaFixture,
  sentReference,
  waitForFillTime,
} from './forms-helpers.ts';
import { axeViolations, launchBrowser, openPage } from './support.ts';

const dist = path.resolve('dist');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function withPage(run: (page: Page, errors: string[]) => Promise<void>) {
  const { page, errors, close } = await openPage(browser, { javaScriptEnabled: true });
  try {
    await run(page, errors);
  } finally {
    await close();
  }
}

/** Presses Tab until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string, limit = 80) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function fillValidAndCheck(page: Page, formId: FormId) {
  await page.goto(FORM_PAGES[formId].path);
  await fillAnswers(page, await fieldsOf(formId), (await schemaFixture(formId)).valid);
  await page.click('[data-submit]');
  await page.waitForSelector('[data-check-step]:not([hidden])');
}

describe('keyboard only', () => {
  it('a coaching application can be filled in, checked and sent with Tab, Space, Enter and typing', async () => {
    await withPage(async (page, errors) => {
      const { valid } = await schemaFixture('coachee-application');
      const fields = await fieldsOf('coachee-application');
      await page.goto(FORM_PAGES['coachee-application'].path);
      for (const field of fields) {
        const value = valid[field.name];
        if (value === undefined || value === '') continue;
        if (field.kind === 'radios') {
          // Tab lands on the group; Space chooses the focused option, the first ("Yes").
          await tabTo(page, `input[name="${field.name}"]`);
          expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(value);
          await page.keyboard.press('Space');
        } else if (field.kind === 'select') {
          // Typing an option's words on a focused select chooses it.
          await tabTo(page, `#f-${field.name}`);
          const label = field.options!.find((option) => option.value === value)!.label;
          await page.keyboard.type(label);
        } else {
          await tabTo(page, `#f-${field.name}`);
          await page.keyboard.type(String(value));
        }
      }
      for (const field of fields) {
        if (
          field.kind === 'text' ||
          field.kind === 'email' ||
          field.kind === 'tel' ||
          field.kind === 'textarea' ||
          field.kind === 'select'
        ) {
          expect(await page.inputValue(`#f-${field.name}`), field.name).toBe(String(valid[field.name] ?? ''));
        }
      }
      await tabTo(page, '[data-submit]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-check-step]:not([hidden])');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check your answers before sending');
      await tabTo(page, '[data-send]');
      await waitForFillTime(page);
      await page.keyboard.press('Enter');
      await sentReference(page, FORM_PAGES['coachee-application'].path);
      expect(errors).toEqual([]);
    });
  });
});

describe('a failed connection', () => {
  it('says the form was not sent, keeps every answer, and sending again works', async () => {
    await withPage(async (page) => {
      const { valid } = await schemaFixture('coach-eoi');
      await fillValidAndCheck(page, 'coach-eoi');
      await page.route('**/api/forms/**', (route) => route.abort('internetdisconnected'));
      await waitForFillTime(page);
      await page.click('[data-send]');
      await page.waitForSelector('[data-check-error-root] [data-error-summary]');
      expect(await errorSummary(page)).toEqual([
        {
          href: null,
          text: 'Your form has not been sent because the connection failed. Check your internet connection and try again. Your answers are still here.',
        },
      ]);
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
      expect(await page.textContent('[data-send]')).toBe('Send');
      expect(await page.getAttribute('[data-send]', 'aria-disabled')).toBe('false');
      expect(await axeViolations(page)).toEqual([]);

      // Every answer is still in the form, and still saved in the browser.
      await page.click('a[data-change="name"]');
      expect(await page.inputValue('#f-name')).toBe(valid.name);
      expect(await page.inputValue('#f-experience')).toBe(valid.experience);
      const saved = await page.evaluate(() => localStorage.getItem('coaching-scheme-hub:form:coach-eoi'));
      expect(JSON.parse(saved!).data.name).toBe(valid.name);

      await page.unroute('**/api/forms/**');
      await page.click('[data-submit]');
      await page.waitForSelector('[data-check-step]:not([hidden])');
      await page.click('[data-send]');
      await sentReference(page, FORM_PAGES['coach-eoi'].path);
    });
  });
});

describe('a double click', () => {
  it('sends the form once', async () => {
    await withPage(async (page) => {
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      const { valid } = await schemaFixture('coach-eoi');
      await fillValidAndCheck(page, 'coach-eoi');
      // A slow answer leaves time for more presses while the first is on its way.
      await page.route('**/api/forms/**', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      });
      await waitForFillTime(page);
      await page.dblclick('[data-send]');
      expect(await page.getAttribute('[data-send]', 'aria-disabled')).toBe('true');
      expect(await page.textContent('[data-send]')).toBe('Sending…');
      await page.click('[data-send]', { force: true, noWaitAfter: true }).catch(() => {});
      const reference = await sentReference(page, FORM_PAGES['coach-eoi'].path);
      expect(posts).toEqual([expect.stringMatching(/\/api\/forms\/coach-eoi$/)]);
      const wd = await inboxesOf(String(valid.employer));
      const emails = await emailsFor(reference, wd.length + 1);
      expect(emails).toHaveLength(wd.length + 1);
      expect(recipients(emails)).toEqual([...wd, String(valid.email)].sort());
    });
  });
});

describe('the browser’s Back and Forward buttons', () => {
  it('Back on “Check your answers” returns to the form with every answer; Forward comes back to the check', async () => {
    await withPage(async (page, errors) => {
      const { valid } = await schemaFixture('coachee-application');
      await fillValidAndCheck(page, 'coachee-application');
      await page.goBack();
      await page.waitForSelector('[data-form-step]:not([hidden])');
      expect(await page.isHidden('[data-check-step]')).toBe(true);
      expect(new URL(page.url()).pathname).toBe(FORM_PAGES['coachee-application'].path);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      expect(await page.inputValue('#f-reason1')).toBe(valid.reason1);
      await page.goForward();
      await page.waitForSelector('[data-check-step]:not([hidden])');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check your answers before sending');
      expect(errors).toEqual([]);
    });
  });
});

describe('errors found by the server', () => {
  it('show the same way as the browser’s own, on the form with the answers kept', async () => {
    await withPage(async (page) => {
      const { valid } = await schemaFixture('coach-eoi');
      await fillValidAndCheck(page, 'coach-eoi');
      // The server checks what arrives, whatever the browser thought: lose the name on the way.
      await page.route('**/api/forms/**', (route) =>
        route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), name: '' }) }),
      );
      await waitForFillTime(page);
      await page.click('[data-send]');
      await page.waitForSelector('[data-form-step]:not([hidden]) .field--error');
      expect(await errorSummary(page)).toEqual([{ href: '#f-name', text: 'Enter your full name' }]);
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
      expect(await page.textContent('#f-name-error')).toBe('Error: Enter your full name');
      expect(await page.title()).toBe('Error: Become a coach – Coaching Scheme Hub');
      expect(await page.inputValue('#f-name')).toBe(valid.name);
      expect(await page.inputValue('#f-motivation')).toBe(valid.motivation);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

describe('answers kept in the browser', () => {
  it('come back after a reload, with a line saying so, until “Clear saved answers” empties them', async () => {
    await withPage(async (page, errors) => {
      const { valid } = await schemaFixture('coaching-agreement');
      const fields = await fieldsOf('coaching-agreement');
      const typed = {
        coacheeName: valid.coacheeName!,
        objective1: valid.objective1!,
        meetingLength: valid.meetingLength!,
        agreeTerms: 'yes',
      };
      await page.goto(FORM_PAGES['coaching-agreement'].path);
      expect(await page.textContent('[data-saved-note]')).toContain(
        'Your answers are kept in this browser until you send the form.',
      );
      await fillAnswers(page, fields, typed);
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('coaching-scheme-hub:form:coaching-agreement')))
        .toContain(String(valid.objective1));

      await page.reload();
      expect(await page.inputValue('#f-coacheeName')).toBe(valid.coacheeName);
      expect(await page.inputValue('#f-objective1')).toBe(valid.objective1);
      expect(await page.isChecked(`input[name="meetingLength"][value="${valid.meetingLength}"]`)).toBe(true);
      expect(await page.isChecked('#f-agreeTerms')).toBe(true);
      expect(await page.textContent('[data-saved-note]')).toMatch(
        /We have filled in the answers you typed on \d{1,2} \w+ at \d\d:\d\d\./,
      );
      expect(await axeViolations(page)).toEqual([]);

      await page.click('text=Clear saved answers');
      expect(await page.inputValue('#f-coacheeName')).toBe('');
      expect(await page.isChecked('#f-agreeTerms')).toBe(false);
      expect(await page.evaluate(() => localStorage.getItem('coaching-scheme-hub:form:coaching-agreement'))).toBeNull();
      await expect.poll(() => page.textContent('[data-announcer]')).toBe('Your saved answers have been cleared.');
      await page.reload();
      expect(await page.inputValue('#f-coacheeName')).toBe('');
      expect(errors).toEqual([]);
    });
  });
});

describe('questions that apply to some answers only', () => {
  it('the employer’s name is asked for only when the employer is not listed', async () => {
    await withPage(async (page) => {
      await page.goto(FORM_PAGES['coach-eoi'].path);
      expect(await page.isHidden('#f-employerOther')).toBe(true);
      await page.selectOption('#f-employer', 'other');
      expect(await page.isVisible('#f-employerOther')).toBe(true);
      await page.selectOption('#f-employer', 'northfield-council');
      expect(await page.isHidden('#f-employerOther')).toBe(true);
    });
  });

  it('without JavaScript, the question is always there to answer', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(FORM_PAGES['coach-eoi'].path);
      expect(await page.isVisible('#f-employerOther')).toBe(true);
    } finally {
      await close();
    }
  });
});

/**
 * The page's own scripts and every module they import, gzipped, from dist/: `before` follows static
 * imports only (what loads with the page), `all` also follows dynamic `import()` (what loads once the
 * form is used).
 */
function scriptBytes(pagePath: string, { dynamic = false } = {}): { files: string[]; gzip: number } {
  const html = readFileSync(path.join(dist, pagePath, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  let gzip = 0;
  const imports = dynamic
    ? /(?:from|import)\s*\(?\s*["'`](\.\/[^"'`]+\.js)["'`]/g
    : /(?:from|import)\s*["'`](\.\/[^"'`]+\.js)["'`]/g;
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const source = readFileSync(path.join(dist, url), 'utf8');
    gzip += gzipSync(source, { level: 9 }).length;
    for (const m of source.matchAll(imports)) queue.push(path.posix.join(path.posix.dirname(url), m[1]!));
  }
  return { files: [...seen], gzip };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('what a form page costs', () => {
  it.each(Object.entries(FORM_PAGES))(
    '%s loads under 12 KB of gzipped JavaScript with the page, under 24 KB once the form is used, all of it external',
    (_formId, { path: formPath }) => {
      const before = scriptBytes(formPath);
      const all = scriptBytes(formPath, { dynamic: true });
      console.log(
        `${formPath}: ${kb(before.gzip)} gzipped in ${before.files.length} files with the page, ${kb(all.gzip)} in ${all.files.length} files once used`,
      );
      expect(before.files.length).toBeGreaterThan(0);
      expect(before.gzip).toBeLessThan(12 * 1024);
      // The checks (zod and the form's schema) are what loads on first use, and only then.
      expect(all.files.length).toBeGreaterThan(before.files.length);
      expect(all.gzip).toBeLessThan(24 * 1024);
    },
  );

  it('a page that is only read loads none of the checks; the first use of the form loads them, once', async () => {
    await withPage(async (page, errors) => {
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      await page.goto(FORM_PAGES['coach-eoi'].path);
      await page.waitForLoadState('networkidle');
      const before = scriptBytes(FORM_PAGES['coach-eoi'].path).files;
      expect([...scripts].sort()).toEqual([...before].sort());
      expect(scripts.some((file) => file.includes('/checking.'))).toBe(false);
      // Already working: the kept-answers note and the Continue button need no checks.
      expect(await page.textContent('[data-submit]')).toBe('Continue');
      expect(await page.isVisible('[data-saved-note]')).toBe(true);

      await page.focus('#f-name');
      await page.waitForLoadState('networkidle');
      expect(scripts.filter((file) => file.includes('/checking.'))).toHaveLength(1);
      expect(scripts.some((file) => file.includes('/coach-eoi.'))).toBe(true);
      const all = scriptBytes(FORM_PAGES['coach-eoi'].path, { dynamic: true }).files;
      expect(scripts.every((file) => all.includes(file))).toBe(true);
      await page.click('[data-submit]');
      expect(await page.textContent('[data-error-summary]')).toContain(
        (await schemaFixture('coach-eoi')).empty[0]!.message,
      );
      expect(errors).toEqual([]);
    });
  });

  it.each([...Object.values(FORM_PAGES).flatMap(({ path: p }) => [p, `${p}sent/`]), '/confirm/', '/confirm/done/'])(
    '%s has no inline script, style block or style attribute',
    (pagePath) => {
      const html = readFileSync(path.join(dist, pagePath, 'index.html'), 'utf8');
      const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1]!.trim());
      expect(inline.filter((attrs) => !attrs.includes('type="application/json"'))).toEqual([]);
      expect(html).not.toMatch(/<style[\s>]/);
      expect(html).not.toMatch(/\sstyle="/);
    },
  );

  it('the sent and confirm templates may be indexed: they hold nothing private (pages with a reference or token say noindex by header)', () => {
    for (const pagePath of [
      '/become-a-coach/sent/',
      '/apply-for-coaching/sent/',
      '/coaching-agreement/sent/',
      '/confirm/',
      '/confirm/done/',
    ]) {
      expect(readFileSync(path.join(dist, pagePath, 'index.html'), 'utf8'), pagePath).not.toMatch(
        /<meta name="robots"/,
      );
    }
  });

  it('sent and confirm pages ship no JavaScript', () => {
    for (const pagePath of [
      '/become-a-coach/sent/',
      '/apply-for-coaching/sent/',
      '/coaching-agreement/sent/',
      '/confirm/',
      '/confirm/done/',
    ]) {
      expect(scriptBytes(pagePath).files, pagePath).toEqual([]);
    }
  });
});
