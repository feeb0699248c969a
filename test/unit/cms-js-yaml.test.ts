import { beforeAll, describe, expect, it } from 'vitest';
import { DECAP_ENTRY, shippedFile } from '../../integrations/decap.ts';
import { moduleContaining, requireFrom } from './decap-bundle.ts';

// The js-yaml@3.14.1 inside the Decap file /admin/ ships reads every entry's front matter. It is
// patched (integrations/decap-js-yaml.ts) to behave as js-yaml 3.15.2: these tests run the shipped
// loader itself on ordinary front matter and on the advisories' documents.

interface Loader {
  safeLoad: (text: string, options?: Record<string, unknown>) => unknown;
}

const elapsed = (run: () => unknown) => {
  const started = performance.now();
  run();
  return performance.now() - started;
};

let yaml: Loader;
let omap: { resolve: (pairs: object[]) => boolean };
beforeAll(async () => {
  const bundle = (await shippedFile(DECAP_ENTRY)).toString('utf8');
  const require = requireFrom(bundle);
  yaml = require(
    moduleContaining(bundle, 'cannot merge mappings; the provided source object is unacceptable'),
  ) as Loader;
  omap = require(moduleContaining(bundle, '"tag:yaml.org,2002:omap",{kind:"sequence"')) as typeof omap;
});

describe('the js-yaml /admin/ ships reads front matter as js-yaml 3.15.2 does', () => {
  it('reads an ordinary page’s front matter, merge keys included', () => {
    expect(yaml.safeLoad('title: Getting started\nlastUpdated: 2026-01-05\ntags: [coaching, guide]\n')).toEqual({
      title: 'Getting started',
      lastUpdated: new Date('2026-01-05T00:00:00Z'),
      tags: ['coaching', 'guide'],
    });
    expect(yaml.safeLoad('base: &base {inbox: team@example.org}\norg:\n  <<: *base\n  name: Example Trust\n')).toEqual({
      base: { inbox: 'team@example.org' },
      org: { inbox: 'team@example.org', name: 'Example Trust' },
    });
  });

  it('keeps a __proto__ key as data, merged or written (GHSA-mh29-5h37-fv8m)', () => {
    const read = yaml.safeLoad(
      'a: &a {__proto__: {polluted: yes}}\nb:\n  <<: *a\nc: {__proto__: {polluted: yes}}\n',
    ) as Record<string, object>;
    for (const key of ['b', 'c']) {
      expect(Object.getPrototypeOf(read[key])).toBe(Object.prototype);
      expect(Object.keys(read[key]!)).toEqual(['__proto__']);
      expect('polluted' in read[key]!).toBe(false);
    }
  });

  it('stops merging empty mappings over and over at maxTotalMergeKeys (GHSA-2883-xcg3-v3hh)', () => {
    const document = `arr: &arr [${Array(100).fill('{}').join(', ')}]\ntargets:\n${'  - <<: *arr\n'.repeat(200)}`;
    expect(() => yaml.safeLoad(document)).toThrow(/^merge keys exceeded maxTotalMergeKeys \(10000\)/);
    expect(() => yaml.safeLoad(`x:\n  <<: [${Array(101).fill('{}').join(', ')}]\n`)).toThrow(
      /^abnormal merge sequence size/,
    );
  });

  it('checks !!omap keys in linear time (GHSA-5p4m-2wfm-xmqj)', () => {
    // The !!omap type's duplicate check alone, on 30,000 pairs: unpatched it compares each key with
    // every earlier one (about 450 million comparisons, 10 seconds here); patched, well under one.
    const pairs = Array.from({ length: 30_000 }, (_, i) => ({ [`k${i}`]: i }));
    expect(elapsed(() => expect(omap.resolve(pairs)).toBe(true))).toBeLessThan(2000);
    expect(omap.resolve([{ a: 1 }, { b: 2 }, { a: 3 }])).toBe(false);
    expect(omap.resolve([{ a: 1, b: 2 }])).toBe(false);
    expect(yaml.safeLoad('!!omap\n- first: 1\n- second: 2\n')).toEqual([{ first: 1 }, { second: 2 }]);
    expect(() => yaml.safeLoad('!!omap\n- a: 1\n- a: 2\n')).toThrow(
      /cannot resolve a node with !<tag:yaml.org,2002:omap> explicit tag/,
    );
  });
});
