// `npm run bench` extension: Lighthouse scores (performance, accessibility, best practices, SEO) per
// page template, on the built site served like Netlify (scripts/serve.mjs, with gzip as Netlify
// compresses), in Debian's Chromium
// started by chrome-launcher. Lighthouse's own mobile run (slow 4G and a 4× slower CPU, simulated);
// `--lighthouse-desktop` adds its desktop run (each run takes 20 to 90 s on a 2-core machine). A bench, not a test: the figures depend on the machine, so they are printed,
// with the audits that cost points, and the command fails only when a score is under 100.
// Skipped (with a sentence) when Chromium or the lighthouse package is missing.
import { existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { serve } from '../serve.mjs';
import { TEMPLATES } from './cls.mjs';

const CHROME_PATH = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|manifest\+json|xml)|image\/svg)/;

/**
 * A gzip proxy in front of the local server: Netlify compresses text responses, scripts/serve.mjs does
 * not, and Lighthouse's simulated slow network would otherwise charge uncompressed bytes to every page.
 */
async function compressingProxy(target) {
  const upstream = new URL(target);
  const proxy = createServer((req, res) => {
    const forward = request(
      {
        hostname: upstream.hostname === 'localhost' ? '127.0.0.1' : upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, 'accept-encoding': 'identity' },
      },
      (answer) => {
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          const headers = { ...answer.headers };
          if (
            /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) &&
            COMPRESSIBLE.test(String(headers['content-type'] ?? '')) &&
            body.length > 0
          ) {
            body = gzipSync(body);
            headers['content-encoding'] = 'gzip';
            headers.vary = 'Accept-Encoding';
          }
          headers['content-length'] = String(body.length);
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers).end(body);
        });
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${proxy.address().port}`,
    close: () => new Promise((resolve) => proxy.close(resolve)),
  };
}

/** Every template, or only the paths given as `--lighthouse-pages=/a/,/b/` (to look into a few). */
function templates() {
  const only = process.argv
    .find((arg) => arg.startsWith('--lighthouse-pages='))
    ?.split('=')[1]
    ?.split(',');
  return only ? TEMPLATES.filter(([, pagePath]) => only.includes(pagePath)) : TEMPLATES;
}

export default async function lighthouseBench() {
  if (process.argv.includes('--no-lighthouse')) return;
  if (!existsSync(CHROME_PATH)) {
    console.log(`Lighthouse: skipped, no Chromium at ${CHROME_PATH} (set CHROME_PATH).`);
    return;
  }
  let lighthouse, launch, desktopConfig;
  try {
    ({ default: lighthouse } = await import('lighthouse'));
    ({ default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js'));
    ({ launch } = await import('chrome-launcher'));
  } catch {
    console.log('Lighthouse: skipped, the lighthouse package is not installed (npm install).');
    return;
  }
  const server = await serve({ port: 0, quiet: true });
  await fetch(new URL('/', server.url)); // start the local runtime before the first measurement
  const site = await compressingProxy(server.url);
  const chrome = await launch({ chromePath: CHROME_PATH, chromeFlags: FLAGS });
  try {
    console.log('Lighthouse scores per template (performance/accessibility/best practices/SEO):');
    let below = 0;
    for (const [name, pagePath] of templates()) {
      const line = [];
      const lost = [];
      const runs = [
        ['mobile', undefined],
        ...(process.argv.includes('--lighthouse-desktop') ? [['desktop', desktopConfig]] : []),
      ];
      for (const [run, config] of runs) {
        let result;
        try {
          result = await lighthouse(
            new URL(pagePath, site.url).href,
            { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
            config,
          );
        } catch (error) {
          // On an overloaded machine Chromium can stop answering in time: say so, and go on.
          line.push(`${run} failed (${error.code ?? error.message})`);
          below += 1;
          continue;
        }
        const { categories, audits } = result.lhr;
        const scores = CATEGORIES.map((id) => Math.round((categories[id]?.score ?? 0) * 100));
        line.push(`${run} ${scores.join('/')}`);
        for (const id of CATEGORIES) {
          if ((categories[id]?.score ?? 0) >= 1) continue;
          below += 1;
          for (const ref of categories[id].auditRefs) {
            const audit = audits[ref.id];
            if (ref.weight > 0 && audit.score !== null && audit.score < 1)
              lost.push(`${run} ${id}: ${audit.id} (${audit.displayValue ?? audit.score})`);
          }
        }
      }
      console.log(`  ${name.padEnd(20)} ${pagePath.padEnd(30)} ${line.join('  ')}`);
      for (const item of lost) console.log(`      ${item}`);
    }
    if (below > 0) process.exitCode = 1;
  } finally {
    chrome.kill();
    await site.close();
    await server.close();
  }
}
