import { z } from 'zod/mini';
import { ask, defineForm, errorsOf } from './define.ts';
import { emailAddress, fullName, organisation, partyOtherOrganisation, personName } from './questions.ts';
import {
  dateQuestion,
  LIMITS,
  optionalTextQuestion,
  otherNeedsText,
  radiosQuestion,
  sameEmail,
  sameName,
  textQuestion,
  tickQuestion,
  whenFieldsValid,
} from './rules.ts';
import { agreementTerms } from './terms.ts';
import { OTHER, type FormContent, type Question } from './types.ts';

// The coaching agreement, signed by one party and confirmed by the other. Its words are
// content/forms/coaching-agreement.yml, by field name.

/** The session lengths offered: values are stored; their labels are the question's `options` words. */
export const MEETING_LENGTHS = [
  { value: '1 hour', key: 'oneHour' },
  { value: '1.5 hours', key: 'hourAndAHalf' },
  { value: '2 hours', key: 'twoHours' },
  { value: OTHER, key: 'other' },
] as const;

const SESSIONS = { min: 1, max: 12 };
const toText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

const numberOfSessions = {
  kind: 'number',
  errors: ['empty', 'notWhole', 'range'],
  width: 'short',
  rule: (e) => {
    const range = e.range!.replace('{min}', String(SESSIONS.min)).replace('{max}', String(SESSIONS.max));
    return z.pipe(
      z.transform(toText),
      z.pipe(
        z.pipe(
          z
            .string({ error: e.empty })
            .check(z.trim(), z.minLength(1, { error: e.empty }), z.regex(/^\d{1,3}$/, { error: e.notWhole })),
          z.transform(Number),
        ),
        z.number().check(z.gte(SESSIONS.min, { error: range }), z.lte(SESSIONS.max, { error: range })),
      ),
    );
  },
} satisfies Question;

const questions = [
  ask('agreementDate', dateQuestion(), 'parties'),
  ask('coacheeName', personName, 'parties'),
  ask('coacheeEmail', emailAddress, 'parties'),
  ask('coacheeOrganisation', organisation, 'parties'),
  ask('coacheeOrganisationOther', partyOtherOrganisation, 'parties', {
    showWhen: { field: 'coacheeOrganisation', value: OTHER },
  }),
  ask('coachName', personName, 'parties'),
  ask('coachEmail', emailAddress, 'parties', { moreErrors: ['notCoachee'] }),
  ask('coachOrganisation', organisation, 'parties'),
  ask('coachOrganisationOther', partyOtherOrganisation, 'parties', {
    showWhen: { field: 'coachOrganisation', value: OTHER },
  }),
  ask('objective1', textQuestion('textarea', LIMITS.reason), 'objectives'),
  ask('objective2', optionalTextQuestion('textarea', LIMITS.reason), 'objectives'),
  ask('objective3', optionalTextQuestion('textarea', LIMITS.reason), 'objectives'),
  ask('coacheeCommitments', textQuestion('textarea', LIMITS.long), 'objectives'),
  ask('coachSupport', textQuestion('textarea', LIMITS.long), 'objectives'),
  ask('numberOfSessions', numberOfSessions, 'arrangements'),
  ask('frequency', textQuestion('text', LIMITS.short, { width: 'medium' }), 'arrangements'),
  ask('expectedEndDate', dateQuestion(), 'arrangements', { moreErrors: ['notAfter'] }),
  ask('meetingLength', radiosQuestion(MEETING_LENGTHS), 'arrangements'),
  ask('meetingLengthOther', optionalTextQuestion('text', LIMITS.short, { width: 'medium' }), 'arrangements', {
    moreErrors: ['missing'],
    showWhen: { field: 'meetingLength', value: OTHER },
  }),
  ask('agreeTerms', tickQuestion(), 'sign', { extra: (content: FormContent) => ({ terms: agreementTerms(content) }) }),
  ask(
    'signedBy',
    radiosQuestion([
      { value: 'coachee', key: 'coachee' },
      { value: 'coach', key: 'coach' },
    ] as const),
    'sign',
  ),
  ask('signature', fullName, 'sign', { moreErrors: ['notSigner'] }),
] as const;

export const coachingAgreement = defineForm({
  id: 'coaching-agreement',
  name: 'Coaching agreement',
  referencePrefix: 'AGR',
  path: '/coaching-agreement/',
  questions,
  schema: (shape, content) => {
    const message = (name: string, key: string) => errorsOf(content, name)[key]!;
    return z.object(shape).check(
      z.refine(
        ...otherNeedsText(
          shape,
          'coacheeOrganisation',
          'coacheeOrganisationOther',
          message('coacheeOrganisationOther', 'missing'),
        ),
      ),
      z.refine(
        ...otherNeedsText(
          shape,
          'coachOrganisation',
          'coachOrganisationOther',
          message('coachOrganisationOther', 'missing'),
        ),
      ),
      z.refine((data) => !sameEmail(data.coacheeEmail, data.coachEmail), {
        error: message('coachEmail', 'notCoachee'),
        path: ['coachEmail'],
        when: whenFieldsValid(shape, 'coacheeEmail', 'coachEmail'),
      }),
      z.refine((data) => data.expectedEndDate > data.agreementDate, {
        error: message('expectedEndDate', 'notAfter'),
        path: ['expectedEndDate'],
        when: whenFieldsValid(shape, 'agreementDate', 'expectedEndDate'),
      }),
      z.refine(
        ...otherNeedsText(shape, 'meetingLength', 'meetingLengthOther', message('meetingLengthOther', 'missing')),
      ),
      z.refine((data) => sameName(data.signature, data.signedBy === 'coach' ? data.coachName : data.coacheeName), {
        error: message('signature', 'notSigner'),
        path: ['signature'],
        when: whenFieldsValid(shape, 'signature', 'signedBy', 'coacheeName', 'coachName'),
      }),
    );
  },
  terms: agreementTerms,
  secondSignature: (data) =>
    data.signedBy === 'coach'
      ? { role: 'coachee', name: data.coacheeName, email: data.coacheeEmail }
      : { role: 'coach', name: data.coachName, email: data.coachEmail },
  submitter: (data) =>
    data.signedBy === 'coach'
      ? { name: data.coachName, email: data.coachEmail }
      : { name: data.coacheeName, email: data.coacheeEmail },
  organisations: (data) => [
    { id: data.coacheeOrganisation, otherName: data.coacheeOrganisationOther },
    { id: data.coachOrganisation, otherName: data.coachOrganisationOther },
  ],
});

export type CoachingAgreement = z.infer<ReturnType<typeof coachingAgreement.schema>>;
