import { z } from 'zod';
import { EMAIL_PATTERN } from './patterns.ts';

// Building blocks shared by the content schemas. Every rule carries the words an editor sees
// when a file breaks it, so a failed build says what to fix in plain language.

export const requiredText = (what: string) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, { error: `Enter ${what}` });

export const emailAddress = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
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
