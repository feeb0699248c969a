// `npm run bench` extension: the size of the Pagefind index in dist/pagefind/, and what a first search
// costs a visitor: Chromium opens /search/?q=... on the built site and we add up every response the
// search needs (Pagefind's library, WebAssembly, index, filter and result fragments, and the search page's
// own JavaScript). Text is counted gzipped, as Netlify sends it; Pagefind's index files are already
// compressed and are counted as they are. Budget: 110 KB.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

export const FIRST_SEARCH_BUDGET = 110 * 1024;
const QUERY = 'chemistry meeting';
const COMPRESSIBLE = /javascript|json|css|html|text\//;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** dist/pagefind/ in bytes: the index proper (what grows with the content) and the whole bundle. */
export function indexSize(dist) {
  const folder = path.join(dist, 'pagefind');
  const files = filesUnder(folder).map((file) => ({ name: path.relative(folder, file), bytes: statSync(file).size }));
  const isIndex = (name) => /\.pf_(meta|index|fragment|filter)$/.test(name);
  const sum = (list) => list.reduce((total, file) => total + file.bytes, 0);
  return {
    index: sum(files.filter((file) => isIndex(file.name))),
    fragments: files.filter((file) => file.name.endsWith('.pf_fragment')).length,
    bundle: sum(files),
  };
}

/**
 * Opens /search/?q=<query> in a fresh browser context and waits for the results count; returns each
 * search response with its size as downloaded (`bytes`) and as sent over the wire (`wireBytes`).
 * `gzipSize` is bench.mjs's, passed in (importing bench.mjs from here would wait on itself).
 */
export async function measureFirstSearch(browser, baseUrl, gzipSize, query = QUERY) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  const responses = [];
  page.on('response', (response) => {
    responses.push(
      (async () => {
        const url = new URL(response.url());
        const isSearchCode = url.pathname.startsWith('/pagefind/') || response.request().resourceType() === 'script';
        if (!isSearchCode) return undefined;
        const body = await response.body();
        const type = response.headers()['content-type'] ?? '';
        return {
          path: url.pathname,
          bytes: body.length,
          wireBytes: COMPRESSIBLE.test(type) ? gzipSize(body) : body.length,
        };
      })(),
    );
  });
  await page.goto(`/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => document.getElementById('search-status')?.textContent?.trim());
  const status = (await page.textContent('#search-status'))?.trim();
  const files = (await Promise.all(responses)).filter(Boolean);
  await context.close();
  return {
    query,
    status,
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    wireBytes: files.reduce((sum, file) => sum + file.wireBytes, 0),
  };
}

export default async function searchBench({ dist, gzipSize }) {
  if (!existsSync(path.join(dist, 'pagefind', 'pagefind.js'))) {
    console.log('No search index in dist/pagefind/: `astro build` should have written it.');
    process.exitCode = 1;
    return;
  }
  const size = indexSize(dist);
  console.log(
    `Search index: ${kb(size.index)} (${size.fragments} page fragments, plus meta, word index and filters); ` +
      `whole Pagefind bundle in dist/pagefind/: ${kb(size.bundle)}`,
  );

  const server = await serve({ port: 0, quiet: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const first = await measureFirstSearch(browser, server.url, gzipSize);
    console.log(`First search for ‘${first.query}’ (${first.status}):`);
    for (const file of first.files) console.log(`  ${kb(file.wireBytes).padStart(9)}  ${file.path}`);
    const verdict = first.wireBytes <= FIRST_SEARCH_BUDGET ? 'ok' : 'OVER BUDGET';
    console.log(
      `  ${kb(first.wireBytes).padStart(9)}  total downloaded (${kb(first.bytes)} uncompressed); ` +
        `budget ${kb(FIRST_SEARCH_BUDGET)}: ${verdict}`,
    );
    if (first.wireBytes > FIRST_SEARCH_BUDGET) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
}
