import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forms } from '../../functions/forms/index.ts';
import { route } from '../../functions/routing.ts';
import { fixtureContent } from './intake-support.ts';

const valid = (formId: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

describe('routing to workforce development', () => {
  it('sends an interest to the employer’s inbox', async () => {
    const content = await fixtureContent('coach-eoi');
    const data = forms['coach-eoi'].schema(content).parse(valid('coach-eoi'));
    expect(route(forms['coach-eoi'], data, content)).toEqual({
      inboxes: ['wd-northfield@example.org'],
      organisationLabel: 'Northfield',
    });
  });

  it('sends "another organisation" to the fallback inbox, named as typed', async () => {
    const content = await fixtureContent('coach-eoi');
    const data = forms['coach-eoi']
      .schema(content)
      .parse({ ...valid('coach-eoi'), employer: 'other', employerOther: 'Hillside Fostering' });
    expect(route(forms['coach-eoi'], data, content)).toEqual({
      inboxes: ['workforce-development@example.org'],
      organisationLabel: 'Hillside Fostering',
    });
  });

  it('sends an organisation removed from content since the form was sent to the fallback inbox', async () => {
    const content = await fixtureContent('coachee-application');
    const data = {
      ...(forms['coachee-application'].schema(content).parse(valid('coachee-application')) as object),
      organisation: 'closed-trust',
    };
    expect(route(forms['coachee-application'], data, content).inboxes).toEqual(['workforce-development@example.org']);
  });

  it('sends an agreement to both parties’ organisations, each inbox once whatever its case', async () => {
    const content = await fixtureContent('coaching-agreement');
    const data = forms['coaching-agreement'].schema(content).parse(valid('coaching-agreement'));
    // Eastmere lists Northfield's inbox too (in capitals): it must not get two copies.
    expect(route(forms['coaching-agreement'], data, content)).toEqual({
      inboxes: ['wd-eastmere-children@example.org', 'WD-Northfield@example.org'],
      organisationLabel: 'Eastmere and Northfield',
    });
  });

  it('names one organisation once when both parties work there', async () => {
    const content = await fixtureContent('coaching-agreement');
    const data = forms['coaching-agreement']
      .schema(content)
      .parse({ ...valid('coaching-agreement'), coachOrganisation: 'eastmere-county-council' });
    expect(route(forms['coaching-agreement'], data, content).organisationLabel).toBe('Eastmere');
  });
});

describe('routing with content an editor got slightly wrong', () => {
  /** A form naming the organisations given, over content with the inboxes given. */
  const routeFor = async (
    named: { id: string; otherName: string }[],
    organisations: { id: string; shortName: string; inboxes: string[] }[],
  ) => {
    const content = await fixtureContent('coach-eoi');
    const definition = { ...forms['coach-eoi'], organisations: () => named };
    const edited = {
      ...content,
      organisations: organisations.map((org) => ({ ...content.organisations[0]!, ...org })),
    };
    return route(definition, {}, edited);
  };

  it('sends each inbox once, without the spaces around it, however it is written', async () => {
    const result = await routeFor(
      [
        { id: 'westbury', otherName: '' },
        { id: 'southvale', otherName: '' },
      ],
      [
        { id: 'westbury', shortName: 'Westbury', inboxes: [' wd-westbury@example.org ', 'WD-Shared@example.org'] },
        { id: 'southvale', shortName: 'Southvale', inboxes: ['wd-shared@example.org  ', 'wd-westbury@example.org'] },
      ],
    );
    expect(result).toEqual({
      inboxes: ['wd-westbury@example.org', 'WD-Shared@example.org'],
      organisationLabel: 'Westbury and Southvale',
    });
  });

  it('never lets an organisation whose id is "other" take the answers meant for the fallback inbox', async () => {
    const result = await routeFor(
      [{ id: 'other', otherName: 'Hillside Fostering' }],
      [{ id: 'other', shortName: 'Other Trust', inboxes: ['wd-other-trust@example.org'] }],
    );
    expect(result).toEqual({ inboxes: ['workforce-development@example.org'], organisationLabel: 'Hillside Fostering' });
  });

  it('names "Another organisation" when no name was typed for it', async () => {
    const result = await routeFor([{ id: 'other', otherName: '' }], []);
    expect(result).toEqual({
      inboxes: ['workforce-development@example.org'],
      organisationLabel: 'Another organisation',
    });
  });
});
