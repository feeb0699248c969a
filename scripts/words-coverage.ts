// `npm run words`: how much of the visible text of the built site (dist/) and of the fixture emails comes
// from content/, per page group, with every piece that does not. Exits 1 when a group that is held to 100%
// (not in NOT_YET_ENFORCED) has text outside content/, or a page belongs to no group.
//
// Usage: node scripts/words-coverage.ts [--quiet]   (build first: npm run build)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { formatReport, measure } from './words/coverage.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(path.join(root, 'dist', 'index.html'))) {
  console.error('There is no built site in dist/: run `npm run build` first.');
  process.exit(1);
}
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`Chromium is missing at ${executablePath}: install it with \`sudo apt-get install -y chromium\`.`);
  process.exit(1);
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const result = await measure(browser, { root });
  console.log(formatReport(result, { list: !process.argv.includes('--quiet') }));
  const failing = result.groups.filter((g) => g.enforced && g.uncovered.length > 0);
  if (failing.length || result.unplaced.length) process.exitCode = 1;
} finally {
  await browser.close();
}
// The intake pipeline may leave timers behind; the measurement is done.
process.exit();
