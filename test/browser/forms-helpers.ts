import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadFormContent, loadSiteContent } from '../../functions/content.ts';
import { forms, type Field, type FormContent, type FormId } from '../../functions/forms/index.ts';
import { axeViolations, baseUrl, dataDir } from './support.ts';

// Shared by the intake browser journeys (forms*.test.ts, confirm*.test.ts): filling a form the way a
// person would, reading the .eml files the local mailer writes, and checking accessibility of pages
// seen with JavaScript off.

export type Answers = Record<string, string | string[]>;

export const REFERENCE = /^(EOI|APP|AGR)-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

export const FORM_PAGES: Record<FormId, { path: string; title: string }> = {
  'coach-eoi': { path: '/become-a-coach/', title: 'Become a coach' },
  'coachee-application': { path: '/apply-for-coaching/', title: 'Apply for coaching' },
  'coaching-agreement': { path: '/coaching-agreement/', title: 'Record a coaching agreement' },
};

/** intake-core's schema fixtures: a valid set of answers and the exact messages for an empty form. */
export async function schemaFixture(
  formId: FormId,
): Promise<{ valid: Answers; empty: { field: string; message: string }[] }> {
  const file = new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url);
  const fixture = JSON.parse(await readFile(file, 'utf8')) as {
    valid: Answers;
    cases: { name: string; errors: { field: string; message: string }[] }[];
  };
  const empty = fixture.cases.find((c) => c.name === 'nothing filled in');
  if (!empty) throw new Error(`${formId}: the schema fixture has no "nothing filled in" case`);
  return { valid: fixture.valid, empty: empty.errors };
}

export const formContent = (formId: FormId): Promise<FormContent> => loadFormContent(formId);
export const fieldsOf = async (formId: FormId): Promise<Field[]> => forms[formId].fields(await formContent(formId));

export async function inboxesOf(organisationId: string): Promise<string[]> {
  const { organisations, settings } = await loadSiteContent();
  return organisations.find((org) => org.id === organisationId)?.inboxes ?? [settings.fallbackInbox];
}

export async function fallbackInbox(): Promise<string> {
  return (await loadSiteContent()).settings.fallbackInbox;
}

/** Fills every answer the way a person would: typing, choosing, ticking. Empty answers are skipped. */
export async function fillAnswers(page: Page, fields: readonly Field[], answers: Answers): Promise<void> {
  for (const field of fields) {
    const value = answers[field.name];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const id = `#f-${field.name}`;
    switch (field.kind) {
      case 'select':
        await page.selectOption(id, String(value));
        break;
      case 'radios':
        await page.check(`input[name="${field.name}"][value="${value}"]`);
        break;
      case 'checkboxes':
        for (const item of Array.isArray(value) ? value : [value]) {
          await page.check(`input[name="${field.name}"][value="${item}"]`);
        }
        break;
      case 'checkbox':
        if (value === 'yes') await page.check(id);
        break;
      case 'date': {
        // GOV.UK's date input: a YYYY-MM-DD answer typed as day, month and year.
        const [year, month, day] = String(value).split('-');
        await page.fill(id, String(Number(day)));
        await page.fill(`${id}-month`, String(Number(month)));
        await page.fill(`${id}-year`, year!);
        break;
      }
      default:
        await page.fill(id, String(value));
    }
  }
}

/** What the error summary lists, in order, with where each link goes. */
export async function errorSummary(page: Page): Promise<{ href: string | null; text: string }[]> {
  return page.$$eval('[data-error-summary] li', (items) =>
    items.map((item) => ({
      href: item.querySelector('a')?.getAttribute('href') ?? null,
      text: item.textContent?.trim() ?? '',
    })),
  );
}

/** The inline message shown on each field, by field name. */
export async function inlineErrors(page: Page): Promise<Record<string, string>> {
  const pairs = await page.$$eval('.field--error[data-field]', (wrappers) =>
    wrappers.map((wrapper) => [
      (wrapper as HTMLElement).dataset.field ?? '',
      wrapper
        .querySelector('.error-message')
        ?.textContent?.replace(/^Error:\s*/, '')
        .trim() ?? '',
    ]),
  );
  return Object.fromEntries(pairs);
}

export const expectedSummary = (errors: { field: string; message: string }[]) =>
  errors.map(({ field, message }) => ({ href: `#f-${field}`, text: message }));

/**
 * axe cannot run in a page with JavaScript switched off (its timers never fire), so a no-JS page is
 * checked by loading the same HTML into a page whose own scripts are blocked: what axe sees is
 * exactly what a reader without JavaScript gets.
 */
export async function axeWithoutScripts(browser: Browser, html: string): Promise<string[]> {
  const context = await browser.newContext({ baseURL: baseUrl() });
  await context.route(/\.m?js(\?|$)/, (route) => route.abort());
  const page = await context.newPage();
  try {
    await page.goto('/confirm/');
    await page.setContent(html);
    return await axeViolations(page);
  } finally {
    await context.close();
  }
}

export interface Email {
  file: string;
  to: string[];
  subject: string;
  text: string;
}

function decodeHeader(value: string): string {
  return value.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_whole, base64: string) =>
    Buffer.from(base64, 'base64').toString('utf8'),
  );
}

/** Reads every .eml the local mailer has written: recipients, subject and the plain-text part. */
export async function readOutbox(): Promise<Email[]> {
  const dir = path.join(dataDir(), 'outbox');
  const files = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(
    files
      .filter((file) => file.endsWith('.eml'))
      .map(async (file) => {
        const raw = await readFile(path.join(dir, file), 'utf8');
        const [head = '', ...rest] = raw.split('\r\n\r\n');
        const header = (name: string) => decodeHeader(new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1] ?? '');
        const body = rest.join('\r\n\r\n');
        const textPart = /Content-Type: text\/plain[\s\S]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(body)?.[1] ?? '';
        return {
          file,
          to: header('To').match(/[^\s<>,"]+@[^\s<>,"]+/g) ?? [],
          subject: header('Subject'),
          text: Buffer.from(textPart.replace(/\s+/g, ''), 'base64').toString('utf8'),
        };
      }),
  );
}

/** The emails about one reference, once at least `count` have been written. */
export async function emailsFor(reference: string, count: number): Promise<Email[]> {
  let found: Email[] = [];
  await expect
    .poll(
      async () => {
        found = (await readOutbox()).filter((email) => email.subject.includes(reference));
        return found.length;
      },
      { timeout: 10_000, interval: 200 },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

export const recipients = (emails: Email[]) => [...new Set(emails.flatMap((email) => email.to))].sort();

/** The server ignores a form sent sooner than MIN_FILL_SECONDS (3) after the page opened, as a bot. */
export async function waitForFillTime(page: Page, seconds = 3.5): Promise<void> {
  const started = Number(await page.inputValue('input[name="_started"]'));
  const wait = started + seconds * 1000 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
}

/** The reference on a sent page, checked against its address. */
export async function sentReference(page: Page, formPath: string): Promise<string> {
  await page.waitForURL(new RegExp(`${formPath}sent/[A-Z0-9-]+/$`));
  const reference = (await page.textContent('[data-reference]'))?.trim() ?? '';
  expect(reference).toMatch(REFERENCE);
  expect(new URL(page.url()).pathname).toBe(`${formPath}sent/${reference}/`);
  return reference;
}
