// The one shape of an answer's problem, from the server (a 422's JSON, a redrawn page) to the browser
// script: the field's POST name ('' for a problem with the whole form) and the message from content.

export interface FieldError {
  field: string;
  message: string;
}

/** zod's issues as errors, the first per field only (one field never shows two messages at once). */
export function errorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}
