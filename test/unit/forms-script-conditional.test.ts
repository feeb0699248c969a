// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { updateConditional } from '../../src/scripts/forms/conditional.ts';
import { choose, mountPage } from './forms-script-support.ts';

const other = () => document.querySelector<HTMLElement>('[data-field="employerOther"]')!;

describe('questions that apply to some answers only', () => {
  let form: HTMLFormElement;
  beforeEach(() => {
    form = mountPage();
  });

  it('are hidden until the answer they depend on is given', () => {
    expect(other().hidden).toBe(false); // as the server draws it, for a page without JavaScript
    updateConditional(form);
    expect(other().hidden).toBe(true);
    choose('employer', 'other');
    updateConditional(form);
    expect(other().hidden).toBe(false);
    choose('employer', 'north');
    updateConditional(form);
    expect(other().hidden).toBe(true);
  });

  it('leave every other question alone', () => {
    updateConditional(form);
    const hidden = [...document.querySelectorAll<HTMLElement>('[data-field]')]
      .filter((field) => field.hidden)
      .map((field) => field.dataset.field);
    expect(hidden).toEqual(['employerOther']);
  });
});
