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
  workEmail,
} from './questions.ts';
import {
  choices,
  LIMITS,
  optionalPhoneQuestion,
  optionalTextQuestion,
  otherNeedsText,
  sameEmail,
  textQuestion,
  tickQuestion,
  whenFieldsValid,
  yesNoQuestion,
} from './rules.ts';
import { OTHER, type FormContent, type Question } from './types.ts';

// The coach expression of interest. Its words are content/forms/coach-eoi.yml, by field name.

const areas: Question<ReturnType<typeof choices>> = {
  kind: 'checkboxes',
  errors: ['empty', 'unknown'],
  options: (content) => content.areasOfCoaching.map((area) => ({ value: area, label: area })),
  rule: (e, content) => choices(content.areasOfCoaching, { empty: e.empty!, unknown: e.unknown! }),
};

const questions = [
  ask('name', fullName, 'about'),
  ask('jobTitle', jobTitle, 'about'),
  ask('employer', organisation, 'about'),
  ask('employerOther', otherOrganisation, 'about', { showWhen: { field: 'employer', value: OTHER } }),
  ask('serviceArea', serviceArea, 'about'),
  ask('email', workEmail, 'about'),
  ask('phone', optionalPhoneQuestion(), 'about'),
  ask('accreditation', yesNoQuestion(), 'experience'),
  ask('experience', textQuestion('textarea', LIMITS.long), 'experience'),
  ask('motivation', textQuestion('textarea', LIMITS.long), 'experience'),
  ask('areas', areas, 'areas'),
  ask('otherAreas', optionalTextQuestion('text', LIMITS.short, { width: 'long' }), 'areas'),
  ask('lineManagerName', lineManagerName, 'manager'),
  ask('lineManagerEmail', lineManagerEmail, 'manager', { moreErrors: ['notOwn'] }),
  ask('discussedWithLineManager', tickQuestion(), 'manager'),
  ask('agreeExpectations', tickQuestion(), 'commitments', {
    extra: (content: FormContent) => ({ listIntro: content.coachExpectationsIntro, list: content.coachExpectations }),
  }),
  ask('acknowledgeResearch', tickQuestion(), 'commitments', {
    extra: (content: FormContent) => ({ hint: content.researchNote }),
  }),
] as const;

export const coachEoi = defineForm({
  id: 'coach-eoi',
  name: 'Coach expression of interest',
  referencePrefix: 'EOI',
  path: '/become-a-coach/',
  questions,
  schema: (shape, content) =>
    z.object(shape).check(
      z.refine(...otherNeedsText(shape, 'employer', 'employerOther', errorsOf(content, 'employerOther').missing!)),
      z.refine((data) => !sameEmail(data.email, data.lineManagerEmail), {
        error: errorsOf(content, 'lineManagerEmail').notOwn,
        path: ['lineManagerEmail'],
        when: whenFieldsValid(shape, 'email', 'lineManagerEmail'),
      }),
    ),
  submitter: (data) => ({ name: data.name, email: data.email }),
  organisations: (data) => [{ id: data.employer, otherName: data.employerOther }],
});

export type CoachEoi = z.infer<ReturnType<typeof coachEoi.schema>>;
