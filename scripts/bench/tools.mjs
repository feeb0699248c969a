// `npm run bench` extension: the JavaScript each tool page loads (its script and every module that
// script imports), raw and gzipped, against the 20 KB gzipped budget per tool page (issue 11).
const TOOL_PAGES = ['/readiness/', '/planning/planner/', '/coaching-record/'];
const BUDGET_GZIP = 20 * 1024;

const kb = (bytes) => (bytes / 1024).toFixed(1);

/** @param {{ pages: { path: string, jsBytes: number, jsGzip: number }[] }} ctx */
export default function toolsBench(ctx) {
  console.log('Tool page JavaScript (script plus imports; gzip level 9, per file):');
  for (const path of TOOL_PAGES) {
    const page = ctx.pages.find((p) => p.path === path);
    if (!page) {
      console.log(`  ${path.padEnd(20)} not built`);
      continue;
    }
    const verdict = page.jsGzip <= BUDGET_GZIP ? 'ok' : `OVER the ${kb(BUDGET_GZIP)} KB budget`;
    console.log(
      `  ${path.padEnd(20)} ${String(page.jsBytes).padStart(7)} bytes raw  ${String(page.jsGzip).padStart(6)} bytes gzipped (${kb(page.jsGzip)} KB)  ${verdict}`,
    );
    if (page.jsGzip > BUDGET_GZIP) process.exitCode = 1;
  }
}
