import { isMap, parseDocument, stringify, type Pair, type YAMLMap } from 'yaml';

// File formats the CMS reads and writes. Decap's own yml/frontmatter formats re-serialise the whole
// file: they drop comments, re-fold long lines and re-quote strings, so saving an unchanged entry
// would rewrite it. These formats remember the file an entry came from (under SOURCE, a key no schema
// uses) and, on save, replace only the text of the keys whose values changed. Unchanged entries
// come back byte-identical; a one-sentence edit changes one line.

/** Key under which an entry carries the text of the file it was read from. Never written to a file. */
export const SOURCE = '__hubSourceFile';

type Data = Record<string, unknown>;

/** Canonical YAML for new files and changed values: block style, no folding of long lines. */
const render = (value: Data) => stringify(value, { lineWidth: 0 });

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Orders keys the way the CMS fields are ordered (the schema order); unknown keys keep their place after. */
function ordered(data: Data, sortedKeys: readonly string[]): Data {
  const keys = Object.keys(data).filter((key) => key !== SOURCE && data[key] !== undefined);
  const rank = (key: string) => (sortedKeys.includes(key) ? sortedKeys.indexOf(key) : sortedKeys.length);
  keys.sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((key) => [key, data[key]]));
}

type Edit = { start: number; end: number; text: string };
type Range = [number, number, number];

const isPlain = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);
const keyOf = (pair: Pair) => String((pair.key as { value?: unknown })?.value ?? pair.key);
const spanOf = (pair: Pair) => {
  const start = (pair.key as { range: Range }).range[0];
  const value = pair.value as { range?: Range } | null;
  const end = value?.range ? value.range[1] : (pair.key as { range: Range }).range[2];
  return { start, end };
};
/** Text rendered at column 0, moved to `column` (its first line is placed there already). */
const indented = (text: string, column: number) => text.replace(/\n/g, `\n${' '.repeat(column)}`);
const columnOf = (source: string, offset: number) => offset - source.lastIndexOf('\n', offset - 1) - 1;

/**
 * The edits that make one mapping of `source` hold `wanted`. A nested mapping (a form's questions)
 * is patched the same way, key by key, so changing one message changes one line.
 */
function patchMap(source: string, map: YAMLMap, original: Data, wanted: Data, edits: Edit[], nested: boolean) {
  const pairs = map.items as Pair[];
  for (const pair of pairs) {
    const key = keyOf(pair);
    const { start, end } = spanOf(pair);
    const old = source.slice(start, end);
    const trailing = /\s*$/.exec(old)![0];
    if (!(key in wanted)) {
      // Removed key: drop its text and its line break (and the indent before it, if nested).
      const after = source.slice(end).match(/^[^\S\n]*\n?/)![0];
      const before = nested ? columnOf(source, start) : 0;
      edits.push({ start: start - before, end: end + after.length, text: '' });
    } else if (!sameValue(original[key], wanted[key])) {
      if (isMap(pair.value) && !pair.value.flow && isPlain(original[key]) && isPlain(wanted[key])) {
        patchMap(source, pair.value, original[key], wanted[key], edits, true);
      } else {
        const text = indented(render({ [key]: wanted[key] }).trimEnd(), columnOf(source, start));
        edits.push({ start, end, text: text + trailing });
      }
    }
  }
  // New keys go before the first existing key that follows them in field order, or after the last.
  const existing = pairs.map(keyOf);
  const wantedKeys = Object.keys(wanted);
  for (const key of wantedKeys.filter((k) => !existing.includes(k))) {
    const next = nested ? undefined : pairs.find((pair) => wantedKeys.indexOf(keyOf(pair)) > wantedKeys.indexOf(key));
    const text = render({ [key]: wanted[key] });
    if (next) edits.push({ start: spanOf(next).start, end: spanOf(next).start, text });
    else if (nested && pairs.length > 0) {
      const column = columnOf(source, spanOf(pairs[0]!).start);
      const end = spanOf(pairs.at(-1)!).end;
      const line = `${' '.repeat(column)}${indented(text.trimEnd(), column)}`;
      edits.push(
        source[end - 1] === '\n' ? { start: end, end, text: `${line}\n` } : { start: end, end, text: `\n${line}` },
      );
    } else {
      const atEnd = source.length;
      const needsBreak = source.length > 0 && !source.endsWith('\n');
      edits.push({ start: atEnd, end: atEnd, text: (needsBreak ? '\n' : '') + text });
    }
  }
}

/** Rewrites `source` (a YAML mapping) so it holds `data`, touching only the text of changed keys. */
export function patchYaml(source: string, data: Data, sortedKeys: readonly string[] = []): string {
  const doc = parseDocument(source);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return render(ordered(data, sortedKeys));
  const edits: Edit[] = [];
  patchMap(source, doc.contents, (doc.toJS() ?? {}) as Data, ordered(data, sortedKeys), edits, false);
  // Edit from the end of the file backwards so earlier offsets stay valid.
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let text = source;
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

/** A YAML data file (content/readiness, organisations, forms, lists, settings). */
export const ymlFormat = {
  fromFile(content: string): Data {
    const data = (parseDocument(content).toJS() ?? {}) as Data;
    return { ...data, [SOURCE]: content };
  },
  toFile(data: Data, sortedKeys: readonly string[] = []): string {
    const source = data[SOURCE];
    return typeof source === 'string' ? patchYaml(source, data, sortedKeys) : render(ordered(data, sortedKeys));
  },
};

const FRONTMATTER = /^---\r?\n([\s\S]*?\r?\n)?---(\r?\n|$)(\s*?\n)?/;

/** Splits an MDX file into its YAML frontmatter, the blank lines after it, and the body. */
export function splitMdx(content: string) {
  const match = FRONTMATTER.exec(content);
  if (!match) return { frontmatter: '', gap: '', body: content, hasFrontmatter: false };
  return {
    frontmatter: match[1] ?? '',
    gap: match[3] ?? '',
    body: content.slice(match[0].length),
    hasFrontmatter: true,
  };
}

const endWithNewline = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);

/** An MDX page: YAML frontmatter, then the body the editor edits as text. */
export const mdxFormat = {
  fromFile(content: string): Data {
    const { frontmatter, body } = splitMdx(content);
    const data = (parseDocument(frontmatter).toJS() ?? {}) as Data;
    return { ...data, body, [SOURCE]: content };
  },
  toFile(data: Data, sortedKeys: readonly string[] = []): string {
    const { body = '', ...meta } = data as Data & { body?: string };
    const source = meta[SOURCE];
    const text = String(body ?? '');
    if (typeof source === 'string') {
      const original = splitMdx(source);
      const frontmatter = patchYaml(original.frontmatter, meta, sortedKeys);
      return `---\n${frontmatter}---\n${original.gap}${text === original.body ? text : endWithNewline(text)}`;
    }
    return `---\n${render(ordered(meta, sortedKeys))}---\n\n${endWithNewline(text)}`;
  },
};
