import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decapDist, DECAP_ENTRY, PATCHES, shippedFile, shippedFiles } from '../../integrations/decap.ts';

// /admin/ ships decap-cms-app's prebuilt distribution instead of bundling Decap on every build.
// That file expects React and ReactDOM as globals and refuses any React but the one it was built
// with, and it carries its own copies of its dependencies, so what it contains is checked here.

const pkg = async (name: string) => JSON.parse(await readFile(path.join('node_modules', name, 'package.json'), 'utf8'));

describe('the prebuilt Decap file', () => {
  it('runs with the React and ReactDOM this project installs (the exact version it checks for)', async () => {
    const code = await readFile(path.join(decapDist, DECAP_ENTRY), 'utf8');
    const wanted = [
      ...new Set([...code.matchAll(/if\("(\d+\.\d+\.\d+)"!==\w+\)throw Error\(\w\(527/g)].map((m) => m[1])),
    ];
    expect(wanted).toHaveLength(1);
    expect((await pkg('react')).version).toBe(wanted[0]);
    expect((await pkg('react-dom')).version).toBe(wanted[0]);
    const manifest = JSON.parse(await readFile('package.json', 'utf8'));
    expect(manifest.dependencies.react).toBe(wanted[0]);
    expect(manifest.dependencies['react-dom']).toBe(wanted[0]);
  });

  it('ships the entry, its on-demand chunks and licences, and no source maps', async () => {
    const files = await shippedFiles();
    expect(files).toContain(DECAP_ENTRY);
    expect(files).toContain(`${DECAP_ENTRY}.LICENSE.txt`);
    expect(files.filter((name) => /^\d+\.decap-cms-app\.js$/.test(name)).length).toBeGreaterThan(50);
    expect(files.filter((name) => name.endsWith('.map'))).toEqual([]);
  });

  it('applies every patch exactly once, and the shipped file no longer carries trim@0.0.1’s regular expressions', async () => {
    const original = await readFile(path.join(decapDist, DECAP_ENTRY), 'utf8');
    const shipped = (await shippedFile(DECAP_ENTRY)).toString('utf8');
    for (const patch of PATCHES) {
      expect(original.split(patch.find)).toHaveLength(2);
      expect(shipped.includes(patch.find)).toBe(false);
      expect(shipped.includes(patch.replace)).toBe(true);
    }
    const trimRegExps = /return e\.replace\(\/\^\\s\*\|\\s\*\$\/g,""\)\}\)\.left/;
    expect(trimRegExps.test(original)).toBe(true);
    expect(trimRegExps.test(shipped)).toBe(false);
  });

  it('ships minimatch@7.4.6 patched for its three ReDoS advisories, and names every advisory it patches', async () => {
    const original = await readFile(path.join(decapDist, DECAP_ENTRY), 'utf8');
    const shipped = (await shippedFile(DECAP_ENTRY)).toString('utf8');
    // GHSA-3ppc-4f35-3m26: a * after a * is skipped, as in 7.4.7.
    expect(shipped.includes('<-- stateChar",e,r,i,n),"*"===n&&"*"===c)continue;')).toBe(true);
    // GHSA-7r86-cg39-jmmj: 7.4.6's recursive globstar loop is gone; 7.4.9's matcher is in its place.
    expect(original.includes('this.debug("globstar swallow a segment, and continue")')).toBe(true);
    expect(shipped.includes('this.debug("globstar swallow a segment, and continue")')).toBe(false);
    expect(
      shipped.includes(
        '_matchGlobStarBodySections(file, bodySegments, fileIndex, bodyIndex, partial, globStarDepth, sawTail) {',
      ),
    ).toBe(true);
    // GHSA-23c5-xmqv-rm74: Decap's two calls read extglobs literally.
    expect(original.match(/\{matchBase:!0\}/g)).toHaveLength(2);
    expect(shipped.match(/\{matchBase:!0\}/g)).toBeNull();
    expect(shipped.match(/\{matchBase:!0,noext:!0\}/g)).toHaveLength(2);
    const why = PATCHES.map((patch) => patch.why).join(' ');
    const advisories = [
      ...['GHSA-w5p7-h5w8-2hfq', 'GHSA-3ppc-4f35-3m26', 'GHSA-7r86-cg39-jmmj', 'GHSA-23c5-xmqv-rm74'],
      ...[
        'GHSA-wf6x-7x77-mvgw',
        'GHSA-2883-xcg3-v3hh',
        'GHSA-5p4m-2wfm-xmqj',
        'GHSA-h67p-54hq-rp68',
        'GHSA-mh29-5h37-fv8m',
      ],
    ];
    for (const advisory of advisories) expect(why).toContain(advisory);
    // Each patch names the advisories its reason explains.
    for (const patch of PATCHES) for (const advisory of patch.advisories) expect(patch.why).toContain(advisory);
  });

  it('stops with one sentence when a patch no longer matches', async () => {
    PATCHES.push({ ...PATCHES[0]!, find: 'text that is not in the file' });
    try {
      await expect(shippedFile(DECAP_ENTRY)).rejects.toThrow(
        /^decap-cms-app has changed: a patch for decap-cms-app\.js matched 0 times instead of once\./,
      );
    } finally {
      PATCHES.pop();
    }
  });
});

describe('the patched trim behaves as trim@0.0.3 does, in linear time', () => {
  it('removes the same whitespace, and a long run of spaces takes no time', async () => {
    const shipped = (await shippedFile(DECAP_ENTRY)).toString('utf8');
    const body = shipped.match(
      /\d+:\(e,t\)=>\{(\(t=e\.exports=function\(e\)\{return e\.trim\(\)\}\)[^}]*\}[^}]*\})\}/,
    )![1]!;
    const module = {
      exports: {} as ((s: string) => string) & { left: (s: string) => string; right: (s: string) => string },
    };
    new Function('e', 't', body)(module, module.exports);
    const trim = module.exports;
    expect(trim('  \t a b \n')).toBe('a b');
    expect(trim.left('  a ')).toBe('a ');
    expect(trim.right('  a ')).toBe('  a');
    const hostile = `a${' '.repeat(50_000)}a`;
    const started = performance.now();
    trim.right(hostile);
    trim(hostile);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
