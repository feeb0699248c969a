import type { FormDefinition, FormId } from '../../../functions/forms/types.ts';
import { createAnnouncer } from './announcer.ts';
import type { Checking, CheckingPage } from './checking.ts';
import { updateConditional } from './conditional.ts';
import { followSummaryLinks } from './focus.ts';
import { element, readPageData } from './page-data.ts';
import { keepAnswers } from './saved-answers.ts';
import { openSavedAnswers } from './saved-store.ts';

// Adds to a working plain form, in two parts. This part runs when the page opens and needs no form
// definition and no zod: conditional questions, answers kept in this browser, the Continue button,
// and the server's error summary. The rest (checking.ts: the same zod schema as the server, "Check
// your answers", sending with fetch) loads when the form is first used (focus, submit, history), so
// a page that is only read never downloads it. If it cannot load, the form is posted as plain HTML.

export function enhanceForm(formId: FormId, loadDefinition: () => Promise<FormDefinition>): void {
  const { content, messages } = readPageData(formId);
  const form = element<HTMLFormElement>(`form[data-form="${formId}"]`);
  const summaryRoot = element<HTMLElement>('[data-error-summary-root]');
  const startedInput = element<HTMLInputElement>('input[data-started]', form);
  const announce = createAnnouncer(element<HTMLElement>('[data-announcer]'));
  const serverErrors = summaryRoot.querySelector<HTMLElement>('[data-error-summary]');

  // With the check step coming next, the form's own button continues rather than sends.
  element<HTMLButtonElement>('[data-submit]', form).textContent = messages.continueButton;
  if (startedInput.value === '') startedInput.value = String(Date.now());

  let checking: Promise<Checking> | undefined;
  const page = (): CheckingPage => ({
    form,
    content,
    messages,
    startedInput,
    announce,
    summaryRoot,
    formStep: element('[data-form-step]'),
    checkStep: element('[data-check-step]'),
    heading: element('[data-page-heading]'),
    answers: element('[data-check-answers]'),
    checkErrorRoot: element('[data-check-error-root]'),
    sendButton: element('[data-send]'),
    pageTitle: document.title.replace(/^Error: /, ''),
    forgetSaved: () => kept?.forget(),
  });
  const ready = () =>
    (checking ??= Promise.all([import('./checking.ts'), loadDefinition()]).then(([module, definition]) =>
      module.startChecking(definition, page()),
    ));

  form.addEventListener('focusin', () => void ready(), { once: true });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ready().then(
      (checks) => checks.submit(),
      // The checks could not load (connection lost): the server checks a plain post just the same.
      () => form.submit(),
    );
  });
  window.addEventListener('popstate', (event) => {
    if (checking) void checking.then((checks) => checks.historyMoved(event.state));
  });

  followSummaryLinks(summaryRoot);
  form.addEventListener('change', () => updateConditional(form));

  const store = openSavedAnswers(formId);
  const kept =
    store &&
    keepAnswers({
      store,
      form,
      note: element<HTMLElement>('[data-saved-note]'),
      startedInput,
      messages,
      pageHasErrors: serverErrors !== null,
      announce,
      onCleared: () => {
        updateConditional(form);
        if (checking || form.querySelector('.field--error') || summaryRoot.firstElementChild)
          void ready().then((checks) => checks.clearErrors());
      },
    });
  updateConditional(form);

  // A page that came back from the server with errors: take the reader to the summary.
  serverErrors?.focus();
}
