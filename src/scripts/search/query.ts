// The search page's state lives in its address (/search/?q=...&section=...), so a search can be
// bookmarked, shared, and reached from the plain form in every page's header.
import { fill } from '../../lib/words.ts';
import { isSearchSection, SEARCH_SECTIONS, type SearchSection } from './sections.ts';

export interface SearchState {
  query: string;
  sections: SearchSection[];
}

export function stateFromParams(params: URLSearchParams): SearchState {
  const chosen = new Set(params.getAll('section').filter(isSearchSection));
  return { query: (params.get('q') ?? '').trim(), sections: SEARCH_SECTIONS.filter((s) => chosen.has(s)) };
}

export function searchHref(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const section of state.sections) params.append('section', section);
  const search = params.toString();
  return search ? `/search/?${search}` : '/search/';
}

/** Pagefind's filter for the chosen sections; no section chosen means every section. */
export function pagefindFilters(state: SearchState): { section: { any: SearchSection[] } } | undefined {
  return state.sections.length > 0 ? { section: { any: state.sections } } : undefined;
}

/** The words of the results messages (content/pages/search.yml), with the labels of the sections. */
export interface ResultWords {
  for: string;
  forInSections: string;
  /** "{list} and {last}": how two or more chosen sections are listed. */
  list: string;
  foundOne: string;
  foundMany: string;
  elsewhereOne: string;
  elsewhereMany: string;
  none: string;
  sectionLabels: Partial<Record<SearchSection, string>>;
}

const listed = (items: string[], template: string) =>
  items.length === 1 ? items[0]! : fill(template, { list: items.slice(0, -1).join(', '), last: items.at(-1)! });

/** What the results count region announces after each search. */
export function resultsMessage(
  state: SearchState,
  count: number,
  countInEverySection: number,
  words: ResultWords,
): string {
  const sections = state.sections.map((section) => words.sectionLabels[section] ?? section);
  const where =
    sections.length === 0
      ? fill(words.for, { query: state.query })
      : fill(words.forInSections, { query: state.query, sections: listed(sections, words.list) });
  if (count > 0) return fill(count === 1 ? words.foundOne : words.foundMany, { count, where });
  if (countInEverySection > 0) {
    return fill(countInEverySection === 1 ? words.elsewhereOne : words.elsewhereMany, {
      count: countInEverySection,
      where,
    });
  }
  return fill(words.none, { where });
}
