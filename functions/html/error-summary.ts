import { escapeHtml } from './escape.ts';
import { fieldId } from './ids.ts';
import type { Field, FieldError } from './types.ts';

export const ERROR_SUMMARY_TITLE = 'There is a problem';

/**
 * The GOV.UK error summary: a heading and a link to each problem. With `fields`, errors follow the
 * order of the form and only known fields get links; a form-wide problem (field '') is plain text.
 */
export function renderErrorSummary(
  errors: readonly FieldError[],
  fields?: readonly Field[],
  // A form's fields carry the form's words (content/settings/form-words.yml); the confirm page passes none yet.
  title = fields?.[0]?.words?.errorSummaryTitle ?? ERROR_SUMMARY_TITLE,
): string {
  if (errors.length === 0) return '';
  const known = fields ? new Map(fields.map((field, index) => [field.name, index])) : undefined;
  // One message per field, as on the field itself.
  const seen = new Set<string>();
  const unique = errors.filter(({ field }) => field === '' || (!seen.has(field) && seen.add(field)));
  const ordered = known ? [...unique].sort((a, b) => (known.get(a.field) ?? -1) - (known.get(b.field) ?? -1)) : unique;
  const items = ordered
    .map(({ field, message }) => {
      const linked = field !== '' && (known ? known.has(field) : true);
      return linked
        ? `<li><a href="#${escapeHtml(fieldId(field))}">${escapeHtml(message)}</a></li>`
        : `<li>${escapeHtml(message)}</li>`;
    })
    .join('');
  // GOV.UK's markup: the alert role on the inner div, no label on the outer one. It takes focus when
  // the page loads (autofocus, so pages without JavaScript, like the confirm page, do it too) and
  // when the browser script draws it.
  return (
    `<div class="error-summary" data-error-summary tabindex="-1" autofocus>` +
    `<div role="alert"><h2 class="error-summary__title">${escapeHtml(title)}</h2>` +
    `<div class="error-summary__body"><ul class="error-summary__list">${items}</ul></div></div></div>`
  );
}

/** The first message for each field, so one field never shows two inline messages at once. */
export function firstErrorByField(errors: readonly FieldError[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const { field, message } of errors) if (!byField.has(field)) byField.set(field, message);
  return byField;
}
