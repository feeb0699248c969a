import { z } from 'zod/mini';
import { rowsFromFields } from './answers.ts';
import {
  choice,
  dateAnswer,
  emailAnswer,
  LIMITS,
  mustTick,
  nameAnswer,
  organisationNameAnswer,
  optionalAnswer,
  organisationOptions,
  organisationValues,
  requiredAnswer,
  sameEmail,
  sameName,
  otherNeedsText,
  whenFieldsValid,
} from './rules.ts';
import { agreementTerms } from './terms.ts';
import { OTHER, type Field, type FormContent, type FormDefinition } from './types.ts';

const PARTIES = 'Who the agreement is between';
const OBJECTIVES = 'What the coaching is for';
const ARRANGEMENTS = 'Practical arrangements';
const SIGN = 'Agree and sign';

export const MEETING_LENGTHS = [
  { value: '1 hour', label: '1 hour' },
  { value: '1.5 hours', label: '1 and a half hours' },
  { value: '2 hours', label: '2 hours' },
  { value: OTHER, label: 'Another length' },
];

// Each date question's words, written once: the field shows them and the rule's messages use them.
const AGREEMENT_DATE = { name: 'agreementDate', label: 'Date of the agreement', hint: 'The day you agreed it, usually at your first meeting. For example, 26 11 2026' };
const EXPECTED_END_DATE = { name: 'expectedEndDate', label: 'Expected end date', hint: 'When you expect the last session to take place. For example, 31 3 2027' };

function fields(content: FormContent): Field[] {
  const org = (party: 'coachee' | 'coach', label: string): Field[] => [
    { section: PARTIES, name: `${party}Organisation`, kind: 'select', label, options: organisationOptions(content) },
    { section: PARTIES, name: `${party}OrganisationOther`, kind: 'text', label: `Name of the ${party}’s organisation`, width: 'long', maxLength: LIMITS.short, showWhen: { field: `${party}Organisation`, value: OTHER } },
  ];
  return [
    { section: PARTIES, kind: 'date', ...AGREEMENT_DATE },
    { section: PARTIES, name: 'coacheeName', kind: 'text', label: 'Coachee’s full name', width: 'long', maxLength: LIMITS.name },
    { section: PARTIES, name: 'coacheeEmail', kind: 'email', label: 'Coachee’s email address', width: 'long', maxLength: LIMITS.email },
    ...org('coachee', 'Coachee’s organisation'),
    { section: PARTIES, name: 'coachName', kind: 'text', label: 'Coach’s full name', width: 'long', maxLength: LIMITS.name },
    { section: PARTIES, name: 'coachEmail', kind: 'email', label: 'Coach’s email address', width: 'long', maxLength: LIMITS.email },
    ...org('coach', 'Coach’s organisation'),
    { section: OBJECTIVES, name: 'objective1', kind: 'textarea', label: 'Main objective', hint: 'What the coachee wants to achieve through coaching', maxLength: LIMITS.reason },
    { section: OBJECTIVES, name: 'objective2', kind: 'textarea', label: 'Second objective', optional: true, maxLength: LIMITS.reason },
    { section: OBJECTIVES, name: 'objective3', kind: 'textarea', label: 'Third objective', optional: true, maxLength: LIMITS.reason },
    { section: OBJECTIVES, name: 'coacheeCommitments', kind: 'textarea', label: 'What the coachee commits to', hint: 'For example, coming to sessions prepared and trying out agreed actions between them', maxLength: LIMITS.long },
    { section: OBJECTIVES, name: 'coachSupport', kind: 'textarea', label: 'What support the coach will give', maxLength: LIMITS.long },
    { section: ARRANGEMENTS, name: 'numberOfSessions', kind: 'number', label: 'Number of sessions', hint: 'Most coaching takes 3 to 6 sessions. Enter a number from 1 to 12.', width: 'short' },
    { section: ARRANGEMENTS, name: 'frequency', kind: 'text', label: 'How often you will meet', hint: 'For example, once a month', width: 'medium', maxLength: LIMITS.short },
    { section: ARRANGEMENTS, kind: 'date', ...EXPECTED_END_DATE },
    { section: ARRANGEMENTS, name: 'meetingLength', kind: 'radios', label: 'How long each session will last', hint: 'Sessions usually last between 1 and 2 hours', options: MEETING_LENGTHS },
    { section: ARRANGEMENTS, name: 'meetingLengthOther', kind: 'text', label: 'Length of each session', hint: 'For example, 45 minutes', width: 'medium', maxLength: LIMITS.short, showWhen: { field: 'meetingLength', value: OTHER } },
    { section: SIGN, name: 'agreeTerms', kind: 'checkbox', label: 'We have read and agree to the standard terms of coaching', terms: agreementTerms(content), confirmLabel: 'Agreed to the standard terms of coaching shown below' },
    { section: SIGN, name: 'signedBy', kind: 'radios', label: 'Who is filling in this form?', hint: 'We will email the other person a link so they can confirm the agreement', options: [{ value: 'coachee', label: 'The coachee' }, { value: 'coach', label: 'The coach' }], confirmLabel: 'Filled in and signed by' },
    { section: SIGN, name: 'signature', kind: 'text', label: 'Type your full name to sign the agreement', hint: 'Use the same name you gave above', autocomplete: 'name', width: 'long', maxLength: LIMITS.name, confirmLabel: 'Their signature (their typed name)' },
  ];
}

