// `npm run bench` extension: the JavaScript each form page loads with the page (its script and every
// module that imports statically) against the 12 KB gzipped budget (issue 11), and what it loads in
// all once the form is used (the checks, zod and the form's schema, behind a dynamic import()).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const FORM_PAGES = ['/become-a-coach/', '/apply-for-coaching/', '/coaching-agreement/'];
const BUDGET_GZIP = 12 * 1024;

const kb = (bytes) => (bytes / 1024).toFixed(1);

/** The page's scripts and what they import: statically only, or dynamic import() too. */
function scriptFiles(dist, pagePath, dynamic) {
  const html = readFileSync(path.join(dist, pagePath, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => path.join(dist, m[1]));
  const imports = dynamic
    ? /(?:from|import)\s*\(?\s*["'`](\.\/[^"'`]+\.js)["'`]/g
    : /(?:from|import)\s*["'`](\.\/[^"'`]+\.js)["'`]/g;
  const seen = new Set();
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(imports)) queue.push(path.resolve(path.dirname(file), m[1]));
  }
  return [...seen];
}

/** @param {{ dist: string, gzipSize: (buffer: Buffer) => number }} ctx */
export default function formsBench({ dist, gzipSize }) {
  console.log('Form page JavaScript (gzip level 9, per file): with the page / once the form is used:');
  for (const pagePath of FORM_PAGES) {
    if (!existsSync(path.join(dist, pagePath, 'index.html'))) {
      console.log(`  ${pagePath.padEnd(22)} not built`);
      continue;
    }
    const size = (files) => files.reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0);
    const before = size(scriptFiles(dist, pagePath, false));
    const all = size(scriptFiles(dist, pagePath, true));
    const verdict = before <= BUDGET_GZIP ? 'ok' : `OVER the ${kb(BUDGET_GZIP)} KB budget`;
    console.log(
      `  ${pagePath.padEnd(22)} ${kb(before).padStart(5)} KB with the page  ${kb(all).padStart(5)} KB once used  ${verdict}`,
    );
    if (before > BUDGET_GZIP) process.exitCode = 1;
  }
}
