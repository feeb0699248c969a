import { coachEoi } from './coach-eoi.ts';
import { coacheeApplication } from './coachee-application.ts';
import { coachingAgreement } from './coaching-agreement.ts';
import type { FormDefinition, FormId } from './types.ts';

export * from './types.ts';
export { coachEoi, coacheeApplication, coachingAgreement };
export type { CoachEoi } from './coach-eoi.ts';
export type { CoacheeApplication } from './coachee-application.ts';
export type { CoachingAgreement } from './coaching-agreement.ts';
export { formatDate, LIMITS } from './rules.ts';

/** Every form by id: the pages, the browser script and the functions all start here. */
export const forms: Record<FormId, FormDefinition> = {
  'coach-eoi': coachEoi,
  'coachee-application': coacheeApplication,
  'coaching-agreement': coachingAgreement,
};

export const formIds = Object.keys(forms) as FormId[];

export const isFormId = (value: string): value is FormId => Object.hasOwn(forms, value);
