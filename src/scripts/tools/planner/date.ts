import type { Field } from '../../../../functions/forms/types.ts';

/** The plan's date question, written once: the page draws it (renderDate), the script checks it. */
export const PLAN_DATE: Field = {
  name: 'planDate',
  kind: 'date',
  label: 'Date',
  hint: 'The date of this version of the plan. For example, 4 3 2026',
};
