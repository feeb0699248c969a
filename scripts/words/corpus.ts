// The words editors own: every string in content/ (YAML values, MDX frontmatter and MDX bodies), cut into
// the pieces a page can show on their own. A Markdown paragraph with a link is three pieces (before, the
// link text, after), because the browser gets three text nodes; a string with {placeholders} is a
// template, whose fixed words are pieces and whose filled-in form a page may show whole.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Text as compared: typographic quotes, dashes and spaces made plain, runs of white space collapsed. */
export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/-{2,3}/g, '-')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

const PLACEHOLDER = /\{([A-Za-z][\w]*)\}/g;
const CUT = '\u0000';

/** A string with {placeholders}: its fixed words, and a pattern matching it filled in. */
export interface Template {
  source: string;
  names: string[];
  pattern: RegExp;
}

export interface Corpus {
  /** Every piece of content text, normalised. */
  pieces: Set<string>;
  templates: Template[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function templateOf(source: string): Template | undefined {
  const names = [...source.matchAll(PLACEHOLDER)].map((match) => match[1]!);
  if (names.length === 0) return undefined;
  const literals = source.split(PLACEHOLDER).filter((_, i) => i % 2 === 0);
  // Normalise each fixed part without trimming, so "Phase {number}" keeps the space before the number.
  const body = literals.map((literal) => escapeRegExp(normalise(`x${literal}x`).slice(1, -1))).join('(.+?)');
  return { source, names, pattern: new RegExp(`^${body.trim()}$`, 'su') };
}

/** Inline Markdown cut at its markup: links, emphasis and code each start and end a piece. */
export function inlinePieces(markdown: string): string[] {
  const cut = markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, (_, char) => `\u0001${char.charCodeAt(0)}\u0001`)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, `${CUT}$1${CUT}`)
    .replace(/`([^`]*)`/g, `${CUT}$1${CUT}`)
    // Bare addresses become links (GFM autolinks), so they stand apart from the words around them.
    .replace(
      /(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}|https?:\/\/[^\s<)]+[^\s<).,;:!?])/gi,
      `${CUT}$1${CUT}`,
    )
    .replace(/\*\*|__/g, CUT)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: \u0000 is the CUT marker, never in the Markdown.
    .replace(/(^|[\s(\u0000])[*_](?=\S)/g, `$1${CUT}`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: \u0000 is the CUT marker.
    .replace(/(\S)[*_](?=$|[\s.,;:!?)\u0000])/g, `$1${CUT}`)
    .replace(/<br\s*\/?>/gi, CUT)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: \u0001 brackets an escaped character's code, set by the first replace.
    .replace(/\u0001(\d+)\u0001/g, (_, code) => String.fromCharCode(Number(code)));
  const whole = cut.replaceAll(CUT, '');
  return [whole, ...cut.split(CUT)];
}

/** The blocks of a Markdown or MDX body (paragraphs, headings, list items, table cells, callout titles). */
export function markdownBlocks(body: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) blocks.push(current.join(' '));
    current = [];
  };
  for (const raw of body.split('\n')) {
    const line = raw.trimEnd();
    const callout = line.match(/^\s*<Callout\b([^>]*)>\s*$/);
    if (callout) {
      flush();
      const title = callout[1]!.match(/title\s*=\s*(?:"([^"]*)"|'([^']*)')/);
      if (title) blocks.push(title[1] ?? title[2]!);
      continue;
    }
    if (/^\s*<\/Callout>\s*$/.test(line) || line.trim() === '' || /^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      flush();
      if (!/^\s*\|[\s:|-]+\|\s*$/.test(line)) blocks.push(...line.trim().slice(1, -1).split('|'));
      continue;
    }
    const heading = line.match(/^\s*#{1,6}\s+(.*)$/);
    if (heading) {
      flush();
      blocks.push(heading[1]!);
      continue;
    }
    const item = line.match(/^\s*(?:[-*+]|\d+[.)])\s+(.*)$/);
    if (item) {
      flush();
      current.push(item[1]!);
      continue;
    }
    current.push(line.replace(/^\s*>\s?/, '').trim());
  }
  flush();
  return blocks;
}

function collectStrings(value: unknown, into: string[]) {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collectStrings(item, into);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

/** Every string in content/: YAML values, MDX frontmatter values, and the blocks of each MDX body. */
export function contentStrings(contentDir: string): string[] {
  const strings: string[] = [];
  for (const file of filesUnder(contentDir)) {
    const text = readFileSync(file, 'utf8');
    if (/\.ya?ml$/.test(file)) collectStrings(parse(text), strings);
    else if (/\.mdx?$/.test(file)) {
      const front = text.match(/^---\n([\s\S]*?)\n---\n?/);
      if (front) collectStrings(parse(front[1]!), strings);
      strings.push(...markdownBlocks(front ? text.slice(front[0].length) : text));
    }
  }
  return strings;
}

export function buildCorpus(strings: string[]): Corpus {
  const pieces = new Set<string>();
  const templates: Template[] = [];
  for (const string of strings) {
    const template = templateOf(string);
    // A page may carry a template as it is, for its script to fill in (data-text-* attributes).
    if (template) {
      templates.push(template);
      pieces.add(normalise(string));
    }
    // A template's fixed words are pieces too: markup (a link, a <time>) may stand where a placeholder is.
    for (const part of string.split(PLACEHOLDER).filter((_, i) => i % 2 === 0)) {
      for (const piece of inlinePieces(part)) {
        const text = normalise(piece);
        if (text) pieces.add(text);
      }
    }
  }
  return { pieces, templates };
}

export const loadCorpus = (contentDir: string) => buildCorpus(contentStrings(contentDir));
