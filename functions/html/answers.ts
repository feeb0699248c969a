import { escapeHtml, multiline } from './escape.ts';
import { fieldId } from './ids.ts';
import type { AnswerRow } from './types.ts';

/**
 * The GOV.UK summary list. With `changeLinks`, each row links back to its field (the browser's
 * "Check your answers" step); without, it is a plain record (the confirm page, emails).
 */
export function renderAnswerRows(rows: readonly AnswerRow[], { changeLinks = false } = {}): string {
  const items = rows
    .map((row) => {
      const change = changeLinks
        ? `<dd class="summary-list__actions"><a class="link" href="#${escapeHtml(fieldId(row.field))}" data-change="${escapeHtml(row.field)}">Change<span class="visually-hidden"> ${escapeHtml(row.label.toLowerCase())}</span></a></dd>`
        : '';
      return (
        `<div class="summary-list__row">` +
        `<dt class="summary-list__key">${escapeHtml(row.label)}</dt>` +
        `<dd class="summary-list__value">${multiline(row.value)}</dd>` +
        change +
        `</div>`
      );
    })
    .join('');
  return `<dl class="summary-list">${items}</dl>`;
}
