import type { Field } from '../../../../functions/forms/types.ts';
import { SESSION_WORDS } from './model.ts';

/** A session's date question: drawn once in the session template (renderDate), checked by the page script. */
export const SESSION_DATE: Field = { name: 'sessionDate', kind: 'date', label: SESSION_WORDS.date };
