import { attributes, escapeHtml } from './escape.ts';
import { renderErrorSummary, firstErrorByField } from './error-summary.ts';
import { errorId, fieldId, hintId, listId, optionId } from './ids.ts';
import { renderTerms } from './terms.ts';
import type { Field, FieldError, FormContent, FormDefinition, FormValues } from './types.ts';
import { CHECKBOX_VALUE } from '../forms/types.ts';
import { DATE_PARTS, DATE_PART_LABELS, datePartName, splitDate, type DatePart } from '../forms/dates.ts';

export interface RenderFormOptions {
  definition: FormDefinition;
  content: FormContent;
  values?: FormValues;
  errors?: readonly FieldError[];
}

/** The honeypot's name: people never see or fill it; a bot that fills it is quietly ignored. */
export const HONEYPOT_FIELD = 'website';
/** When the form was first shown (milliseconds since 1970), for the minimum fill-time check. */
export const STARTED_FIELD = '_started';
/** Read before an inline error by screen readers, for the tools' date questions (form fields carry their own). */
const ERROR_PREFIX = 'Error:';
/** What the form page renders, besides its fields, in words from content/settings/form-words.yml. */
type PageWords = Pick<FormContent['words'], 'send' | 'honeypot'>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : typeof value === 'string' && value !== ''
      ? [value]
      : [];

/**
 * The whole form as an HTML string: every field (with its hint, inline error and kept value), the
 * hidden fill-time and honeypot fields and the button. Fields with `showWhen` are always present so
 * the form works without JavaScript; the browser script hides them when they do not apply.
 */
export function renderForm({ definition, content, values = {}, errors = [] }: RenderFormOptions): string {
  const fields = definition.fields(content);
  const messages = firstErrorByField(errors);
  let section: string | undefined;
  const parts: string[] = [];
  for (const field of fields) {
    if (field.section && field.section !== section) {
      parts.push(`<h2 class="form-section">${escapeHtml(field.section)}</h2>`);
    }
    section = field.section ?? section;
    parts.push(renderField(field, values[field.name], messages.get(field.name)));
  }
  return (
    `<form class="form" method="post" action="/api/forms/${escapeHtml(definition.id)}" novalidate` +
    ` data-form="${escapeHtml(definition.id)}">` +
    renderHiddenFields(values, content.words) +
    parts.join('') +
    // Without JavaScript the button sends at once; the browser script relabels it for the check step.
    `<div class="form-actions"><button type="submit" class="button" data-submit>${escapeHtml(content.words.send)}</button></div>` +
    `</form>`
  );
}

/** The form with its error summary above it, for pages that show both together. */
export function renderFormWithSummary(options: RenderFormOptions): string {
  const fields = options.definition.fields(options.content);
  return (
    renderErrorSummary(options.errors ?? [], fields, options.content.words.errorSummaryTitle) + renderForm(options)
  );
}

function renderHiddenFields(values: FormValues, words: PageWords): string {
  return (
    `<input type="hidden" name="${STARTED_FIELD}"${attributes({ value: text(values[STARTED_FIELD]) })} data-started>` +
    `<div class="honeypot" aria-hidden="true">` +
    `<label for="${HONEYPOT_FIELD}">${escapeHtml(words.honeypot)}</label>` +
    `<input type="text" id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"${attributes({ value: text(values[HONEYPOT_FIELD]) })}>` +
    `</div>`
  );
}

/** One field in its wrapper; exported so the browser script can redraw a single field. */
export function renderField(field: Field, value: unknown, error: string | undefined): string {
  const wrapper = attributes({
    class: `field${error ? ' field--error' : ''}`,
    'data-field': field.name,
    'data-show-when-field': field.showWhen?.field,
    'data-show-when-value': field.showWhen?.value,
  });
  return `<div${wrapper}>${renderControl(field, value, error)}</div>`;
}

function labelText(field: Field): string {
  return (
    escapeHtml(field.label) +
    (field.optional && field.words ? ` <span class="optional">${escapeHtml(field.words.optional)}</span>` : '')
  );
}

function hintHtml(field: Field): string {
  return field.hint ? `<div class="hint" id="${hintId(field.name)}">${escapeHtml(field.hint)}</div>` : '';
}

function errorHtml(field: Field, error: string | undefined): string {
  return error
    ? `<p class="error-message" id="${errorId(field.name)}"><span class="visually-hidden">${escapeHtml(field.words?.errorPrefix ?? ERROR_PREFIX)}</span> ${escapeHtml(error)}</p>`
    : '';
}

