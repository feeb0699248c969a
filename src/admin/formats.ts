import { isMap, parseDocument, stringify, type Pair } from 'yaml';

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

/** Rewrites `source` (a YAML mapping) so it holds `data`, touching only the text of changed keys. */
export function patchYaml(source: string, data: Data, sortedKeys: readonly string[] = []): string {
  const doc = parseDocument(source);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return render(ordered(data, sortedKeys));
  const pairs = doc.contents.items as Pair[];
  const original = (doc.toJS() ?? {}) as Data;
  const wanted = ordered(data, sortedKeys);

  // Edit from the end of the file backwards so earlier offsets stay valid.
  const edits: { start: number; end: number; text: string }[] = [];
  const keyOf = (pair: Pair) => String((pair.key as { value?: unknown })?.value ?? pair.key);
  const spanOf = (pair: Pair) => {
    const start = (pair.key as { range: [number, number, number] }).range[0];
    const value = pair.value as { range?: [number, number, number] } | null;
    const end = value?.range ? value.range[1] : (pair.key as { range: [number, number, number] }).range[2];
    return { start, end };
  };
  for (const pair of pairs) {
    const key = keyOf(pair);
    const { start, end } = spanOf(pair);
    const old = source.slice(start, end);
    const trailing = /\s*$/.exec(old)![0];
    if (!(key in wanted)) {
      // Removed key: drop its text and its line break.
      const after = source.slice(end).match(/^[^\S\n]*\n?/)![0];
      edits.push({ start, end: end + after.length, text: '' });
    } else if (!sameValue(original[key], wanted[key])) {
      edits.push({ start, end, text: render({ [key]: wanted[key] }).trimEnd() + trailing });
    }
  }
  // New keys go before the first existing key that follows them in field order, or at the end.
  const existing = pairs.map(keyOf);
  for (const key of Object.keys(wanted).filter((k) => !existing.includes(k))) {
    const wantedKeys = Object.keys(wanted);
    const next = pairs.find((pair) => wantedKeys.indexOf(keyOf(pair)) > wantedKeys.indexOf(key));
    const text = render({ [key]: wanted[key] });
    if (next) edits.push({ start: spanOf(next).start, end: spanOf(next).start, text });
    else {
      const atEnd = source.length;
      const needsBreak = source.length > 0 && !source.endsWith('\n');
      edits.push({ start: atEnd, end: atEnd, text: (needsBreak ? '\n' : '') + text });
    }
  }
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
