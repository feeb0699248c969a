// Every response's security headers, by path, defined once. The build writes them into dist/_headers
// for the static files Netlify serves (integrations/security-headers.ts), the functions' responses
// take them from here (functions/http.ts), and `astro dev` sends them through a small middleware
// (astro.config.mjs), so `npm start`, `npm run preview` and production send the same bytes.
// Why each header and each directive: docs/security.md.

export type Kind = 'page' | 'search' | 'confirm' | 'admin' | 'uploads' | 'api';
export type Headers = Record<string, string>;

export interface Options {
  /**
   * Origins the CMS talks to besides this site (its backend's API and sign-in, the local
   * decap-server), read from the CMS configuration at build time. Only /admin/ gets them.
   */
  adminConnect?: readonly string[];
  /**
   * `astro dev` only: Vite injects component CSS as inline <style> elements (how it reloads CSS
   * without a page load), so pages there also allow 'unsafe-inline' styles. Nothing else differs.
   */
  devServer?: boolean;
}

/** Two years, with subdomains. `preload` is left to the agency (docs/security.md#hsts-preload). */
export const HSTS = 'max-age=63072000; includeSubDomains';

const csp = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`.trim())
    .join('; ');

/** Every page of the site: its own scripts, styles, images and requests, nothing inline, nothing else. */
const PAGE_DIRECTIVES = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self'",
  'connect-src': "'self'",
  'manifest-src': "'self'",
  // The service worker the tools register (falls back to script-src, said outright).
  'worker-src': "'self'",
  'form-action': "'self'",
  'base-uri': "'none'",
  'object-src': "'none'",
  // The CMS previews pages in a frame of its own origin; nobody else may frame them.
  'frame-ancestors': "'self'",
};

/**
 * /admin/: Decap CMS's prebuilt file, measured in Chromium (test/browser/cms.test.ts, cms-csp.test.ts and
 * security-csp.test.ts open it and save entries with the local backend; any violation fails them).
 * It needs:
 * - script-src 'unsafe-eval': Decap checks its configuration with Ajv, which compiles each validator
 *   with `new Function`; without it the CMS never starts. (Nothing inline: still no 'unsafe-inline'.)
 * - style-src 'unsafe-inline': Decap styles itself with emotion, which injects <style> elements at run
 *   time, and its editor sets style attributes;
 * - img-src blob: and connect-src blob:: an image chosen in the media library is shown, and read for
 *   upload, from a blob: address; img-src https://avatars.githubusercontent.com: the signed-in
 *   editor's picture with the GitHub backend (reasoned from the backend, not measurable offline);
 * - connect-src: its backend (GitHub's API, Netlify's sign-in, the local decap-server).
 * Its preview pane is a same-origin frame without an address, which needs no frame-src.
 */
const ADMIN_DIRECTIVES = (connect: readonly string[]) => ({
  'default-src': "'none'",
  'script-src': "'self' 'unsafe-eval'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' blob: https://avatars.githubusercontent.com",
  'connect-src': ["'self'", 'blob:', ...connect].join(' '),
  'form-action': "'self'",
  'base-uri': "'none'",
  'object-src': "'none'",
  'frame-ancestors': "'none'",
});

/** Uploaded files are only ever displayed: a sandboxed document with no script, style or request. */
const UPLOADS_DIRECTIVES = { 'default-src': "'none'", sandbox: '' };

/** JSON answers: nothing in them may load or be framed. */
const API_DIRECTIVES = { 'default-src': "'none'", 'frame-ancestors': "'none'" };

const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
].join(', ');

/** Sent with every response, whatever its path. */
const EVERYWHERE: Headers = {
  'Strict-Transport-Security': HSTS,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Which kind of response a path is. Function-rendered pages pass the page they show (see http.ts). */
export function kindOf(path: string): Kind {
  if (path === '/api' || path.startsWith('/api/')) return 'api';
  if (path === '/admin' || path.startsWith('/admin/')) return 'admin';
  if (path.startsWith('/uploads/')) return 'uploads';
  if (path === '/search/' || path === '/search' || path === '/search/index.html') return 'search';
  if (path.startsWith('/confirm/')) return 'confirm';
  return 'page';
}

export function headersFor(kind: Kind, options: Options = {}): Headers {
  const headers = headersOfKind(kind, options);
  if (options.devServer && (kind === 'page' || kind === 'search' || kind === 'confirm')) {
    headers['Content-Security-Policy'] = headers['Content-Security-Policy']!.replace(
      "style-src 'self'",
      "style-src 'self' 'unsafe-inline'",
    );
  }
  return headers;
}

function headersOfKind(kind: Kind, options: Options): Headers {
  switch (kind) {
    case 'page':
      return { ...EVERYWHERE, 'Content-Security-Policy': csp(PAGE_DIRECTIVES) };
    case 'search':
      // Pagefind compiles its WebAssembly: the one page that may.
      return {
        ...EVERYWHERE,
        'Content-Security-Policy': csp({ ...PAGE_DIRECTIVES, 'script-src': "'self' 'wasm-unsafe-eval'" }),
      };
    case 'confirm':
      // The link's token is in the path: it never leaves in a Referer, yet the page's own POST keeps
      // its Origin (no-referrer makes browsers send "Origin: null", which the origin check refuses).
      return { ...EVERYWHERE, 'Referrer-Policy': 'same-origin', 'Content-Security-Policy': csp(PAGE_DIRECTIVES) };
    case 'admin':
      return {
        ...EVERYWHERE,
        // Signing in to GitHub through Netlify opens a popup that reports back to this window.
        'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
        'Content-Security-Policy': csp(ADMIN_DIRECTIVES(options.adminConnect ?? [])),
      };
    case 'uploads':
      return { ...EVERYWHERE, 'Content-Security-Policy': csp(UPLOADS_DIRECTIVES) };
    case 'api':
      return { ...EVERYWHERE, 'Content-Security-Policy': csp(API_DIRECTIVES), 'Cache-Control': 'no-store' };
  }
}

export const headersForPath = (path: string, options: Options = {}) => headersFor(kindOf(path), options);

/** What every kind of response has in common: all that a path no rule names (a 404) gets. */
export function sharedHeaders(options: Options = {}): Headers {
  const kinds: Kind[] = ['page', 'search', 'confirm', 'admin', 'uploads', 'api'];
  const all = kinds.map((kind) => headersFor(kind, options));
  return Object.fromEntries(Object.entries(all[0]!).filter(([name, value]) => all.every((h) => h[name] === value)));
}

/**
 * Netlify's `_headers` file for the built site. When several rules match a path Netlify may combine
 * their values, so no header is ever set by two rules that can match the same path: `/*` carries what
 * every response shares, and each page (by exact path, with and without index.html), `/admin/*` and
 * `/uploads/*` carry the rest.
 */
export function netlifyHeadersFile(pagePaths: readonly string[], options: Options = {}): string {
  const shared = sharedHeaders(options);
  const rest = (headers: Headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => !(name in shared)));
  const block = (path: string, headers: Headers) =>
    [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  const blocks = [block('/*', shared)];
  for (const pagePath of [...pagePaths].sort()) {
    const kind = kindOf(pagePath);
    if (kind === 'admin' || kind === 'uploads' || kind === 'api') continue;
    for (const path of [pagePath, ...(pagePath.endsWith('/') ? [`${pagePath}index.html`] : [])]) {
      blocks.push(block(path, rest(headersFor(kind, options))));
    }
  }
  blocks.push(block('/admin/*', rest(headersFor('admin', options))));
  blocks.push(block('/uploads/*', rest(headersFor('uploads', options))));
  return `# Written by the build from functions/security-headers.ts: edit that module, not this file.\n${blocks.join('\n\n')}\n`;
}
