import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { guidanceSchema, planningStepSchema, protocolPhaseSchema } from './schemas/guidance.ts';
import {
  agreementTermsSchema,
  areasOfCoachingSchema,
  coachExpectationsSchema,
  formTextSchema,
  guidingPrinciplesSchema,
  organisationSchema,
  readinessQuestionSchema,
  siteSettingsSchema,
} from './schemas/data.ts';

// Everything editors own lives in the top-level content/ folder, which Decap CMS writes to.
const folder = (base: string, pattern: string) => glob({ base: `./content/${base}`, pattern });

export const collections = {
  guidance: defineCollection({ loader: folder('guidance', '*.mdx'), schema: guidanceSchema }),
  protocol: defineCollection({ loader: folder('protocol', '*.mdx'), schema: protocolPhaseSchema }),
  planning: defineCollection({ loader: folder('planning', '*.mdx'), schema: planningStepSchema }),
  readiness: defineCollection({ loader: folder('readiness', '*.yml'), schema: readinessQuestionSchema }),
  organisations: defineCollection({ loader: folder('organisations', '*.yml'), schema: organisationSchema }),
  forms: defineCollection({ loader: folder('forms', '*.yml'), schema: formTextSchema }),
  areasOfCoaching: defineCollection({ loader: folder('lists', 'areas-of-coaching.yml'), schema: areasOfCoachingSchema }),
  coachExpectations: defineCollection({ loader: folder('lists', 'coach-expectations.yml'), schema: coachExpectationsSchema }),
  guidingPrinciples: defineCollection({ loader: folder('lists', 'guiding-principles.yml'), schema: guidingPrinciplesSchema }),
  agreementTerms: defineCollection({ loader: folder('lists', 'agreement-terms.yml'), schema: agreementTermsSchema }),
  settings: defineCollection({ loader: folder('settings', 'site.yml'), schema: siteSettingsSchema }),
};
