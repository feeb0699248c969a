// WCAG 2.2 AA beyond what axe sees, on the built site: every page and the forms' and tools' other
// states reflow at 320 CSS px (1.4.10) and still work at 200% zoom (640 × 400 CSS px at device scale
// 2, a 1280 × 800 screen zoomed in), and no control that takes focus, tabbing either way, is covered
// by a sticky or fixed part of the page (2.4.11). Fails if the header search form is widened back,
// a bare file input returns, or the coaching record's save bar covers a control.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dist, listPages } from '../../scripts/bench.mjs';
import { FORM_PAGES, fieldsOf, fillAnswers, schemaFixture } from './forms-helpers.ts';
import { coveredWhileTabbing, overflow, SCREENS, stickyOrFixed } from './layout-support.ts';
import { baseUrl, launchBrowser } from './support.ts';
import { fixture } from './tools-planner-support.ts';
import type { FormId } from '../../functions/forms/index.ts';

const pages = listPages(dist)
  .map((page) => page.path)
  .filter((pagePath) => !pagePath.startsWith('/admin/') && pagePath !== '/404.html');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(screen: BrowserContextOptions, { javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({
    ...screen,
    javaScriptEnabled,
    baseURL: baseUrl(),
    serviceWorkers: 'block',
  });
  return { page: await context.newPage(), close: () => context.close() };
}

/** A state of a page worth checking beyond how it first loads: what a person does to get there. */
interface State {
  name: string;
  path: string;
  javaScriptEnabled?: boolean;
  reach: (page: Page) => Promise<void>;
}

const formIds = Object.keys(FORM_PAGES) as FormId[];

const STATES: State[] = [
  ...formIds.flatMap((formId): State[] => [
    {
      name: `${formId}: errors after sending it empty`,
      path: FORM_PAGES[formId].path,
      reach: async (page) => {
        await page.locator('[data-submit]').click();
        await page.locator('[data-error-summary]').first().waitFor();
      },
    },
    {
      name: `${formId}: errors from the server, without JavaScript`,
      path: FORM_PAGES[formId].path,
      javaScriptEnabled: false,
      reach: async (page) => {
        await page.waitForTimeout(3500); // a form sent sooner than MIN_FILL_SECONDS is taken for a bot
        await Promise.all([page.waitForNavigation(), page.click('[data-submit]')]);
        await page.locator('[data-error-summary]').first().waitFor();
      },
    },
    {
      name: `${formId}: check your answers`,
      path: FORM_PAGES[formId].path,
      reach: async (page) => {
        const { valid } = await schemaFixture(formId);
        await fillAnswers(page, await fieldsOf(formId), valid);
        await page.locator('[data-submit]').click();
        await page.locator('[data-check-step]:not([hidden])').waitFor();
      },
    },
  ]),
  {
    name: 'readiness: answered, with the clear confirmation open and a bad file refused',
    path: '/readiness/',
    reach: async (page) => {
      for (const radio of await page.locator('input[data-answer][value="not-yet"]').all()) await radio.check();
      await page
        .locator('textarea[data-notes]')
        .first()
        .fill('Notes that wrap over several lines on a small screen. '.repeat(4));
      await page.locator('#readiness-import').setInputFiles(fixture('spreadsheet.csv'));
      await page.locator('[data-error-summary]:not([hidden])').waitFor();
      await page.getByRole('button', { name: 'Clear all answers' }).click();
    },
  },
  {
    name: 'planner: filled, renaming, with the delete confirmation open and a bad file refused',
    path: '/planning/planner/',
    reach: async (page) => {
      await page.getByLabel('Organisation', { exact: true }).fill('Eastmere Children’s Services with a long name');
      await page.locator('textarea[data-step-field]').first().fill('Our plan for this step. '.repeat(6));
      await page.locator('input[data-step-complete]').first().check();
      await page.locator('#planner-import').setInputFiles(fixture('spreadsheet.csv'));
      await page.locator('[data-error-summary]:not([hidden])').waitFor();
      await page.getByRole('button', { name: 'Rename this plan' }).click();
      await page.getByRole('button', { name: 'Delete this plan' }).click();
    },
  },
  {
    name: 'coaching record: two goals, three scored sessions, export refused',
    path: '/coaching-record/',
    reach: async (page) => {
      await page.getByLabel('Coachee’s name').fill('Ayla');
      for (const goal of ['Run supervision with confidence', 'Plan my week']) {
        await page.getByRole('button', { name: 'Add a goal' }).click();
        await page.locator('#record-goals input[type="text"]').last().fill(goal);
      }
      for (let n = 0; n < 3; n += 1) {
        await page.getByRole('button', { name: 'Add a session' }).click();
        await page.locator('#record-sessions textarea').last().fill('What we agreed. '.repeat(5));
      }
      await page.locator('#record-sessions input[type="radio"][value="5"]').first().check();
      await page.getByRole('button', { name: 'Export the record' }).click();
      await page.locator('#record-export-errors:not([hidden])').waitFor();
      await page.getByRole('button', { name: 'Delete this record' }).click();
    },
  },
];

describe('reflow at 320 CSS px and 200% zoom', () => {
  for (const [screenName, screen] of [
    ['320 px', SCREENS.narrow],
    ['200% zoom', SCREENS.zoomed],
  ] as const) {
    it.concurrent.for(pages)(
      `%s fits ${screenName} without sideways scrolling, with JavaScript on and off`,
      async (pagePath, { expect }) => {
        for (const javaScriptEnabled of [true, false]) {
          const { page, close } = await open(screen, { javaScriptEnabled });
          try {
            await page.goto(pagePath, { waitUntil: 'load' });
            expect(await overflow(page), `${pagePath}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`).toEqual([]);
          } finally {
            await close();
          }
        }
      },
    );

    it.concurrent.for(STATES.map((state) => [state.name, state] as const))(
      `%s fits ${screenName}`,
      { timeout: 120_000 },
      async ([, state], { expect }) => {
        const { page, close } = await open(screen, { javaScriptEnabled: state.javaScriptEnabled ?? true });
        try {
          await page.goto(state.path, { waitUntil: 'load' });
          await state.reach(page);
          expect(await overflow(page)).toEqual([]);
        } finally {
          await close();
        }
      },
    );
  }

  it('keeps the header search button whole on a 320 px screen', async () => {
    const { page, close } = await open(SCREENS.narrow);
    try {
      await page.goto('/principles/');
      const button = await page.getByRole('button', { name: 'Search' }).boundingBox();
      const box = await page.getByRole('searchbox', { name: 'Search the guidance' }).boundingBox();
      expect(button!.x + button!.width).toBeLessThanOrEqual(320);
      expect(box!.width).toBeGreaterThan(100);
    } finally {
      await close();
    }
  });
});

describe('focus is never hidden behind a sticky or fixed part of the page', () => {
  // At 320 px and 200% zoom nothing is sticky (the record's save status only sticks on a big screen);
  // the page walks still run there, in case something sticky or fixed appears.
  for (const [screenName, screen] of [
    ['a laptop', SCREENS.laptop],
    ['200% zoom', SCREENS.zoomed],
    ['320 px', SCREENS.narrow],
  ] as const) {
    it.concurrent.for(pages)(`%s on ${screenName}, tabbing forwards and backwards`, async (pagePath, { expect }) => {
      const { page, close } = await open(screen);
      try {
        await page.goto(pagePath, { waitUntil: 'load' });
        // Nothing sticky or fixed, nothing to hide behind: the walk would prove nothing more.
        if ((await stickyOrFixed(page)).length === 0) return;
        const walk = await coveredWhileTabbing(page);
        expect(walk.problems).toEqual([]);
        expect(walk.forwards).toBeGreaterThan(5);
        expect(walk.backwards).toBeGreaterThan(5);
      } finally {
        await close();
      }
    });

    it.concurrent.for(STATES.filter(() => screenName !== '320 px').map((state) => [state.name, state] as const))(
      `%s on ${screenName}, tabbing forwards and backwards`,
      { timeout: 120_000 },
      async ([, state], { expect }) => {
        const { page, close } = await open(screen, { javaScriptEnabled: state.javaScriptEnabled ?? true });
        try {
          await page.goto(state.path, { waitUntil: 'load' });
          await state.reach(page);
          const walk = await coveredWhileTabbing(page);
          expect(walk.problems).toEqual([]);
          expect(walk.forwards).toBeGreaterThan(5);
          expect(walk.backwards).toBeGreaterThan(5);
        } finally {
          await close();
        }
      },
    );
  }

  it('keeps the coaching record’s save status in view on a laptop, where it is sticky', async () => {
    const { page, close } = await open(SCREENS.laptop);
    try {
      await page.goto('/coaching-record/');
      await page.getByRole('button', { name: 'Add a session' }).click();
      await page.getByRole('button', { name: 'Add a session' }).click();
      expect(await stickyOrFixed(page)).toContain('p.tool-save-status');
    } finally {
      await close();
    }
  });
});
