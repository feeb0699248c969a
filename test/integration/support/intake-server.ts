import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { CONFIRM_PAGE, FORM_PAGE, SENT_PAGE } from '../../unit/intake-support.ts';

// The intake's Netlify adapters behind a plain Node HTTP server, routed the way their `config.path`
// says, with small stand-ins for the static templates the functions fill in. Real HTTP, no build.
// Each request gets a context whose `ip` is the `x-test-client-ip` header (else the socket's), as
// Netlify gives the connection's address; the request's own headers are passed on untouched.
// Set the environment (DATA_DIR, RESEND_*) before starting: the adapters read it once per process.
// `freshPerRequest` loads the adapters and everything they import anew for every request (under
// Vitest only), as Netlify's dev tools do by running each call in a fresh worker thread: nothing
// kept in a module's memory survives from one request to the next.

type Handler = (
  request: Request,
  context: { ip: string; waitUntil(promise: Promise<unknown>): void },
) => Promise<Response>;

/** Stands in for the platform's view of the connection: Netlify gives the adapters `context.ip`. */
export const CLIENT_IP_HEADER = 'x-test-client-ip';

const loadAdapters = async () =>
  (
    await Promise.all([
      import('../../../netlify/functions/forms.mts'),
      import('../../../netlify/functions/sent.mts'),
      import('../../../netlify/functions/confirm.mts'),
      import('../../../netlify/functions/health.mts'),
      import('../../../netlify/functions/email-events.mts'),
    ])
  ).map((module) => module.default as Handler);

async function loadFreshAdapters() {
  const { vi } = await import('vitest');
  vi.resetModules();
  return loadAdapters();
}

export async function startIntakeServer({ port = 0, freshPerRequest = false } = {}) {
  const loaded = await loadAdapters();

  const pages: Record<string, string> = {
    '/become-a-coach/': FORM_PAGE,
    '/apply-for-coaching/': FORM_PAGE,
    '/coaching-agreement/': FORM_PAGE,
    '/become-a-coach/sent/': SENT_PAGE,
    '/apply-for-coaching/sent/': SENT_PAGE,
    '/coaching-agreement/sent/': SENT_PAGE,
    '/confirm/': CONFIRM_PAGE,
    '/confirm/done/': '<!doctype html><title>Confirmed</title><h1>Thank you</h1>',
  };

  const route = ([forms, sent, confirm, health, events]: Handler[], path: string): Handler | undefined => {
    if (/^\/api\/forms\/[^/]+\/?$/.test(path)) return forms;
    if (path === '/api/health') return health;
    if (path === '/api/email-events') return events;
    if (/^\/(become-a-coach|apply-for-coaching|coaching-agreement)\/sent\/[^/]+\/?$/.test(path)) return sent;
    if (/^\/confirm\/[^/]+\/?$/.test(path) && !/^\/confirm\/done\/?$/.test(path)) return confirm;
    return undefined;
  };

  const toRequest = (req: IncomingMessage, origin: string) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const item of [value ?? []].flat()) headers.append(name, item);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    return new Request(new URL(req.url ?? '/', origin), {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      // @ts-expect-error Node needs this for a streamed request body.
      duplex: 'half',
    });
  };

  const background: Promise<unknown>[] = [];
  const server: Server = createServer(async (req, res) => {
    const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
    const path = new URL(req.url ?? '/', origin).pathname;
    const handler = route(freshPerRequest && route(loaded, path) ? await loadFreshAdapters() : loaded, path);
    if (!handler) {
      const page = pages[path];
      res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'Not found');
      return;
    }
    try {
      const ip = [req.headers[CLIENT_IP_HEADER] ?? req.socket.remoteAddress ?? ''].flat()[0]!;
      // Like Netlify's context: work started after the answer (sending) is kept and can be awaited.
      const response = await handler(toRequest(req, origin), {
        ip,
        waitUntil: (promise) => void background.push(promise),
      });
      res.statusCode = response.status;
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      // Any exception escaping an adapter is a bug; the tests look for this status.
      console.error(error);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Server error');
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://localhost:${address.port}`,
    /** Resolves once everything the functions started after answering (sending) has settled. */
    async settled() {
      while (background.length) await Promise.all(background.splice(0));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
