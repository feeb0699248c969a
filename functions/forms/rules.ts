import './zod-config.ts';
import { z } from 'zod/mini';
import { EMAIL_PATTERN } from '../../src/schemas/patterns.ts';
import { checkDate } from './dates.ts';
import { CHECKBOX_VALUE, OTHER, type FieldOption, type FormContent } from './types.ts';

// Building blocks for the form schemas. Each takes the exact words the user sees, so every message
// sits next to the rule that needs it and no zod default text can reach a page.

/** Character limits, one per kind of answer. */
export const LIMITS = { name: 100, short: 120, email: 254, phone: 30, reason: 500, long: 2000 } as const;

const count = (n: number) => n.toLocaleString('en-GB');

/** Required one-line or multi-line text. */
export const requiredAnswer = (empty: string, what: string, max: number) =>
  z
    .string({ error: empty })
    .check(z.trim(), z.minLength(1, { error: empty }), z.maxLength(max, { error: `${what} must be ${count(max)} characters or fewer` }));

/** Optional text: an empty answer is ''. */
export const optionalAnswer = (what: string, max: number) =>
  z.pipe(
    z.optional(
      z.string({ error: `${what} must be text` }).check(z.trim(), z.maxLength(max, { error: `${what} must be ${count(max)} characters or fewer` })),
    ),
    z.transform((value: string | undefined) => value ?? ''),
  );

/**
 * What a person's name may contain, for every name field (a name can reach an email, so it must not
 * carry a link or markup): letters of any script with their accents, spaces, hyphens, apostrophes
 * and full stops. No digits, `@`, `:`, `/`, angle brackets, control, zero-width or direction
 * characters, and nothing that reads as an address once look-alikes are folded (NFKC turns
 * fullwidth `ｗｗｗ．` or a small `﹫` into their plain forms before the check).
 */
const NAME_CHARACTERS = /^[\p{L}\p{M}' ’ʼ‘.,\-‐‑]+$/u;
const HAS_LETTER = /\p{L}/u;

/** Looks like an email or web address once folded: `@`, `://`, `www.`, or a dot joining words (`evil.example`). */
export function looksLikeAnAddress(value: string): boolean {
  const folded = value.normalize('NFKC').toLowerCase();
  return /[@\uFE6B\uFF20]|:\/\/|www\.|\p{L}[.\u3002\uFF0E\uFF61]\p{L}{2,}/u.test(folded);
}

export const nameMessages = (what: string) => ({
  address: `${what} must not include a web address or an email address`,
  characters: `${what} must only include letters, spaces, hyphens, apostrophes and full stops`,
});

/** True when a name keeps to what names contain (the check behind {@link nameAnswer}). */
export const isPlainName = (value: string) =>
  !looksLikeAnAddress(value) && NAME_CHARACTERS.test(value) && HAS_LETTER.test(value);

/** A person's name: required, at most LIMITS.name, and only what names contain. */
export const nameAnswer = (empty: string, what: string) => {
  const messages = nameMessages(what);
  return requiredAnswer(empty, what, LIMITS.name).check(
    z.refine((value: string) => !looksLikeAnAddress(value), { error: messages.address, abort: true }),
    z.refine((value: string) => NAME_CHARACTERS.test(value) && HAS_LETTER.test(value), { error: messages.characters }),
  );
};

/** An organisation's name typed for "another organisation": optional, and never an address or markup. */
export const organisationNameAnswer = (what: string) =>
  z.pipe(
    optionalAnswer(what, LIMITS.short),
    z.string().check(
      z.refine((value: string) => !looksLikeAnAddress(value), { error: nameMessages(what).address, abort: true }),
      z.refine((value: string) => !/[<>]/.test(value), { error: `${what} must not include < or >` }),
    ),
  );

export const emailAnswer = (empty: string, format: string) =>
  z
    .string({ error: empty })
    .check(
      z.trim(),
      z.minLength(1, { error: empty }),
      z.maxLength(LIMITS.email, { error: `${format.replace(/,.*$/, '')} must be ${count(LIMITS.email)} characters or fewer` }),
      z.regex(EMAIL_PATTERN, { error: format }),
    );

const PHONE = /^\+?[0-9 ()-]{7,}$/;
const PHONE_FORMAT = 'Enter a telephone number, like 01632 960 001 or 07700 900 982';

export const phoneAnswer = (empty: string) =>
  z
    .string({ error: empty })
    .check(z.trim(), z.minLength(1, { error: empty }), z.maxLength(LIMITS.phone, { error: PHONE_FORMAT }), z.regex(PHONE, { error: PHONE_FORMAT }));

export const optionalPhoneAnswer = () =>
  z.pipe(
    z.optional(
      z
        .string({ error: PHONE_FORMAT })
        .check(
          z.trim(),
          z.maxLength(LIMITS.phone, { error: PHONE_FORMAT }),
          z.refine((value: string) => value === '' || PHONE.test(value), { error: PHONE_FORMAT }),
        ),
    ),
    z.transform((value: string | undefined) => value ?? ''),
  );

/** One choice from a fixed list (radios, select). */
export const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { error: message });

