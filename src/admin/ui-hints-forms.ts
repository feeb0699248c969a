import { forms, type FormId } from '../../functions/forms/index.ts';
import { ERROR_PLACEHOLDERS, ERROR_PURPOSES } from '../schemas/forms.ts';
import type { FieldHint } from './ui-hints.ts';

// The CMS's labels for the forms' words. Each form's questions come from its definition
// (functions/forms/), so a question added in code gets its boxes here without a second list.

const around: Record<string, FieldHint> = {
  title: { label: 'Form title' },
  intro: { label: 'Introduction', hint: 'A short paragraph at the top of the form.', widget: 'text' },
  beforeYouStart: {
    label: 'Before you start',
    hint: 'What people should have ready. Leave empty if there is nothing.',
    itemLabel: 'Thing to have ready',
    itemWidget: 'text',
  },
  whatHappensNext: {
    label: 'What happens next',
    hint: 'The steps after someone sends the form, in order. The confirmation page shows them.',
    itemLabel: 'Step',
    itemWidget: 'text',
  },
  sendHeading: {
    label: 'Heading above Send',
    hint: 'Shown with the declaration when people check their answers, like “Now send your application”.',
  },
  principlesHeading: { label: 'Principles: heading' },
  principlesIntro: {
    label: 'Principles: introduction',
    hint: 'Keep {link}: it becomes the link to the coaching principles page.',
    widget: 'text',
  },
  principlesLink: { label: 'Principles: link words' },
};

/** "lineManagerEmail" → "Line manager email": how a question is named above its boxes. */
const humanise = (name: string) => {
  const words = name.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function errorHint(key: string): FieldHint {
  const names = ERROR_PLACEHOLDERS[key];
  const keep = names
    ? { hint: `Keep ${names.map((name) => `{${name}}`).join(' and ')}: the site fills in the number.` }
    : {};
  return { label: sentence(ERROR_PURPOSES[key] ?? key), ...keep };
}

function formHints(
  id: FormId,
  label: string,
): { label: string; description: string; fields: Record<string, FieldHint> } {
  const { questions } = forms[id];
  const sections = [...new Set(questions.map((asked) => asked.section))];
  return {
    label,
    description:
      'The words of this form: around it, its section headings, and each question with its hint and error messages.',
    fields: {
      ...around,
      sections: {
        label: 'Section headings',
        fields: Object.fromEntries(sections.map((key) => [key, { label: `Section: ${humanise(key)}` }])),
      },
      questions: {
        label: 'Questions',
        hint: 'Each question’s words, its hint and the messages people see when an answer is wrong.',
        fields: Object.fromEntries(
          questions.map((asked) => {
            const errors = [...asked.question.errors, ...(asked.moreErrors ?? [])];
            const fields: Record<string, FieldHint> = {
              label: { label: 'Question', hint: 'The question, or for a tick box the statement next to it.' },
              hint: { label: 'Hint', hint: 'Optional: a line under the question.' },
              confirmLabel: {
                label: 'As the person confirming reads it',
                hint: 'Optional: otherwise they read the question.',
              },
              errors: {
                label: 'Error messages',
                fields: Object.fromEntries(errors.map((key) => [key, errorHint(key)])),
              },
            };
            if (asked.question.optionKeys) {
              fields.options = {
                label: 'Choices',
                fields: Object.fromEntries(
                  asked.question.optionKeys.map(({ key, value }) => [key, { label: `Choice stored as “${value}”` }]),
                ),
              };
            }
            return [asked.name, { label: humanise(asked.name), summary: '{{fields.label}}', fields }];
          }),
        ),
      },
    },
  };
}

export const formsHints = {
  coachEoiForm: formHints('coach-eoi', 'Become a coach'),
  coacheeApplicationForm: formHints('coachee-application', 'Apply for coaching'),
  coachingAgreementForm: formHints('coaching-agreement', 'Record a coaching agreement'),
  formWords: {
    label: 'Words on every form',
    description: 'Headings, buttons and short words all three forms share.',
    fields: {
      beforeYouStart: { label: 'Heading: before you start' },
      checkTitle: { label: 'Heading: check your answers' },
      declaration: {
        label: 'Declaration',
        hint: 'What people confirm by sending, above the Send button.',
        widget: 'text' as const,
      },
      send: { label: 'Send button' },
      optional: { label: 'Mark after an optional question', hint: 'Like (optional).' },
      errorPrefix: {
        label: 'Read out before an error',
        hint: 'Screen readers say it before each message, like Error:.',
      },
      errorSummaryTitle: { label: 'Heading of the list of problems' },
      chooseOne: { label: 'First line of a drop-down list' },
      anotherOrganisation: { label: 'Choice: an organisation not on the list' },
      answerYes: { label: 'Choice: yes' },
      answerNo: { label: 'Choice: no' },
      notGiven: { label: 'An optional question left empty reads', hint: 'In the answers people check and the emails.' },
      ticked: { label: 'A ticked box reads', hint: 'In the answers people check and the emails.' },
      honeypot: {
        label: 'Hidden box label',
        hint: 'Only some screen readers and robots meet it: it asks to be left empty.',
      },
      day: { label: 'Date box: day' },
      month: { label: 'Date box: month' },
      year: { label: 'Date box: year' },
      phoneFormat: { label: 'Message: not a telephone number', widget: 'text' as const },
    },
  },
};

/** The Forms group of the CMS: each form's words, then the words they share. */
export const formsGroup = {
  name: 'forms',
  label: 'Forms',
  description: 'Every word on the three forms: questions, hints, error messages and buttons.',
  files: ['coachEoiForm', 'coacheeApplicationForm', 'coachingAgreementForm', 'formWords'] as const,
};
