import { DATE_PARTS, datePartName } from '../../../functions/forms/dates.ts';
import type { Field } from '../../../functions/forms/types.ts';

// Reading and writing a form's answers in the page, shaped exactly like a plain POST: strings, and
// lists of strings for checkbox groups. Unticked boxes and unchosen radios are absent, as in a POST.

export type Values = Record<string, string | string[]>;

/** Does a conditional field apply, given the answers so far? */
export const applies = (field: Field, values: Values): boolean =>
  !field.showWhen || values[field.showWhen.field] === field.showWhen.value;

export function readValues(form: HTMLFormElement, fields: readonly Field[]): Values {
  const data = new FormData(form);
  const values: Values = {};
  for (const field of fields) {
    if (field.kind === 'checkboxes') {
      values[field.name] = data.getAll(field.name).map(String);
    } else if (field.kind === 'date') {
      // The three boxes, by their own names, as a plain POST sends them.
      for (const name of DATE_PARTS.map((part) => datePartName(field.name, part)))
        values[name] = String(data.get(name) ?? '');
    } else {
      const value = data.get(field.name);
      if (value !== null) values[field.name] = String(value);
    }
  }
  // An answer to a question that no longer applies is not sent: the schema would ignore it anyway.
  for (const field of fields) if (!applies(field, values)) values[field.name] = '';
  return values;
}
