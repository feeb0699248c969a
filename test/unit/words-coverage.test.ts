import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpus, markdownBlocks, normalise } from '../../scripts/words/corpus.ts';
import { groupOf, summarise, verdict, wordCount } from '../../scripts/words/coverage.ts';
import { fill, templateParts } from '../../src/lib/words.ts';
import { siteChromeSchema } from '../../src/schemas/pages.ts';
import { wordsWith } from '../../src/schemas/words.ts';

// The rules behind the words coverage test (test/browser/words-coverage.test.ts): what counts as a
// piece of content, what a filled-in template looks like, and what the program may say on its own.

describe('pieces of content', () => {
  const corpus = buildCorpus([
    'Read the [coaching principles](/principles/) **before** you start.',
    'Email coaching@example.org with questions.',
    'Last updated {date}',
    'Phase {number}: {title}',
    'Setting the scene',
  ]);

  it('are what a browser shows as one text node: Markdown links, emphasis and bare addresses cut them', () => {
    for (const piece of [
      'Read the',
      'coaching principles',
      'before',
      'you start.',
      'Email',
      'coaching@example.org',
      'with questions.',
    ]) {
      expect(verdict(piece, corpus)).toBe('content');
    }
  });

  it('ignore typographic quotes and dashes, and runs of spaces', () => {
    expect(normalise('The coach’s  “own”\n words – here…')).toBe('The coach\'s "own" words - here...');
  });

  it('include a template filled in with content words or generated values, but not with made-up words', () => {
    expect(verdict('Phase 1: Setting the scene', corpus)).toBe('content');
    expect(verdict('Phase 1: Setting the stage', corpus)).toBeUndefined();
    expect(verdict('Last updated 26 November 2026', corpus)).toBe('content');
    expect(verdict('Last updated recently', corpus)).toBeUndefined();
  });

  it('do not include part of a sentence, or a sentence that only uses content words', () => {
    expect(verdict('Read the coaching', corpus)).toBeUndefined();
    expect(verdict('Read the principles', corpus)).toBeUndefined();
  });

  it('leave out what the program makes and what the person typed, from the totals too', () => {
    for (const generated of [
      'APP-7KQ3-M9TX',
      '26 November 2026',
      '2026-11-26',
      '14',
      'https://coaching.example.org/confirm/abc/',
    ]) {
      expect(verdict(generated, corpus)).toBe('generated');
    }
    expect(verdict('Jordan Lee', corpus, new Set(['Jordan Lee']))).toBe('generated');
    const [chrome] = summarise(
      [
        { text: 'Read the', group: 'chrome', page: '/', where: '/' },
        { text: 'APP-7KQ3-M9TX', group: 'chrome', page: '/', where: '/' },
        { text: 'Hard-coded words here', group: 'chrome', page: '/about/', where: '/about/ [title]' },
      ],
      corpus,
      new Set(),
    );
    expect(chrome).toMatchObject({
      words: 5,
      coveredWords: 2,
      sources: 2,
      uncovered: [{ text: 'Hard-coded words here', where: ['/about/ [title]'] }],
    });
    expect(chrome!.percent).toBe(40);
  });

  it('come from MDX bodies block by block: headings, list items, table cells, callout titles', () => {
    expect(
      markdownBlocks(
        '## Who can coach\n\n- Any *trained*\n  member of staff\n\n| Role | Does |\n|---|---|\n| Coach | Listens |\n\n<Callout title="Note">\nText\n</Callout>',
      ),
    ).toEqual([
      'Who can coach',
      'Any *trained* member of staff',
      ' Role ',
      ' Does ',
      ' Coach ',
      ' Listens ',
      'Note',
      'Text',
    ]);
    expect(wordCount("A coach's own 0 to 10 scale")).toBe(5);
  });
});

describe('page groups', () => {
  const content = path.resolve('content');
  it('place every kind of page, and leave out the CMS', () => {
    expect(groupOf('/', content)).toBe('home');
    expect(groupOf('/404.html', content)).toBe('not-found');
    expect(groupOf('/planning/', content)).toBe('landings');
    expect(groupOf('/planning/identify-the-vision/', content)).toBe('guidance');
    expect(groupOf('/planning/planner/', content)).toBe('tools');
    expect(groupOf('/become-a-coach/sent/', content)).toBe('sent-confirm');
    expect(groupOf('/admin/', content)).toBe('excluded');
    expect(groupOf('/somewhere-new/', content)).toBeUndefined();
  });
});

describe('words with placeholders', () => {
  it('are filled in once, so a value that looks like a placeholder stays as typed', () => {
    expect(fill('No results {where}.', { where: 'for ‘{count}’' })).toBe('No results for ‘{count}’.');
    expect(templateParts('Email {contactEmail}.')).toEqual([
      { text: 'Email ' },
      { name: 'contactEmail' },
      { text: '.' },
    ]);
  });

  it('must keep their placeholders, spelt right: the build and the CMS refuse a typo in one sentence', () => {
    const lastUpdated = wordsWith('the “Last updated” line', ['date']);
    expect(lastUpdated.safeParse('Updated on {date}').success).toBe(true);
    const problems = ['Last updated {dat}', 'Last updated', 'Last updated {date} {{date}}'].map((value) =>
      lastUpdated.safeParse(value).error?.issues.map((issue) => issue.message),
    );
    expect(problems).toEqual(
      Array(3).fill([
        'Keep {date} in the “Last updated” line, and no other curly brackets { }: the site fills them in',
      ]),
    );
    const footer = siteChromeSchema.shape.footerLine;
    expect(footer.safeParse('{schemeName}').success).toBe(true);
    expect(footer.safeParse('{scheme}').error?.issues[0]?.message).toBe(
      'Use only {schemeName} and {tagline} in the footer’s last line, and no other curly brackets { }: the site fills them in',
    );
  });
});
