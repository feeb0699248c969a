import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forms, formIds } from '../../functions/forms/index.ts';
import { toErrors } from '../../functions/submission.ts';
import { fixtureContent } from './intake-support.ts';

// Every message a person can see from the form schemas, locked exactly, from fixture tables.

interface Case {
  name: string;
  set?: Record<string, unknown>;
  remove?: string[];
  replace?: Record<string, unknown>;
  repeat?: Record<string, [string, number]>;
  errors: { field: string; message: string }[];
}

for (const formId of formIds) {
  const table = JSON.parse(
    readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8'),
  ) as {
    valid: Record<string, unknown>;
    cases: Case[];
  };

  describe(`${forms[formId].name} answers`, () => {
    it.each(table.cases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
      const content = await fixtureContent(formId);
      const input: Record<string, unknown> = entry.replace ?? { ...table.valid, ...entry.set };
      for (const field of entry.remove ?? []) delete input[field];
      for (const [field, [text, times]] of Object.entries(entry.repeat ?? {})) input[field] = text.repeat(times);
      const result = forms[formId].schema(content).safeParse(input);
      expect(result.success ? [] : toErrors(result.error)).toEqual(entry.errors);
    });
  });
}

describe('the form definitions', () => {
  it.each(formIds)('%s: every field has a label and a rule, and every rule a field', async (formId) => {
    const content = await fixtureContent(formId);
    const definition = forms[formId];
    const fieldNames = definition.fields(content).map((field) => field.name);
    const schema = definition.schema(content) as unknown as {
      shape?: Record<string, unknown>;
      def: { shape?: Record<string, unknown> };
    };
    const shape = schema.shape ?? schema.def.shape ?? {};
    expect(new Set(fieldNames).size).toBe(fieldNames.length);
    expect([...fieldNames].sort()).toEqual(Object.keys(shape).sort());
    for (const field of definition.fields(content)) expect(field.label.trim()).not.toBe('');
  });

  it('offers the organisations and areas from content, and "another organisation" last', async () => {
    const content = await fixtureContent('coach-eoi');
    const fields = forms['coach-eoi'].fields(content);
    expect(fields.find((field) => field.name === 'employer')?.options).toEqual([
      { value: 'eastmere-county-council', label: 'Eastmere County Council' },
      { value: 'northfield-council', label: 'Northfield Borough Council' },
      { value: 'other', label: 'Another organisation' },
    ]);
    expect(fields.find((field) => field.name === 'areas')?.options?.map((option) => option.value)).toEqual(
      content.areasOfCoaching,
    );
    expect(fields.find((field) => field.name === 'agreeExpectations')?.list).toEqual(content.coachExpectations);
  });

  it('shows the agreement’s standard terms from content, in sections with headings, above the "I agree" box', async () => {
    const content = await fixtureContent('coaching-agreement');
    const terms = forms['coaching-agreement'].fields(content).find((field) => field.name === 'agreeTerms')?.terms;
    expect(terms).toEqual({
      intro: 'These are the standard terms.',
      sections: [
        {
          heading: 'Confidentiality',
          paragraphs: ['What is said in coaching stays between the coach and the coachee.'],
          listIntro: 'The exceptions are:',
          items: ['Serious concerns about health and safety.'],
        },
        { heading: 'What the coach commits to', paragraphs: [], items: ['Keep notes locked away.'] },
        { heading: 'What the coachee commits to', paragraphs: [], items: ['Come to sessions prepared.'] },
        { heading: 'The line manager’s part', paragraphs: [], items: ['Give protected time for coaching.'] },
        {
          heading: 'Practical arrangements',
          paragraphs: [],
          items: [
            'Give at least 24 hours’ notice to cancel a session.',
            'Review the coaching after three sessions.',
            'Either of you can end the coaching at any point.',
          ],
        },
      ],
    });
  });

  it('asks the other party of an agreement, or the manager of an application, to confirm', async () => {
    const content = await fixtureContent('coaching-agreement');
    const table = JSON.parse(
      readFileSync(new URL('../fixtures/intake/schemas/coaching-agreement.json', import.meta.url), 'utf8'),
    );
    const bySignedBy = (signedBy: string, signature: string) =>
      forms['coaching-agreement'].secondSignature!(
        forms['coaching-agreement'].schema(content).parse({ ...table.valid, signedBy, signature }),
      );
    expect(bySignedBy('coachee', 'Jordan Lee')).toEqual({
      role: 'coach',
      name: 'Alex Morgan',
      email: 'alex.morgan@example.org',
    });
    expect(bySignedBy('coach', 'Alex Morgan')).toEqual({
      role: 'coachee',
      name: 'Jordan Lee',
      email: 'jordan.lee@example.org',
    });
    expect(forms['coach-eoi'].secondSignature).toBeUndefined();
  });

  it('reads answers back in plain words for check-answers and email', async () => {
    const content = await fixtureContent('coaching-agreement');
    const table = JSON.parse(
      readFileSync(new URL('../fixtures/intake/schemas/coaching-agreement.json', import.meta.url), 'utf8'),
    );
    const data = forms['coaching-agreement'].schema(content).parse(table.valid);
    const rows = forms['coaching-agreement'].answerRows(data, content);
    const read = Object.fromEntries(rows.map((row) => [row.field, row.value]));
    expect(read.agreementDate).toBe('26 November 2026');
    expect(read.coacheeOrganisation).toBe('Eastmere County Council');
    expect(read.objective2).toBe('Not given');
    expect(read.meetingLength).toBe('1 and a half hours');
    expect(read.numberOfSessions).toBe('4');
    expect(read.signedBy).toBe('The coachee');
    expect(read.agreeTerms).toBe('Yes');
    expect(rows.some((row) => row.field === 'meetingLengthOther')).toBe(false);
  });
});
