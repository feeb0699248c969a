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
      for (const name of DATE_PARTS.map((part) => datePartName(field.name, part))) values[name] = String(data.get(name) ?? '');
    } else {
      const value = data.get(field.name);
      if (value !== null) values[field.name] = String(value);
    }
  }
  // An answer to a question that no longer applies is not sent: the schema would ignore it anyway.
  for (const field of fields) if (!applies(field, values)) values[field.name] = '';
  return values;
}

/** The names a field's answer is kept under: its own, or its three boxes for a date. */
const namesOf = (field: Field) => (field.kind === 'date' ? DATE_PARTS.map((part) => datePartName(field.name, part)) : [field.name]);

/** Every name the form's answers are kept under, for saving and restoring. */
export function answerNames(fields: readonly Field[]): Set<string> {
  return new Set(fields.flatMap(namesOf));
}

export function writeValues(form: HTMLFormElement, fields: readonly Field[], values: Values): void {
  for (const name of fields.flatMap(namesOf)) {
    const value = values[name];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    const controls = form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      `[name="${CSS.escape(name)}"]`,
    );
    for (const control of controls) {
      if (control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox')) {
        control.checked = list.includes(control.value);
      } else {
        control.value = list[0] ?? '';
      }
    }
  }
}

/** True when nothing has been typed or chosen yet. */
export const isEmpty = (values: Values): boolean =>
  Object.values(values).every((value) => (Array.isArray(value) ? value.length === 0 : value.trim() === ''));
