// Pure HTML-string renderers for the forms, shared by the Astro pages, the Netlify functions and
// the browser script. Everything they output is escaped; none of them touch a DOM.
export { escapeHtml } from './escape.ts';
export { fieldId, errorId, hintId } from './ids.ts';
export { renderErrorSummary, ERROR_SUMMARY_TITLE } from './error-summary.ts';
export { renderForm, renderField, renderFormWithSummary, HONEYPOT_FIELD, STARTED_FIELD } from './form.ts';
export type { RenderFormOptions } from './form.ts';
export { renderAnswerRows } from './answers.ts';
export { renderFormPage } from './form-page.ts';
export { renderSentPage } from './sent-page.ts';
export type { SentPageOptions } from './sent-page.ts';
export { renderConfirmPage, CONFIRM_NAME_FIELD, CONFIRM_PAGE_STATUS } from './confirm-page.ts';
export type { ConfirmPageState } from './confirm-page.ts';
export type { FieldError, FormValues } from './types.ts';
