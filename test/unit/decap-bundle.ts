// Running pieces of the Decap file /admin/ ships, as shipped (patched), in the test process: a
// webpack module by its id, or minimatch, which the bundle inlines into a larger module.
import ts from 'typescript';
import { expect } from 'vitest';

/** The source of the webpack module `id` in the bundle: the function after `,id:` or `{id:`. */
function moduleSource(bundle: string, id: string): string {
  const found = bundle.search(new RegExp(`[{,]${id}:(?=\\(|function|\\w+=>)`));
  expect(found, `webpack module ${id}`).toBeGreaterThan(0);
  const at = found + id.length + 2;
  // The parser finds where the function ends, which braces inside strings and regular expressions
  // hide; a growing window keeps it from parsing megabytes for a module of a few hundred bytes.
  for (let size = 4096; ; size *= 4) {
    const text = bundle.slice(at, at + size);
    const end = firstFunctionEnd(text);
    if (end > 0 && end < text.length && compiles(text.slice(0, end))) return text.slice(0, end);
    expect(size, `the end of webpack module ${id}`).toBeLessThan(bundle.length);
  }
}

function firstFunctionEnd(text: string): number {
  const source = ts.createSourceFile('module.js', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  let end = -1;
  const find = (node: ts.Node): void => {
    if (end >= 0) return;
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) end = node.end;
    else ts.forEachChild(node, find);
  };
  find(source);
  return end;
}

function compiles(code: string): boolean {
  try {
    new Function(`return ${code}`);
    return true;
  } catch {
    return false;
  }
}

type WebpackRequire = ((id: number | string) => unknown) & {
  r: (exports: object) => void;
  d: (exports: object, getters: Record<string, () => unknown>) => void;
};

/** A webpack `require` that runs modules from the bundle's own source, with the two helpers ES modules use. */
export function requireFrom(bundle: string): WebpackRequire {
  const cache = new Map<string, unknown>();
  const require = ((id: number | string) => {
    const key = String(id);
    if (!cache.has(key)) {
      const module = { exports: {} };
      cache.set(key, module.exports);
      new Function(`return ${moduleSource(bundle, key)}`)()(module, module.exports, require);
      cache.set(key, module.exports);
    }
    return cache.get(key);
  }) as WebpackRequire;
  require.r = (exports) => Object.defineProperty(exports, '__esModule', { value: true });
  require.d = (exports, getters) => {
    for (const [name, get] of Object.entries(getters)) Object.defineProperty(exports, name, { enumerable: true, get });
  };
  return require;
}

export type Minimatch = ((path: string, pattern: string, options?: Record<string, unknown>) => boolean) & {
  Minimatch: new (
    pattern: string,
    options?: Record<string, unknown>,
  ) => { match(path: string, partial?: boolean): boolean };
};

/** The bundle's name for minimatch(), from its definition. */
export const minimatchName = (bundle: string) =>
  bundle.match(
    /const (\w+)=\(e,t,n=\{\}\)=>\(\w+\(t\),!\(!n\.nocomment&&"#"===t\.charAt\(0\)\)&&new \w+\(t,n\)\.match\(e\)\)/,
  )![1]!;

/** minimatch as the shipped file defines it, from its brace-expansion import to `unescape`. */
export function shippedMinimatch(bundle: string): Minimatch {
  const start = bundle.search(/var \w+=__webpack_require__\(\d+\);const \w+=\{"\[:alnum:\]"/);
  const name = minimatchName(bundle);
  const end = bundle.indexOf(';', bundle.indexOf(`${name}.unescape=`, start));
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return new Function('__webpack_require__', `${bundle.slice(start, end)};return ${name}`)(requireFrom(bundle));
}

/** The ids of the webpack modules whose exports include every one of `names` (an ES module's API). */
export function modulesExporting(bundle: string, names: string[]): string[] {
  return [...bundle.matchAll(/[{,](\d+):\(e,t,n\)=>\{"use strict";n\.r\(t\),n\.d\(t,\{([^}]*)\}\)/g)]
    .filter((m) => names.every((name) => new RegExp(`(^|,)${name}:\\(\\)=>`).test(m[2]!)))
    .map((m) => m[1]!);
}

/** The id of the one webpack module whose source contains `text`. */
export function moduleContaining(bundle: string, text: string): string {
  const at = bundle.indexOf(text);
  expect(at, text).toBeGreaterThan(0);
  expect(bundle.indexOf(text, at + 1), `${text} appears once`).toBe(-1);
  const starts = [...bundle.slice(0, at).matchAll(/[{,](\d+):(?=\(|function|\w+=>)/g)];
  return starts.at(-1)![1]!;
}
