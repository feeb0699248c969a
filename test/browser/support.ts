import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const baseUrl = () => inject('baseUrl');
export const dataDir = () => inject('dataDir');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\`.`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return failingOnViolations(browser);
}

export interface CspViolation {
  page: string;
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

const violationsOf = new WeakMap<BrowserContext, CspViolation[]>();

/**
 * Every context of this browser records each `securitypolicyviolation` of its pages and frames, and
 * closing the context (or the browser) throws when there was any, so every test fails on a CSP
 * violation without asking. A test that provokes one on purpose takes it with takeViolations().
 */
function failingOnViolations(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  const contexts = new Set<BrowserContext>();
  browser.newContext = async (options) => {
    const context = await newContext(options);
    const found: CspViolation[] = [];
    violationsOf.set(context, found);
    contexts.add(context);
    await context.exposeBinding('__reportCspViolation', (_source, violation: CspViolation) => {
      found.push(violation);
    });
    await context.addInitScript(() => {
      document.addEventListener(
        'securitypolicyviolation',
        (event) =>
          // @ts-expect-error the binding exposed above
          window.__reportCspViolation({
            page: document.URL,
            directive: event.effectiveDirective,
            blocked: event.blockedURI,
            sample: event.sample,
            source: `${event.sourceFile}:${event.lineNumber}`,
          }),
        true,
      );
    });
    const close = context.close.bind(context);
    context.close = async (closeOptions) => {
      contexts.delete(context);
      await close(closeOptions);
      assertNoViolations(found);
    };
    return context;
  };
  const closeBrowser = browser.close.bind(browser);
  browser.close = async (options) => {
    const left = [...contexts].flatMap((context) => violationsOf.get(context) ?? []);
    await closeBrowser(options);
    assertNoViolations(left);
  };
  return browser;
}

function assertNoViolations(found: CspViolation[]) {
  if (found.length === 0) return;
  const list = found.map(
    (v) => `${v.page}: ${v.directive} blocked ${v.blocked || '(inline)'} ${v.sample} at ${v.source}`,
  );
  throw new Error(`Content Security Policy violations:\n${list.join('\n')}`);
}

/** The violations recorded so far in this page's context, which are then forgotten. */
export function takeViolations(page: Page): CspViolation[] {
  const found = violationsOf.get(page.context()) ?? [];
  return found.splice(0, found.length);
}

/** A page that records console errors and failed page errors, so a test can assert there were none. */
export async function openPage(browser: Browser, { javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: baseUrl() });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors, violations: () => violationsOf.get(context) ?? [], close: () => context.close() };
}

export type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

/** Runs axe-core for WCAG 2.2 A and AA (and 2.0/2.1) and returns the violations, readable in a failure. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() runs outside the page's Content Security Policy, unlike an injected <script>.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(() =>
    // @ts-expect-error axe is defined by the script evaluated above
    window.axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
      .then((r: { violations: unknown[] }) => r.violations),
  )) as AxeViolation[];
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
