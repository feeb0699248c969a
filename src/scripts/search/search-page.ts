// Runs searches on /search/ with Pagefind's JavaScript API and draws the results with plain DOM calls.
// Only this page loads it, and Pagefind itself is fetched only when there is something to search for.
import type { ExcerptPart } from './excerpt.ts';
import { fill } from '../../lib/words.ts';
import {
  pagefindFilters,
  resultsMessage,
  searchHref,
  stateFromParams,
  type ResultWords,
  type SearchState,
} from './query.ts';
import { resultView, type PagefindFragment, type ResultView } from './results.ts';
import { isSearchSection } from './sections.ts';

interface PagefindResponse {
  results: { id: string; data: () => Promise<PagefindFragment> }[];
  unfilteredResultCount: number;
}
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  search(query: string, options?: { filters?: object }): Promise<PagefindResponse | null>;
}

/** Results drawn at a time: each one costs a small download, so the rest wait for "Show more results". */
const PAGE_SIZE = 10;
/** A variable, so the bundler leaves this run-time address alone. */
const PAGEFIND_URL = '/pagefind/pagefind.js';

const form = document.getElementById('search-form') as HTMLFormElement;
const input = document.getElementById('search-query') as HTMLInputElement;
const filters = document.getElementById('search-filters') as HTMLFieldSetElement;
const checkboxes = [...filters.querySelectorAll<HTMLInputElement>('input[name="section"]')];
const status = document.getElementById('search-status') as HTMLElement;
const list = document.getElementById('search-results') as HTMLOListElement;
const more = document.getElementById('search-more') as HTMLButtonElement;
const unavailable = document.getElementById('search-unavailable') as HTMLElement;
const contents = document.getElementById('site-contents');

// The words come with the page, from content/pages/search.yml; a section's label is its checkbox's.
const sectionLabel = (value: string) =>
  checkboxes.find((box) => box.value === value)?.labels?.[0]?.textContent?.trim() ?? value;
const text = status.dataset;
const words: ResultWords = {
  for: text.textFor ?? '',
  forInSections: text.textForInSections ?? '',
  list: text.textList ?? '',
  foundOne: text.textFoundOne ?? '',
  foundMany: text.textFoundMany ?? '',
  elsewhereOne: text.textElsewhereOne ?? '',
  elsewhereMany: text.textElsewhereMany ?? '',
  none: text.textNone ?? '',
  sectionLabels: Object.fromEntries(checkboxes.map((box) => [box.value, sectionLabel(box.value)])),
};

let pagefind: Promise<PagefindApi> | undefined;
function loadPagefind(): Promise<PagefindApi> {
  pagefind ??= import(/* @vite-ignore */ PAGEFIND_URL).then(async (api: PagefindApi) => {
    await api.options({
      // Our index is small: the main thread searches it at once, and skipping Pagefind's worker saves a download.
      noWorker: true,
      excerptLength: 24,
      // Long guidance pages (the principles) should not lose to short ones that mention a term in passing.
      ranking: { pageLength: 0.3 },
    });
    return api;
  });
  return pagefind;
}

function stateFromForm(): SearchState {
  const params = new URLSearchParams();
  params.set('q', input.value);
  for (const box of checkboxes) if (box.checked) params.append('section', box.value);
  return stateFromParams(params);
}

function showState(state: SearchState) {
  input.value = state.query;
  for (const box of checkboxes) box.checked = isSearchSection(box.value) && state.sections.includes(box.value);
}

function excerptElement(parts: ExcerptPart[]): HTMLParagraphElement {
  const paragraph = document.createElement('p');
  paragraph.className = 'search-result__excerpt';
  for (const part of parts) {
    if (part.marked) paragraph.append(Object.assign(document.createElement('mark'), { textContent: part.text }));
    else paragraph.append(part.text);
  }
  return paragraph;
}

function headingLink(level: 'h2' | 'h3', text: string, href: string): HTMLHeadingElement {
  const heading = document.createElement(level);
  heading.append(Object.assign(document.createElement('a'), { href, textContent: text }));
  return heading;
}

function resultElement(view: ResultView): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  item.append(headingLink('h2', view.title, view.url));
  if (view.section) {
    item.append(
      Object.assign(document.createElement('p'), {
        className: 'search-result__section',
        textContent: sectionLabel(view.section),
      }),
    );
  }
  if (view.excerpt.length > 0) item.append(excerptElement(view.excerpt));
  if (view.matches.length > 0) {
    const matches = document.createElement('ul');
    matches.className = 'search-result__matches';
    matches.setAttribute('aria-label', fill(list.dataset.textMatchingSections ?? '', { title: view.title }));
    for (const match of view.matches) {
      const entry = document.createElement('li');
      entry.append(headingLink('h3', match.title, match.url), excerptElement(match.excerpt));
      matches.append(entry);
    }
    item.append(matches);
  }
  return item;
}

let latestSearch = 0;
let remaining: PagefindResponse['results'] = [];

async function showMore(searchNumber: number): Promise<HTMLLIElement[]> {
  const batch = remaining.slice(0, PAGE_SIZE);
  remaining = remaining.slice(PAGE_SIZE);
  const fragments = await Promise.all(batch.map((result) => result.data()));
  if (searchNumber !== latestSearch) return [];
  const items = fragments.map((fragment) => resultElement(resultView(fragment)));
  list.append(...items);
  more.hidden = remaining.length === 0;
  return items;
}

async function run(state: SearchState) {
  const searchNumber = ++latestSearch;
  list.replaceChildren();
  more.hidden = true;
  remaining = [];
  if (!state.query) {
    status.textContent = '';
    if (contents) contents.hidden = false;
    return;
  }
  list.setAttribute('aria-busy', 'true');
  try {
    const api = await loadPagefind();
    const response = await api.search(state.query, { filters: pagefindFilters(state) });
    // A newer search started while this one ran (Pagefind answers null for a superseded search too).
    if (searchNumber !== latestSearch || !response) return;
    remaining = response.results;
    const count = response.results.length;
    await showMore(searchNumber);
    if (searchNumber !== latestSearch) return;
    status.textContent = resultsMessage(state, count, response.unfilteredResultCount, words);
    if (contents) contents.hidden = count > 0;
  } catch (error) {
    console.warn('Search failed:', error);
    unavailable.hidden = false;
    filters.hidden = true;
    if (contents) contents.hidden = false;
  } finally {
    if (searchNumber === latestSearch) list.removeAttribute('aria-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const state = stateFromForm();
  history.pushState(null, '', searchHref(state));
  void run(state);
});

for (const box of checkboxes) {
  box.addEventListener('change', () => {
    const state = stateFromForm();
    history.replaceState(null, '', searchHref(state));
    void run(state);
  });
}

more.addEventListener('click', async () => {
  const added = await showMore(latestSearch);
  // Keyboard and screen-reader users carry on from the first new result, not from the top.
  added[0]?.querySelector('a')?.focus();
});

window.addEventListener('popstate', () => {
  const state = stateFromParams(new URLSearchParams(location.search));
  showState(state);
  void run(state);
});

filters.hidden = false;
const initial = stateFromParams(new URLSearchParams(location.search));
showState(initial);
void run(initial);
