import { z } from 'zod';
import { requiredText, updatedDate } from './shared.ts';

/** A guidance page (content/guidance/*.mdx): principles, about, privacy notice, accessibility statement. */
export const guidanceSchema = z.object({
  title: requiredText('a page title'),
  description: requiredText('a one-sentence description of the page'),
  updated: updatedDate,
});
export type Guidance = z.infer<typeof guidanceSchema>;

/** A phase of the coaching protocol (content/protocol/*.mdx). */
export const protocolPhaseSchema = z.object({
  number: z.number({ error: 'Enter the phase number, from 1 to 5' }).int().min(1).max(5, {
    error: 'Enter the phase number, from 1 to 5',
  }),
  title: requiredText('the phase title'),
  summary: requiredText('a one-sentence summary of the phase'),
  updated: updatedDate,
});
export type ProtocolPhase = z.infer<typeof protocolPhaseSchema>;

/** A step of the implementation-planning guide (content/planning/*.mdx). */
export const planningStepSchema = z.object({
  number: z.number({ error: 'Enter the step number, from 1 to 7' }).int().min(1).max(7, {
    error: 'Enter the step number, from 1 to 7',
  }),
  title: requiredText('the step title'),
  summary: requiredText('a one-sentence summary of the step'),
  questions: z
    .array(requiredText('a planning question'), { error: 'Add the planning questions for this step' })
    .min(1, { error: 'Add at least one planning question' }),
  updated: updatedDate,
});
export type PlanningStep = z.infer<typeof planningStepSchema>;
