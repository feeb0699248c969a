// What the preview server (Netlify's own dev tools over dist/ and the functions) actually sends, byte
// for byte, for each kind of response: the values are written out here, not read from the module,
// so dropping or loosening any header fails this file.
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dist } from '../../scripts/bench.mjs';
import { baseUrl } from './support.ts';

const EVERYWHERE = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'permissions-policy':
    'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
};
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; " +
  "worker-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'self'";
const PAGE = {
  ...EVERYWHERE,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': PAGE_CSP,
};
const SEARCH = {
  ...PAGE,
  'content-security-policy': PAGE_CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"),
};
const CONFIRM = { ...PAGE, 'referrer-policy': 'same-origin' };
const ADMIN = {
  ...EVERYWHERE,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin-allow-popups',
  'content-security-policy':
    "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: https://avatars.githubusercontent.com; " +
    "connect-src 'self' blob: https://api.github.com https://api.netlify.com http://localhost:8081; form-action 'self'; " +
    "base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
};
const UPLOADS = {
  ...EVERYWHERE,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; sandbox",
};
const API = {
  ...EVERYWHERE,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

/** The headers this file is about, as sent: a header sent twice shows as two values joined by ", ". */
function securityHeaders(response: Response, expected: Record<string, string>) {
  return Object.fromEntries(Object.keys(expected).map((name) => [name, response.headers.get(name)]));
}

const get = (pagePath: string) => fetch(new URL(pagePath, baseUrl()), { redirect: 'manual' });
const upload = path.join(dist, 'uploads', 'header-test.png');

beforeAll(() => {
  // A file as the CMS's media library would leave it in public/uploads/ (copied into dist/ by the build).
  mkdirSync(path.dirname(upload), { recursive: true });
  writeFileSync(upload, Buffer.from('89504e470d0a1a0a', 'hex'));
});
afterAll(() => rmSync(upload, { force: true }));

describe('security headers sent by the preview server', () => {
  it.for([
    ['/', 'the home page', PAGE],
    ['/principles/', 'a guidance page', PAGE],
    ['/protocol/', 'a section page', PAGE],
    ['/become-a-coach/', 'a form page', PAGE],
    ['/coaching-record/', 'a tool', PAGE],
    ['/search/', 'search (Pagefind compiles WebAssembly)', SEARCH],
    ['/confirm/done/', 'a confirm page', CONFIRM],
    ['/admin/', 'the CMS', ADMIN],
    ['/uploads/header-test.png', 'an uploaded file', UPLOADS],
  ] as const)('%s (%s)', async ([pagePath, , expected]) => {
    const response = await get(pagePath);
    expect(response.status).toBe(200);
    expect(securityHeaders(response, expected)).toEqual(expected);
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it('/api/health (a function answering JSON)', async () => {
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    expect(securityHeaders(response, API)).toEqual(API);
  });

  it('the form page a function renders for a plain POST with errors (422), and its JSON twin', async () => {
    const post = (type: string, body: string) =>
      fetch(new URL('/api/forms/coach-eoi', baseUrl()), { method: 'POST', headers: { 'content-type': type }, body });
    const page = await post('application/x-www-form-urlencoded', 'name=');
    expect(page.status).toBe(422);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(securityHeaders(page, PAGE)).toEqual(PAGE);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const answer = await post('application/json', '{}');
    expect(answer.status).toBe(422);
    expect(securityHeaders(answer, API)).toEqual(API);
  });

  it('pages functions render: a sent page, and a confirm link (its token never leaves in a Referer)', async () => {
    const sent = await get('/become-a-coach/sent/EOI-7KQ3-M9TX/');
    expect(sent.status).toBe(200);
    expect(securityHeaders(sent, PAGE)).toEqual(PAGE);
    const confirm = await get(`/confirm/${'a'.repeat(43)}/`);
    expect(confirm.status).toBe(404);
    expect(securityHeaders(confirm, CONFIRM)).toEqual(CONFIRM);
  });

  it('an address nothing answers gets the 404 page with the headers every response shares', async () => {
    const response = await get('/no-such-page/');
    expect(response.status).toBe(404);
    expect(securityHeaders(response, EVERYWHERE)).toEqual(EVERYWHERE);
  });

  it('no page carries a <meta> Content-Security-Policy: the header is the one policy', () => {
    for (const file of [
      'index.html',
      'principles/index.html',
      'become-a-coach/index.html',
      'search/index.html',
      'admin/index.html',
    ]) {
      expect(readFileSync(path.join(dist, file), 'utf8')).not.toMatch(/http-equiv="content-security-policy"/i);
    }
  });
});
