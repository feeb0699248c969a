import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  pagefindFilters,
  resultsMessage,
  searchHref,
  stateFromParams,
  type ResultWords,
} from '../../src/scripts/search/query.ts';

const from = (search: string) => stateFromParams(new URLSearchParams(search));

// The words the search page hands its script, as content/pages/search.yml has them.
const page = parse(readFileSync('content/pages/search.yml', 'utf8'));
const words: ResultWords = {
  for: page.resultsFor,
  forInSections: page.resultsForInSections,
  list: page.sectionsList,
  foundOne: page.foundOne,
  foundMany: page.foundMany,
  elsewhereOne: page.elsewhereOne,
  elsewhereMany: page.elsewhereMany,
  none: page.none,
  sectionLabels: {
    Principles: page.sectionPrinciples,
    Protocol: page.sectionProtocol,
    Planning: page.sectionPlanning,
    'Forms and tools': page.sectionFormsAndTools,
    About: page.sectionAbout,
  },
};

describe('the search address', () => {
  it('carries what the header search box sends', () => {
    expect(from('q=+chemistry+meeting+')).toEqual({ query: 'chemistry meeting', sections: [] });
  });

  it('keeps known sections in the order the filters show them, and drops unknown ones', () => {
    expect(from('q=funding&section=Planning&section=Nonsense&section=Principles').sections).toEqual([
      'Principles',
      'Planning',
    ]);
  });

  it('round-trips through the page address', () => {
    const state = { query: 'Title IV-E', sections: ['Forms and tools' as const] };
    const href = searchHref(state);
    expect(href).toBe('/search/?q=Title+IV-E&section=Forms+and+tools');
    expect(from(href.split('?')[1])).toEqual(state);
    expect(searchHref({ query: '', sections: [] })).toBe('/search/');
  });
});

describe('section filters', () => {
  it('match any chosen section, and choosing none searches everything', () => {
    expect(pagefindFilters(from('q=x&section=Protocol&section=Planning'))).toEqual({
      section: { any: ['Protocol', 'Planning'] },
    });
    expect(pagefindFilters(from('q=x'))).toBeUndefined();
  });
});

describe('the results count people hear', () => {
  it('counts results and repeats the words searched for', () => {
    expect(resultsMessage(from('q=coaching'), 1, 1, words)).toBe('1 result for ‘coaching’');
    expect(resultsMessage(from('q=coaching'), 7, 7, words)).toBe('7 results for ‘coaching’');
  });

  it('names the chosen sections', () => {
    expect(resultsMessage(from('q=coaching&section=Protocol&section=Planning'), 3, 9, words)).toBe(
      '3 results for ‘coaching’ in Protocol and Planning',
    );
    expect(resultsMessage(from('q=coaching&section=Principles&section=Protocol&section=Planning'), 3, 9, words)).toBe(
      '3 results for ‘coaching’ in Principles, Protocol and Planning',
    );
  });

  it('says when the filters hide results that exist elsewhere', () => {
    expect(resultsMessage(from('q=funding&section=Protocol'), 0, 2, words)).toBe(
      'No results for ‘funding’ in Protocol. There are 2 results in other sections: clear the section filters to see them.',
    );
  });

  it('says what to try when nothing matches', () => {
    expect(resultsMessage(from('q=xyzzy'), 0, 0, words)).toBe(
      'No results for ‘xyzzy’. Check the spelling or try fewer or different words. Every page is listed below.',
    );
  });

  it('uses the words editors gave, with sections by their labels, and leaves a typed {placeholder} alone', () => {
    const edited = {
      ...words,
      foundMany: '{count} pages match {where}',
      sectionLabels: { ...words.sectionLabels, Protocol: 'Coaching protocol' },
    };
    expect(resultsMessage(from('q=coaching&section=Protocol&section=Planning'), 3, 9, edited)).toBe(
      '3 pages match for ‘coaching’ in Coaching protocol and Planning',
    );
    expect(resultsMessage(from('q={where}'), 1, 1, words)).toBe('1 result for ‘{where}’');
  });
});
