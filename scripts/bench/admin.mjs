// `npm run bench` extension: what /admin/ (Decap CMS) costs, raw and gzipped, and a check that none
// of its code reaches any other page. Only editors load /admin/, so it has no budget; the figure is
// here to notice a jump (a second copy of React, say) when dependencies change.
// /admin/ loads our small entry (bundled by Astro) and Decap's prebuilt file from /admin/decap/;
// Decap's other files there are chunks it fetches only when a widget needs them (CodeMirror modes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The JavaScript files a page loads: its <script src> files and everything they import statically. */
export function scriptsOf(htmlFile, dist) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(
      /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g,
    )) {
      if (spec.startsWith('.') || spec.startsWith('/'))
        visit(spec.startsWith('/') ? path.join(dist, spec) : path.resolve(path.dirname(file), spec));
    }
  };
  for (const [, src] of readFileSync(htmlFile, 'utf8').matchAll(/<script\b[^>]*\bsrc="([^"]+)"/gi)) {
    if (src.startsWith('/')) visit(path.join(dist, src));
  }
  return seen;
}

export default function adminBench({ dist, gzipSize, pages }) {
  const adminPage = pages.find((page) => page.path === '/admin/');
  if (!adminPage) {
    console.log('No /admin/ page in dist/.');
    process.exitCode = 1;
    return;
  }
  const entry = [...scriptsOf(adminPage.file, dist)];
  const decapDir = path.join(dist, 'admin', 'decap');
  const decapMain = path.join(decapDir, 'decap-cms-app.js');
  const files = [...entry, decapMain];
  const size = (list, measure) => list.reduce((sum, file) => sum + measure(readFileSync(file)), 0);
  const raw = size(files, (b) => b.length);
  const gz = size(files, gzipSize);
  console.log(
    `/admin/ JavaScript on opening: ${kb(raw)} raw, ${kb(gz)} gzipped: our entry ${kb(size(entry, gzipSize))} gzipped ` +
      `(${entry.length} file(s)), Decap's prebuilt file ${kb(gzipSize(readFileSync(decapMain)))} gzipped.`,
  );
  const chunks = readdirSync(decapDir)
    .filter((name) => /^\d+\.decap-cms-app\.js$/.test(name))
    .map((name) => path.join(decapDir, name));
  console.log(`Loaded only when a widget needs them: ${chunks.length} chunks, ${kb(size(chunks, gzipSize))} gzipped.`);

  const leaks = pages
    .filter((page) => page.path !== '/admin/')
    // Library chunks (zod, the shared schemas) may be shared with the forms; CMS code may not.
    .filter((page) =>
      [...scriptsOf(page.file, dist)].some((file) => /decap-cms|\/admin\/decap\//.test(readFileSync(file, 'utf8'))),
    )
    .map((page) => page.path);
  console.log(leaks.length ? `CMS code reaches other pages: ${leaks.join(', ')}` : 'CMS code on any other page: none.');
  if (leaks.length) process.exitCode = 1;
}
