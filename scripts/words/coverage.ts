// How much of what people read comes from content/: the visible text of every built page and of every
// email, each piece checked against the words in content/. A piece is covered when it is a piece of
// content text (see corpus.ts), or a content template filled in with content words or generated values.
// Generated values (references, dates, counts, links, the person's own answers) are left out of the sums.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildCorpus, contentStrings, loadCorpus, normalise, type Corpus } from './corpus.ts';
import { renderFixtureEmails } from './emails.ts';
import { extractInPage, READ_ATTRIBUTES, SCRIPT_TEXT_PREFIX, type TextChunk } from './extract.ts';

/** The only text allowed outside content/: values the program makes. Keep this list short. */
export const GENERATED: { what: string; pattern: RegExp }[] = [
  {
    what: 'a date, like 26 November 2026',
    pattern: /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/,
  },
  { what: 'a date as digits, like 2026-11-26', pattern: /^\d{4}-\d{2}-\d{2}$/ },
  { what: 'a reference, like APP-7KQ3-M9TX', pattern: /^(EOI|APP|AGR)-[A-Z0-9]{4}-[A-Z0-9]{4}$/ },
  { what: 'a count or other number', pattern: /^\d+(?:[.,]\d+)*$/ },
  { what: 'a time, like 14:30', pattern: /^\d{1,2}:\d{2}$/ },
  { what: 'the version of the terms of coaching, like 30493badf712', pattern: /^[0-9a-f]{12}$/ },
  { what: 'a link the program makes, like a confirmation link', pattern: /^https?:\/\/\S+$/ },
  {
    what: 'a file name the program makes, like coaching-record-2026-11-26.json',
    pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:json|doc)$/,
  },
];

/** Page groups, in the order they are printed. */
export const GROUPS = [
  'chrome',
  'home',
  'not-found',
  'landings',
  'search',
  'guidance',
  'forms',
  'sent-confirm',
  'tools',
  'emails',
] as const;
export type Group = (typeof GROUPS)[number];

/**
 * Groups whose words are still being moved into content/: measured and printed, not yet held to 100%.
 * Take a group off this list as soon as its words are all in content/.
 */
export const NOT_YET_ENFORCED: readonly Group[] = [];

/**
 * Groups held to 100% whose own words are all in content/, but which also show words that another
 * change is still moving out of code: the forms' names, the roles of who confirms and the questions'
 * labels, in functions/forms/. For these groups only, the strings written in those folders count as
 * content until they move; take an entry off as soon as they have.
 */
export const STILL_IN_CODE: Partial<Record<Group, readonly string[]>> = {
  emails: ['functions/forms'],
  'sent-confirm': ['functions/forms'],
};

/** The strings written in a folder's .ts files, with each `${…}` read as a placeholder. */
export function codeStrings(dir: string): string[] {
  const strings: string[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    // Comments out first: their apostrophes would open strings.
    const source = readFileSync(path.join(dir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|\s)\/\/.*$/gm, '$1');
    for (const match of source.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
      const text = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\$\{[^}]*\}/g, '{value}');
      if (/\p{L}/u.test(text)) strings.push(text);
    }
  }
  return strings;
}

const FORM_PAGES = ['/become-a-coach/', '/apply-for-coaching/', '/coaching-agreement/'];
const TOOL_PAGES = ['/readiness/', '/planning/planner/', '/coaching-record/'];

const mdxIds = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => name.slice(0, -4));

/** Which group a built page belongs to; undefined for a page nobody has placed (a test failure). */
export function groupOf(pagePath: string, contentDir: string): Group | 'excluded' | undefined {
  if (pagePath.startsWith('/admin/')) return 'excluded';
  if (pagePath === '/') return 'home';
  if (pagePath === '/404.html') return 'not-found';
  if (pagePath === '/protocol/' || pagePath === '/planning/') return 'landings';
  if (pagePath === '/search/') return 'search';
  if (TOOL_PAGES.includes(pagePath)) return 'tools';
  if (FORM_PAGES.includes(pagePath)) return 'forms';
  if (
    pagePath.startsWith('/confirm/') ||
    pagePath === '/form-not-sent/' ||
    FORM_PAGES.some((form) => pagePath.startsWith(form))
  )
    return 'sent-confirm';
  const guidance = [
    ...mdxIds(path.join(contentDir, 'guidance')).map((id) => `/${id}/`),
    ...mdxIds(path.join(contentDir, 'protocol')).map((id) => `/protocol/${id}/`),
    ...mdxIds(path.join(contentDir, 'planning')).map((id) => `/planning/${id}/`),
  ];
  return guidance.includes(pagePath) ? 'guidance' : undefined;
}

