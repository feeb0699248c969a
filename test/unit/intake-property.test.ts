import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forms, formIds, type FormId } from '../../functions/forms/index.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { fixtureContent, testDeps } from './intake-support.ts';

// Random bodies against each endpoint, in process: whatever a client sends, the answer is never a
// 5xx, and anything not accepted stores nothing and sends nothing. 2,000 runs per form.

const RUNS = 2000;

const valid = (formId: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    'yes',
    'other',
    '\u202E',
    '\r\nBcc: x@example.org',
    '<script>',
    '2026-02-30',
    '13',
    '-1',
    'a'.repeat(3000),
  ),
);

function bodyFor(formId: FormId, names: string[]) {
  const value = fc.oneof(nasty, fc.array(nasty, { maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null));
  const fromValid = fc
    .record({
      overrides: fc.dictionary(fc.constantFrom(...names, '_started', 'website', '__proto__', 'constructor'), value, {
        maxKeys: 4,
      }),
      drop: fc.subarray(names, { maxLength: 3 }),
    })
    .map(({ overrides, drop }) => {
      const body: Record<string, unknown> = { ...valid(formId), ...overrides };
      for (const name of drop) delete body[name];
      return JSON.stringify(body);
    });
  const anything = fc.oneof(
    fc.json(),
    fc.string(),
    fc.dictionary(fc.string(), value).map((record) => JSON.stringify(record)),
  );
  const encoded = fc
    .dictionary(fc.constantFrom(...names, 'website'), nasty)
    .map((record) => new URLSearchParams(record as Record<string, string>).toString());
  return fc.oneof(
    fc.record({ type: fc.constant('application/json'), body: fc.oneof(fromValid, anything) }),
    fc.record({ type: fc.constant('application/x-www-form-urlencoded'), body: fc.oneof(encoded, fc.string()) }),
    fc.record({
      type: fc.constantFrom(
        'text/plain',
        '',
        'application/json; charset=utf-8',
        'APPLICATION/JSON',
        'multipart/form-data',
      ),
      body: fc.oneof(fromValid, fc.string()),
    }),
  );
}

describe.each(formIds)('random bodies sent to /api/forms/%s', (formId) => {
  it(`never cause a 5xx, and store and send nothing unless accepted (${RUNS} runs)`, async () => {
    const content = await fixtureContent(formId);
    const names = forms[formId].fields(content).map((field) => field.name);
    const schema = forms[formId].schema(content);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(bodyFor(formId, names), async ({ type, body }) => {
        const { deps, store, mailer, settle } = testDeps();
        const response = await handleFormPost(
          new Request(`https://coaching.example.org/api/forms/${formId}`, {
            method: 'POST',
            headers: type ? { 'content-type': type } : {},
            body,
          }),
          deps,
          'a',
        );
        expect(response.status).toBeLessThan(500);
        await settle();
        const stored = await store.list('submissions/');
        if (stored.length === 0) {
          expect(mailer.calls).toEqual([]);
          return;
        }
        // Something was stored: it must have been accepted, and valid by the schema.
        accepted++;
        expect([201, 303]).toContain(response.status);
        expect(stored).toHaveLength(1);
        const record = (await store.get<{ answers: unknown }>(stored[0]!))!.value;
        expect(schema.safeParse(record.answers).success).toBe(true);
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the accepting path too, or the property proves little.
    expect(accepted).toBeGreaterThan(0);
  }, 120_000);
});

describe('random bodies sent to /confirm/<token>/', () => {
  it(`never cause a 5xx, and confirm only with a typed name (${RUNS} runs)`, async () => {
    const { handleConfirm } = await import('../../functions/confirm.ts');
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          type: fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain', ''),
          body: fc.oneof(
            fc.string(),
            fc.json(),
            fc.string().map((name) => `name=${encodeURIComponent(name)}`),
          ),
          token: fc.oneof(fc.constant('issued'), fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)),
        }),
        async ({ type, body, token }) => {
          const { deps, mailer, settle } = testDeps();
          const sent = await handleFormPost(
            new Request('https://coaching.example.org/api/forms/coachee-application', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(valid('coachee-application')),
            }),
            deps,
            'a',
          );
          expect(sent.status).toBe(201);
          await settle();
          const issued = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(mailer.emails.at(-1)!.text)![1]!;
          const path = encodeURIComponent(token === 'issued' ? issued : token);
          const response = await handleConfirm(
            new Request(`https://coaching.example.org/confirm/${path}/`, {
              method: 'POST',
              headers: type ? { 'content-type': type } : {},
              body,
            }),
            deps,
            'a',
          );
          expect(response.status).toBeLessThan(500);
          await settle();
          const confirmed = mailer.calls.filter((call) => call.idempotencyKey.includes('/confirmed'));
          if (response.status === 303) {
            expect(token).toBe('issued');
            // One call per WD inbox of the application (the follow-up carries the CSV).
            expect(confirmed).toHaveLength(2);
          } else {
            expect(confirmed).toEqual([]);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
