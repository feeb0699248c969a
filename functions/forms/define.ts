import type { z } from 'zod/mini';
import { rowsFromFields } from './answers.ts';
import type { AskedQuestion, ErrorWords, Field, FormContent, FormDefinition, Question } from './types.ts';

// A form from its questions in order: the page's fields join each question's words (the form's content
// file, by field name) with its kind, and the schema joins the same words with each question's rule.

type Shape<Q extends readonly AskedQuestion[]> = { [A in Q[number] as A['name']]: ReturnType<A['question']['rule']> };

/** The question's words in this form's content file; the content schema makes sure they are there. */
export function wordsOf(content: FormContent, name: string) {
  const words = content.text.questions[name];
  if (!words) throw new Error(`The words of the question “${name}” are missing from the form's content file`);
  return words;
}

export const errorsOf = (content: FormContent, name: string): ErrorWords => wordsOf(content, name).errors ?? {};

function fieldOf(asked: AskedQuestion, content: FormContent): Field {
  const { question } = asked;
  const words = wordsOf(content, asked.name);
  const options =
    question.options?.(content) ??
    question.optionKeys?.map(({ value, key }) => ({ value, label: words.options?.[key] ?? key }));
  const field: Field = {
    name: asked.name,
    kind: question.kind,
    label: words.label,
    section: content.text.sections[asked.section],
    words: content.words,
  };
  if (words.hint) field.hint = words.hint;
  if (words.confirmLabel) field.confirmLabel = words.confirmLabel;
  if (question.optional) field.optional = true;
  if (question.autocomplete) field.autocomplete = question.autocomplete;
  if (question.width) field.width = question.width;
  if (options) field.options = options;
  if (asked.showWhen) field.showWhen = asked.showWhen;
  return { ...field, ...asked.extra?.(content) };
}

export const ask = <const N extends string, Q extends Question>(
  name: N,
  question: Q,
  section: string,
  more: Omit<AskedQuestion, 'name' | 'question' | 'section'> = {},
): AskedQuestion<N, Q> => ({ name, question, section, ...more });

interface FormSpec<Q extends readonly AskedQuestion[], S extends z.ZodMiniType>
  extends Omit<FormDefinition<S>, 'questions' | 'fields' | 'schema' | 'answerRows'> {
  questions: Q;
  /** The whole form's schema from its questions' rules: `z.object(shape)` with the rules across questions. */
  schema: (shape: Shape<Q>, content: FormContent) => S;
}

export function defineForm<const Q extends readonly AskedQuestion[], S extends z.ZodMiniType>(
  spec: FormSpec<Q, S>,
): FormDefinition<S> {
  const { questions, schema: withChecks, ...rest } = spec;
  const fields = (content: FormContent) => questions.map((asked) => fieldOf(asked, content));
  const schema = (content: FormContent) => {
    const shape = Object.fromEntries(
      questions.map((asked) => [asked.name, asked.question.rule(errorsOf(content, asked.name), content)]),
    ) as Shape<Q>;
    return withChecks(shape, content);
  };
  return {
    ...rest,
    questions,
    fields,
    schema,
    answerRows: (data, content) => rowsFromFields(fields(content), data as Record<string, unknown>),
  };
}
