// Turns Pagefind's result data into what the search page shows: the page, its section, and the
// sections of the page (by heading) that match best, each linking to its heading's anchor.
import { excerptParts, type ExcerptPart } from './excerpt.ts';

/** The parts of Pagefind's `result.data()` this page reads (see Pagefind's JavaScript API). */
export interface PagefindWordLocation {
  weight: number;
  balanced_score: number;
  location: number;
}
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  weighted_locations: PagefindWordLocation[];
  anchor?: { element: string; id: string; text?: string; location: number };
}
export interface PagefindFragment {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
  sub_results: PagefindSubResult[];
}

export interface MatchView {
  title: string;
  url: string;
  excerpt: ExcerptPart[];
}
export interface ResultView {
  title: string;
  url: string;
  section?: string;
  /** Shown when no heading on the page matches, so every result says why it was found. */
  excerpt: ExcerptPart[];
  /** The page's matching sections, best first. */
  matches: MatchView[];
}

const relevance = (sub: PagefindSubResult) =>
  sub.weighted_locations.reduce((sum, word) => sum + word.balanced_score, 0);

export function resultView(fragment: PagefindFragment, maxMatches = 3): ResultView {
  const matches = fragment.sub_results
    // Text before the first heading has no anchor: it is the page itself, already linked by its title.
    .filter((sub) => sub.anchor && sub.url !== fragment.url)
    .map((sub, order) => ({ sub, order, score: relevance(sub) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, maxMatches)
    .map(({ sub }) => ({ title: sub.title, url: sub.url, excerpt: excerptParts(sub.excerpt) }));
  return {
    title: fragment.meta.title ?? fragment.url,
    url: fragment.url,
    section: fragment.filters.section?.[0],
    excerpt: matches.length > 0 ? [] : excerptParts(fragment.excerpt),
    matches,
  };
}
