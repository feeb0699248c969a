import './zod-config.ts';
import { z } from 'zod/mini';
import { EMAIL_PATTERN } from '../../src/schemas/patterns.ts';
import { fill } from '../../src/lib/words.ts';
import { checkDate, type DateMessages } from './dates.ts';
import { CHECKBOX_VALUE, OTHER, type ErrorWords, type FieldOption, type FormContent, type Question } from './types.ts';

// Building blocks for the form schemas. Each takes the exact words the user sees (from the form's
// content file, by question), so no zod default text can reach a page. The kinds of question at the
// end say which messages each rule needs; the form definitions ask them under their field names.

/** Character limits, one per kind of answer. */
export const LIMITS = { name: 100, short: 120, email: 254, phone: 30, reason: 500, long: 2000 } as const;

const count = (n: number) => n.toLocaleString('en-GB');

/** A message with `{max}` (and `{min}`) filled in from the rule's own limits. */
const limit = (message: string, max: number, min?: number) =>
  fill(message, { max: count(max), ...(min === undefined ? {} : { min: count(min) }) });

/** Required one-line or multi-line text. */
export const requiredAnswer = (e: ErrorWords, max: number) =>
  z
    .string({ error: e.empty })
    .check(z.trim(), z.minLength(1, { error: e.empty }), z.maxLength(max, { error: limit(e.tooLong!, max) }));

