import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod/mini';
import type { Field, FormContent, FormDefinition } from '../../functions/forms/types.ts';
import { renderForm } from '../../functions/html/form.ts';
import type { FormScriptWords } from '../../src/scripts/forms/messages.ts';
import { formScriptSchema } from '../../src/schemas/data.ts';

// A small form of each kind of question, for the form script's unit tests (happy-dom), drawn by the
// server's own renderer. Its own words, so the tests do not change when the real forms' words do.

export const FIELDS: Field[] = [
  { name: 'name', kind: 'text', label: 'Full name' },
  {
    name: 'employer',
    kind: 'select',
    label: 'Organisation',
    options: [
      { value: 'north', label: 'North Agency' },
      { value: 'other', label: 'Another organisation' },
    ],
  },
  {
    name: 'employerOther',
    kind: 'text',
    label: 'Name of your organisation',
    showWhen: { field: 'employer', value: 'other' },
  },
  {
    name: 'contact',
    kind: 'radios',
    label: 'How should we contact you?',
    options: [
      { value: 'email', label: 'Email' },
      { value: 'phone', label: 'Phone' },
    ],
  },
  {
    name: 'areas',
    kind: 'checkboxes',
    label: 'Areas of coaching',
    options: [
      { value: 'Leadership', label: 'Leadership' },
      { value: 'Wellbeing', label: 'Wellbeing' },
    ],
  },
  { name: 'agree', kind: 'checkbox', label: 'I agree' },
  { name: 'startDate', kind: 'date', label: 'Start date' },
];

/** A definition for the small form: a name is required, the rest are free. */
export const DEFINITION: FormDefinition = {
  id: 'coach-eoi',
  name: 'Test form',
  referencePrefix: 'EOI',
  path: '/test-form/',
  // The script reads only the fields the page draws, never the questions they were made from.
  questions: [],
  fields: () => FIELDS,
  schema: () =>
    z.object({
      name: z.string().check(z.minLength(1, 'Enter your full name')),
      contact: z.optional(z.string()),
    }),
  answerRows: (data) => [{ field: 'name', label: 'Full name', value: String((data as { name: string }).name) }],
  submitter: () => ({ name: '', email: '' }),
  organisations: () => [],
};

/** The words the site ships, read and checked as the build reads them. */
export const WORDS: FormScriptWords = formScriptSchema.parse(parse(readFileSync('content/settings/forms.yml', 'utf8')));

/** The form page's regions, as FormPage.astro draws them, with the small form inside. */
export function mountPage({ summary = '' }: { summary?: string } = {}): HTMLFormElement {
  document.title = 'Test form – Coaching Scheme Hub';
  document.body.innerHTML =
    `<div data-error-summary-root>${summary}</div><div data-check-error-root></div>` +
    '<h1 tabindex="-1" data-page-heading data-check-title="Check your answers before sending">Test form</h1>' +
    '<div data-form-step><div data-saved-note hidden></div>' +
    renderForm({
      definition: DEFINITION,
      content: { words: { send: 'Send', honeypot: 'Leave this field empty' } } as unknown as FormContent,
    }) +
    '</div><div data-check-step hidden><div data-check-answers></div><button type="button" data-send>Send</button></div>' +
    '<div aria-live="polite" data-announcer></div>' +
    `<script type="application/json" id="form-data">${JSON.stringify({ formId: 'coach-eoi', content: {}, messages: WORDS })}</script>`;
  return document.querySelector('form')!;
}

/** Types into a control and tells the page, as a person would. */
export function type(name: string, value: string): void {
  const control = document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Ticks a radio or checkbox and tells the page. */
export function tick(name: string, value: string): void {
  const control = document.querySelector<HTMLInputElement>(`[name="${name}"][value="${value}"]`)!;
  control.checked = true;
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Chooses an option and tells the page. */
export function choose(name: string, value: string): void {
  const control = document.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
}
