import { forms, type FormId } from '../../functions/forms/index.ts';
import { formTextSchema, formWordsSchema } from './forms.ts';
import { guidanceSchema, planningStepSchema, protocolPhaseSchema } from './guidance.ts';
import {
  agreementTermsSchema,
  areasOfCoachingSchema,
  coachExpectationsSchema,
  guidingPrinciplesSchema,
  organisationSchema,
  readinessQuestionSchema,
  refusalsSchema,
  formScriptSchema,
  siteSettingsSchema,
} from './data.ts';
import {
  homePageSchema,
  notFoundPageSchema,
  planningPageSchema,
  protocolPageSchema,
  searchPageSchema,
  siteChromeSchema,
} from './pages.ts';
import {
  addressBouncedEmailSchema,
  confirmedEmailSchema,
  confirmPageSchema,
  confirmRequestEmailSchema,
  expiredApplicantEmailSchema,
  expiredWorkforceEmailSchema,
  inboxAlertEmailSchema,
  receiptEmailSchema,
  reminderEmailSchema,
  sentPageSchema,
  workforceEmailSchema,
} from './intake-words.ts';
import { plannerToolSchema, readinessToolSchema, recordToolSchema, toolsSharedSchema } from './tools.ts';

// Where each content collection lives under content/ and which schema checks it. This is the one list
// that src/content.config.ts (the build), src/admin/cms-config.ts (the CMS) and functions/content.ts
// (the functions, at run time) all follow, so a folder or file is named in one place only.

/** Collections of one file per entry; the file name is the entry's id. */
export const folderCollections = {
  guidance: { folder: 'guidance', extension: 'mdx', schema: guidanceSchema },
  protocol: { folder: 'protocol', extension: 'mdx', schema: protocolPhaseSchema },
  planning: { folder: 'planning', extension: 'mdx', schema: planningStepSchema },
  readiness: { folder: 'readiness', extension: 'yml', schema: readinessQuestionSchema },
  organisations: { folder: 'organisations', extension: 'yml', schema: organisationSchema },
} as const;

/** One form's words: its file's schema comes from the form's own questions (functions/forms/). */
const formFile = <const I extends FormId>(id: I) => ({
  file: `forms/${id}.yml` as const,
  schema: formTextSchema(forms[id]),
  form: id,
});

/** Collections held in a single file (paths relative to content/). */
export const fileCollections = {
  coachEoiForm: formFile('coach-eoi'),
  coacheeApplicationForm: formFile('coachee-application'),
  coachingAgreementForm: formFile('coaching-agreement'),
  formWords: { file: 'settings/form-words.yml', schema: formWordsSchema },
  areasOfCoaching: { file: 'lists/areas-of-coaching.yml', schema: areasOfCoachingSchema },
  coachExpectations: { file: 'lists/coach-expectations.yml', schema: coachExpectationsSchema },
  guidingPrinciples: { file: 'lists/guiding-principles.yml', schema: guidingPrinciplesSchema },
  agreementTerms: { file: 'lists/agreement-terms.yml', schema: agreementTermsSchema },
  settings: { file: 'settings/site.yml', schema: siteSettingsSchema },
  refusals: { file: 'settings/refusals.yml', schema: refusalsSchema },
  formScript: { file: 'settings/forms.yml', schema: formScriptSchema },
  chrome: { file: 'settings/chrome.yml', schema: siteChromeSchema },
  homePage: { file: 'pages/home.yml', schema: homePageSchema },
  notFoundPage: { file: 'pages/not-found.yml', schema: notFoundPageSchema },
  protocolPage: { file: 'pages/protocol.yml', schema: protocolPageSchema },
  planningPage: { file: 'pages/planning.yml', schema: planningPageSchema },
  searchPage: { file: 'pages/search.yml', schema: searchPageSchema },
  sentPage: { file: 'pages/sent.yml', schema: sentPageSchema },
  confirmPage: { file: 'pages/confirm.yml', schema: confirmPageSchema },
  ...emailCollections(),
  toolsShared: { file: 'tools/shared.yml', schema: toolsSharedSchema },
  readinessTool: { file: 'tools/readiness.yml', schema: readinessToolSchema },
  plannerTool: { file: 'tools/planner.yml', schema: plannerToolSchema },
  recordTool: { file: 'tools/record.yml', schema: recordToolSchema },
} as const;

/** One file per email under content/emails/, so an editor finds each email as one entry. */
function emailCollections() {
  return {
    emailToWorkforce: { file: 'emails/to-workforce.yml', schema: workforceEmailSchema },
    emailReceipt: { file: 'emails/receipt.yml', schema: receiptEmailSchema },
    emailConfirmRequest: { file: 'emails/confirm-request.yml', schema: confirmRequestEmailSchema },
    emailConfirmed: { file: 'emails/confirmed.yml', schema: confirmedEmailSchema },
    emailReminder: { file: 'emails/reminder.yml', schema: reminderEmailSchema },
    emailExpiredApplicant: { file: 'emails/expired-to-applicant.yml', schema: expiredApplicantEmailSchema },
    emailExpiredWorkforce: { file: 'emails/expired-to-workforce.yml', schema: expiredWorkforceEmailSchema },
    emailInboxAlert: { file: 'emails/inbox-bounced.yml', schema: inboxAlertEmailSchema },
    emailAddressBounced: { file: 'emails/address-bounced.yml', schema: addressBouncedEmailSchema },
  } as const;
}

/** Which file collection holds each email's words (the keys of IntakeWords['emails']). */
export const emailFiles = {
  toWorkforce: 'emailToWorkforce',
  receipt: 'emailReceipt',
  confirmRequest: 'emailConfirmRequest',
  confirmed: 'emailConfirmed',
  reminder: 'emailReminder',
  expiredApplicant: 'emailExpiredApplicant',
  expiredWorkforce: 'emailExpiredWorkforce',
  inboxAlert: 'emailInboxAlert',
  addressBounced: 'emailAddressBounced',
} as const;

export type FolderCollectionName = keyof typeof folderCollections;

/** Each form's collection of words, by form id. */
export const formCollections = {
  'coach-eoi': 'coachEoiForm',
  'coachee-application': 'coacheeApplicationForm',
  'coaching-agreement': 'coachingAgreementForm',
} as const satisfies Record<FormId, keyof typeof fileCollections>;
export type FileCollectionName = keyof typeof fileCollections;

/**
 * Collections whose `number` places each entry in a sequence: no two entries may share one. The
 * build refuses a repeat (src/layouts/reading.ts) and so does the CMS.
 */
export const orderedCollections = [
  'protocol',
  'planning',
  'readiness',
] as const satisfies readonly FolderCollectionName[];
