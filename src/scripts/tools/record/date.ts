import type { Field } from '../../../../functions/forms/types.ts';
import type { RecordToolWords } from '../../../schemas/tools.ts';

/** A session's date question: drawn once in the session template (renderDate), checked by the page script. */
export const sessionDateField = (words: Pick<RecordToolWords, 'date'>): Field => ({
  name: 'sessionDate',
  kind: 'date',
  label: words.date,
});
