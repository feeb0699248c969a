// First: zod must be jitless before any schema is built (see zod-config.ts).
import '../../../functions/forms/zod-config.ts';
import type { FormDefinition } from '../../../functions/forms/types.ts';
import { renderAnswerRows } from '../../../functions/html/answers.ts';
import { renderErrorSummary } from '../../../functions/html/error-summary.ts';
import { HONEYPOT_FIELD, STARTED_FIELD } from '../../../functions/html/form.ts';
import { normaliseAnswers } from '../../../functions/normalise.ts';
import { createErrorsView, errorsFromIssues } from './errors-view.ts';
import { focusField } from './focus.ts';
import type { FormScriptWords } from './messages.ts';
import { element } from './page-data.ts';
import { sendAnswers } from './send.ts';
import { createSteps, type StepElements } from './steps.ts';
import { readValues, type Values } from './values.ts';

// What the form page loads when it is first used (enhance.ts starts it): checking the answers with
// the same zod schema as the server, "Check your answers", and sending with fetch (once).

export interface CheckingPage extends StepElements {
  form: HTMLFormElement;
  sendButton: HTMLButtonElement;
  startedInput: HTMLInputElement;
  content: Parameters<FormDefinition['fields']>[0];
  messages: FormScriptWords;
  pageTitle: string;
  announce(text: string): void;
  /** Forgets the answers kept in this browser (once the form is sent). */
  forgetSaved(): void;
}

export interface Checking {
  /** The form's own button: check the answers, then show them or the errors. */
  submit(): void;
  /** The browser's Back or Forward between the form and the check. */
  historyMoved(state: unknown): void;
  /** Clears every error shown (the saved answers were cleared). */
  clearErrors(): void;
}

export function startChecking(definition: FormDefinition, page: CheckingPage): Checking {
  const { form, content, messages } = page;
  const fields = definition.fields(content);
  const schema = definition.schema(content);
  const errors = createErrorsView(form, fields, page.summaryRoot, page.pageTitle);
  const steps = createSteps(page, page.pageTitle, messages.checkTitle);
  const answersNow = (): Values => normaliseAnswers(fields, readValues(form, fields));
  let sending = false;

  const showCheck = (answers: Values): boolean => {
    const parsed = schema.safeParse(answers);
    if (parsed.success)
      steps.showCheck(renderAnswerRows(definition.answerRows(parsed.data, content), { changeLinks: true }));
    return parsed.success;
  };

  page.answers.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-change]');
    if (!link) return;
    event.preventDefault();
    steps.showForm(errors.count > 0);
    focusField(link.dataset.change ?? '');
  });

  const setSending = (on: boolean) => {
    sending = on;
    // aria-disabled rather than disabled: the button keeps focus, and a second press does nothing.
    page.sendButton.setAttribute('aria-disabled', String(on));
    page.sendButton.textContent = on ? messages.sendingButton : messages.sendButton;
  };

  const send = async () => {
    if (sending) return;
    setSending(true);
    page.announce(messages.sending);
    const outcome = await sendAnswers({
      formPath: definition.path,
      endpoint: `/api/forms/${definition.id}`,
      body: {
        ...answersNow(),
        [STARTED_FIELD]: page.startedInput.value,
        [HONEYPOT_FIELD]: element<HTMLInputElement>(`input[name="${HONEYPOT_FIELD}"]`, form).value,
      },
      messages,
    });
    if (outcome.kind === 'sent') {
      page.forgetSaved();
      window.location.assign(outcome.location);
      return;
    }
    setSending(false);
    if (outcome.kind === 'invalid') {
      steps.showForm(true);
      errors.show(outcome.errors);
      return;
    }
    page.checkErrorRoot.innerHTML = renderErrorSummary([{ field: '', message: outcome.message }]);
    element<HTMLElement>('[data-error-summary]', page.checkErrorRoot).focus();
  };
  page.sendButton.addEventListener('click', () => void send());
  // Back from the sent page (bfcache): the button must work again.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) setSending(false);
  });

  return {
    submit() {
      const answers = answersNow();
      const result = schema.safeParse(answers);
      if (!result.success) {
        errors.show(errorsFromIssues(result.error.issues));
        return;
      }
      errors.show([], { focus: false });
      showCheck(answers);
    },
    historyMoved(state) {
      const step = (state as { step?: string } | null)?.step;
      if (step === 'check' && !steps.checking) {
        // Forward again: only if the answers still pass.
        showCheck(answersNow());
      } else if (step !== 'check' && steps.checking && !sending) {
        steps.showForm(errors.count > 0);
        page.heading.focus();
        window.scrollTo(0, 0);
      }
    },
    clearErrors() {
      errors.show([], { focus: false });
    },
  };
}