/** A single checkbox that must be ticked. */
export const mustTick = (message: string) => z.literal(CHECKBOX_VALUE, { error: message });

/** Several choices from a list: a lone string (one box ticked in a plain POST) counts as a list of one. */
export const choices = (values: readonly string[], { empty, unknown }: { empty: string; unknown: string }) =>
  z.pipe(
    z.transform((value: unknown) => (value === undefined || value === '' ? [] : typeof value === 'string' ? [value] : value)),
    z.pipe(
      z
        .array(z.string({ error: unknown }).check(z.refine((value: string) => values.includes(value), { error: unknown })), {
          error: unknown,
        })
        .check(z.minLength(1, { error: empty }), z.maxLength(values.length, { error: unknown })),
      z.transform((list: string[]) => [...new Set(list)]),
    ),
  );

/**
 * A GOV.UK date question (three boxes) whose label is `label`: its messages come from the label
 * (functions/forms/dates.ts, shared with the tools); the answer is stored as YYYY-MM-DD.
 */
export const dateAnswer = (label: string) => {
  // An answer that is not even text reads as one not given: "Enter the …".
  const nothing = checkDate('', label);
  return z.pipe(
    z.string({ error: nothing.ok ? label : nothing.message }),
    z.transform((value: string, payload) => {
      const checked = checkDate(value, label);
      if (checked.ok) return checked.iso;
      payload.issues.push({ code: 'custom', message: checked.message, input: value });
      return z.NEVER;
    }),
  );
};

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 2000 &&
    year <= 2100 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** "2026-11-26" → "26 November 2026", the way dates read on GOV.UK. */
export function formatDate(value: string): string {
  if (!isRealDate(value)) return value;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export const YES_NO: FieldOption[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** The organisation select: every partner from content, then "another organisation". */
export const organisationOptions = (content: FormContent): FieldOption[] => [
  ...content.organisations.map((org) => ({ value: org.id, label: org.name })),
  { value: OTHER, label: 'Another organisation' },
];

export const organisationValues = (content: FormContent): [string, ...string[]] => [
  OTHER,
  ...content.organisations.map((org) => org.id),
];

/** How an organisation answer reads: its name, or the name typed for "another organisation". */
export function organisationName(content: FormContent, id: string, other: string): string {
  if (id === OTHER) return other;
  return content.organisations.find((org) => org.id === id)?.name ?? id;
}

export const optionLabel = (options: FieldOption[], value: string) =>
  options.find((option) => option.value === value)?.label ?? value;

export const NOT_GIVEN = 'Not given';
export const orNotGiven = (value: string) => (value === '' ? NOT_GIVEN : value);

/** Names compared the way people type them: case and spacing do not matter. */
export const sameName = (a: string, b: string) =>
  a.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB') ===
  b.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

export const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Runs a cross-field rule only once the fields it reads are valid, so it never repeats their errors. */
type Shape = Record<string, z.core.$ZodType>;

export function whenFieldsValid<T extends Shape>(shape: T, ...names: (keyof T & string)[]) {
  const picked = z.object(Object.fromEntries(names.map((name) => [name, shape[name]])) as Shape);
  return (payload: { value: unknown }): boolean => picked.safeParse(payload.value).success;
}

/** The rule that a field answered "other" needs its own words in `otherField`, for `z.refine(...rule)`:
 * every form with an "Another organisation" choice (and the agreement's session length) uses it. */
export function otherNeedsText<T extends Shape>(
  shape: T,
  field: keyof T & string,
  otherField: keyof T & string,
  message: string,
): [check: (data: Record<string, unknown>) => boolean, params: z.core.$ZodCustomParams] {
  return [
    (data) => data[field] !== OTHER || data[otherField] !== '',
    { error: message, path: [otherField], when: whenFieldsValid(shape, field, otherField) },
  ];
}
