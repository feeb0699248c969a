import { renderErrorSummary } from './error-summary.ts';
import { renderForm, type RenderFormOptions } from './form.ts';
import { prefixTitleWithError, replaceRegion } from './regions.ts';

/**
 * The static form page (built by Astro) with its form redrawn: every typed value kept, inline
 * messages, the error summary at the top of the page and "Error: " at the start of the title.
 * The function answers a plain (JavaScript-off) POST with errors with this page.
 */
export function renderFormPage(pageHtml: string, options: RenderFormOptions): string {
  const errors = options.errors ?? [];
  const fields = options.definition.fields(options.content);
  let html = replaceRegion(pageHtml, 'data-form-root', renderForm(options));
  if (errors.length > 0) {
    const summary = renderErrorSummary(errors, fields);
    html = html.includes('data-error-summary-root')
      ? replaceRegion(html, 'data-error-summary-root', summary)
      : replaceRegion(html, 'data-form-root', summary + renderForm(options));
    html = prefixTitleWithError(html);
  }
  return html;
}
