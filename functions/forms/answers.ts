import { formatDate, optionLabel } from './rules.ts';
import { CHECKBOX_VALUE, type AnswerRow, type Field } from './types.ts';

/**
 * How answers read on "Check your answers" and in the email to workforce development, derived from
 * the fields so a question's words are written once. Fields hidden by `showWhen` are left out.
 */
export function rowsFromFields(
  fields: Field[],
  data: Record<string, unknown>,
  { reader = 'sender' }: { reader?: 'sender' | 'confirmer' } = {},
): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const field of fields) {
    if (field.showWhen && data[field.showWhen.field] !== field.showWhen.value) continue;
    // The person confirming reads the answers addressed to them, not in the sender's words.
    const label = reader === 'confirmer' ? (field.confirmLabel ?? field.label) : field.label;
    rows.push({ field: field.name, label, value: readValue(field, data[field.name]) });
  }
  return rows;
}

function readValue(field: Field, value: unknown): string {
  const notGiven = field.words?.notGiven ?? '';
  if (value === undefined || value === null || value === '') return notGiven;
  switch (field.kind) {
    case 'checkboxes': {
      const list = Array.isArray(value) ? value : [value];
      return list.length === 0
        ? notGiven
        : list.map((item) => optionLabel(field.options ?? [], String(item))).join('\n');
    }
    case 'checkbox':
      return field.words?.ticked ?? CHECKBOX_VALUE;
    case 'radios':
    case 'select':
      return optionLabel(field.options ?? [], String(value));
    case 'date':
      return formatDate(String(value));
    default:
      return String(value);
  }
}
