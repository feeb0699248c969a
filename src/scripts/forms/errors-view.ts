import type { Field } from '../../../functions/forms/types.ts';
import { firstErrorByField, renderErrorSummary } from '../../../functions/html/error-summary.ts';
import { renderField } from '../../../functions/html/form.ts';
import type { FieldError } from '../../../functions/html/types.ts';
import { normaliseAnswers } from '../../../functions/normalise.ts';
import { updateConditional } from './conditional.ts';
import { readValues } from './values.ts';

// Errors on the form: the message on each field and the summary above the heading, drawn by the
// server's own renderers, so the browser's errors and the server's look and read the same.

// zod's issues in the endpoint's error shape: one function for the server and the browser.
export { errorsFromIssues } from '../../../functions/forms/errors.ts';

/** The errors a page came back from the server with, read from its fields. */
export function errorsOnPage(form: HTMLFormElement): Map<string, string> {
  return new Map(
    [...form.querySelectorAll<HTMLElement>('.field--error[data-field]')].map((wrapper) => [
      wrapper.dataset.field ?? '',
      wrapper.querySelector('.error-message')?.textContent?.replace(/^Error:\s*/, '') ?? '',
    ]),
  );
}

export interface ErrorsView {
  show(errors: readonly FieldError[], options?: { focus?: boolean }): void;
  /** How many fields show an error now. */
  readonly count: number;
}

export function createErrorsView(
  form: HTMLFormElement,
  fields: readonly Field[],
  summaryRoot: HTMLElement,
  pageTitle: string,
): ErrorsView {
  const names = new Set(fields.map((field) => field.name));
  let shown = errorsOnPage(form);
  return {
    get count() {
      return shown.size;
    },
    show(errors, { focus = true } = {}) {
      const values = readValues(form, fields);
      const messages = firstErrorByField(errors);
      // Only fields whose message changed are redrawn, so what people are typing elsewhere stays put.
      for (const field of fields) {
        if (messages.get(field.name) === shown.get(field.name)) continue;
        const wrapper = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.name)}"]`);
        // A date's boxes are read by their own names; the field redraws from the value they make.
        const value = field.kind === 'date' ? normaliseAnswers([field], values)[field.name] : values[field.name];
        if (wrapper) wrapper.outerHTML = renderField(field, value, messages.get(field.name));
      }
      shown = new Map([...messages].filter(([name]) => names.has(name)));
      updateConditional(form);
      summaryRoot.innerHTML = renderErrorSummary(errors, fields);
      document.title = errors.length > 0 ? `Error: ${pageTitle}` : pageTitle;
      const summary = summaryRoot.querySelector<HTMLElement>('[data-error-summary]');
      if (summary && focus) {
        summary.focus();
        summary.scrollIntoView({ block: 'start' });
      }
    },
  };
}
