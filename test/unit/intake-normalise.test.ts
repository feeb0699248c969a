import { describe, expect, it } from 'vitest';
import { forms } from '../../functions/forms/index.ts';
import { cleanText, normaliseAnswers, single } from '../../functions/normalise.ts';
import { fixtureContent } from './intake-support.ts';

describe('cleaning what people type', () => {
  it.each([
    ['trims spaces at both ends', '  Alex Morgan  ', false, 'Alex Morgan'],
    ['joins decomposed accents into one character (NFC)', 'Zoe\u0308', false, 'Zoë'],
    ['removes control characters', 'Al\u0000ex\u0007 Mor\u009Bgan', false, 'Alex Morgan'],
    [
      'removes direction overrides that would reverse text',
      'Sam\u202Enaja\u202C Patel\u2066x\u2069',
      false,
      'Samnaja Patelx',
    ],
    [
      'turns line breaks in one-line answers into spaces',
      'Senior\r\nBcc: someone@example.org',
      false,
      'Senior Bcc: someone@example.org',
    ],
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

describe('cleaning, character by character', () => {
  it.each([
    ['the last C0 controls before tab', 'a\u0001\u0008b', 'ab'],
    ['vertical tab and form feed', 'a\u000B\u000Cb', 'ab'],
    ['the C0 controls after carriage return', 'a\u000E\u001Fb', 'ab'],
    ['DEL and the C1 controls', 'a\u007F\u0080\u009Fb', 'ab'],
    [
      'every bidirectional embedding, override and isolate',
      'a\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069b',
      'ab',
    ],
  ])('removes %s', (_name, input, expected) => {
    expect(cleanText(input, true)).toBe(expected);
    expect(cleanText(input, false)).toBe(expected);
  });

  it('keeps what people really type: spaces, a non-breaking space, accents, emoji joined by ZWJ', () => {
    const typed = 'Zoë\u00A0Lee 👩\u200D💻 ¡Olé!';
    expect(cleanText(typed, false)).toBe(typed);
  });

  it('turns every kind of line break and tab in a one-line answer into one space', () => {
    expect(cleanText('a\tb\u2028c\u2029d\r\n\r\ne', false)).toBe('a b c d e');
    // NEL (U+0085) is a C1 control, so it goes with them rather than becoming a space.
    expect(cleanText('a\u0085b', false)).toBe('ab');
    expect(cleanText('Alex    Morgan', false)).toBe('Alex Morgan');
  });

  it('keeps the spacing of a multi-line answer, with its Unicode line breaks as \\n', () => {
    expect(cleanText('One  two\u2028three\u2029four', true)).toBe('One  two\nthree\nfour');
  });
});

describe('keeping a form’s own answers', () => {
  it('drops empty ticks, takes one tick as a list, and an empty list as nothing typed', async () => {
    const content = await fixtureContent('coach-eoi');
    const fields = forms['coach-eoi'].fields(content);
    expect(normaliseAnswers(fields, { areas: ['', ' Managing change ', '\u0000'], name: [] })).toEqual({
      areas: ['Managing change'],
      name: '',
    });
    // A ticked item is one line, like its label.
    expect(normaliseAnswers(fields, { areas: 'Managing\r\nchange' })).toEqual({ areas: ['Managing change'] });
  });
});

describe('a hidden control field', () => {
  it('reads its first value, or nothing', () => {
    expect([single('1'), single(['2', '3']), single([]), single(undefined)]).toEqual(['1', '2', '', '']);
  });
});
