import { beforeAll, describe, expect, it } from 'vitest';
import { DECAP_ENTRY, shippedFile } from '../../integrations/decap.ts';
import { modulesExporting, requireFrom } from './decap-bundle.ts';

// The Decap file /admin/ ships carries two copies of Immutable.js: 4.3.9 and 5.1.3. 5.1.3 is patched
// (integrations/decap-immutable.ts) for GHSA-wf6x-7x77-mvgw, prototype pollution through a
// `__proto__` key; 4.3.9 has the fix already. These tests run both copies as shipped and expect what
// immutable 5.1.5 does: the keys `__proto__` and `constructor` are skipped, every other key is kept.

interface Immutable {
  version: string;
  fromJS: (value: unknown) => { toJS(): Record<string, unknown>; toObject(): Record<string, unknown> };
  Map: (value: unknown) => { toObject(): Record<string, unknown>; toJS(): Record<string, unknown> };
  merge: (target: object, ...sources: object[]) => Record<string, unknown>;
  mergeDeep: (target: object, ...sources: object[]) => Record<string, unknown>;
  mergeWith: (
    merger: (a: unknown, b: unknown) => unknown,
    target: object,
    ...sources: object[]
  ) => Record<string, unknown>;
  set: (target: object, key: string, value: unknown) => Record<string, unknown>;
  remove: (target: object, key: string) => Record<string, unknown>;
  update: (target: object, key: string, updater: (value: unknown) => unknown) => Record<string, unknown>;
}

const hostile = () =>
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"title":"Kept"}');
const polluted = (value: object) => Object.getPrototypeOf(value) !== Object.prototype || 'polluted' in value;

let copies: Immutable[];
beforeAll(async () => {
  const bundle = (await shippedFile(DECAP_ENTRY)).toString('utf8');
  const require = requireFrom(bundle);
  copies = modulesExporting(bundle, ['fromJS', 'mergeDeep', 'set']).map((id) => require(id) as Immutable);
});

describe('the Immutable.js copies /admin/ ships skip __proto__ and constructor keys, as immutable 5.1.5 does', () => {
  it('are 4.3.9 and the patched 5.1.3', () => {
    expect(copies.map((immutable) => immutable.version).sort()).toEqual(['4.3.9', '5.1.3']);
  });

  it.each(['4.3.9', '5.1.3'])('%s: toJS() and toObject() of parsed JSON', (version) => {
    const immutable = copies.find((copy) => copy.version === version)!;
    for (const plain of [
      immutable.fromJS(hostile()).toJS(),
      immutable.Map(hostile()).toObject(),
      immutable.Map(hostile()).toJS(),
    ]) {
      expect(polluted(plain)).toBe(false);
      expect(Object.keys(plain)).toEqual(['title']);
      expect(plain.title).toBe('Kept');
    }
  });

  it.each(['4.3.9', '5.1.3'])(
    '%s: merge(), mergeDeep(), mergeWith(), set(), update() and remove() on plain objects',
    (version) => {
      const immutable = copies.find((copy) => copy.version === version)!;
      const merged = [
        immutable.merge({ kept: 1 }, hostile()),
        immutable.mergeDeep({ kept: 1 }, hostile()),
        immutable.mergeWith((a, b) => b ?? a, { kept: 1 }, hostile()),
      ];
      for (const plain of merged) {
        expect(polluted(plain)).toBe(false);
        expect(Object.keys(plain).sort()).toEqual(['kept', 'title']);
      }
      const target = { kept: 1 };
      expect(immutable.set(target, '__proto__', { polluted: 'yes' })).toBe(target);
      expect(immutable.set(target, 'constructor', 'x')).toBe(target);
      expect(immutable.set(target, 'title', 'New')).toEqual({ kept: 1, title: 'New' });
      expect(polluted(immutable.update({}, '__proto__', () => ({ polluted: 'yes' })))).toBe(false);
      // Copying a parsed object to change it (set, remove) leaves its __proto__ key behind.
      for (const copy of [
        immutable.set(hostile(), 'title', 'New'),
        immutable.remove({ ...hostile(), extra: 1 }, 'extra'),
      ]) {
        expect(polluted(copy)).toBe(false);
        expect(Object.keys(copy)).toEqual(['title']);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
