// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { renderErrorSummary } from '../../functions/html/error-summary.ts';
import { focusField, followSummaryLinks, questionOf } from '../../src/scripts/forms/focus.ts';
import { FIELDS, mountPage } from './forms-script-support.ts';

const control = (id: string) => document.getElementById(id)!;

describe('taking people to a question', () => {
  beforeEach(() => {
    mountPage();
  });

  it('finds the words that ask it: a choice’s legend, a box’s label', () => {
    expect(questionOf(control('f-contact'))?.textContent).toContain('How should we contact you?');
    expect(questionOf(control('f-areas'))?.tagName).toBe('LEGEND');
    expect(questionOf(control('f-name'))?.textContent).toBe('Full name');
  });

  it('focuses the control and brings its question into view', () => {
    const scrolled: string[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this.tagName);
    };
    focusField('contact');
    expect(document.activeElement?.id).toBe('f-contact');
    expect(scrolled).toEqual(['LEGEND']);
    focusField('missing');
    expect(document.activeElement?.id).toBe('f-contact');
  });

  it('from a link in the error summary, drawn before or after the links are followed', () => {
    const root = document.querySelector<HTMLElement>('[data-error-summary-root]')!;
    followSummaryLinks(root);
    root.innerHTML = renderErrorSummary([{ field: 'name', message: 'Enter your full name' }], FIELDS);
    const link = root.querySelector<HTMLAnchorElement>('a[href="#f-name"]')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('f-name');
  });
});
