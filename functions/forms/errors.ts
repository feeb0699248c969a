// The one shape of an answer's problem, from the server (a 422's JSON, a redrawn page) to the browser
// script: the field's POST name (FORM_WIDE for a problem with the whole form, as the JSON contract has it) and the message from content.

/** The field name a problem with the whole form goes under (the 422 JSON's contract). */
export const FORM_WIDE = 'form';

export interface FieldError {
  field: string;
  message: string;
}

/** zod's issues as errors, the first per field only (one field never shows two messages at once). */
export function errorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? FORM_WIDE);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}
