import { describe, expect, it } from 'vitest';
import { byNumber, contentsFrom, formatDate, neighbours, numberedTitle } from '../../src/layouts/reading.ts';

const phases = [
  { id: 'concluding', data: { number: 5, title: 'Concluding' } },
  { id: 'setting-the-scene', data: { number: 1, title: 'Setting the scene' } },
  { id: 'intervening', data: { number: 3, title: 'Intervening' } },
  { id: 'centering', data: { number: 2, title: 'Centering and implementing' } },
  { id: 'monitoring', data: { number: 4, title: 'Monitoring' } },
];

describe('a reader moving through the protocol', () => {
  it('sees the phases in the order editors numbered them, whatever the file names', () => {
    expect(byNumber(phases).map((phase) => phase.data.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('is offered the phase before and after the one they are reading', () => {
    expect(neighbours(phases, 'intervening', 'Phase {number}: {title}', '/protocol/')).toEqual({
      previous: { href: '/protocol/centering/', label: 'Phase 2: Centering and implementing' },
      next: { href: '/protocol/monitoring/', label: 'Phase 4: Monitoring' },
    });
  });

  it('has no previous link on the first phase and no next link on the last', () => {
    expect(neighbours(phases, 'setting-the-scene', 'Phase {number}: {title}', '/protocol/').previous).toBeUndefined();
    expect(neighbours(phases, 'concluding', 'Phase {number}: {title}', '/protocol/').next).toBeUndefined();
  });

  it('gets no links for a page that is not in the sequence', () => {
    expect(neighbours(phases, 'planner', 'Phase {number}: {title}', '/protocol/')).toEqual({});
  });
});

describe('numbered titles', () => {
  it('put the number before the title, in the words content gives', () => {
    expect(
      numberedTitle('Step {number}: {title}', { id: 'x', data: { number: 3, title: 'Choose your coaches' } }),
    ).toBe('Step 3: Choose your coaches');
    expect(
      numberedTitle('{title} (step {number})', { id: 'x', data: { number: 3, title: 'Choose your coaches' } }),
    ).toBe('Choose your coaches (step 3)');
  });

  it('do not repeat a number the editor already wrote', () => {
    expect(
      numberedTitle('Step {number}: {title}', { id: 'x', data: { number: 3, title: 'Step 3: Choose your coaches' } }),
    ).toBe('Step 3: Choose your coaches');
  });
});

describe('"on this page" contents', () => {
  const h = (depth: number, text: string) => ({ depth, text, slug: text.toLowerCase().replace(/\s+/g, '-') });

  it('lists the main sections of a long page, leaving out subsections', () => {
    const headings = [
      h(2, 'What coaching is'),
      h(3, 'Coaching and mentoring'),
      h(2, 'Who can coach'),
      h(2, 'Ending early'),
    ];
    expect(contentsFrom(headings).map((heading) => heading.text)).toEqual([
      'What coaching is',
      'Who can coach',
      'Ending early',
    ]);
  });

  it('is left out on a short page with fewer than three sections', () => {
    expect(contentsFrom([h(2, 'One'), h(3, 'One a'), h(3, 'One b'), h(2, 'Two')])).toEqual([]);
  });
});

describe('"last updated" dates', () => {
  it('read as a British date and keep the day the editor typed, in any time zone', () => {
    expect(formatDate(new Date('2026-03-12'))).toEqual({ text: '12 March 2026', iso: '2026-03-12' });
    expect(formatDate(new Date('2026-01-01'))).toEqual({ text: '1 January 2026', iso: '2026-01-01' });
  });
});