function describedBy(field: Field, error: string | undefined): string | undefined {
  const ids = [field.hint ? hintId(field.name) : '', error ? errorId(field.name) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function renderControl(field: Field, value: unknown, error: string | undefined): string {
  switch (field.kind) {
    case 'radios':
    case 'checkboxes':
      return renderChoices(field, value, error);
    case 'checkbox':
      return renderSingleCheckbox(field, value, error);
    case 'date':
      return renderDate(field, value, error);
    default:
      return (
        `<label class="label" for="${fieldId(field.name)}">${labelText(field)}</label>` +
        hintHtml(field) +
        errorHtml(field, error) +
        renderInput(field, value, error)
      );
  }
}

function renderInput(field: Field, value: unknown, error: string | undefined): string {
  const common = {
    id: fieldId(field.name),
    name: field.name,
    autocomplete: field.autocomplete,
    'aria-describedby': describedBy(field, error),
  };
  const errorClass = error ? ' input--error' : '';
  const width = field.width ? ` input--${field.width}` : '';
  if (field.kind === 'textarea') {
    return `<textarea${attributes({ ...common, class: `textarea${errorClass}`, rows: 5 })}>${escapeHtml(text(value))}</textarea>`;
  }
  if (field.kind === 'select') {
    const chosen = text(value);
    const options = [{ value: '', label: field.words?.chooseOne ?? '' }, ...(field.options ?? [])]
      .map(
        (option) =>
          `<option value="${escapeHtml(option.value)}"${option.value === chosen ? ' selected' : ''}>${escapeHtml(option.label)}</option>`,
      )
      .join('');
    return `<select${attributes({ ...common, class: `select${errorClass}${width}` })}>${options}</select>`;
  }
  const type = { text: 'text', email: 'email', tel: 'tel', number: 'text' }[field.kind as string] ?? 'text';
  return `<input${attributes({
    ...common,
    class: `input${errorClass}${width}`,
    type,
    // GOV.UK advice: numbers as text with a numeric keypad, so browsers never alter what was typed.
    inputmode: field.kind === 'number' ? 'numeric' : undefined,
    spellcheck: field.kind === 'email' ? 'false' : undefined,
    value: text(value),
  })}>`;
}

function renderChoices(field: Field, value: unknown, error: string | undefined): string {
  const type = field.kind === 'radios' ? 'radio' : 'checkbox';
  const chosen = field.kind === 'radios' ? [text(value)] : list(value);
  const options = field.options ?? [];
  // Two short options (Yes / No) sit side by side, as GOV.UK does.
  const inline = type === 'radio' && options.length === 2 && options.every((option) => option.label.length <= 4);
  const items = options
    .map((option, index) => {
      const id = optionId(field.name, index);
      return (
        `<div class="choice">` +
        `<input${attributes({ class: 'choice__input', id, name: field.name, type, value: option.value, checked: chosen.includes(option.value) })}>` +
        `<label class="choice__label" for="${escapeHtml(id)}">${escapeHtml(option.label)}</label>` +
        `</div>`
      );
    })
    .join('');
  return (
    `<fieldset${attributes({ class: 'fieldset', 'aria-describedby': describedBy(field, error) })}>` +
    `<legend class="legend">${labelText(field)}</legend>` +
    hintHtml(field) +
    errorHtml(field, error) +
    `<div class="choices choices--${type}${inline ? ' choices--inline' : ''}">${items}</div>` +
    `</fieldset>`
  );
}

/** The day box carries the field's id, so the error summary's link lands on it. */
export const datePartId = (name: string, part: DatePart) =>
  part === 'day' ? fieldId(name) : `${fieldId(name)}-${part}`;

/**
 * The GOV.UK date input: a group with a legend, and three text boxes with a numeric keypad (never a
 * browser date picker, which shows mm/dd/yyyy in many browsers). The value may be a stored
 * YYYY-MM-DD or the boxes as typed.
 */
export function renderDate(
  field: Field,
  value: unknown,
  error: string | undefined,
  // The tools pass their own words for the boxes (content/tools/shared.yml).
  {
    idOf = datePartId,
    partLabels = DATE_PART_LABELS,
  }: { idOf?: typeof datePartId; partLabels?: Record<DatePart, string> } = {},
): string {
  const parts = splitDate(text(value));
  const boxes = DATE_PARTS.map((part) => {
    const id = idOf(field.name, part);
    return (
      `<div class="date-input__item">` +
      `<label class="label date-input__label" for="${escapeHtml(id)}">${escapeHtml(field.words?.[part] ?? partLabels[part])}</label>` +
      `<input${attributes({
        class: `input date-input__input input--width-${part === 'year' ? 4 : 2}${error ? ' input--error' : ''}`,
        id,
        name: datePartName(field.name, part),
        type: 'text',
        inputmode: 'numeric',
        value: parts[part],
      })}>` +
      `</div>`
    );
  }).join('');
  return (
    `<fieldset${attributes({ class: 'fieldset', role: 'group', 'aria-describedby': describedBy(field, error) })}>` +
    `<legend class="legend">${labelText(field)}</legend>` +
    hintHtml(field) +
    errorHtml(field, error) +
    `<div class="date-input">${boxes}</div>` +
    `</fieldset>`
  );
}

function renderSingleCheckbox(field: Field, value: unknown, error: string | undefined): string {
  const terms = field.terms
    ? renderTerms(field.terms, { id: listId(field.name) })
    : field.list && field.list.length > 0
      ? (field.listIntro ? `<p class="terms-intro">${escapeHtml(field.listIntro)}</p>` : '') +
        `<ul class="terms" id="${listId(field.name)}">${field.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
      : '';
  return (
    terms +
    hintHtml(field) +
    errorHtml(field, error) +
    `<div class="choices choices--checkbox"><div class="choice">` +
    `<input${attributes({
      class: 'choice__input',
      id: fieldId(field.name),
      name: field.name,
      type: 'checkbox',
      value: CHECKBOX_VALUE,
      checked: text(value) === CHECKBOX_VALUE,
      'aria-describedby': describedBy(field, error),
    })}>` +
    `<label class="choice__label" for="${fieldId(field.name)}">${escapeHtml(field.label)}</label>` +
    `</div></div>`
  );
}

export type { FormContent };
