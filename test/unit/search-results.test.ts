import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { excerptParts } from '../../src/scripts/search/excerpt.ts';
import { resultView, type PagefindFragment } from '../../src/scripts/search/results.ts';

// Pagefind's data() for the principles page, answering "chemistry meeting" (recorded from a real build).
const principles = JSON.parse(
  readFileSync(new URL('../fixtures/search/principles-chemistry-meeting.json', import.meta.url), 'utf8'),
) as PagefindFragment;

describe('a search result for "chemistry meeting"', () => {
  const view = resultView(principles);

  it('names the page, links to it and says which section of the site it is in', () => {
    expect(view).toMatchObject({ title: 'Coaching principles', url: '/principles/', section: 'Principles' });
  });

  it('leads with the part of the page about chemistry meetings, linked to its heading', () => {
    expect(view.matches[0]).toMatchObject({ title: 'Chemistry meeting', url: '/principles/#chemistry-meeting' });
    expect(view.matches[0].excerpt.filter((part) => part.marked).map((part) => part.text.toLowerCase())).toContain(
      'chemistry meeting',
    );
  });

  it('offers at most three matching parts of the page, best first', () => {
    expect(view.matches.map((match) => match.url)).toEqual([
      '/principles/#chemistry-meeting',
      '/principles/#the-first-coaching-meeting',
      '/principles/#the-coachee',
    ]);
  });

  it('shows the excerpts under the headings rather than a page-wide one', () => {
    expect(view.excerpt).toEqual([]);
  });
});

describe('a page where no heading matches', () => {
  const page: PagefindFragment = {
    url: '/about/',
    excerpt: 'The scheme is run by <mark>workforce</mark> development teams.',
    meta: { title: 'About the scheme' },
    filters: { section: ['About'] },
    sub_results: [
      {
        title: 'About the scheme',
        url: '/about/',
        excerpt: 'The scheme is run by <mark>workforce</mark> development teams.',
        weighted_locations: [{ weight: 1, balanced_score: 300, location: 5 }],
      },
    ],
  };

  it('shows the page excerpt, and no separate link for the text above its first heading', () => {
    const view = resultView(page);
    expect(view.matches).toEqual([]);
    expect(view.excerpt).toEqual([
      { text: 'The scheme is run by ', marked: false },
      { text: 'workforce', marked: true },
      { text: ' development teams.', marked: false },
    ]);
  });
});

describe('excerpts', () => {
  it('become text and highlights only: markup in the page text stays text', () => {
    expect(excerptParts('see &lt;script&gt;alert(1)&lt;/script&gt; and <mark>R&amp;D</mark>')).toEqual([
      { text: 'see <script>alert(1)</script> and ', marked: false },
      { text: 'R&amp;D', marked: true },
    ]);
  });

  it('join neighbouring highlighted words into one phrase', () => {
    expect(excerptParts('The <mark>chemistry</mark> <mark>meeting</mark> comes first')).toEqual([
      { text: 'The ', marked: false },
      { text: 'chemistry meeting', marked: true },
      { text: ' comes first', marked: false },
    ]);
  });

  it('treat any other tag as plain text', () => {
    expect(excerptParts('<img src=x onerror=alert(1)> <mark>x</mark>')).toEqual([
      { text: '<img src=x onerror=alert(1)> ', marked: false },
      { text: 'x', marked: true },
    ]);
  });
});
