// The GOV.UK date input: a date asked as three boxes (day, month, year), checked with GOV.UK's
// messages. No zod here: the tools use the same rule without loading a schema library.
// Typed boxes travel as one value "D/M/Y" (the boxes as typed, "/" removed from each); a date
// already known (stored, exported, sent as JSON) is "YYYY-MM-DD". Both read the same.

export const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateParts = Record<DatePart, string>;

/** The words above each box. */
export const DATE_PART_LABELS: Record<DatePart, string> = { day: 'Day', month: 'Month', year: 'Year' };

/** The POST name of one box: "agreementDate-day". */
export const datePartName = (name: string, part: DatePart) => `${name}-${part}`;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The boxes as one value; '' when all three are empty. */
export function joinDate(parts: Partial<DateParts>): string {
  const clean = DATE_PARTS.map((part) => (parts[part] ?? '').replace(/[/\s]/g, ''));
  return clean.every((part) => part === '') ? '' : clean.join('/');
}

/** A value as its three boxes: a "D/M/Y" as typed, a stored "YYYY-MM-DD", or empty boxes. */
export function splitDate(value: string): DateParts {
  const iso = ISO.exec(value.trim());
  if (iso) return { day: String(Number(iso[3])), month: String(Number(iso[2])), year: iso[1]! };
  const [day = '', month = '', year = ''] = value.split('/');
  return { day: day.trim(), month: month.trim(), year: year.trim() };
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A month as a number, or its name in full or short ("march", "Mar"), as GOV.UK asks services to accept. */
function monthNumber(text: string): number {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const lower = text.toLowerCase().replace(/\.$/, '');
  const index = lower.length >= 3 ? MONTHS.findIndex((name) => name.startsWith(lower)) : -1;
  return index === -1 ? NaN : index + 1;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export type DateCheck = { ok: true; iso: string } | { ok: false; message: string };

/** A date question's four messages; `incomplete` has {missing}, the parts left out ("day and year"). */
export interface DateMessages {
  empty: string;
  incomplete: string;
  year: string;
  real: string;
}

/** GOV.UK's messages made from a question's label, for the tools' date questions. */
export const messagesFromLabel = (label: string): DateMessages => ({
  empty: `Enter the ${lowerFirst(label)}`,
  incomplete: `${label} must include a {missing}`,
  year: `${label} must have a year with 4 numbers`,
  real: `${label} must be a real date`,
});

/**
 * The rule for a date question whose label is `label` ("Date of the agreement"), in GOV.UK's
 * words: "Enter the date of the agreement", "Date of the agreement must include a month",
 * "... must include a day and year", "... must have a year with 4 numbers", "... must be a real date".
 */
export function checkDate(value: string, label: string, messages: DateMessages = messagesFromLabel(label)): DateCheck {
  const parts = splitDate(value);
  const missing = DATE_PARTS.filter((part) => parts[part] === '');
  if (missing.length === 3) return { ok: false, message: messages.empty };
  if (missing.length > 0)
    return { ok: false, message: messages.incomplete.replace('{missing}', missing.join(' and ')) };
  const day = /^\d{1,2}$/.test(parts.day) ? Number(parts.day) : NaN;
  const month = monthNumber(parts.month);
  if (/^\d{1,3}$|^\d{5,}$/.test(parts.year) && day >= 1 && day <= 31 && month >= 1 && month <= 12) {
    return { ok: false, message: messages.year };
  }
  const year = /^\d{4}$/.test(parts.year) ? Number(parts.year) : NaN;
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    year >= 2000 &&
    year <= 2100 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  if (!real) return { ok: false, message: messages.real };
  return { ok: true, iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
