import { z } from 'zod/mini';
import { rowsFromFields } from './answers.ts';
import {
  choice,
  emailAnswer,
  LIMITS,
  nameAnswer,
  organisationNameAnswer,
  optionalAnswer,
  organisationOptions,
  organisationValues,
  phoneAnswer,
  requiredAnswer,
  sameEmail,
  otherNeedsText,
  whenFieldsValid,
  YES_NO,
} from './rules.ts';
import { lineManagerPart } from './terms.ts';
import { OTHER, type Field, type FormContent, type FormDefinition } from './types.ts';

const ABOUT = 'About you';
const REASONS = 'Why you would like coaching';
const MANAGER = 'Your line manager';

function fields(content: FormContent): Field[] {
  return [
    { section: ABOUT, name: 'name', kind: 'text', label: 'Full name', autocomplete: 'name', width: 'long', maxLength: LIMITS.name, confirmLabel: 'Their full name' },
    { section: ABOUT, name: 'jobTitle', kind: 'text', label: 'Job title', autocomplete: 'organization-title', width: 'long', maxLength: LIMITS.short, confirmLabel: 'Their job title' },
    { section: ABOUT, name: 'serviceArea', kind: 'text', label: 'Service area', hint: 'For example, children in care or adult safeguarding', width: 'long', maxLength: LIMITS.short, confirmLabel: 'Their service area' },
    { section: ABOUT, name: 'organisation', kind: 'select', label: 'Organisation', hint: 'The organisation you work for', options: organisationOptions(content), confirmLabel: 'Their organisation' },
    { section: ABOUT, name: 'organisationOther', kind: 'text', label: 'Name of your organisation', autocomplete: 'organization', width: 'long', maxLength: LIMITS.short, showWhen: { field: 'organisation', value: OTHER }, confirmLabel: 'Name of their organisation' },
    { section: ABOUT, name: 'phone', kind: 'tel', label: 'Telephone number', autocomplete: 'tel', width: 'medium', maxLength: LIMITS.phone, confirmLabel: 'Their telephone number' },
    { section: ABOUT, name: 'email', kind: 'email', label: 'Work email address', hint: 'We will send your reference and any news about your application here', autocomplete: 'email', width: 'long', maxLength: LIMITS.email, confirmLabel: 'Their work email address' },
    { section: REASONS, name: 'reason1', kind: 'textarea', label: 'Your main reason for wanting coaching', hint: 'For example, a skill you want to build or a change you are facing at work', maxLength: LIMITS.reason, confirmLabel: 'Their main reason for wanting coaching' },
    { section: REASONS, name: 'reason2', kind: 'textarea', label: 'Another reason', optional: true, maxLength: LIMITS.reason, confirmLabel: 'Another reason' },
    { section: REASONS, name: 'reason3', kind: 'textarea', label: 'A third reason', optional: true, maxLength: LIMITS.reason, confirmLabel: 'A third reason' },
    { section: REASONS, name: 'identifiedInSupervision', kind: 'radios', label: 'Did the need for coaching come up in supervision?', options: YES_NO, confirmLabel: 'Did the need for coaching come up in supervision?' },
    { section: MANAGER, name: 'managerName', kind: 'text', label: 'Your line manager’s full name', width: 'long', maxLength: LIMITS.name, confirmLabel: 'Your name, as they gave it' },
    { section: MANAGER, name: 'managerEmail', kind: 'email', label: 'Your line manager’s email address', hint: 'We will email your line manager a link to confirm they support your application', width: 'long', maxLength: LIMITS.email, confirmLabel: 'Your email address, as they gave it' },
  ];
}

function schema(content: FormContent) {
  const shape = {
    name: nameAnswer('Enter your full name', 'Your full name'),
    jobTitle: requiredAnswer('Enter your job title', 'Your job title', LIMITS.short),
    serviceArea: requiredAnswer('Enter your service area', 'Your service area', LIMITS.short),
    organisation: choice(organisationValues(content), 'Select your organisation'),
    organisationOther: organisationNameAnswer('The name of your organisation'),
    phone: phoneAnswer('Enter your telephone number'),
    email: emailAnswer('Enter your work email address', 'Enter your work email address in the correct format, like name@example.org'),
    reason1: requiredAnswer('Enter your main reason for wanting coaching', 'Your main reason', LIMITS.reason),
    reason2: optionalAnswer('Your second reason', LIMITS.reason),
    reason3: optionalAnswer('Your third reason', LIMITS.reason),
    identifiedInSupervision: choice(['yes', 'no'], 'Select yes if the need for coaching came up in supervision'),
    managerName: nameAnswer('Enter your line manager’s full name', 'Your line manager’s name'),
    managerEmail: emailAnswer('Enter your line manager’s email address', 'Enter your line manager’s email address in the correct format, like name@example.org'),
  };
  return z.object(shape).check(
      z.refine(...otherNeedsText(shape, 'organisation', 'organisationOther', 'Enter the name of your organisation')),
      z.refine((data) => !sameEmail(data.email, data.managerEmail), {
      error: 'Enter your line manager’s email address, not your own',
      path: ['managerEmail'],
      when: whenFieldsValid(shape, 'email', 'managerEmail'),
    }),
  );
}

export type CoacheeApplication = z.infer<ReturnType<typeof schema>>;

export const coacheeApplication: FormDefinition<ReturnType<typeof schema>> = {
  id: 'coachee-application',
  name: 'Coaching application',
  referencePrefix: 'APP',
  path: '/apply-for-coaching/',
  fields,
  schema,
  answerRows: (data, content) => rowsFromFields(fields(content), data),
  // The application form asks things of the manager (the benefits, attendance, the policy): they read them before confirming.
  askOfConfirmer: lineManagerPart,
  secondSignature: (data) => ({ role: 'line manager', name: data.managerName, email: data.managerEmail }),
  submitter: (data) => ({ name: data.name, email: data.email }),
  organisations: (data) => [{ id: data.organisation, otherName: data.organisationOther }],
};
