import { z } from 'zod';
import type { AskedQuestion, FormId } from '../../functions/forms/types.ts';
import { requiredText, textList } from './shared.ts';
import { wordsWith } from './words.ts';

// The words of the forms. Each form's file (content/forms/<form id>.yml) holds the words around it and,
// under `questions`, each question's label, hint and error messages by field name. Which questions a form
// asks and which messages each rule needs come from the form definitions (functions/forms/), so a file
// missing a word, or with a word the form no longer uses, fails the build with one sentence naming it.

/** What each error message is for, as the build's errors and the CMS's labels name it. */
export const ERROR_PURPOSES: Record<string, string> = {
  empty: 'the message when it is left empty',
  tooLong: 'the message when it is too long',
  notText: 'the message when it is not text',
  address: 'the message when it contains a web or email address',
  characters: 'the message when it contains characters a name cannot have',
  markup: 'the message when it contains < or >',
  missing: 'the message when “another” is chosen but this is left empty',
  format: 'the message when it is not an email address',
  choose: 'the message when nothing is chosen',
  tick: 'the message when the box is not ticked',
  unknown: 'the message when a choice is not on the list',
  incomplete: 'the message when part of the date is missing',
  year: 'the message when the year does not have 4 numbers',
  real: 'the message when it is not a real date',
  notWhole: 'the message when it is not a whole number',
  range: 'the message when the number is too small or too large',
  notOwn: 'the message when it is the sender’s own email address',
  notCoachee: 'the message when it is the same as the coachee’s',
  notAfter: 'the message when it is not after the date of the agreement',
  notSigner: 'the message when the name is not the one given above',
};

/** The placeholders a message fills in: the limits stay in code and reach the words through these. */
export const ERROR_PLACEHOLDERS: Record<string, readonly string[]> = {
  tooLong: ['max'],
  range: ['min', 'max'],
  incomplete: ['missing'],
};

const purpose = (key: string) => {
  const found = ERROR_PURPOSES[key];
  if (!found) throw new Error(`Say what the error message “${key}” is for in ERROR_PURPOSES (src/schemas/forms.ts)`);
  return found;
};

/** Text an editor may leave out or empty (a hint): empty reads as none. */
const optionalText = z.string({ error: 'Enter text' }).trim().optional();

function questionWordsSchema(asked: AskedQuestion) {
  const of = `for the question “${asked.name}”`;
  const errors = [...asked.question.errors, ...(asked.moreErrors ?? [])];
  const shape: Record<string, z.ZodType> = {
    label: requiredText(`the words of the question “${asked.name}”`),
    hint: optionalText,
    confirmLabel: optionalText,
  };
  if (asked.question.optionKeys) {
    shape.options = z.object(
      Object.fromEntries(
        asked.question.optionKeys.map(({ key }) => [key, requiredText(`the words of the choice “${key}” ${of}`)]),
      ),
      { error: `Add the words of each choice ${of}` },
    );
  }
  if (errors.length > 0) {
    shape.errors = z.object(
      Object.fromEntries(
        errors.map((key) => {
          const what = `${purpose(key)} ${of}`;
          const names = ERROR_PLACEHOLDERS[key];
          return [key, names ? wordsWith(what, names) : requiredText(what)];
        }),
      ),
      { error: `Add the error messages ${of}` },
    );
  }
  return z.object(shape, { error: `Add the words of the question “${asked.name}”` });
}

/** What every form's file has, whatever it asks. */
const aroundTheForm = {
  title: requiredText('the form title', { max: 80 }),
  intro: requiredText('an introduction to the form'),
  beforeYouStart: textList('things to have ready before starting', { min: 0 }).default([]),
  whatHappensNext: textList('steps that happen after sending'),
  sendHeading: requiredText('the heading above the declaration and the Send button'),
};

/** Words one form's page adds around the form (the coach form shows the coaching principles). */
const pageWords: Partial<Record<FormId, Record<string, z.ZodType>>> = {
  'coach-eoi': {
    principlesHeading: requiredText('the heading above the coaching principles'),
    principlesIntro: wordsWith('the sentence introducing the coaching principles', ['link']),
    principlesLink: requiredText('the words of the link to the coaching principles page'),
  },
};

/** The schema of one form's file, from the form's own list of questions. */
export function formTextSchema(form: { id: FormId; questions: readonly AskedQuestion[] }) {
  const sections = [...new Set(form.questions.map((asked) => asked.section))];
  return z.object({
    ...aroundTheForm,
    ...pageWords[form.id],
    sections: z.object(
      Object.fromEntries(sections.map((key) => [key, requiredText(`the heading of the section “${key}”`)])),
      { error: 'Add the section headings' },
    ),
    questions: z.object(Object.fromEntries(form.questions.map((asked) => [asked.name, questionWordsSchema(asked)])), {
      error: 'Add the words of the questions',
    }),
  });
}

/** The words every form shares (content/settings/form-words.yml). */
export const formWordsSchema = z.object({
  beforeYouStart: requiredText('the heading above what to have ready'),
  checkTitle: requiredText('the heading of the check-your-answers step'),
  declaration: requiredText('the declaration above the Send button'),
  send: requiredText('the words of the Send button', { max: 30 }),
  optional: requiredText('the mark after an optional question, like (optional)'),
  errorPrefix: requiredText('the word read out before an error message, like Error:'),
  errorSummaryTitle: requiredText('the heading of the list of problems'),
  chooseOne: requiredText('the first line of a drop-down list, like Choose one'),
  anotherOrganisation: requiredText('the choice for an organisation not on the list'),
  answerYes: requiredText('the Yes choice'),
  answerNo: requiredText('the No choice'),
  notGiven: requiredText('what an unanswered optional question reads as'),
  ticked: requiredText('what a ticked box reads as in the answers'),
  honeypot: requiredText('the label of the hidden box people are asked to leave empty'),
  day: requiredText('the label of the day box'),
  month: requiredText('the label of the month box'),
  year: requiredText('the label of the year box'),
  phoneFormat: requiredText('the message when a telephone number is not one'),
});
export type FormWords = z.infer<typeof formWordsSchema>;

/** The words of one form's file, whichever form: questions by field name. */
export interface FormText {
  title: string;
  intro: string;
  beforeYouStart: string[];
  whatHappensNext: string[];
  sendHeading: string;
  principlesHeading?: string;
  principlesIntro?: string;
  principlesLink?: string;
  sections: Record<string, string>;
  questions: Record<string, QuestionWords>;
}

export interface QuestionWords {
  label: string;
  hint?: string;
  confirmLabel?: string;
  options?: Record<string, string>;
  errors?: Record<string, string>;
}
