// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { renderErrorSummary } from '../../functions/html/error-summary.ts';
import { createErrorsView, errorsFromIssues, errorsOnPage } from '../../src/scripts/forms/errors-view.ts';
import { FIELDS, mountPage, type } from './forms-script-support.ts';

const PAGE_TITLE = 'Test form – Coaching Scheme Hub';
const summaryRoot = () => document.querySelector<HTMLElement>('[data-error-summary-root]')!;
const messageOf = (name: string) =>
  document.querySelector(`[data-field="${name}"] .error-message`)?.textContent ?? null;

describe('errors on the form', () => {
  let form: HTMLFormElement;
  beforeEach(() => {
    form = mountPage();
    Element.prototype.scrollIntoView = () => {};
  });

  it('show on each field and in a focused summary, with “Error:” in the title', () => {
    const view = createErrorsView(form, FIELDS, summaryRoot(), PAGE_TITLE);
    view.show([
      { field: 'name', message: 'Enter your full name' },
      { field: 'name', message: 'A second message for the same field' },
      { field: 'contact', message: 'Choose how we should contact you' },
    ]);
    expect(messageOf('name')).toBe('Error: Enter your full name');
    expect(messageOf('contact')).toBe('Error: Choose how we should contact you');
    expect(
      [...summaryRoot().querySelectorAll('a')].map((link) => [link.getAttribute('href'), link.textContent]),
    ).toEqual([
      ['#f-name', 'Enter your full name'],
      ['#f-contact', 'Choose how we should contact you'],
    ]);
    expect(document.activeElement).toBe(summaryRoot().querySelector('[data-error-summary]'));
    expect(document.title).toBe(`Error: ${PAGE_TITLE}`);
    expect(view.count).toBe(2);
  });

  it('redraw only the fields whose message changed, keeping what was typed', () => {
    const view = createErrorsView(form, FIELDS, summaryRoot(), PAGE_TITLE);
    view.show([{ field: 'name', message: 'Enter your full name' }]);
    const contact = document.querySelector('[data-field="contact"]');
    type('name', 'Sam');
    view.show([{ field: 'contact', message: 'Choose how we should contact you' }], { focus: false });
    expect(messageOf('name')).toBeNull();
    expect(form.querySelector<HTMLInputElement>('[name="name"]')!.value).toBe('Sam');
    expect(document.querySelector('[data-field="contact"]')).not.toBe(contact);
    const name = document.querySelector('[data-field="name"]');
    view.show([{ field: 'contact', message: 'Choose how we should contact you' }], { focus: false });
    expect(document.querySelector('[data-field="name"]')).toBe(name);
  });

  it('all go when there are none, and the title is the form’s again', () => {
    const view = createErrorsView(form, FIELDS, summaryRoot(), PAGE_TITLE);
    view.show([{ field: 'name', message: 'Enter your full name' }]);
    view.show([], { focus: false });
    expect(summaryRoot().innerHTML).toBe('');
    expect(messageOf('name')).toBeNull();
    expect(document.title).toBe(PAGE_TITLE);
    expect(view.count).toBe(0);
  });

  it('start from the ones the server drew', () => {
    form = mountPage({ summary: renderErrorSummary([{ field: 'name', message: 'Enter your full name' }], FIELDS) });
    const view = createErrorsView(form, FIELDS, summaryRoot(), PAGE_TITLE);
    expect(view.count).toBe(0);
    document.querySelector('[data-field="name"]')!.outerHTML =
      '<div class="field field--error" data-field="name"><p class="error-message"><span>Error:</span> Enter your full name</p><input name="name"></div>';
    expect(errorsOnPage(form)).toEqual(new Map([['name', 'Enter your full name']]));
  });

  it('from zod’s issues, take the field from the path, and a problem with no field is the form’s', () => {
    expect(
      errorsFromIssues([
        { path: ['name'], message: 'Enter your full name' },
        { path: [], message: 'Whole form' },
      ]),
    ).toEqual([
      { field: 'name', message: 'Enter your full name' },
      { field: 'form', message: 'Whole form' },
    ]);
  });
});
