// Builds the Pagefind search index for /search/.
// - `astro build`: indexes the finished HTML in dist/ and writes dist/pagefind/.
// - `astro dev` (`npm start`): there is no HTML on disk, so on the first search the dev server crawls its own
//   pages, indexes them in memory and serves the index at /pagefind/; any change under content/ or src/
//   makes the next search re-crawl, so dev search always matches what the pages say.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { minify } from 'vite';
import { contentTypeFor, internalPageLinks } from './pagefind-crawl.ts';

/** Pagefind's own ready-made interfaces: we ship a lean one over its JavaScript API instead. */
const UNUSED_BUNDLE_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

/**
 * Pagefind's library ships only lightly minified; a full minify saves about 2 KB gzipped of every
 * first search (the budget is 110 KB). Uses the minifier Astro's bundler already brings.
 */
async function minifiedLibrary(code: string): Promise<string> {
  const result = await minify('pagefind.js', code, { compress: true, mangle: true, module: true });
  if (result.errors.length > 0)
    throw new Error(`Could not minify pagefind.js: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.code;
}

async function newIndex() {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

function failOn(errors: string[], doing: string) {
  if (errors.length > 0) throw new Error(`Pagefind failed while ${doing}: ${errors.join('; ')}`);
}

async function indexBuiltSite(outDir: string, logger: AstroIntegrationLogger) {
  const index = await newIndex();
  try {
    const added = await index.addDirectory({ path: outDir });
    failOn(added.errors, 'reading the built pages');
    const outputPath = path.join(outDir, 'pagefind');
    failOn((await index.writeFiles({ outputPath })).errors, 'writing the index');
    await Promise.all(UNUSED_BUNDLE_FILES.map((file) => rm(path.join(outputPath, file), { force: true })));
    const library = path.join(outputPath, 'pagefind.js');
    await writeFile(library, await minifiedLibrary(await readFile(library, 'utf8')));
    logger.info(`Indexed ${added.page_count} pages into ${path.relative(process.cwd(), outputPath)}/`);
  } finally {
    await pagefind.close();
  }
}

/** Crawls the running dev server from the home and search pages (the search page lists every page). */
async function crawl(origin: string): Promise<{ url: string; content: string }[]> {
  const seen = new Set(['/', '/search/']);
  const queue = [...seen];
  const pages: { url: string; content: string }[] = [];
  while (queue.length > 0) {
    const batch = queue.splice(0, 6);
    await Promise.all(
      batch.map(async (url) => {
        const response = await fetch(new URL(url, origin), { headers: { accept: 'text/html' } });
        if (!response.ok || !response.headers.get('content-type')?.includes('text/html')) return;
        const content = await response.text();
        pages.push({ url, content });
        for (const link of internalPageLinks(content)) {
          if (!seen.has(link)) {
            seen.add(link);
            queue.push(link);
          }
        }
      }),
    );
  }
  return pages;
}

async function indexDevSite(origin: string): Promise<Map<string, Uint8Array>> {
  const pages = await crawl(origin);
  const index = await newIndex();
  for (const page of pages) failOn((await index.addHTMLFile(page)).errors, `reading ${page.url}`);
  const { files, errors } = await index.getFiles();
  failOn(errors, 'building the index');
  await index.deleteIndex();
  const served = new Map(files.map((file) => [`/${file.path.split(path.sep).join('/')}`, file.content]));
  const library = served.get('/pagefind.js');
  if (library)
    served.set('/pagefind.js', new TextEncoder().encode(await minifiedLibrary(new TextDecoder().decode(library))));
  return served;
}

function devMiddleware(logger: AstroIntegrationLogger) {
  let files: Promise<Map<string, Uint8Array>> | undefined;
  let stale = true;
  return {
    markStale() {
      stale = true;
    },
    async handle(req: IncomingMessage, res: ServerResponse, next: () => void) {
      const file = new URL(req.url ?? '/', 'http://dev').pathname;
      // The request path arrives without the /pagefind mount point.
      // A fresh search session starts with pagefind.js: the moment to rebuild a stale index.
      if (stale && (file === '/pagefind.js' || file === '/pagefind-entry.json')) {
        stale = false;
        const started = Date.now();
        files = indexDevSite(`http://${req.headers.host}`).then(
          (built) => {
            logger.info(`Indexed the dev site for search in ${Date.now() - started} ms`);
            return built;
          },
          (error: unknown) => {
            stale = true;
            throw error;
          },
        );
      }
      try {
        const content = (await files)?.get(file);
        if (!content) return next();
        res.writeHead(200, { 'content-type': contentTypeFor(file), 'cache-control': 'no-store' });
        res.end(content);
      } catch (error) {
        logger.error(`Could not build the search index: ${error instanceof Error ? error.message : String(error)}`);
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The search index could not be built.');
      }
    },
  };
}

export default function pagefindSearch(): AstroIntegration {
  return {
    name: 'coaching-hub-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await indexBuiltSite(fileURLToPath(dir), logger);
      },
      'astro:server:setup': ({ server, logger }) => {
        const middleware = devMiddleware(logger);
        const root = server.config.root;
        const watched = [path.join(root, 'content'), path.join(root, 'src')];
        const onChange = (file: string) => {
          if (watched.some((folder) => file.startsWith(folder))) middleware.markStale();
        };
        server.watcher.on('change', onChange).on('add', onChange).on('unlink', onChange);
        server.middlewares.use('/pagefind', (req, res, next) => void middleware.handle(req, res, next));
      },
      'astro:server:done': async () => {
        await pagefind.close();
      },
    },
  };
}
