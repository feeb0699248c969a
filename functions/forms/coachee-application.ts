import { z } from 'zod/mini';
import { ask, defineForm, errorsOf } from './define.ts';
import {
  fullName,
  jobTitle,
  lineManagerEmail,
  lineManagerName,
  organisation,
  otherOrganisation,
  serviceArea,
  telephone,
  workEmail,
} from './questions.ts';
import {
  LIMITS,
  optionalTextQuestion,
  otherNeedsText,
  sameEmail,
  textQuestion,
  whenFieldsValid,
  yesNoQuestion,
} from './rules.ts';
import { lineManagerPart } from './terms.ts';
import { OTHER } from './types.ts';

// The application for coaching, which the line manager confirms. Its words are
// content/forms/coachee-application.yml, by field name (confirmLabel: as the manager reads them).

const questions = [
  ask('name', fullName, 'about'),
  ask('jobTitle', jobTitle, 'about'),
  ask('serviceArea', serviceArea, 'about'),
  ask('organisation', organisation, 'about'),
  ask('organisationOther', otherOrganisation, 'about', { showWhen: { field: 'organisation', value: OTHER } }),
  ask('phone', telephone, 'about'),
  ask('email', workEmail, 'about'),
  ask('reason1', textQuestion('textarea', LIMITS.reason), 'reasons'),
  ask('reason2', optionalTextQuestion('textarea', LIMITS.reason), 'reasons'),
  ask('reason3', optionalTextQuestion('textarea', LIMITS.reason), 'reasons'),
  ask('identifiedInSupervision', yesNoQuestion(), 'reasons'),
  ask('managerName', lineManagerName, 'manager'),
  ask('managerEmail', lineManagerEmail, 'manager', { moreErrors: ['notOwn'] }),
] as const;

export const coacheeApplication = defineForm({
  id: 'coachee-application',
  name: 'Coaching application',
  referencePrefix: 'APP',
  path: '/apply-for-coaching/',
  questions,
  schema: (shape, content) =>
    z.object(shape).check(
      z.refine(
        ...otherNeedsText(shape, 'organisation', 'organisationOther', errorsOf(content, 'organisationOther').missing!),
      ),
      z.refine((data) => !sameEmail(data.email, data.managerEmail), {
        error: errorsOf(content, 'managerEmail').notOwn,
        path: ['managerEmail'],
        when: whenFieldsValid(shape, 'email', 'managerEmail'),
      }),
    ),
  // The application form asks things of the manager (the benefits, attendance, the policy): they read them before confirming.
  askOfConfirmer: lineManagerPart,
  secondSignature: (data) => ({ role: 'line manager', name: data.managerName, email: data.managerEmail }),
  submitter: (data) => ({ name: data.name, email: data.email }),
  organisations: (data) => [{ id: data.organisation, otherName: data.organisationOther }],
});

export type CoacheeApplication = z.infer<ReturnType<typeof coacheeApplication.schema>>;
