// `npm run bench`: builds the site, times the build, then prints what each built page costs beyond
// its words: HTML plus linked CSS gzipped, the text of <main> alone gzipped, the difference
// (overhead) and the JavaScript it loads. Guidance pages must stay within budget: overhead at most
// 10 KB and no JavaScript at all. Exits with 1 when a page is over budget.
//
// Other areas add their own figures: every scripts/bench/*.mjs module is imported in name order and
// its default export is awaited with ctx = { root, dist, gzipSize(buf), pages }.
//
// Usage: node scripts/bench.mjs [--no-build]   (--no-build measures the dist/ that is already there)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const dist = path.join(root, 'dist');
export const OVERHEAD_BUDGET = 10 * 1024;

/** Bytes after gzip at level 9, the most a server would squeeze out. */
export const gzipSize = (buf) => gzipSync(buf, { level: 9 }).length;

/** Every built HTML page as { path, file }: "/principles/" for principles/index.html, "/404.html" for 404.html. */
export function listPages(distDir = dist) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) {
        const rel = path.relative(distDir, full).split(path.sep).join('/');
        pages.push({ path: `/${rel.replace(/(^|\/)index\.html$/, '$1')}`, file: full });
      }
    }
  };
  walk(distDir);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

const ids = (folder) =>
  existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith('.mdx'))
        .map((name) => name.slice(0, -4))
    : [];

/**
 * Guidance pages, from the content files that make them: each must ship zero JavaScript and keep
 * within the overhead budget. (The readiness page is a tool with JavaScript, so it is not here.)
 */
export function guidancePaths(rootDir = root) {
  const content = path.join(rootDir, 'content');
  return new Set([
    ...ids(path.join(content, 'guidance')).map((id) => `/${id}/`),
    '/protocol/',
    ...ids(path.join(content, 'protocol')).map((id) => `/protocol/${id}/`),
    '/planning/',
    ...ids(path.join(content, 'planning')).map((id) => `/planning/${id}/`),
  ]);
}

/** Pages that must ship zero JavaScript but are not held to the overhead budget. */
export const ZERO_JS_PAGES = new Set(['/', '/404.html']);

const attribute = (tag, name) =>
  tag
    .match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))
    ?.slice(2)
    .find((v) => v !== undefined);

/** Resolves a same-site URL used on a page to a file in dist/, or undefined for other sites. */
function distFile(url, pagePath, distDir) {
  if (!url || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return undefined;
  const resolved = new URL(url, `http://site${pagePath}`).pathname;
  return path.join(distDir, decodeURIComponent(resolved));
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (text) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code) => {
    if (code[0] === '#')
      return String.fromCodePoint(code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
    return ENTITIES[code.toLowerCase()] ?? whole;
  });

/** The words a reader came for: the text of <main>, tags dropped, whitespace collapsed. */
export function mainText(html) {
  const main = html.match(/<main\b[^>]*>([\s\S]*?)<\/main>/i)?.[1] ?? '';
  const text = main.replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** JavaScript files a module loads before it runs (static imports), followed recursively. */
function withStaticImports(file, seen) {
  if (seen.has(file) || !existsSync(file)) return;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)) {
    if (match[1].startsWith('.') || match[1].startsWith('/')) {
      const target = match[1].startsWith('/') ? path.join(dist, match[1]) : path.resolve(path.dirname(file), match[1]);
      withStaticImports(target, seen);
    }
  }
}

