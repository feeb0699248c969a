import { describe, expect, it } from 'vitest';
import {
  isEmpty,
  readinessAnswersSchema,
  summarise,
  type QuestionInfo,
} from '../../src/scripts/tools/readiness/checklist.ts';
import { fileNameFrom } from '../../src/scripts/tools/file-io.ts';

const question = (id: string, number: number): QuestionInfo => ({
  id,
  number,
  question: `Question ${number}?`,
  helpLabel: `Help ${number}`,
  helpHref: `/help-${number}/`,
});
const QUESTIONS = [question('c', 3), question('a', 1), question('b', 2)];

describe('the readiness summary', () => {
  it('lists what is not ready yet, then what is partly ready, in question order', () => {
    const summary = summarise(QUESTIONS, {
      answers: {
        a: { answer: 'partly', notes: '' },
        b: { answer: 'not-yet', notes: '' },
        c: { answer: 'partly', notes: 'x' },
      },
    });
    expect(summary.answered).toBe(3);
    expect(summary.total).toBe(3);
    expect(summary.allReady).toBe(false);
    expect(summary.needsWork.map((q) => [q.id, q.answer, q.helpHref])).toEqual([
      ['b', 'not-yet', '/help-2/'],
      ['a', 'partly', '/help-1/'],
      ['c', 'partly', '/help-3/'],
    ]);
  });

  it('says when every question is ready, and ignores answers to questions that no longer exist', () => {
    const ready = { answer: 'ready' as const, notes: '' };
    expect(
      summarise(QUESTIONS, { answers: { a: ready, b: ready, c: ready, gone: { answer: 'not-yet', notes: '' } } }),
    ).toMatchObject({
      answered: 3,
      allReady: true,
      needsWork: [],
    });
    expect(summarise(QUESTIONS, { answers: { a: ready } })).toMatchObject({ answered: 1, allReady: false });
  });

  it('knows when nothing has been entered', () => {
    expect(isEmpty({ answers: {} })).toBe(true);
    expect(isEmpty({ answers: { a: { answer: null, notes: '  ' } } })).toBe(true);
    expect(isEmpty({ answers: { a: { answer: null, notes: 'Ask HR' } } })).toBe(false);
  });

  it('accepts only the three answers', () => {
    expect(readinessAnswersSchema.safeParse({ answers: { a: { answer: 'maybe', notes: '' } } }).success).toBe(false);
    expect(readinessAnswersSchema.safeParse({ answers: { a: { answer: null, notes: '' } } }).success).toBe(true);
  });
});

describe('file names for exports', () => {
  it('are made from what was typed, safely', () => {
    expect(fileNameFrom(['Our coaching plan', 'Eastmere County Council', '2026-03-04'], 'json')).toBe(
      'our-coaching-plan-eastmere-county-council-2026-03-04.json',
    );
    expect(fileNameFrom(['Café / “plan”?'], 'doc')).toBe('cafe-plan.doc');
    expect(fileNameFrom(['***'], 'json')).toBe('export.json');
  });
});
