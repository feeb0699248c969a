import { describe, expect, it } from 'vitest';
import { forms } from '../../functions/forms/index.ts';
import { cleanText, normaliseAnswers } from '../../functions/normalise.ts';
import { fixtureContent } from './intake-support.ts';

describe('cleaning what people type', () => {
  it.each([
    ['trims spaces at both ends', '  Alex Morgan  ', false, 'Alex Morgan'],
    ['joins decomposed accents into one character (NFC)', 'Zoe\u0308', false, 'Zoë'],
    ['removes control characters', 'Al\u0000ex\u0007 Mor\u009Bgan', false, 'Alex Morgan'],
    ['removes direction overrides that would reverse text', 'Sam\u202Enaja\u202C Patel\u2066x\u2069', false, 'Samnaja Patelx'],
    ['turns line breaks in one-line answers into spaces', 'Senior\r\nBcc: someone@example.org', false, 'Senior Bcc: someone@example.org'],
    ['keeps line breaks in multi-line answers, as \\n', 'First\r\nSecond\rThird', true, 'First\nSecond\nThird'],
    ['keeps tabs in multi-line answers', 'a\tb', true, 'a\tb'],
  ])('%s', (_name, input, multiline, expected) => {
    expect(cleanText(input, multiline)).toBe(expected);
  });

  it('keeps only the form’s own fields, and checkbox answers as lists', async () => {
    const content = await fixtureContent('coach-eoi');
    const fields = forms['coach-eoi'].fields(content);
    const values = normaliseAnswers(fields, {
      name: ' Alex ',
      areas: 'Managing change',
      experience: 'Line one\r\nLine two',
      jobTitle: ['First title', 'Second title'],
      isAdmin: 'yes',
      website: 'spam',
    });
    expect(values).toEqual({
      name: 'Alex',
      areas: ['Managing change'],
      experience: 'Line one\nLine two',
      jobTitle: 'First title',
    });
  });
});
