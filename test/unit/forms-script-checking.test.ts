// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FormContent } from '../../functions/forms/types.ts';
import { startChecking, type CheckingPage } from '../../src/scripts/forms/checking.ts';
import { DEFINITION, WORDS, mountPage, tick, type } from './forms-script-support.ts';

// The part of the script that loads on first use: checks, "Check your answers" and sending.

const get = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('checking and sending the answers', () => {
  let page: CheckingPage;
  const forgetSaved = vi.fn();
  const announced: string[] = [];
  const assign = vi.fn();

  beforeEach(() => {
    const form = mountPage();
    Element.prototype.scrollIntoView = () => {};
    window.scrollTo = () => {};
    history.replaceState(null, '');
    forgetSaved.mockClear();
    assign.mockClear();
    announced.length = 0;
    vi.stubGlobal('location', { ...window.location, assign });
    page = {
      form,
      content: {} as FormContent,
      messages: WORDS,
      pageTitle: 'Test form – Coaching Scheme Hub',
      startedInput: get<HTMLInputElement>('[data-started]'),
      sendButton: get<HTMLButtonElement>('[data-send]'),
      formStep: get('[data-form-step]'),
      checkStep: get('[data-check-step]'),
      heading: get('[data-page-heading]'),
      answers: get('[data-check-answers]'),
      summaryRoot: get('[data-error-summary-root]'),
      checkErrorRoot: get('[data-check-error-root]'),
      announce: (text) => announced.push(text),
      forgetSaved,
    };
  });
  afterEach(() => vi.unstubAllGlobals());

  it('show the schema’s errors when the answers do not pass', () => {
    startChecking(DEFINITION, page).submit();
    expect(get('[data-error-summary-root]').textContent).toContain('Enter your full name');
    expect(page.checkStep.hidden).toBe(true);
  });

  it('show the answers to check when they pass, with a Change link back to the question', () => {
    startChecking(DEFINITION, page).submit();
    type('name', '  Sam Reed ');
    startChecking(DEFINITION, page).submit();
    expect(page.checkStep.hidden).toBe(false);
    expect(page.answers.textContent).toContain('Sam Reed');
    expect(get('[data-error-summary-root]').innerHTML).toBe('');
    page.answers.querySelector<HTMLAnchorElement>('a[data-change]')!.click();
    expect(page.checkStep.hidden).toBe(true);
    expect(document.activeElement?.id).toBe('f-name');
  });

  it('send once, with the fill time and the honeypot, then forget the saved answers and go to the sent page', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ reference: 'EOI-7KQ3-M9TX' }), { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    page.startedInput.value = '1700000000000';
    type('name', 'Sam');
    tick('contact', 'email');
    startChecking(DEFINITION, page).submit();
    page.sendButton.click();
    page.sendButton.click();
    expect(page.sendButton.textContent).toBe('Sending…');
    expect(page.sendButton.getAttribute('aria-disabled')).toBe('true');
    expect(announced).toEqual(['Sending your form…']);
    await settle();
    expect(fetch).toHaveBeenCalledOnce();
    expect(JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toMatchObject({
      name: 'Sam',
      contact: 'email',
      _started: '1700000000000',
      website: '',
    });
    expect(forgetSaved).toHaveBeenCalledOnce();
    expect(assign).toHaveBeenCalledWith('/test-form/sent/EOI-7KQ3-M9TX/');
  });

  it('say the form was not sent, over the Send button, and let it be pressed again', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    type('name', 'Sam');
    startChecking(DEFINITION, page).submit();
    page.sendButton.click();
    await settle();
    expect(page.checkErrorRoot.textContent).toContain(WORDS.network);
    expect(document.activeElement).toBe(page.checkErrorRoot.querySelector('[data-error-summary]'));
    expect(page.sendButton.textContent).toBe('Send');
    expect(page.sendButton.getAttribute('aria-disabled')).toBe('false');
  });

  it('bring the server’s errors back to the form step', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ errors: [{ field: 'contact', message: 'Choose one' }] }), { status: 422 }),
    );
    type('name', 'Sam');
    startChecking(DEFINITION, page).submit();
    page.sendButton.click();
    await settle();
    expect(page.formStep.hidden).toBe(false);
    expect(document.querySelector('[data-field="contact"] .error-message')?.textContent).toBe('Error: Choose one');
    expect(document.title).toBe('Error: Test form – Coaching Scheme Hub');
  });

  it('follow Back to the form and Forward to the check again', () => {
    type('name', 'Sam');
    const checks = startChecking(DEFINITION, page);
    checks.submit();
    checks.historyMoved(null);
    expect(page.checkStep.hidden).toBe(true);
    expect(document.activeElement).toBe(page.heading);
    checks.historyMoved({ step: 'check' });
    expect(page.checkStep.hidden).toBe(false);
    type('name', '');
    checks.historyMoved(null);
    checks.historyMoved({ step: 'check' });
    expect(page.checkStep.hidden).toBe(true);
  });
});
