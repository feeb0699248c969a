// The values BaseLayout's `section` prop gives pages, in the order the search filters offer them.
export const SEARCH_SECTIONS = ['Principles', 'Protocol', 'Planning', 'Forms and tools', 'About'] as const;
export type SearchSection = (typeof SEARCH_SECTIONS)[number];

export function isSearchSection(value: string): value is SearchSection {
  return (SEARCH_SECTIONS as readonly string[]).includes(value);
}
