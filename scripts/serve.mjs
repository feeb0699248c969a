// Serves the built site in dist/ the way Netlify would: static files, netlify.toml headers and
// redirects, netlify/functions and a local Netlify Blobs sandbox, all on one origin.
// Used by `npm run preview`, the browser tests and the benchmarks.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { NetlifyDev } from '@netlify/dev';
import { functionRoutes, isFunctionCall, oneAtATime } from './function-gate.mjs';
import { stopInstances, warmRuntime } from './warm-functions.mjs';
import { sharedHeaders } from '../functions/security-headers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Netlify's dev tools BUILD a function again for every request: each request gets a fresh temporary
 * folder, and the function is bundled into it (esbuild, file tracing, copying `content/**` and its
 * node_modules) before a worker runs it. That build, not the function, was most of the 3.5 to 6 s a
 * form post took here. The tools already build every function once at start (and again when a
 * source file changes, through their file watcher), so a request here runs that build instead.
 * Each call then went to a fresh worker thread that loaded the whole build again; it now goes to a
 * warm instance of that build (scripts/warm-functions.mjs), as a deployed function's does.
 */
async function buildFunctionsOnce() {
  // @netlify/dev's own dependency (one copy in node_modules, so the same class @netlify/dev uses).
  const { FunctionsHandler } = await import('@netlify/functions-dev');
  const invoke = FunctionsHandler.prototype.invoke;
  if (invoke.patchedBy === 'serve.mjs') return;
  FunctionsHandler.prototype.invoke = function (request, route, func, _buildDirectory) {
    if (!func.buildOnce) {
      const invokeFunction = func.invoke.bind(func);
      // Without a build folder, the function waits for its current build (made at start) and runs it.
      func.invoke = (options) => invokeFunction({ ...options, buildDirectory: undefined });
      func.runtime = warmRuntime(func.runtime);
      func.buildOnce = true;
    }
    return invoke.call(this, request, route, func, undefined);
  };
  FunctionsHandler.prototype.invoke.patchedBy = 'serve.mjs';
}

/**
 * One cheap call to each function, one after another, so each is built before anyone waits on it
 * (a first build takes seconds; a browser's form post would otherwise wait for it). JSON is asked
 * for, so no call fetches a page; none stores anything.
 */
const WARM_UP = ['/api/health', '/api/forms/warm-up', '/confirm/warm-up/', '/become-a-coach/sent/warm-up/'];

async function warmUp(url) {
  for (const path of WARM_UP) {
    await fetch(url + path, { headers: { accept: 'application/json' } }).then(
      (response) => response.arrayBuffer(),
      () => {},
    );
  }
}

/**
 * Starts the server on loopback (never every interface); resolves once it listens. `port: 0` picks a free port. With `warm`, resolves
 * only once every function has been built (the browser tests); otherwise that happens just after.
 */
export async function serve({ port = 4321, host = '127.0.0.1', quiet = false, warm = false } = {}) {
  await buildFunctionsOnce();
  const netlify = new NetlifyDev({
    projectRoot: root,
    edgeFunctions: { enabled: false },
    serverAddress: null,
    logger: quiet ? { log() {}, warn() {}, error: console.error } : console,
  });
  await netlify.start();
  const notFound = await readFile(path.join(root, 'dist/404.html')).catch(() => Buffer.from('Not found'));
  // Said instead of anything the dev tools answer with a stack trace (see function-gate.mjs).
  const notSentPage = await readFile(path.join(root, 'dist/form-not-sent/index.html')).catch(() =>
    Buffer.from('Not sent'),
  );
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
        // As Netlify does: a path no rule names gets the headers every response shares.
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...sharedHeaders() });
        res.end(notFound);
        return;
      }
      const { response } = result;
      // Our functions answer 503, never 500: a 500 is the dev tools' own failure, with server paths in it.
      if (result.type === 'function' && response.status === 500)
        throw new Error(`function failed: ${await response.text()}`);
      res.statusCode = response.status;
      for (const [key, value] of response.headers) res.appendHeader(key, value);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      console.error(error);
      if (res.headersSent) return res.end();
      const page = /text\/html/.test(req.headers.accept ?? '');
      res.writeHead(503, {
        'content-type': page ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
        'retry-after': '120',
        'cache-control': 'no-store',
        ...sharedHeaders(),
      });
      res.end(
        page
          ? notSentPage
          : JSON.stringify({
              errors: [{ field: 'form', message: 'Your form was not sent. Try again in a few minutes.' }],
            }),
      );
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
      stopInstances();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4321);
  const { url } = await serve({ port });
  console.log(`Serving the built site with its functions at ${url}/`);
}
