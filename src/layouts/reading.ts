// Pure helpers behind the reading experience: dates, "on this page" contents and previous/next
// links. Kept free of Astro so unit tests can lock their behaviour.
import { fill } from '../lib/words.ts';

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/** "On this page" only helps on long pages: list the h2s when there are at least `minimum` of them. */
export function contentsFrom(headings: Heading[], minimum = 3): Heading[] {
  const sections = headings.filter((heading) => heading.depth === 2);
  return sections.length >= minimum ? sections : [];
}

// Frontmatter dates are calendar dates parsed as UTC midnight; formatting in UTC keeps the day
// the editor typed wherever the build runs.
const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A date as people read it ("12 March 2026") and as machines do ("2026-03-12"). */
export function formatDate(date: Date): { text: string; iso: string } {
  return { text: longDate.format(date), iso: date.toISOString().slice(0, 10) };
}

export interface Numbered {
  id: string;
  data: { number: number; title: string };
}

/**
 * Orders phases, steps or questions by their number, the order editors set. Two entries with the
 * same number would make two "Phase 2 of 5" pages, so that stops the build with one sentence.
 */
export function byNumber<T extends { id: string; data: { number: number } }>(entries: T[]): T[] {
  const sorted = [...entries].sort((a, b) => a.data.number - b.data.number);
  sorted.forEach((entry, index) => {
    const next = sorted[index + 1];
    if (next && next.data.number === entry.data.number) {
      throw new Error(
        `${entry.id} and ${next.id} both have the number ${entry.data.number}: give each its own number.`,
      );
    }
  });
  return sorted;
}

export interface PagerLink {
  href: string;
  label: string;
}

/**
 * Previous and next links through a numbered sequence, labelled like "Phase 2: Contracting".
 * `name` is how content names an entry ("Phase {number}: {title}"); `base` the folder the pages live in.
 */
export function neighbours<T extends Numbered>(
  entries: T[],
  currentId: string,
  name: string,
  base: string,
): { previous?: PagerLink; next?: PagerLink } {
  const ordered = byNumber(entries);
  const index = ordered.findIndex((entry) => entry.id === currentId);
  if (index === -1) return {};
  const link = (entry: T | undefined): PagerLink | undefined =>
    entry && { href: `${base}${entry.id}/`, label: numberedTitle(name, entry) };
  return { previous: link(ordered[index - 1]), next: link(ordered[index + 1]) };
}

/**
 * "Phase 2: Contracting" from the name "Phase {number}: {title}"; a title that already starts with what
 * comes before its place in the name ("Phase 2") is not repeated.
 */
export function numberedTitle(name: string, entry: Numbered): string {
  const title = entry.data.title.trim();
  const before = name.split('{title}')[0] ?? '';
  const prefix = fill(before, { number: entry.data.number }).replace(/[\s:,.–-]+$/, '');
  return prefix && title.toLowerCase().startsWith(prefix.toLowerCase())
    ? title
    : fill(name, { number: entry.data.number, title });
}
