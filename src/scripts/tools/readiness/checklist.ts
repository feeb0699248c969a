// zod/mini: the same rules as classic zod at a fraction of the page weight (see storage.ts).
import { z } from 'zod/mini';
import type { ReadinessToolWords } from '../../../schemas/tools.ts';

// The readiness checklist's saved answers and the pure rules that summarise them.

export const READINESS_TOOL = { key: 'readiness', version: 1 } as const;

/**
 * Each answer's value and which of the checklist's words (content/tools/readiness.yml) names it,
 * defined once for the radios, summary and print.
 */
export const ANSWERS = [
  { value: 'ready', word: 'ready' },
  { value: 'partly', word: 'partly' },
  { value: 'not-yet', word: 'notYet' },
] as const;
export type AnswerValue = (typeof ANSWERS)[number]['value'];
export const answerLabel = (
  value: AnswerValue | null,
  words: Pick<ReadinessToolWords, 'ready' | 'partly' | 'notYet' | 'notAnswered'>,
) => {
  const answer = ANSWERS.find((item) => item.value === value);
  return answer ? words[answer.word] : words.notAnswered;
};

const answerValues = ANSWERS.map((answer) => answer.value) as [AnswerValue, ...AnswerValue[]];

export const questionAnswerSchema = z.object({
  answer: z.nullable(z.enum(answerValues)),
  notes: z.string().check(z.maxLength(20_000)),
});
export type QuestionAnswer = z.infer<typeof questionAnswerSchema>;

/** Answers by question id (the content file name), so reordering questions keeps answers in place. */
export const readinessAnswersSchema = z.object({ answers: z.record(z.string(), questionAnswerSchema) });
export type ReadinessAnswers = z.infer<typeof readinessAnswersSchema>;

export const emptyReadinessAnswers = (): ReadinessAnswers => ({ answers: {} });

export const blankAnswer = (): QuestionAnswer => ({ answer: null, notes: '' });

/** What the summary needs to know about each question. */
export interface QuestionInfo {
  id: string;
  number: number;
  question: string;
  helpLabel: string;
  helpHref: string;
}

export interface ReadinessSummary {
  answered: number;
  total: number;
  /** Questions answered “Not ready yet”, then “Partly ready”, each in question order. */
  needsWork: (QuestionInfo & { answer: 'partly' | 'not-yet' })[];
  allReady: boolean;
}

export function summarise(questions: QuestionInfo[], saved: ReadinessAnswers): ReadinessSummary {
  const answerOf = (id: string) => saved.answers[id]?.answer ?? null;
  const inOrder = [...questions].sort((a, b) => a.number - b.number);
  const withAnswer = (wanted: 'partly' | 'not-yet') =>
    inOrder.filter((question) => answerOf(question.id) === wanted).map((question) => ({ ...question, answer: wanted }));
  const answered = inOrder.filter((question) => answerOf(question.id) !== null).length;
  return {
    answered,
    total: inOrder.length,
    needsWork: [...withAnswer('not-yet'), ...withAnswer('partly')],
    allReady: inOrder.length > 0 && inOrder.every((question) => answerOf(question.id) === 'ready'),
  };
}

/** True when nothing has been entered, so “Clear all answers” has nothing to do. */
export const isEmpty = (saved: ReadinessAnswers) =>
  Object.values(saved.answers).every((entry) => entry.answer === null && entry.notes.trim() === '');
