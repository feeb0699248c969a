// Netlify's local dev tools (used by `npm run preview` through scripts/serve.mjs, and by `npm start`
// through @netlify/vite-plugin) build a function into a fresh folder on every call, point the
// function at the newest build, and delete each folder when its call ends. Two calls to functions
// at once can therefore load a half-written or already deleted build, and the dev tools answer a
// raw 500 naming a server path (reproduced: 10 concurrent posts to a cold preview server gave two).
// So function calls run one at a time; static pages, which the functions fetch while they run,
// never wait.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The paths the functions in netlify/functions answer, as regular expressions (from each `config.path`). */
export function functionRoutes(root) {
  const dir = path.join(root, 'netlify/functions');
  const routes = [/^\/\.netlify\/functions\//];
  for (const file of readdirSync(dir).filter((name) => /\.m?[jt]s$/.test(name))) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    const paths = source.match(/\bpath:\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/)?.[1] ?? '';
    for (const [, route] of paths.matchAll(/['"]([^'"]+)['"]/g)) {
      const pattern = route
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\/:[A-Za-z0-9_]+/g, '/[^/]+')
        .replace(/\*/g, '.*');
      routes.push(new RegExp(`^${pattern}$`));
    }
  }
  return routes;
}

/** The longest one call may hold the others up: a call that never ends (a client gone mid-request) must not stop every later one. */
export const MAX_TURN_MS = 30_000;

/** A queue: `await turn()` resolves with a release function once every earlier caller has released. */
export function oneAtATime({ maxTurnMs = MAX_TURN_MS } = {}) {
  let tail = Promise.resolve();
  return () => {
    let release;
    const mine = new Promise((resolve) => (release = resolve));
    const previous = tail;
    tail = previous.then(() => mine);
    return previous.then(() => {
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        clearTimeout(timer);
        release();
      };
      const timer = setTimeout(done, maxTurnMs);
      timer.unref?.();
      return done;
    });
  };
}

/** Whether a request URL (path and query) is for a function. */
export const isFunctionCall = (routes, url) => {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://local').pathname);
  } catch {
    return true; // A malformed address goes to the functions' own refusals, in turn.
  }
  return routes.some((route) => route.test(pathname));
};

/** A Vite plugin for `astro dev`: holds each function call until the previous one has answered. */
export function serialiseFunctions(root) {
  const routes = functionRoutes(root);
  const turn = oneAtATime();
  return {
    name: 'serialise-netlify-functions',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (!isFunctionCall(routes, req.url ?? '/')) return next();
        const release = await turn();
        res.once('close', release);
        res.once('finish', release);
        next();
      });
    },
  };
}
