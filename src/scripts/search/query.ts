// The search page's state lives in its address (/search/?q=...&section=...), so a search can be
// bookmarked, shared, and reached from the plain form in every page's header.
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

const plural = (count: number) => (count === 1 ? '1 result' : `${count} results`);
const inSections = (sections: readonly string[]) =>
  sections.length === 0
    ? ''
    : ` in ${sections.length === 1 ? sections[0] : `${sections.slice(0, -1).join(', ')} and ${sections.at(-1)}`}`;

/** What the results count region announces after each search. */
export function resultsMessage(state: SearchState, count: number, countInEverySection: number): string {
  const about = `for ‘${state.query}’${inSections(state.sections)}`;
  if (count > 0) return `${plural(count)} ${about}`;
  if (countInEverySection > 0) {
    return `No results ${about}. There ${countInEverySection === 1 ? 'is' : 'are'} ${plural(countInEverySection)} in other sections: clear the section filters to see ${countInEverySection === 1 ? 'it' : 'them'}.`;
  }
  return `No results ${about}. Check the spelling or try fewer or different words. Every page is listed below.`;
}
