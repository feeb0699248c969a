// How much of what people read comes from content/: the visible text of every built page and of every
// email, each piece checked against the words in content/. A piece is covered when it is a piece of
// content text (see corpus.ts), or a content template filled in with content words or generated values.
// Generated values (references, dates, counts, links, the person's own answers) are left out of the sums.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { loadCorpus, normalise, type Corpus } from './corpus.ts';
import { renderFixtureEmails } from './emails.ts';
import { extractInPage, READ_ATTRIBUTES, SCRIPT_TEXT_PREFIX, type TextChunk } from './extract.ts';

/** The only text allowed outside content/: values the program makes. Keep this list short. */
export const GENERATED: { what: string; pattern: RegExp }[] = [
  { what: 'a date, like 26 November 2026', pattern: /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/ },
  { what: 'a date as digits, like 2026-11-26', pattern: /^\d{4}-\d{2}-\d{2}$/ },
  { what: 'a reference, like APP-7KQ3-M9TX', pattern: /^(EOI|APP|AGR)-[A-Z0-9]{4}-[A-Z0-9]{4}$/ },
  { what: 'a count or other number', pattern: /^\d+(?:[.,]\d+)*$/ },
  { what: 'a link the program makes, like a confirmation link', pattern: /^https?:\/\/\S+$/ },
  { what: 'a file name the program makes, like coaching-record-2026-11-26.json', pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:json|doc)$/ },
];

/** Page groups, in the order they are printed. */
export const GROUPS = ['chrome', 'home', 'not-found', 'landings', 'search', 'guidance', 'forms', 'sent-confirm', 'tools', 'emails'] as const;
export type Group = (typeof GROUPS)[number];

/**
 * Groups whose words are still being moved into content/: measured and printed, not yet held to 100%.
 * Take a group off this list as soon as its words are all in content/.
 */
export const NOT_YET_ENFORCED: readonly Group[] = ['forms', 'sent-confirm', 'emails'];

const FORM_PAGES = ['/become-a-coach/', '/apply-for-coaching/', '/coaching-agreement/'];
const TOOL_PAGES = ['/readiness/', '/planning/planner/', '/coaching-record/'];

const mdxIds = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.mdx')).map((name) => name.slice(0, -4));

/** Which group a built page belongs to; undefined for a page nobody has placed (a test failure). */
export function groupOf(pagePath: string, contentDir: string): Group | 'excluded' | undefined {
  if (pagePath.startsWith('/admin/')) return 'excluded';
  if (pagePath === '/') return 'home';
  if (pagePath === '/404.html') return 'not-found';
  if (pagePath === '/protocol/' || pagePath === '/planning/') return 'landings';
  if (pagePath === '/search/') return 'search';
  if (TOOL_PAGES.includes(pagePath)) return 'tools';
  if (FORM_PAGES.includes(pagePath)) return 'forms';
  if (pagePath.startsWith('/confirm/') || pagePath === '/form-not-sent/' || FORM_PAGES.some((form) => pagePath.startsWith(form))) return 'sent-confirm';
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
  // A list the program joins with commas ("Principles, Protocol"), each item content's.
  if (depth > 0 && text.includes(', ') && text.split(', ').every((item) => verdict(item, corpus, answers, depth + 1))) return 'content';
  for (const template of corpus.templates) {
    const match = template.pattern.exec(text);
    if (match && match.slice(1).every((part) => verdict(normalise(part), corpus, answers, depth + 1))) return 'content';
  }
  return undefined;
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
export function summarise(occurrences: Occurrence[], corpus: Corpus, answers: ReadonlySet<string>): GroupReport[] {
  return GROUPS.map((group) => {
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
        pages.push({ path: '/' + rel.replace(/(^|\/)index\.html$/, '$1'), file: full });
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
      results.push(await page.evaluate(extractInPage, { readAttributes: READ_ATTRIBUTES, scriptTextPrefix: SCRIPT_TEXT_PREFIX }));
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
  { root, dist = path.join(root, 'dist'), emails: withEmails = true }: { root: string; dist?: string; emails?: boolean },
): Promise<Measurement> {
  const contentDir = path.join(root, 'content');
  const corpus = loadCorpus(contentDir);
  const occurrences: Occurrence[] = [];
  const unplaced: string[] = [];

  const pages = builtPages(dist).flatMap((page) => {
    const group = groupOf(page.path, contentDir);
    if (group === 'excluded') return [];
    if (!group) unplaced.push(page.path);
    return group ? [{ ...page, group }] : [];
  });
  const pageChunks = await chunksOfHtml(browser, pages.map((page) => readFileSync(page.file, 'utf8')));
  pages.forEach((page, i) => {
    for (const chunk of pageChunks[i]!) {
      const where = chunk.source === 'text' ? page.path : `${page.path} [${chunk.source}]`;
      occurrences.push({ text: chunk.text, group: chunk.region === 'chrome' ? 'chrome' : page.group, page: page.path, where });
    }
  });

  const { emails, answers } = withEmails ? await renderFixtureEmails(root) : { emails: [], answers: [] };
  const htmlChunks = await chunksOfHtml(browser, emails.map(({ email }) => email.html));
  emails.forEach(({ name, email }, i) => {
    const part = (text: string, where: string) => occurrences.push({ text, group: 'emails', page: name, where: `${name} [${where}]` });
    part(email.subject, 'subject');
    // A plain-text email marks list items with "- ", as Markdown does: the words are the item's.
    for (const line of email.text.split('\n')) {
      part(line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, ''), 'text');
    }
    for (const chunk of htmlChunks[i]!) part(chunk.text, 'html');
  });

  return { groups: summarise(occurrences, corpus, new Set(answers.map(normalise))), unplaced };
}

/** The report `npm run words` and `npm run bench` print. */
export function formatReport({ groups, unplaced }: Measurement, { list = true } = {}): string {
  const lines = ['group         covered  words  sources  held to 100%'];
  for (const g of groups) {
    lines.push(
      `${g.group.padEnd(12)}  ${`${g.percent.toFixed(1)}%`.padStart(7)}  ${String(g.words).padStart(5)}  ${String(g.sources).padStart(7)}  ${g.enforced ? 'yes' : 'not yet'}`,
    );
  }
  if (unplaced.length) lines.push('', `Pages in no group (add them to groupOf in scripts/words/coverage.ts): ${unplaced.join(', ')}`);
  if (list) {
    for (const g of groups.filter((group) => group.uncovered.length)) {
      lines.push('', `Not in content/ (${g.group}, ${g.uncovered.length}):`);
      for (const { text, where } of g.uncovered) {
        const places = [...new Set(where)];
        lines.push(`  “${text}”  (${places.slice(0, 3).join(', ')}${places.length > 3 ? `, and ${places.length - 3} more` : ''})`);
      }
    }
  }
  return lines.join('\n');
}
