// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { applies, readValues } from '../../src/scripts/forms/values.ts';
import { FIELDS, choose, mountPage, tick, type } from './forms-script-support.ts';

describe('answers as the schema reads them', () => {
  let form: HTMLFormElement;
  beforeEach(() => {
    form = mountPage();
  });

  it('by kind: lists for checkbox groups (empty when none is ticked), three boxes for a date, absent when unchosen', () => {
    type('name', 'Sam');
    expect(readValues(form, FIELDS)).toEqual({
      name: 'Sam',
      employer: '',
      employerOther: '',
      areas: [],
      'startDate-day': '',
      'startDate-month': '',
      'startDate-year': '',
    });
    tick('areas', 'Leadership');
    tick('areas', 'Wellbeing');
    tick('contact', 'email');
    tick('agree', 'yes');
    expect(readValues(form, FIELDS)).toMatchObject({
      areas: ['Leadership', 'Wellbeing'],
      contact: 'email',
      agree: 'yes',
    });
  });

  it('send a question that no longer applies empty, whatever was typed in it', () => {
    choose('employer', 'other');
    type('employerOther', 'Riverside Trust');
    expect(readValues(form, FIELDS).employerOther).toBe('Riverside Trust');
    choose('employer', 'north');
    expect(readValues(form, FIELDS).employerOther).toBe('');
  });

  it('know when a question applies', () => {
    const other = FIELDS.find((field) => field.name === 'employerOther')!;
    expect(applies(other, { employer: 'other' })).toBe(true);
    expect(applies(other, { employer: 'north' })).toBe(false);
    expect(applies(FIELDS[0]!, {})).toBe(true);
  });
});
