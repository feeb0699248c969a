// `npm run bench` extension: how much of the built site's visible text and of the fixture emails comes
// from content/, per page group (the full list of what does not: `npm run words`).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { formatReport, measure } from '../words/coverage.ts';

export default async function words({ root, dist }) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.log(`Skipped: Chromium is missing at ${executablePath}.`);
    return;
  }
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    console.log(formatReport(await measure(browser, { root, dist }), { list: false }));
  } finally {
    await browser.close();
  }
}
