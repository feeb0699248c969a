// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createSteps, type StepElements } from '../../src/scripts/forms/steps.ts';
import { mountPage } from './forms-script-support.ts';

const PAGE_TITLE = 'Test form – Coaching Scheme Hub';

describe('the form and “Check your answers” steps', () => {
  let elements: StepElements;
  beforeEach(() => {
    mountPage();
    history.replaceState(null, '');
    window.scrollTo = () => {};
    const get = (selector: string) => document.querySelector<HTMLElement>(selector)!;
    elements = {
      formStep: get('[data-form-step]'),
      checkStep: get('[data-check-step]'),
      heading: get('[data-page-heading]'),
      answers: get('[data-check-answers]'),
      summaryRoot: get('[data-error-summary-root]'),
      checkErrorRoot: get('[data-check-error-root]'),
    };
  });

  it('show the answers under the check heading, as a step of its own in the history', () => {
    const steps = createSteps(elements, PAGE_TITLE, 'Check your answers');
    elements.checkErrorRoot.innerHTML = '<p>Not sent</p>';
    steps.showCheck('<dl>rows</dl>');
    expect(steps.checking).toBe(true);
    expect(elements.formStep.hidden).toBe(true);
    expect(elements.answers.innerHTML).toBe('<dl>rows</dl>');
    expect(elements.checkErrorRoot.innerHTML).toBe('');
    expect(elements.heading.textContent).toBe('Check your answers before sending');
    expect(document.activeElement).toBe(elements.heading);
    expect(document.title).toBe(`Check your answers – ${PAGE_TITLE}`);
    expect(history.state).toEqual({ step: 'check' });
    const length = history.length;
    steps.showCheck('<dl>rows</dl>');
    expect(history.length).toBe(length);
  });

  it('come back to the form with its heading, and “Error:” in the title if it shows errors', () => {
    const steps = createSteps(elements, PAGE_TITLE, 'Check your answers');
    steps.showCheck('');
    steps.showForm(true);
    expect(steps.checking).toBe(false);
    expect(elements.formStep.hidden).toBe(false);
    expect(elements.heading.textContent).toBe('Test form');
    expect(document.title).toBe(`Error: ${PAGE_TITLE}`);
    steps.showForm(false);
    expect(document.title).toBe(PAGE_TITLE);
  });
});
