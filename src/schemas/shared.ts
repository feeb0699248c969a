import { z } from 'zod';
import { EMAIL_PATTERN } from './patterns.ts';

// Building blocks shared by the content schemas. Every rule carries the words an editor sees
// when a file breaks it, so a failed build says what to fix in plain language.

/**
 * Text that must say something: surrounding spaces are removed first, so a box of spaces is empty.
 * With `max`, longer text is refused (the limit is the CMS's too).
 */
export const requiredText = (what: string, { max }: { max?: number } = {}) => {
  const text = z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, { error: `Enter ${what}` });
  return max === undefined ? text : text.max(max, { error: `Use at most ${max} characters for ${what}` });
};

/** A number that places an entry in its sequence: a whole number in 1…max, with words for each way it can be wrong. */
export const orderNumber = (what: string, max: number) => {
  const words = `Enter the ${what} number as a whole number from 1 to ${max}`;
  return z.number({ error: words }).int({ error: words }).min(1, { error: words }).max(max, { error: words });
};

export const emailAddress = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .max(254, { error: `Use at most 254 characters for ${what}` })
    .regex(EMAIL_PATTERN, { error: `Enter ${what} as an email address, like team@example.org` });

export { EMAIL_PATTERN };

export const updatedDate = z.coerce.date({ error: 'Enter the date this page was last updated, like 2026-11-26' });

export const textList = (what: string, { min = 1, max }: { min?: number; max?: number } = {}) => {
  let list = z.array(requiredText(what), { error: `Add a list of ${what}` }).min(min, {
    error: `Add at least ${min} ${what}`,
  });
  if (max !== undefined) list = list.max(max, { error: `Add no more than ${max} ${what}` });
  return list;
};
