// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { element, readPageData } from '../../src/scripts/forms/page-data.ts';
import { WORDS, mountPage } from './forms-script-support.ts';

describe('the page’s form data', () => {
  beforeEach(() => {
    mountPage();
  });

  it('gives the script its content and its words', () => {
    const data = readPageData('coach-eoi');
    expect(data.formId).toBe('coach-eoi');
    expect(data.messages).toEqual(WORDS);
  });

  it('must be for the form the script was bundled with', () => {
    expect(() => readPageData('coaching-agreement')).toThrow(
      "The page's form data is for coach-eoi, not coaching-agreement",
    );
  });

  it('must carry the words', () => {
    document.getElementById('form-data')!.textContent = JSON.stringify({ formId: 'coach-eoi', content: {} });
    expect(() => readPageData('coach-eoi')).toThrow("The page's form data for coach-eoi is incomplete");
    document.getElementById('form-data')!.remove();
    expect(() => readPageData('coach-eoi')).toThrow('The form page is missing its form data (#form-data)');
  });

  it('names a region the page lacks', () => {
    expect(element('[data-send]').textContent).toBe('Send');
    expect(() => element('[data-nothing]')).toThrow('The form page is missing [data-nothing]');
  });
});
