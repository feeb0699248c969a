// The one module of security headers: which kind of response each path is, the Netlify _headers file
// it generates (never two rules setting one header on one path), and the functions' helpers using it.
import { describe, expect, it } from 'vitest';
import { html, json, problem, redirect } from '../../functions/http.ts';
import {
  headersFor,
  headersForPath,
  kindOf,
  netlifyHeadersFile,
  sharedHeaders,
} from '../../functions/security-headers.ts';
import { adminConnectSources } from '../../integrations/security-headers.ts';

describe('the kind of each path', () => {
  it.for([
    ['/', 'page'],
    ['/principles/', 'page'],
    ['/become-a-coach/', 'page'],
    ['/become-a-coach/sent/EOI-7KQ3-M9TX/', 'page'],
    ['/404.html', 'page'],
    ['/search/', 'search'],
    ['/search/index.html', 'search'],
    ['/searching/', 'page'],
    ['/confirm/', 'confirm'],
    ['/confirm/abc/', 'confirm'],
    ['/admin/', 'admin'],
    ['/admin/index.html', 'admin'],
    ['/administration/', 'page'],
    ['/uploads/photo.svg', 'uploads'],
    ['/api/health', 'api'],
    ['/api/forms/coach-eoi', 'api'],
  ])('%s is %s', ([path, kind]) => {
    expect(kindOf(path!)).toBe(kind);
  });
});

