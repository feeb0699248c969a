// `npm run bench` extension: what /admin/ (Decap CMS) costs, raw and gzipped, and a check that none
// of its code reaches any other page. Only editors load /admin/, so it has no budget; the figure is
// here to notice a jump (a second copy of React, say) when dependencies change.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The JavaScript files a page loads: its <script src> files and everything they import statically. */
export function scriptsOf(htmlFile, dist) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)) {
      if (spec.startsWith('.') || spec.startsWith('/')) visit(spec.startsWith('/') ? path.join(dist, spec) : path.resolve(path.dirname(file), spec));
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
  const files = [...scriptsOf(adminPage.file, dist)];
  const raw = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
  const gz = files.reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0);
  console.log(`/admin/ JavaScript: ${kb(raw)} raw, ${kb(gz)} gzipped, in ${files.length} file(s).`);

  const leaks = pages
    .filter((page) => page.path !== '/admin/')
    .filter((page) => [...scriptsOf(page.file, dist)].some((file) => files.includes(file) || /decap-cms/.test(readFileSync(file, 'utf8'))))
    .map((page) => page.path);
  console.log(leaks.length ? `CMS code reaches other pages: ${leaks.join(', ')}` : 'CMS code on any other page: none.');
  if (leaks.length) process.exitCode = 1;
}