const toText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

function schema(content: FormContent) {
  const orgs = organisationValues(content);
  const shape = {
    agreementDate: dateAnswer(AGREEMENT_DATE.label),
    coacheeName: nameAnswer('Enter the coachee’s full name', 'The coachee’s name'),
    coacheeEmail: emailAnswer('Enter the coachee’s email address', 'Enter the coachee’s email address in the correct format, like name@example.org'),
    coacheeOrganisation: choice(orgs, 'Select the coachee’s organisation'),
    coacheeOrganisationOther: organisationNameAnswer('The name of the coachee’s organisation'),
    coachName: nameAnswer('Enter the coach’s full name', 'The coach’s name'),
    coachEmail: emailAnswer('Enter the coach’s email address', 'Enter the coach’s email address in the correct format, like name@example.org'),
    coachOrganisation: choice(orgs, 'Select the coach’s organisation'),
    coachOrganisationOther: organisationNameAnswer('The name of the coach’s organisation'),
    objective1: requiredAnswer('Enter the main objective of the coaching', 'The main objective', LIMITS.reason),
    objective2: optionalAnswer('The second objective', LIMITS.reason),
    objective3: optionalAnswer('The third objective', LIMITS.reason),
    coacheeCommitments: requiredAnswer('Enter what the coachee commits to', 'What the coachee commits to', LIMITS.long),
    coachSupport: requiredAnswer('Enter what support the coach will give', 'The support the coach will give', LIMITS.long),
    numberOfSessions: z.pipe(
      z.transform(toText),
      z.pipe(
        z.pipe(
          z.string({ error: 'Enter the number of sessions' }).check(
            z.trim(),
            z.minLength(1, { error: 'Enter the number of sessions' }),
            z.regex(/^\d{1,3}$/, { error: 'Enter the number of sessions as a whole number, like 4' }),
          ),
          z.transform(Number),
        ),
        z.number().check(z.gte(1, { error: 'Enter a number of sessions from 1 to 12' }), z.lte(12, { error: 'Enter a number of sessions from 1 to 12' })),
      ),
    ),
    frequency: requiredAnswer('Enter how often you will meet', 'How often you will meet', LIMITS.short),
    expectedEndDate: dateAnswer(EXPECTED_END_DATE.label),
    meetingLength: choice(['1 hour', '1.5 hours', '2 hours', OTHER], 'Select how long each session will last'),
    meetingLengthOther: optionalAnswer('The length of each session', LIMITS.short),
    agreeTerms: mustTick('Confirm that you have read and agree to the standard terms'),
    signedBy: choice(['coachee', 'coach'], 'Select whether you are the coachee or the coach'),
    signature: nameAnswer('Type your full name to sign the agreement', 'Your signature'),
  };
  return z.object(shape).check(
      z.refine(...otherNeedsText(shape, 'coacheeOrganisation', 'coacheeOrganisationOther', 'Enter the name of the coachee’s organisation')),
      z.refine(...otherNeedsText(shape, 'coachOrganisation', 'coachOrganisationOther', 'Enter the name of the coach’s organisation')),
      z.refine((data) => !sameEmail(data.coacheeEmail, data.coachEmail), {
      error: 'The coach’s email address must be different from the coachee’s',
      path: ['coachEmail'],
      when: whenFieldsValid(shape, 'coacheeEmail', 'coachEmail'),
    }),
      z.refine((data) => data.expectedEndDate > data.agreementDate, {
      error: 'The expected end date must be after the date of the agreement',
      path: ['expectedEndDate'],
      when: whenFieldsValid(shape, 'agreementDate', 'expectedEndDate'),
    }),
      z.refine(...otherNeedsText(shape, 'meetingLength', 'meetingLengthOther', 'Enter how long each session will last')),
      z.refine((data) => sameName(data.signature, data.signedBy === 'coach' ? data.coachName : data.coacheeName), {
      error: 'Type your full name exactly as you gave it above, to sign the agreement',
      path: ['signature'],
      when: whenFieldsValid(shape, 'signature', 'signedBy', 'coacheeName', 'coachName'),
    }),
  );
}

export type CoachingAgreement = z.infer<ReturnType<typeof schema>>;

const signer = (data: CoachingAgreement) =>
  data.signedBy === 'coach'
    ? { name: data.coachName, email: data.coachEmail }
    : { name: data.coacheeName, email: data.coacheeEmail };

export const coachingAgreement: FormDefinition<ReturnType<typeof schema>> = {
  id: 'coaching-agreement',
  name: 'Coaching agreement',
  referencePrefix: 'AGR',
  path: '/coaching-agreement/',
  fields,
  schema,
  answerRows: (data, content) => rowsFromFields(fields(content), data),
  terms: agreementTerms,
  secondSignature: (data) =>
    data.signedBy === 'coach'
      ? { role: 'coachee', name: data.coacheeName, email: data.coacheeEmail }
      : { role: 'coach', name: data.coachName, email: data.coachEmail },
  submitter: signer,
  organisations: (data) => [
    { id: data.coacheeOrganisation, otherName: data.coacheeOrganisationOther },
    { id: data.coachOrganisation, otherName: data.coachOrganisationOther },
  ],
};