/** What one built page costs: sizes in bytes. */
export function measurePage(page, distDir = dist) {
  const html = readFileSync(page.file);
  const source = html.toString('utf8');
  const tags = source.match(/<link\b[^>]*>/gi) ?? [];
  const stylesheets = tags
    .filter((tag) => /\brel\s*=\s*["']?stylesheet/i.test(tag))
    .map((tag) => distFile(attribute(tag, 'href'), page.path, distDir))
    .filter((file) => file && existsSync(file));
  const htmlCssGzip = gzipSize(html) + stylesheets.reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0);
  const mainTextGzip = gzipSize(Buffer.from(mainText(source)));

  const scriptFiles = new Set();
  let inlineScript = '';
  for (const [, attrs, body] of source.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = attribute(`<script ${attrs}>`, 'src');
    if (src) withStaticImports(distFile(src, page.path, distDir), scriptFiles);
    else if (!/type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) inlineScript += body;
  }
  for (const tag of tags.filter((t) => /\brel\s*=\s*["']?modulepreload/i.test(t))) {
    withStaticImports(distFile(attribute(tag, 'href'), page.path, distDir), scriptFiles);
  }
  const scripts = [...scriptFiles].map((file) => readFileSync(file));
  if (inlineScript) scripts.push(Buffer.from(inlineScript));
  return {
    htmlCssGzip,
    mainTextGzip,
    overhead: htmlCssGzip - mainTextGzip,
    jsBytes: scripts.reduce((sum, buf) => sum + buf.length, 0),
    jsGzip: scripts.reduce((sum, buf) => sum + gzipSize(buf), 0),
    inlineScript: inlineScript.length > 0,
  };
}

/** Measures every page and says which break their budget. */
export function measureSite(distDir = dist, rootDir = root) {
  const guidance = guidancePaths(rootDir);
  return listPages(distDir).map((page) => {
    const kind = guidance.has(page.path) ? 'guidance' : ZERO_JS_PAGES.has(page.path) ? 'reading' : 'other';
    const size = measurePage(page, distDir);
    const problems = [];
    if (kind === 'guidance' && size.overhead > OVERHEAD_BUDGET)
      problems.push(`overhead over ${OVERHEAD_BUDGET / 1024} KB`);
    if (kind !== 'other' && size.jsBytes > 0) problems.push('ships JavaScript');
    if (size.inlineScript) problems.push('inline script');
    return { ...page, kind, ...size, problems };
  });
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

function printTable(pages) {
  const rows = [
    ['page', 'kind', 'HTML+CSS gz KB', 'main text gz KB', 'overhead KB', 'JS KB', 'JS gz KB', 'budget'],
    ...pages.map((p) => [
      p.path,
      p.kind,
      kb(p.htmlCssGzip),
      kb(p.mainTextGzip),
      kb(p.overhead),
      kb(p.jsBytes),
      kb(p.jsGzip),
      p.problems.length ? `OVER: ${p.problems.join(', ')}` : 'ok',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) =>
    row
      .map((cell, column) => (column < 2 || column === 7 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    const astro = path.join(root, 'node_modules', '.bin', 'astro');
    const started = performance.now();
    const build = spawnSync(astro, ['build'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    if (build.status !== 0) {
      process.stdout.write(build.stdout ?? '');
      process.stderr.write(build.stderr ?? '');
      console.error(`The build failed after ${seconds.toFixed(1)} s, so there is nothing to measure.`);
      process.exit(1);
    }
    console.log(`Build time: ${seconds.toFixed(1)} s (astro build)\n`);
  }
  if (!existsSync(path.join(dist, 'index.html'))) {
    console.error('There is no built site in dist/: run `npm run bench` without --no-build.');
    process.exit(1);
  }

  const pages = measureSite();
  printTable(pages);
  const guidance = pages.filter((p) => p.kind === 'guidance');
  const css = readFileSync(path.join(dist, 'styles', 'site.css'));
  console.log(
    `\n${pages.length} pages; /styles/site.css ${kb(css.length)} KB (${kb(gzipSize(css))} KB gzipped); ` +
      `guidance pages: largest overhead ${kb(Math.max(0, ...guidance.map((p) => p.overhead)))} KB ` +
      `(budget ${OVERHEAD_BUDGET / 1024} KB), JavaScript ${kb(guidance.reduce((sum, p) => sum + p.jsBytes, 0))} KB.`,
  );
  const over = pages.filter((p) => p.problems.length);
  if (over.length) {
    console.log(`Over budget: ${over.map((p) => p.path).join(', ')}`);
    process.exitCode = 1;
  }

  const benchDir = path.join(root, 'scripts', 'bench');
  const extras = existsSync(benchDir)
    ? readdirSync(benchDir)
        .filter((name) => name.endsWith('.mjs'))
        .sort()
    : [];
  for (const name of extras) {
    console.log(`\n== ${name} ==`);
    const module = await import(pathToFileURL(path.join(benchDir, name)).href);
    await module.default({ root, dist, gzipSize, pages });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
  // A measurement may leave a file watcher or helper process behind (Netlify Dev's watcher, esbuild's
  // service) that would keep Node, and the build lock, alive forever: the bench is done, so leave.
  process.exit();
}
