// Serves the built site in dist/ the way Netlify would: static files, netlify.toml headers and
// redirects, netlify/functions and a local Netlify Blobs sandbox, all on one origin.
// Used by `npm run preview`, the browser tests and the benchmarks.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { NetlifyDev } from '@netlify/dev';
import { functionRoutes, isFunctionCall, oneAtATime } from './function-gate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * One cheap call to each function, one after another, so each is built before anyone waits on it
 * (a first build takes seconds; a browser's form post would otherwise wait for it). JSON is asked
 * for, so no call fetches a page; none stores anything.
 */
const WARM_UP = ['/api/health', '/api/forms/warm-up', '/confirm/warm-up/', '/become-a-coach/sent/warm-up/'];

async function warmUp(url) {
  for (const path of WARM_UP) {
    await fetch(url + path, { headers: { accept: 'application/json' } }).then((response) => response.arrayBuffer(), () => {});
  }
}

/**
 * Starts the server; resolves once it listens. `port: 0` picks a free port. With `warm`, resolves
 * only once every function has been built (the browser tests); otherwise that happens just after.
 */
export async function serve({ port = 4321, host = '127.0.0.1', quiet = false, warm = false } = {}) {
  const netlify = new NetlifyDev({
    projectRoot: root,
    edgeFunctions: { enabled: false },
    serverAddress: null,
    logger: quiet ? { log() {}, warn() {}, error: console.error } : console,
  });
  await netlify.start();
  const notFound = await readFile(path.join(root, 'dist/404.html')).catch(() => Buffer.from('Not found'));
  // Said instead of anything the dev tools answer with a stack trace (see function-gate.mjs).
  const notSentPage = await readFile(path.join(root, 'dist/form-not-sent/index.html')).catch(() => Buffer.from('Not sent'));
  const routes = functionRoutes(root);
  const turn = oneAtATime();

  const server = createServer(async (req, res) => {
    const release = isFunctionCall(routes, req.url ?? '/') ? await turn() : () => {};
    // A client that goes away mid-call must not hold up the calls behind it.
    res.once('close', release);
    try {
      const result = await netlify.handleAndIntrospectNodeRequest(req, {
        serverAddress: `http://${host}:${server.address().port}`,
      });
      if (!result) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(notFound);
        return;
      }
      const { response } = result;
      // Our functions answer 503, never 500: a 500 is the dev tools' own failure, with server paths in it.
      if (result.type === 'function' && response.status === 500) throw new Error(`function failed: ${await response.text()}`);
      res.statusCode = response.status;
      response.headers.forEach((value, key) => res.appendHeader(key, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      console.error(error);
      if (res.headersSent) return res.end();
      const page = /text\/html/.test(req.headers.accept ?? '');
      res.writeHead(503, { 'content-type': page ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8', 'retry-after': '120', 'cache-control': 'no-store' });
      res.end(page ? notSentPage : JSON.stringify({ errors: [{ field: 'form', message: 'Your form was not sent. Try again in a few minutes.' }] }));
    } finally {
      release();
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${server.address().port}`;
  const warming = warmUp(url);
  if (warm) await warming;
  return {
    url,
    port: server.address().port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await netlify.stop();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4321);
  const { url } = await serve({ port });
  console.log(`Serving the built site with its functions at ${url}/`);
}
