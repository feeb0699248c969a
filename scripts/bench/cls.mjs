// `npm run bench` extension: Cumulative Layout Shift per page template, measured in Debian's
// Chromium (playwright-core) with a PerformanceObserver for `layout-shift` entries, on the built
// site served like Netlify (scripts/serve.mjs). Each template loads on a phone (412 × 823, CPU
// slowed 4×, as Lighthouse's mobile run does), a small phone at full speed (360 × 740) and a desktop
// (1350 × 940); the figure is every
// shift without recent input from navigation until 2 s after `load`. The budget is 0.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

/** One page per template: what the site's layouts and scripts can shift. */
export const TEMPLATES = [
  ['home', '/'],
  ['guidance page', '/principles/'],
  ['protocol overview', '/protocol/'],
  ['planning step', '/planning/identify-the-vision/'],
  ['search (no query)', '/search/'],
  ['search (results)', '/search/?q=chemistry+meeting'],
  ['form', '/become-a-coach/'],
  ['form sent', '/become-a-coach/sent/'],
  ['confirm', '/confirm/'],
  ['readiness checklist', '/readiness/'],
  ['planner', '/planning/planner/'],
  ['coaching record', '/coaching-record/'],
  ['not found', '/404.html'],
];

export const SCREENS = {
  phone: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, cpu: 4 },
  small: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, cpu: 1 },
  desktop: { viewport: { width: 1350, height: 940 }, deviceScaleFactor: 1, cpu: 1 },
};

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SETTLE_MS = 2000;

/** The page's CLS and the elements that moved, for one load. */
export async function measureCls(browser, baseUrl, pagePath, screen) {
  const { cpu, ...options } = screen;
  const context = await browser.newContext({ ...options, serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    if (cpu > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    }
    await page.addInitScript(() => {
      window.__layoutShifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.hadRecentInput) continue;
          const sources = (entry.sources ?? []).map((source) => {
            const node = source.node;
            const name =
              node?.nodeType === 1
                ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.classList?.length ? `.${[...node.classList].join('.')}` : ''}`
                : (node?.nodeName ?? '?');
            return `${name} ${Math.round(source.previousRect.y)}→${Math.round(source.currentRect.y)}`;
          });
          window.__layoutShifts.push({ value: entry.value, sources });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(new URL(pagePath, baseUrl).href, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForTimeout(SETTLE_MS);
    const shifts = await page.evaluate(() => window.__layoutShifts);
    return { cls: shifts.reduce((sum, shift) => sum + shift.value, 0), shifts };
  } finally {
    await context.close();
  }
}

export default async function clsBench() {
  if (!existsSync(CHROMIUM)) {
    console.log(`CLS: skipped, no Chromium at ${CHROMIUM} (set CHROMIUM_PATH).`);
    return;
  }
  const server = await serve({ port: 0, quiet: true });
  // The first request starts the local functions runtime: keep that out of the first measurement.
  await fetch(new URL('/', server.url));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    console.log(
      `Cumulative Layout Shift per template (load + ${SETTLE_MS / 1000} s; phone ${SCREENS.phone.viewport.width} px at 4× slower CPU, small ${SCREENS.small.viewport.width} px, desktop ${SCREENS.desktop.viewport.width} px; budget 0):`,
    );
    let worst = 0;
    for (const [name, pagePath] of TEMPLATES) {
      const results = {};
      for (const [screenName, screen] of Object.entries(SCREENS))
        results[screenName] = await measureCls(browser, server.url, pagePath, screen);
      const figures = Object.entries(results)
        .map(([screenName, r]) => `${screenName} ${r.cls.toFixed(3)}`)
        .join('  ');
      const over = Object.values(results).some((r) => r.cls > 0);
      worst = Math.max(worst, ...Object.values(results).map((r) => r.cls));
      console.log(`  ${name.padEnd(20)} ${pagePath.padEnd(30)} ${figures}  ${over ? 'OVER' : 'ok'}`);
      if (over) {
        for (const [screenName, r] of Object.entries(results)) {
          for (const shift of r.shifts)
            console.log(`      ${screenName}: ${shift.value.toFixed(4)} ${shift.sources.join(', ')}`);
        }
      }
    }
    console.log(`  worst ${worst.toFixed(3)}`);
    if (worst > 0) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
}