const WORD = /\p{L}[\p{L}\p{N}'-]*/gu;
export const wordCount = (text: string) => text.match(WORD)?.length ?? 0;

export type Verdict = 'content' | 'generated' | undefined;

/** Is this (normalised) text content's, the program's, or nobody's (undefined: hard-coded)? */
export function verdict(text: string, corpus: Corpus, answers: ReadonlySet<string> = new Set(), depth = 0): Verdict {
  if (corpus.pieces.has(text)) return 'content';
  if (!/\p{L}/u.test(text) || answers.has(text) || GENERATED.some((g) => g.pattern.test(text))) return 'generated';
  if (depth >= 4) return undefined;
  // A list the program joins with commas or "and" ("Principles, Protocol", "Eastmere and Northfield"), each item content's.
  const items = text.split(/, | and /);
  if (depth > 0 && items.length > 1 && items.every((item) => verdict(item, corpus, answers, depth + 1)))
    return 'content';
  // A name the program starts in lower case because it stands inside a sentence ("your coaching application").
  if (depth > 0 && /^\p{Ll}/u.test(text) && corpus.pieces.has(text.charAt(0).toUpperCase() + text.slice(1)))
    return 'content';
  for (const template of corpus.templates) {
    if (!template.pattern.test(text)) continue;
    // Every way the text splits into the template's parts, not only the first: in "{formName} {reference}"
    // the first space may fall inside the name.
    const fits = (parts: string[]) => parts.every((part) => verdict(normalise(part), corpus, answers, depth + 1));
    if (someSplit(text, literalsOf(template.source), fits)) return 'content';
  }
  return undefined;
}

/** A template's fixed words, normalised as corpus.ts does, around its placeholders. */
function literalsOf(source: string): string[] {
  const literals = source.split(/\{[A-Za-z]\w*\}/).map((literal) => normalise(`x${literal}x`).slice(1, -1));
  literals[0] = literals[0]!.trimStart();
  literals[literals.length - 1] = literals.at(-1)!.trimEnd();
  return literals;
}

/** Whether some split of `text` into values between `literals` satisfies `fits` (a small search: texts are short). */
function someSplit(
  text: string,
  literals: string[],
  fits: (parts: string[]) => boolean,
  parts: string[] = [],
): boolean {
  const [first, ...rest] = literals;
  if (!text.startsWith(first!)) return false;
  const after = text.slice(first!.length);
  if (rest.length === 0) return after === '' && fits(parts);
  const next = rest[0]!;
  for (let end = 1; end <= after.length; end++) {
    if (rest.length > 1 || next !== '' ? after.startsWith(next, end) : end === after.length) {
      if (someSplit(after.slice(end), rest, fits, [...parts, after.slice(0, end)])) return true;
    }
  }
  return false;
}

export interface Occurrence {
  text: string;
  group: Group;
  /** The page path or email name. */
  page: string;
  /** The page, and the attribute or part of an email it is in: "/search/ [aria-label]". */
  where: string;
}

export interface GroupReport {
  group: Group;
  enforced: boolean;
  sources: number;
  words: number;
  coveredWords: number;
  percent: number;
  uncovered: { text: string; where: string[] }[];
}

/** Sums occurrences per group: each text counted once per page (chrome: once for the whole site). */
export function summarise(
  occurrences: Occurrence[],
  contentCorpus: Corpus,
  answers: ReadonlySet<string>,
  corpora: Partial<Record<Group, Corpus>> = {},
): GroupReport[] {
  return GROUPS.map((group) => {
    const corpus = corpora[group] ?? contentCorpus;
    const seen = new Set<string>();
    const sources = new Set<string>();
    const uncovered = new Map<string, string[]>();
    let words = 0;
    let coveredWords = 0;
    for (const occurrence of occurrences.filter((o) => o.group === group)) {
      const text = normalise(occurrence.text);
      const { page } = occurrence;
      sources.add(page);
      const key = group === 'chrome' ? text : `${page}\n${text}`;
      if (!text || seen.has(key)) continue;
      seen.add(key);
      const result = verdict(text, corpus, answers);
      if (result === 'generated') continue;
      words += wordCount(text);
      if (result === 'content') coveredWords += wordCount(text);
      else uncovered.set(text, [...(uncovered.get(text) ?? []), occurrence.where]);
    }
    return {
      group,
      enforced: !NOT_YET_ENFORCED.includes(group),
      sources: sources.size,
      words,
      coveredWords,
      percent: words === 0 ? 100 : (100 * coveredWords) / words,
      uncovered: [...uncovered].map(([text, where]) => ({ text, where })),
    };
  });
}

/** Every built page as { path, file }, like bench.mjs lists them. */
export function builtPages(dist: string): { path: string; file: string }[] {
  const pages: { path: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) {
        const rel = path.relative(dist, full).split(path.sep).join('/');
        pages.push({ path: `/${rel.replace(/(^|\/)index\.html$/, '$1')}`, file: full });
      }
    }
  };
  walk(dist);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