describe('the headers of each kind', () => {
  it('every kind sends HSTS for two years with subdomains, nosniff, a referrer policy, permissions and COOP', () => {
    for (const kind of ['page', 'search', 'confirm', 'admin', 'uploads', 'api'] as const) {
      const headers = headersFor(kind);
      expect(headers['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
      expect(headers['X-Content-Type-Options']).toBe('nosniff');
      expect(headers['Referrer-Policy']).toMatch(/^(strict-origin-when-cross-origin|same-origin)$/);
      expect(headers['Permissions-Policy']).toContain('camera=()');
      expect(headers['Cross-Origin-Opener-Policy']).toMatch(/^same-origin/);
      expect(headers['Content-Security-Policy']).toMatch(/^default-src 'none'; /);
    }
  });

  it('locks each policy word for word', () => {
    const page =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; " +
      "worker-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'self'";
    expect(headersFor('page')['Content-Security-Policy']).toBe(page);
    expect(headersFor('confirm')['Content-Security-Policy']).toBe(page);
    expect(headersFor('search')['Content-Security-Policy']).toBe(
      page.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"),
    );
    expect(headersFor('admin', { adminConnect: ['https://api.github.com'] })['Content-Security-Policy']).toBe(
      "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: https://avatars.githubusercontent.com; " +
        "connect-src 'self' blob: https://api.github.com; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
    );
    expect(headersFor('uploads')['Content-Security-Policy']).toBe("default-src 'none'; sandbox");
    expect(headersFor('api')['Content-Security-Policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('only /search/ may compile WebAssembly, and only /admin/ may evaluate strings or inline styles', () => {
    const policies = Object.fromEntries(
      (['page', 'search', 'confirm', 'admin', 'uploads', 'api'] as const).map((kind) => [
        kind,
        headersFor(kind)['Content-Security-Policy']!,
      ]),
    );
    expect(Object.keys(policies).filter((kind) => policies[kind]!.includes("'wasm-unsafe-eval'"))).toEqual(['search']);
    expect(Object.keys(policies).filter((kind) => policies[kind]!.includes("'unsafe-eval'"))).toEqual(['admin']);
    expect(Object.keys(policies).filter((kind) => policies[kind]!.includes("'unsafe-inline'"))).toEqual(['admin']);
    expect(Object.values(policies).every((policy) => !/script-src[^;]*'unsafe-inline'/.test(policy))).toBe(true);
  });

  it('the admin may reach only the backends its configuration names', () => {
    const csp = headersFor('admin', { adminConnect: ['https://api.github.com'] })['Content-Security-Policy'];
    expect(csp).toContain("connect-src 'self' blob: https://api.github.com;");
    expect(adminConnectSources({})).toEqual([
      'https://api.github.com',
      'https://api.netlify.com',
      'http://localhost:8081',
    ]);
    // A deployed build leaves the local decap-server out: Decap only uses it on localhost.
    expect(adminConnectSources({ NETLIFY: 'true' })).toEqual(['https://api.github.com', 'https://api.netlify.com']);
    expect(adminConnectSources({ NETLIFY: 'true', CMS_BACKEND: 'git-gateway' })).toEqual([]);
  });
});

describe('the _headers file for Netlify', () => {
  const file = netlifyHeadersFile(['/', '/principles/', '/search/', '/confirm/done/', '/404.html', '/admin/'], {
    adminConnect: ['https://api.github.com'],
  });
  const rules = file
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => !line.startsWith('#')))
    .map(([path, ...lines]) => ({
      path: path!,
      headers: Object.fromEntries(
        lines.map((l) =>
          l
            .trim()
            .split(/: (.*)/s)
            .slice(0, 2),
        ),
      ),
    }));
  const matches = (rule: string, path: string) =>
    rule.endsWith('*') ? path.startsWith(rule.slice(0, -1)) : rule === path;
  /** What Netlify sends for a path, failing if two matching rules set the same header. */
  const sentFor = (path: string) => {
    const sent: Record<string, string> = {};
    for (const rule of rules.filter((r) => matches(r.path, path))) {
      for (const [name, value] of Object.entries(rule.headers)) {
        if (name in sent) throw new Error(`${name} is set twice for ${path}`);
        sent[name] = value as string;
      }
    }
    return sent;
  };

  it('sends each path exactly the headers of its kind, whichever of its rules match', () => {
    for (const path of [
      '/',
      '/index.html',
      '/principles/',
      '/principles/index.html',
      '/search/',
      '/confirm/done/',
      '/404.html',
    ]) {
      expect(sentFor(path)).toEqual(headersForPath(path));
    }
    const admin = { adminConnect: ['https://api.github.com'] };
    expect(sentFor('/admin/')).toEqual(headersFor('admin', admin));
    expect(sentFor('/admin/index.html')).toEqual(headersFor('admin', admin));
    expect(sentFor('/uploads/a.svg')).toEqual(headersFor('uploads'));
  });

  it('gives any other address the headers every response shares', () => {
    expect(sentFor('/_astro/app.js')).toEqual(sharedHeaders());
    expect(Object.keys(sharedHeaders()).sort()).toEqual([
      'Permissions-Policy',
      'Strict-Transport-Security',
      'X-Content-Type-Options',
    ]);
  });
});

describe("the functions' responses", () => {
  it('JSON, problems and redirects carry the /api/* headers', () => {
    for (const response of [json(201, {}), problem(429, 'Too many', { 'retry-after': '5' }), redirect('/x/')]) {
      for (const [name, value] of Object.entries(headersFor('api'))) expect(response.headers.get(name)).toBe(value);
    }
  });

  it('a rendered page carries the headers of the page it shows, and a header of its own wins without doubling', () => {
    const form = html(422, '<p>', {}, '/become-a-coach/');
    for (const [name, value] of Object.entries(headersFor('page'))) expect(form.headers.get(name)).toBe(value);
    const confirm = html(200, '<p>', { 'Referrer-Policy': 'no-referrer' }, '/confirm/abc/');
    expect(confirm.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html(200, '<p>', {}, '/confirm/abc/').headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('under astro dev', () => {
  it("pages also allow inline styles (Vite's CSS), and nothing else changes", () => {
    for (const kind of ['page', 'search', 'confirm'] as const) {
      const dev = headersFor(kind, { devServer: true });
      const built = headersFor(kind);
      expect(dev['Content-Security-Policy']).toBe(
        built['Content-Security-Policy']!.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
      );
      expect({ ...dev, 'Content-Security-Policy': '' }).toEqual({ ...built, 'Content-Security-Policy': '' });
    }
    for (const kind of ['admin', 'uploads', 'api'] as const)
      expect(headersFor(kind, { devServer: true })).toEqual(headersFor(kind));
  });
});
