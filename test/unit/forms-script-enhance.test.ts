// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderErrorSummary } from '../../functions/html/error-summary.ts';
import { enhanceForm } from '../../src/scripts/forms/enhance.ts';
import { DEFINITION, FIELDS, WORDS, mountPage } from './forms-script-support.ts';

// The part of the script that runs as the page opens, without the form's definition or zod.

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a form page as it opens', () => {
  let form: HTMLFormElement;
  beforeEach(() => {
    localStorage.clear();
    Element.prototype.scrollIntoView = () => {};
    form = mountPage();
  });

  it('continues to the check rather than sending, stamps the fill time, hides what does not apply and offers to clear kept answers', () => {
    const load = vi.fn(async () => DEFINITION);
    enhanceForm('coach-eoi', load);
    expect(form.querySelector('[data-submit]')!.textContent).toBe('Continue');
    expect(Number(form.querySelector<HTMLInputElement>('[data-started]')!.value)).toBeGreaterThan(0);
    expect(document.querySelector<HTMLElement>('[data-field="employerOther"]')!.hidden).toBe(true);
    expect(document.querySelector('[data-saved-note]')!.textContent).toBe(`${WORDS.keeping}${WORDS.clearButton}`);
    expect(load).not.toHaveBeenCalled();
  });

  it('loads the checks when the form is first used, once', async () => {
    const load = vi.fn(async () => DEFINITION);
    enhanceForm('coach-eoi', load);
    form.querySelector<HTMLInputElement>('[name="name"]')!.focus();
    form.querySelector<HTMLInputElement>('[name="name"]')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() =>
      expect(document.querySelector('[data-error-summary-root]')!.textContent).toContain('Enter your full name'),
    );
    expect(load).toHaveBeenCalledOnce();
  });

  it('posts the form as plain HTML when the checks cannot load', async () => {
    enhanceForm('coach-eoi', async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    const submit = vi.spyOn(form, 'submit').mockImplementation(() => {});
    const event = new Event('submit', { cancelable: true });
    form.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await settle();
    await settle();
    expect(submit).toHaveBeenCalledOnce();
  });

  it('takes the reader to the error summary the server sent back', () => {
    form = mountPage({ summary: renderErrorSummary([{ field: 'name', message: 'Enter your full name' }], FIELDS) });
    enhanceForm('coach-eoi', async () => DEFINITION);
    expect(document.activeElement).toBe(document.querySelector('[data-error-summary]'));
  });
});