/** Text chunks of an HTML document, parsed by Chromium with JavaScript off and no network. */
export async function chunksOfHtml(browser: Browser, htmls: string[]): Promise<TextChunk[][]> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.route('**/*', (route) => route.abort());
  const page = await context.newPage();
  const results: TextChunk[][] = [];
  try {
    for (const html of htmls) {
      await page.setContent(html, { waitUntil: 'domcontentloaded' });
      results.push(
        await page.evaluate(extractInPage, { readAttributes: READ_ATTRIBUTES, scriptTextPrefix: SCRIPT_TEXT_PREFIX }),
      );
    }
  } finally {
    await context.close();
  }
  return results;
}

export interface Measurement {
  groups: GroupReport[];
  /** Built pages no group claims. */
  unplaced: string[];
}

/** Measures dist/ and (unless `emails` is false) the fixture emails against content/. */
export async function measure(
  browser: Browser,
  {
    root,
    dist = path.join(root, 'dist'),
    emails: withEmails = true,
  }: {
    root: string;
    dist?: string;
    /** false: pages only; a function: how the emails are rendered (a test hard-codes a sentence into one). */
    emails?: boolean | ((root: string) => ReturnType<typeof renderFixtureEmails>);
  },
): Promise<Measurement> {
  const contentDir = path.join(root, 'content');
  const corpus = loadCorpus(contentDir);
  const corpora = Object.fromEntries(
    Object.entries(STILL_IN_CODE).map(([group, dirs]) => [
      group,
      buildCorpus([...contentStrings(contentDir), ...dirs!.flatMap((dir) => codeStrings(path.join(root, dir)))]),
    ]),
  );
  const occurrences: Occurrence[] = [];
  const unplaced: string[] = [];

  const pages = builtPages(dist).flatMap((page) => {
    const group = groupOf(page.path, contentDir);
    if (group === 'excluded') return [];
    if (!group) unplaced.push(page.path);
    return group ? [{ ...page, group }] : [];
  });
  const pageChunks = await chunksOfHtml(
    browser,
    pages.map((page) => readFileSync(page.file, 'utf8')),
  );
  pages.forEach((page, i) => {
    for (const chunk of pageChunks[i]!) {
      const where = chunk.source === 'text' ? page.path : `${page.path} [${chunk.source}]`;
      occurrences.push({
        text: chunk.text,
        group: chunk.region === 'chrome' ? 'chrome' : page.group,
        page: page.path,
        where,
      });
    }
  });

  const render = typeof withEmails === 'function' ? withEmails : withEmails ? renderFixtureEmails : undefined;
  const { emails, answers } = render ? await render(root) : { emails: [], answers: [] };
  const htmlChunks = await chunksOfHtml(
    browser,
    emails.map(({ email }) => email.html),
  );
  emails.forEach(({ name, email }, i) => {
    const part = (text: string, where: string) =>
      occurrences.push({ text, group: 'emails', page: name, where: `${name} [${where}]` });
    part(email.subject, 'subject');
    // A plain-text email marks list items with "- ", as Markdown does: the words are the item's.
    for (const line of email.text.split('\n')) {
      part(line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, ''), 'text');
    }
    for (const chunk of htmlChunks[i]!) part(chunk.text, 'html');
  });

  return { groups: summarise(occurrences, corpus, new Set(answers.map(normalise)), corpora), unplaced };
}

/** The report `npm run words` and `npm run bench` print. */
export function formatReport({ groups, unplaced }: Measurement, { list = true } = {}): string {
  const lines = ['group         covered  words  sources  held to 100%'];
  for (const g of groups) {
    lines.push(
      `${g.group.padEnd(12)}  ${`${g.percent.toFixed(1)}%`.padStart(7)}  ${String(g.words).padStart(5)}  ${String(g.sources).padStart(7)}  ${g.enforced ? 'yes' : 'not yet'}${STILL_IN_CODE[g.group] ? ` (counting the strings in ${STILL_IN_CODE[g.group]!.join(', ')})` : ''}`,
    );
  }
  if (unplaced.length)
    lines.push('', `Pages in no group (add them to groupOf in scripts/words/coverage.ts): ${unplaced.join(', ')}`);
  if (list) {
    for (const g of groups.filter((group) => group.uncovered.length)) {
      lines.push('', `Not in content/ (${g.group}, ${g.uncovered.length}):`);
      for (const { text, where } of g.uncovered) {
        const places = [...new Set(where)];
        lines.push(
          `  “${text}”  (${places.slice(0, 3).join(', ')}${places.length > 3 ? `, and ${places.length - 3} more` : ''})`,
        );
      }
    }
  }
  return lines.join('\n');
}
