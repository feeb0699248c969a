import type { AnswerRow, Field, FormContent, FormDefinition } from '../forms/types.ts';

export type { AnswerRow, Field, FormContent, FormDefinition };

/** One problem with an answer, as the endpoint reports it (422) and the browser finds it. */
export type { FieldError } from '../forms/errors.ts';

/** What was typed, as a plain POST or the browser sends it: strings, and string lists for checkboxes. */
export type FormValues = Record<string, unknown>;
