// Patches for immutable@5.1.3, one of the two copies of Immutable.js inside decap-cms-app's prebuilt
// file (the other, 4.3.9, already has the fix). GHSA-wf6x-7x77-mvgw (high, prototype pollution, fixed
// in 5.1.5): merge(), mergeDeep(), set(), Map.toObject() and toJS() copied a `__proto__` key from
// their input onto a plain object, which sets that object's prototype. 5.1.5 skips the keys
// `__proto__` and `constructor` in exactly five places; these patches add the same check in the same
// five places of the minified 5.1.3 code (`isProtoKey(key)` is
// `typeof key === 'string' && (key === '__proto__' || key === 'constructor')`, which comparing with
// the two strings already implies).

const file = 'decap-cms-app.js';
const bundled = 'immutable@5.1.3';
const why = (where: string) =>
  `immutable@5.1.3 (GHSA-wf6x-7x77-mvgw, high, prototype pollution, fixed in 5.1.5): ${where} copied a ` +
  '`__proto__` key onto a plain object. As in 5.1.5, the keys `__proto__` and `constructor` are skipped.';

const patch = (where: string, find: string, replace: string) => ({
  file,
  package: bundled,
  advisories: ['GHSA-wf6x-7x77-mvgw'],
  why: why(where),
  find,
  replace,
});

export const IMMUTABLE_PATCHES = [
  patch(
    'shallowCopy() (used by set, remove, merge on plain objects)',
    'function at(e){if(Array.isArray(e))return Xe(e);var t={};for(var n in e)H.call(e,n)&&(t[n]=e[n]);return t}',
    'function at(e){if(Array.isArray(e))return Xe(e);var t={};for(var n in e)"__proto__"===n||"constructor"===n||H.call(e,n)&&(t[n]=e[n]);return t}',
  ),
  patch(
    'merge()/mergeWith() into a plain object',
    ':function(t,r){var o=H.call(i,r),a=o&&n?n(i[r],t,r):t;o&&a===i[r]||(i===e&&(i=at(i)),i[r]=a)}',
    ':function(t,r){if("__proto__"===r||"constructor"===r)return;var o=H.call(i,r),a=o&&n?n(i[r],t,r):t;o&&a===i[r]||(i===e&&(i=at(i)),i[r]=a)}',
  ),
  patch(
    'set() on a plain object',
    'function lt(e,t,n){if(!nt(e))throw new TypeError("Cannot update non-data-structure value: "+e);',
    'function lt(e,t,n){if("__proto__"===t||"constructor"===t)return e;if(!nt(e))throw new TypeError("Cannot update non-data-structure value: "+e);',
  ),
  patch(
    'Map.toObject()',
    'function Gn(){Je(this.size);var e={};return this.__iterate(function(t,n){e[n]=t}),e}',
    'function Gn(){Je(this.size);var e={};return this.__iterate(function(t,n){"__proto__"===n||"constructor"===n||(e[n]=t)}),e}',
  ),
  patch(
    'toJS() of a keyed collection',
    'if(w(e)){var t={};return e.__iterate(function(e,n){t[n]=Mn(e)}),t}',
    'if(w(e)){var t={};return e.__iterate(function(e,n){"__proto__"===n||"constructor"===n||(t[n]=Mn(e))}),t}',
  ),
];
