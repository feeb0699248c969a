import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFormContent } from '../../functions/content.ts';
import { forms, type FormId } from '../../functions/forms/index.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { leftoversIn } from './copy-words.ts';
import { post, testDeps } from './intake-support.ts';

// The house vocabulary in what people are sent (docs/content.md): each form's emails, rendered
// from the real content/, carry no US leftovers and no sample reference after the real one.
// test/browser/copy.test.ts checks the same in every built file in dist/.

const valid = (formId: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

describe('the emails each form sends', () => {
  it.for(Object.keys(forms) as FormId[])(
    '%s: every email is free of sample references and US terms',
    async (formId) => {
      const harness = testDeps({ loadContent: (id) => loadFormContent(id) });
      const response = await handleFormPost(post(formId, valid(formId)), harness.deps, 'a');
      expect(response.status).toBe(201);
      await harness.settle();
      const emails = harness.mailer.calls.flatMap((call) => call.emails);
      expect(emails.length).toBeGreaterThanOrEqual(2);
      const reference = emails[0]!.subject.match(/(?:EOI|APP|AGR)-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
      expect(reference).toBeDefined();
      for (const email of emails) {
        expect(leftoversIn(`${email.subject}\n${email.text}\n${email.html}`), `${email.to}: ${email.subject}`).toEqual(
          [],
        );
      }
    },
  );

  it('finds each leftover when it is there (the check itself works)', () => {
    expect(leftoversIn('Your reference is APP-4567-89AB. You get a reference, like APP-7KQ3-M9TX.')).toEqual([
      'a sample reference',
    ]);
    expect(leftoversIn('Can Title IV-E funding be used?')).toEqual(['“Title IV-E”']);
    expect(leftoversIn('Agency (county)')).toEqual(['“county”']);
    expect(leftoversIn('Eastmere County Council, eastmere-county-council')).toEqual([]);
  });
});
