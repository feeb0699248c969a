import { beforeAll, describe, expect, it } from 'vitest';
import { DECAP_ENTRY, shippedFile } from '../../integrations/decap.ts';
import { type Minimatch, minimatchName, shippedMinimatch } from './decap-bundle.ts';

// The minimatch inside the Decap file /admin/ ships is patched (integrations/decap-minimatch.ts) for
// three ReDoS advisories. These tests run the shipped, patched code itself: minimatch's part of the
// bundle, with the webpack modules it requires (brace-expansion and the process shim) taken from the
// same file. Expected results for ordinary patterns are what minimatch 7.4.9 (the fixed 7.x) returns.

const elapsed = (run: () => unknown) => {
  const started = performance.now();
  run();
  return performance.now() - started;
};

let bundle: string;
let minimatch: Minimatch;
beforeAll(async () => {
  bundle = (await shippedFile(DECAP_ENTRY)).toString('utf8');
  minimatch = shippedMinimatch(bundle);
});

describe('the minimatch /admin/ ships matches paths as minimatch 7.4.9 does', () => {
  it('matches the .gitattributes-style patterns Decap’s LFS clients use (matchBase), braces included', () => {
    const base = { matchBase: true };
    expect(minimatch('static/media/photo.png', '*.png', base)).toBe(true);
    expect(minimatch('static/media/photo.PNG', '*.png', base)).toBe(false);
    expect(minimatch('static/media/photo.png', '*.{png,jpg}', base)).toBe(true);
    expect(minimatch('static/media/photo.gif', '*.{png,jpg}', base)).toBe(false);
    expect(minimatch('static/media/.hidden.png', '*.png', base)).toBe(false);
    expect(minimatch('content/pages/about.md', '*.mdx', base)).toBe(false);
  });

  it('matches globstars as before: anywhere in the path, never through dot folders or ..', () => {
    const cases: [string, string, Record<string, unknown>, boolean][] = [
      ['static/media/deep/er/file.pdf', 'static/media/**', {}, true],
      ['static/media/deep/er/file.pdf', 'static/**/*.pdf', {}, true],
      ['static/media/file.pdf', 'static/**/media/*.pdf', {}, true],
      ['static/media/.git/file.pdf', 'static/**/*.pdf', {}, false],
      ['static/media/.git/file.pdf', 'static/**/*.pdf', { dot: true }, true],
      ['a/b/c/d/e', 'a/**/c/**/e', {}, true],
      ['a/b/x/b/x/c', 'a/**/b/**/c', {}, true],
      ['a/c', 'a/**/b/**/c', {}, false],
      ['a/b/', 'a/**/*', {}, true],
      ['a/b', 'a/**', {}, true],
      ['a', 'a/**', {}, false],
      ['a/../b', 'a/**/b', {}, false],
      ['x/y/z', '**', {}, true],
      ['x/y/z', '**/z', {}, true],
      ['x/y/z', '**/y', {}, false],
      ['content/pages/about.mdx', 'content/**/*.{md,mdx}', {}, true],
    ];
    expect(cases.map(([path, pattern, options]) => minimatch(path, pattern, options))).toEqual(cases.map((c) => c[3]));
    const partial = new minimatch.Minimatch('a/**/b/**/c');
    expect([partial.match('a/x', true), partial.match('a/b/x', true), partial.match('b/x', true)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('treats runs of * as one star, matching the same names', () => {
    expect(minimatch('aaab', '*a*b')).toBe(true);
    expect(minimatch('abc', 'a***c')).toBe(true);
    expect(minimatch('a/b', 'a***')).toBe(false);
  });
});

describe('the shipped minimatch answers the advisories’ patterns at once', () => {
  it('repeated stars before a literal that never matches (GHSA-3ppc-4f35-3m26)', () => {
    // Unpatched, this takes about 3 seconds (each extra "a" multiplies it).
    expect(elapsed(() => expect(minimatch('a'.repeat(20), `${'*'.repeat(12)}b?`)).toBe(false))).toBeLessThan(100);
  });

  it('many non-adjacent globstars (GHSA-7r86-cg39-jmmj)', () => {
    // Unpatched, 10 globstars against a 20-folder path take about 120 ms and double with each folder.
    const path = `${'a/'.repeat(24)}c`;
    expect(elapsed(() => expect(minimatch(path, `${'**/a/'.repeat(10)}b/**`)).toBe(false))).toBeLessThan(50);
  });

  it('nested extglobs (GHSA-23c5-xmqv-rm74): both of Decap’s calls pass noext, which reads them literally', () => {
    // Every call with options written out: Decap's two, not minimatch's own filter().
    const calls = [
      ...bundle.matchAll(new RegExp(`[^\\w$.]${minimatchName(bundle)}\\(\\w,\\w,(\\{[^}]*\\})\\)`, 'g')),
    ].map((m) => m[1]);
    expect(calls).toEqual(['{matchBase:!0,noext:!0}', '{matchBase:!0,noext:!0}']);
    const options = { matchBase: true, noext: true };
    expect(elapsed(() => expect(minimatch(`${'a'.repeat(40)}b`, '*(*(*(a|aa)))', options)).toBe(false))).toBeLessThan(
      50,
    );
    expect(minimatch('media/+(a).bin', 'media/+(a).bin', options)).toBe(true);
    expect(minimatch('media/aa.bin', 'media/+(a).bin', options)).toBe(false);
    expect(minimatch('static/media/photo.png', '*.png', options)).toBe(true);
  });
});
