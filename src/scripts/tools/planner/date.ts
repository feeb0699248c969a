import type { Field } from '../../../../functions/forms/types.ts';
import type { PlannerToolWords } from '../../../schemas/tools.ts';

/**
 * The plan's date question, written once: the page draws it (renderDate), the script checks it. Its
 * words are the planner's (content/tools/planner.yml).
 */
export const planDateField = (words: Pick<PlannerToolWords, 'dateLabel' | 'dateHint'>): Field => ({
  name: 'planDate',
  kind: 'date',
  label: words.dateLabel,
  hint: words.dateHint,
});
