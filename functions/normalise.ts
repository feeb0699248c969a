import { DATE_PARTS, datePartName, joinDate } from './forms/dates.ts';
import type { Field } from './forms/types.ts';
import type { Answers } from './http.ts';

// Everything typed is cleaned the same way before it is checked, stored or emailed: Unicode NFC,
// no control characters (C0 except tab and line breaks, C1), no bidirectional overrides that could
// make an email read differently from what was sent, no line breaks in one-line answers.

// C0 controls except \t \n \r, DEL, C1 controls, and bidi embeddings/overrides/isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is how they are removed
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function cleanText(value: string, multiline: boolean): string {
  let text = value.normalize('NFC').replace(UNSAFE, '');
  text = multiline
    ? text.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n')
    : text.replace(/[\r\n\t\u0085\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ');
  return text.trim();
}

/** Keeps only the form's own fields, cleaned; checkbox lists stay lists. Unknown names are dropped. */
export function normaliseAnswers(fields: Field[], answers: Answers): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const field of fields) {
    // A date's three boxes (agreementDate-day, -month, -year) become its one value.
    const raw = answers[field.name] ?? (field.kind === 'date' ? dateFromBoxes(field.name, answers) : undefined);
    if (raw === undefined) continue;
    const multiline = field.kind === 'textarea';
    if (field.kind === 'checkboxes') {
      values[field.name] = (Array.isArray(raw) ? raw : [raw]).map((item) => cleanText(item, false)).filter(Boolean);
    } else {
      // Two values for a one-value field (a crafted POST): keep the first, as browsers would.
      values[field.name] = cleanText(Array.isArray(raw) ? (raw[0] ?? '') : raw, multiline);
    }
  }
  return values;
}

function dateFromBoxes(name: string, answers: Answers): string | undefined {
  const parts = DATE_PARTS.map((part) => [part, answers[datePartName(name, part)]] as const);
  if (parts.every(([, value]) => value === undefined)) return undefined;
  return joinDate(Object.fromEntries(parts.map(([part, value]) => [part, cleanText(single(value), false)])));
}

/** A single value of a hidden control field (`website`, `_started`). */
export const single = (value: string | string[] | undefined): string => (Array.isArray(value) ? value[0] : value) ?? '';
