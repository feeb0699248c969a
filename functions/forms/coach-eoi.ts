import { z } from 'zod/mini';
import { rowsFromFields } from './answers.ts';
import {
  choice,
  choices,
  emailAnswer,
  LIMITS,
  mustTick,
  nameAnswer,
  organisationNameAnswer,
  optionalAnswer,
  optionalPhoneAnswer,
  organisationOptions,
  organisationValues,
  requiredAnswer,
  sameEmail,
  otherNeedsText,
  whenFieldsValid,
  YES_NO,
} from './rules.ts';
import { OTHER, type Field, type FormContent, type FormDefinition } from './types.ts';

const ABOUT = 'About you';
const EXPERIENCE = 'Your experience';
const AREAS = 'Areas of coaching';
const MANAGER = 'Your line manager';
const COMMITMENTS = 'Expectations and research';

function fields(content: FormContent): Field[] {
  return [
    { section: ABOUT, name: 'name', kind: 'text', label: 'Full name', autocomplete: 'name', width: 'long', maxLength: LIMITS.name },
    { section: ABOUT, name: 'jobTitle', kind: 'text', label: 'Job title', autocomplete: 'organization-title', width: 'long', maxLength: LIMITS.short },
    { section: ABOUT, name: 'employer', kind: 'select', label: 'Organisation', hint: 'The organisation you work for', options: organisationOptions(content) },
    { section: ABOUT, name: 'employerOther', kind: 'text', label: 'Name of your organisation', autocomplete: 'organization', width: 'long', maxLength: LIMITS.short, showWhen: { field: 'employer', value: OTHER } },
    { section: ABOUT, name: 'serviceArea', kind: 'text', label: 'Service area', hint: 'For example, children in care or adult safeguarding', width: 'long', maxLength: LIMITS.short },
    { section: ABOUT, name: 'email', kind: 'email', label: 'Work email address', hint: 'We will send your reference and any news about your application here', autocomplete: 'email', width: 'long', maxLength: LIMITS.email },
    { section: ABOUT, name: 'phone', kind: 'tel', label: 'Telephone number', optional: true, autocomplete: 'tel', width: 'medium', maxLength: LIMITS.phone },
    { section: EXPERIENCE, name: 'accreditation', kind: 'radios', label: 'Do you already hold a coaching qualification or accreditation?', options: YES_NO },
    { section: EXPERIENCE, name: 'experience', kind: 'textarea', label: 'What experience and skills would help you as a coach?', hint: 'Include your professional knowledge and responsibilities, areas of special interest, projects, and any experience of leading, managing or bringing about change', maxLength: LIMITS.long },
    { section: EXPERIENCE, name: 'motivation', kind: 'textarea', label: 'Why do you want to become a coach?', hint: 'Think about what it could offer you, the people you coach, your service and social work more widely', maxLength: LIMITS.long },
    { section: AREAS, name: 'areas', kind: 'checkboxes', label: 'Which areas of coaching would you be comfortable offering?', hint: 'Select all that apply. You may be asked to coach someone from another partner organisation.', options: content.areasOfCoaching.map((area) => ({ value: area, label: area })) },
    { section: AREAS, name: 'otherAreas', kind: 'text', label: 'Any other areas you could offer', optional: true, width: 'long', maxLength: LIMITS.short },
    { section: MANAGER, name: 'lineManagerName', kind: 'text', label: 'Your line manager’s full name', width: 'long', maxLength: LIMITS.name },
    { section: MANAGER, name: 'lineManagerEmail', kind: 'email', label: 'Your line manager’s email address', width: 'long', maxLength: LIMITS.email },
    { section: MANAGER, name: 'discussedWithLineManager', kind: 'checkbox', label: 'I have talked to my line manager about becoming a coach' },
    { section: COMMITMENTS, name: 'agreeExpectations', kind: 'checkbox', label: 'I have read the expectations of a coach and I agree to them', listIntro: content.coachExpectationsIntro, list: content.coachExpectations },
    { section: COMMITMENTS, name: 'acknowledgeResearch', kind: 'checkbox', label: 'I understand that I may be invited to take part in research about coaching, and that taking part is my choice', hint: content.researchNote },
  ];
}

function schema(content: FormContent) {
  const shape = {
      name: nameAnswer('Enter your full name', 'Your full name'),
      jobTitle: requiredAnswer('Enter your job title', 'Your job title', LIMITS.short),
      employer: choice(organisationValues(content), 'Select your organisation'),
      employerOther: organisationNameAnswer('The name of your organisation'),
      serviceArea: requiredAnswer('Enter your service area', 'Your service area', LIMITS.short),
      email: emailAnswer('Enter your work email address', 'Enter your work email address in the correct format, like name@example.org'),
      phone: optionalPhoneAnswer(),
      accreditation: choice(['yes', 'no'], 'Select yes if you already hold a coaching qualification or accreditation'),
      experience: requiredAnswer('Enter the experience and skills that would help you as a coach', 'Your experience and skills', LIMITS.long),
      motivation: requiredAnswer('Enter why you want to become a coach', 'Why you want to become a coach', LIMITS.long),
      areas: choices(content.areasOfCoaching, {
        empty: 'Select at least one area of coaching',
        unknown: 'Select areas of coaching from the list',
      }),
      otherAreas: optionalAnswer('Other areas you could offer', LIMITS.short),
      lineManagerName: nameAnswer('Enter your line manager’s full name', 'Your line manager’s name'),
      lineManagerEmail: emailAnswer('Enter your line manager’s email address', 'Enter your line manager’s email address in the correct format, like name@example.org'),
      discussedWithLineManager: mustTick('Confirm that you have talked to your line manager about becoming a coach'),
      agreeExpectations: mustTick('Confirm that you agree to the expectations of a coach'),
      acknowledgeResearch: mustTick('Confirm that you understand you may be invited to take part in research'),
  };
  return z.object(shape).check(
      z.refine(...otherNeedsText(shape, 'employer', 'employerOther', 'Enter the name of your organisation')),
      z.refine((data) => !sameEmail(data.email, data.lineManagerEmail), {
      error: 'Enter your line manager’s email address, not your own',
      path: ['lineManagerEmail'],
      when: whenFieldsValid(shape, 'email', 'lineManagerEmail'),
    }),
  );
}

export type CoachEoi = z.infer<ReturnType<typeof schema>>;

export const coachEoi: FormDefinition<ReturnType<typeof schema>> = {
  id: 'coach-eoi',
  name: 'Coach expression of interest',
  referencePrefix: 'EOI',
  path: '/become-a-coach/',
  fields,
  schema,
  answerRows: (data, content) => rowsFromFields(fields(content), data),
  submitter: (data) => ({ name: data.name, email: data.email }),
  organisations: (data) => [{ id: data.employer, otherName: data.employerOther }],
};
