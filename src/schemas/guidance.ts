import { z } from 'zod';
import { orderNumber, requiredText, updatedDate } from './shared.ts';

/** A guidance page (content/guidance/*.mdx): principles, about, privacy notice, accessibility statement. */
export const guidanceSchema = z.object({
  title: requiredText('a page title', { max: 80 }),
  description: requiredText('a one-sentence description of the page', { max: 200 }),
  updated: updatedDate,
});
export type Guidance = z.infer<typeof guidanceSchema>;

/** A phase of the coaching protocol (content/protocol/*.mdx). */
export const protocolPhaseSchema = z.object({
  number: orderNumber('phase', 5),
  title: requiredText('the phase title', { max: 80 }),
  summary: requiredText('a one-sentence summary of the phase', { max: 200 }),
  updated: updatedDate,
});
export type ProtocolPhase = z.infer<typeof protocolPhaseSchema>;

/** A step of the implementation-planning guide (content/planning/*.mdx). */
export const planningStepSchema = z.object({
  number: orderNumber('step', 7),
  title: requiredText('the step title', { max: 80 }),
  summary: requiredText('a one-sentence summary of the step', { max: 200 }),
  questions: z
    .array(requiredText('a planning question'), { error: 'Add the planning questions for this step' })
    .min(1, { error: 'Add at least one planning question' }),
  updated: updatedDate,
});
export type PlanningStep = z.infer<typeof planningStepSchema>;
