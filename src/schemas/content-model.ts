import { guidanceSchema, planningStepSchema, protocolPhaseSchema } from './guidance.ts';
import {
  agreementTermsSchema,
  areasOfCoachingSchema,
  coachExpectationsSchema,
  formTextSchema,
  guidingPrinciplesSchema,
  organisationSchema,
  readinessQuestionSchema,
  refusalsSchema,
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
  forms: { folder: 'forms', extension: 'yml', schema: formTextSchema },
} as const;

/** Collections held in a single file (paths relative to content/). */
export const fileCollections = {
  areasOfCoaching: { file: 'lists/areas-of-coaching.yml', schema: areasOfCoachingSchema },
  coachExpectations: { file: 'lists/coach-expectations.yml', schema: coachExpectationsSchema },
  guidingPrinciples: { file: 'lists/guiding-principles.yml', schema: guidingPrinciplesSchema },
  agreementTerms: { file: 'lists/agreement-terms.yml', schema: agreementTermsSchema },
  settings: { file: 'settings/site.yml', schema: siteSettingsSchema },
  refusals: { file: 'settings/refusals.yml', schema: refusalsSchema },
  chrome: { file: 'settings/chrome.yml', schema: siteChromeSchema },
  homePage: { file: 'pages/home.yml', schema: homePageSchema },
  notFoundPage: { file: 'pages/not-found.yml', schema: notFoundPageSchema },
  protocolPage: { file: 'pages/protocol.yml', schema: protocolPageSchema },
  planningPage: { file: 'pages/planning.yml', schema: planningPageSchema },
  searchPage: { file: 'pages/search.yml', schema: searchPageSchema },
  toolsShared: { file: 'tools/shared.yml', schema: toolsSharedSchema },
  readinessTool: { file: 'tools/readiness.yml', schema: readinessToolSchema },
  plannerTool: { file: 'tools/planner.yml', schema: plannerToolSchema },
  recordTool: { file: 'tools/record.yml', schema: recordToolSchema },
} as const;

export type FolderCollectionName = keyof typeof folderCollections;
export type FileCollectionName = keyof typeof fileCollections;

/**
 * Collections whose `number` places each entry in a sequence: no two entries may share one. The
 * build refuses a repeat (src/layouts/reading.ts) and so does the CMS.
 */
export const orderedCollections = ['protocol', 'planning', 'readiness'] as const satisfies readonly FolderCollectionName[];