/** Optional text: an empty answer is ''. */
export const optionalAnswer = (e: ErrorWords, max: number) =>
  z.pipe(
    z.optional(z.string({ error: e.notText }).check(z.trim(), z.maxLength(max, { error: limit(e.tooLong!, max) }))),
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

/** True when a name keeps to what names contain (the check behind {@link nameAnswer}). */
export const isPlainName = (value: string) =>
  !looksLikeAnAddress(value) && NAME_CHARACTERS.test(value) && HAS_LETTER.test(value);

/** A person's name: required, at most LIMITS.name, and only what names contain. */
export const nameAnswer = (e: ErrorWords) =>
  requiredAnswer(e, LIMITS.name).check(
    z.refine((value: string) => !looksLikeAnAddress(value), { error: e.address, abort: true }),
    z.refine((value: string) => NAME_CHARACTERS.test(value) && HAS_LETTER.test(value), { error: e.characters }),
  );

/** An organisation's name typed for "another organisation": optional, and never an address or markup. */
export const organisationNameAnswer = (e: ErrorWords) =>
  z.pipe(
    optionalAnswer(e, LIMITS.short),
    z.string().check(
      z.refine((value: string) => !looksLikeAnAddress(value), { error: e.address, abort: true }),
      z.refine((value: string) => !/[<>]/.test(value), { error: e.markup }),
    ),
  );

export const emailAnswer = (e: ErrorWords) =>
  z
    .string({ error: e.empty })
    .check(
      z.trim(),
      z.minLength(1, { error: e.empty }),
      z.maxLength(LIMITS.email, { error: limit(e.tooLong!, LIMITS.email) }),
      z.regex(EMAIL_PATTERN, { error: e.format }),
    );

const PHONE = /^\+?[0-9 ()-]{7,}$/;

export const phoneAnswer = (empty: string, format: string) =>
  z
    .string({ error: empty })
    .check(
      z.trim(),
      z.minLength(1, { error: empty }),
      z.maxLength(LIMITS.phone, { error: format }),
      z.regex(PHONE, { error: format }),
    );

export const optionalPhoneAnswer = (format: string) =>
  z.pipe(
    z.optional(
      z.string({ error: format }).check(
        z.trim(),
        z.maxLength(LIMITS.phone, { error: format }),
        z.refine((value: string) => value === '' || PHONE.test(value), { error: format }),
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
    z.transform((value: unknown) =>
      value === undefined || value === '' ? [] : typeof value === 'string' ? [value] : value,
    ),
    z.pipe(
      z
        .array(
          z.string({ error: unknown }).check(z.refine((value: string) => values.includes(value), { error: unknown })),
          {
            error: unknown,
          },
        )
        .check(z.minLength(1, { error: empty }), z.maxLength(values.length, { error: unknown })),
      z.transform((list: string[]) => [...new Set(list)]),
    ),
  );

/**
 * A GOV.UK date question (three boxes): GOV.UK's four messages, from content (the rule itself is
 * functions/forms/dates.ts, shared with the tools); the answer is stored as YYYY-MM-DD.
 */
export const dateAnswer = (messages: DateMessages) => {
  // An answer that is not even text reads as one not given: "Enter the …".
  return z.pipe(
    z.string({ error: messages.empty }),
    z.transform((value: string, payload) => {
      const checked = checkDate(value, '', messages);
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

export const yesNo = (content: FormContent): FieldOption[] => [
  { value: 'yes', label: content.words.answerYes },
  { value: 'no', label: content.words.answerNo },
];

/** The organisation select: every partner from content, then "another organisation". */
export const organisationOptions = (content: FormContent): FieldOption[] => [
  ...content.organisations.map((org) => ({ value: org.id, label: org.name })),
  { value: OTHER, label: content.words.anotherOrganisation },
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

// The kinds of question: each says which messages its rule needs (keys of the question's `errors` in
// the form's content file) and builds the rule from them. functions/forms/questions.ts makes the
// questions the forms ask from these.

type Extra = Omit<Question, 'kind' | 'errors' | 'rule'>;
const question = <S extends z.ZodMiniType>(
  kind: Question['kind'],
  errors: readonly string[],
  rule: Question<S>['rule'],
  extra: Extra = {},
): Question<S> => ({
  kind,
  errors,
  rule,
  ...extra,
});

export const textQuestion = (kind: 'text' | 'textarea', max: number, extra?: Extra) =>
  question(kind, ['empty', 'tooLong'], (e) => requiredAnswer(e, max), extra);
export const optionalTextQuestion = (kind: 'text' | 'textarea', max: number, extra?: Extra) =>
  question(kind, ['notText', 'tooLong'], (e) => optionalAnswer(e, max), { optional: true, ...extra });
export const nameQuestion = (extra?: Extra) =>
  question('text', ['empty', 'tooLong', 'address', 'characters'], (e) => nameAnswer(e), { width: 'long', ...extra });
export const emailQuestion = (extra?: Extra) =>
  question('email', ['empty', 'format', 'tooLong'], (e) => emailAnswer(e), { width: 'long', ...extra });
export const phoneQuestion = (extra?: Extra) =>
  question('tel', ['empty'], (e, content) => phoneAnswer(e.empty!, content.words.phoneFormat), {
    autocomplete: 'tel',
    width: 'medium',
    ...extra,
  });
export const optionalPhoneQuestion = (extra?: Extra) =>
  question('tel', [], (_e, content) => optionalPhoneAnswer(content.words.phoneFormat), {
    optional: true,
    autocomplete: 'tel',
    width: 'medium',
    ...extra,
  });
/** The name typed for "another organisation"; `missing` is the form's rule that it is given when needed. */
export const organisationNameQuestion = (extra?: Extra) =>
  question('text', ['missing', 'notText', 'tooLong', 'address', 'markup'], (e) => organisationNameAnswer(e), {
    width: 'long',
    ...extra,
  });
export const organisationQuestion = (extra?: Extra) =>
  question('select', ['choose'], (e, content) => choice(organisationValues(content), e.choose!), {
    options: organisationOptions,
    ...extra,
  });
export const yesNoQuestion = () =>
  question('radios', ['choose'], (e) => choice(['yes', 'no'], e.choose!), { options: yesNo });
/** Radios whose values are code's and whose labels are the question's `options` words, by key. */
export const radiosQuestion = <
  const V extends readonly [{ value: string; key: string }, ...{ value: string; key: string }[]],
>(
  optionKeys: V,
) =>
  question(
    'radios',
    ['choose'],
    (e) => choice(optionKeys.map((o) => o.value) as [V[number]['value'], ...V[number]['value'][]], e.choose!),
    { optionKeys },
  );
export const tickQuestion = (extra?: Extra) => question('checkbox', ['tick'], (e) => mustTick(e.tick!), extra);
export const dateQuestion = () =>
  question('date', ['empty', 'incomplete', 'year', 'real'], (e) => dateAnswer(e as unknown as DateMessages));
