// First: zod must be jitless before any schema is built (see zod-config.ts).
import '../../../functions/forms/zod-config.ts';
import { z } from 'zod/mini';
import type { Field, FormContent, FormDefinition } from '../../../functions/forms/types.ts';
import { renderAnswerRows } from '../../../functions/html/answers.ts';
import { firstErrorByField, renderErrorSummary } from '../../../functions/html/error-summary.ts';
import { HONEYPOT_FIELD, STARTED_FIELD, renderField } from '../../../functions/html/form.ts';
import { fieldId } from '../../../functions/html/ids.ts';
import type { FieldError } from '../../../functions/html/types.ts';
import { normaliseAnswers } from '../../../functions/normalise.ts';
import { createToolStore, type ToolStore } from '../tools/storage.ts';
import { answerNames, applies, isEmpty, readValues, writeValues, type Values } from './values.ts';

// Adds to a working plain form: the same zod schema as the server checks answers before sending,
// a "Check your answers" step, sending with fetch (once), and keeping answers in this browser.
// Everything it shows is drawn by the same renderers the server uses.

export const MESSAGES = {
  network:
    'Your form has not been sent because the connection failed. Check your internet connection and try again. Your answers are still here.',
  server: 'Your form has not been sent because something went wrong on our side. Try again in a few minutes. Your answers are still here.',
  tooLarge: 'Your form has not been sent because your answers are too long. Shorten your longest answers and try again.',
  rateLimited: (minutes: number) =>
    `Your form has not been sent because a lot of forms have come from your connection recently. Wait ${minutes === 1 ? '1 minute' : `${minutes} minutes`}, then try again. Your answers are still here.`,
  restored: (at: Date | null) =>
    at
      ? `We have filled in the answers you typed on ${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long' })} at ${at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.`
      : 'We have filled in the answers you typed before.',
  keeping: 'Your answers are kept in this browser until you send the form. If other people use this computer, clear them when you have finished.',
  cleared: 'Your saved answers have been cleared.',
  sending: 'Sending your form…',
} as const;

// No code from strings: zod/mini's objects never compile a fast path, and jitless keeps any other
// part of zod from probing `new Function('')`, which the page's CSP (script-src 'self') would refuse
// and report. Checked in Chromium by test/browser/forms-no-eval.test.ts.
z.config({ jitless: true });

const SAVED_VERSION = 1;
const savedSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

interface PageData {
  formId: string;
  content: FormContent;
}

const element = <T extends Element>(selector: string, root: ParentNode = document): T => {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`The form page is missing ${selector}`);
  return found;
};

/** Turns zod's issues into the endpoint's error shape, so both kinds of error show the same way. */
export function errorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message }));
}

export function enhanceForm(definition: FormDefinition): void {
  const data = JSON.parse(element<HTMLScriptElement>('#form-data').textContent ?? '{}') as PageData;
  if (data.formId !== definition.id) throw new Error(`The page's form data is for ${data.formId}, not ${definition.id}`);
  const { content } = data;
  const fields: Field[] = definition.fields(content);
  const schema = definition.schema(content);

  const form = element<HTMLFormElement>(`form[data-form="${definition.id}"]`);
  const formStep = element<HTMLElement>('[data-form-step]');
  const checkStep = element<HTMLElement>('[data-check-step]');
  const summaryRoot = element<HTMLElement>('[data-error-summary-root]');
  const checkErrorRoot = element<HTMLElement>('[data-check-error-root]');
  const pageHeading = element<HTMLElement>('[data-page-heading]');
  const formHeadingText = pageHeading.textContent ?? '';
  const answersRoot = element<HTMLElement>('[data-check-answers]');
  const sendButton = element<HTMLButtonElement>('[data-send]');
  const announcer = element<HTMLElement>('[data-announcer]');
  const savedNote = element<HTMLElement>('[data-saved-note]');
  const continueButton = element<HTMLButtonElement>('[data-submit]', form);
  const startedInput = element<HTMLInputElement>(`input[name="${STARTED_FIELD}"]`, form);

  const pageTitle = document.title.replace(/^Error: /, '');
  const fieldsByName = new Map(fields.map((field) => [field.name, field]));
  let shownErrors = new Map<string, string>();
  let sending = false;
  /** Set once the form is sent: a save still waiting (typing pauses 300 ms) must not bring the answers back. */
  let sent = false;

  // With the check step coming next, the form's own button continues rather than sends.
  continueButton.textContent = 'Continue';
  if (startedInput.value === '') startedInput.value = String(Date.now());

  const announce = (text: string) => {
    // Clearing first makes a repeated message heard again.
    announcer.textContent = '';
    window.setTimeout(() => (announcer.textContent = text), 50);
  };

  // ---- Conditional questions ----
  const updateConditional = () => {
    const values = readValues(form, fields);
    for (const field of fields) {
      if (!field.showWhen) continue;
      const wrapper = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.name)}"]`);
      if (wrapper) wrapper.hidden = !applies(field, values);
    }
  };

  // ---- Errors: inline messages and the summary, drawn by the server's renderers ----
  const showErrors = (errors: readonly FieldError[], { focus = true } = {}) => {
    const values = readValues(form, fields);
    const messages = firstErrorByField(errors);
    for (const field of fields) {
      if (messages.get(field.name) === shownErrors.get(field.name)) continue;
      const wrapper = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.name)}"]`);
      // A date's boxes are read by their own names; the field redraws from the value they make.
      const value = field.kind === 'date' ? normaliseAnswers([field], values)[field.name] : values[field.name];
      if (wrapper) wrapper.outerHTML = renderField(field, value, messages.get(field.name));
    }
    shownErrors = new Map([...messages].filter(([name]) => fieldsByName.has(name)));
    updateConditional();
    summaryRoot.innerHTML = renderErrorSummary(errors, fields);
    document.title = errors.length > 0 ? `Error: ${pageTitle}` : pageTitle;
    const summary = summaryRoot.querySelector<HTMLElement>('[data-error-summary]');
    if (summary && focus) {
      summary.focus();
      summary.scrollIntoView({ block: 'start' });
    }
  };

  const focusField = (name: string) => {
    const control = document.getElementById(fieldId(name));
    if (!control) return;
    // As GOV.UK's error summary does: bring the question (label or legend) into view, then focus the
    // control without scrolling it to the top, which would push the question out of sight.
    (questionOf(control) ?? control).scrollIntoView({ block: 'start' });
    control.focus({ preventScroll: true });
  };

  const followSummaryLink = (event: MouseEvent) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[href^="#f-"]');
    if (!link) return;
    event.preventDefault();
    const target = document.getElementById(link.hash.slice(1));
    const name = target?.closest<HTMLElement>('[data-field]')?.dataset.field;
    if (name) focusField(name);
  };
  summaryRoot.addEventListener('click', followSummaryLink);

  // ---- Steps ----
  const showFormStep = () => {
    checkStep.hidden = true;
    formStep.hidden = false;
    pageHeading.textContent = formHeadingText;
    document.title = shownErrors.size > 0 ? `Error: ${pageTitle}` : pageTitle;
  };

  const showCheckStep = (answers: Values) => {
    const parsed = schema.safeParse(answers);
    if (!parsed.success) return;
    answersRoot.innerHTML = renderAnswerRows(definition.answerRows(parsed.data, content), { changeLinks: true });
    checkErrorRoot.innerHTML = '';
    summaryRoot.innerHTML = '';
    formStep.hidden = true;
    checkStep.hidden = false;
    pageHeading.textContent = pageHeading.dataset.checkTitle ?? '';
    document.title = `Check your answers – ${pageTitle}`;
    // The check is a step of its own for the browser's Back button, as it would be on a separate page.
    if ((history.state as { step?: string } | null)?.step !== 'check') history.pushState({ step: 'check' }, '');
    pageHeading.focus();
    window.scrollTo(0, 0);
  };

  window.addEventListener('popstate', (event) => {
    const step = (event.state as { step?: string } | null)?.step;
    if (step === 'check' && checkStep.hidden) {
      // Forward again: only if the answers still pass.
      const answers = answersNow();
      if (schema.safeParse(answers).success) showCheckStep(answers);
    } else if (step !== 'check' && !checkStep.hidden && !sending) {
      showFormStep();
      pageHeading.focus();
      window.scrollTo(0, 0);
    }
  });

  answersRoot.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-change]');
    if (!link) return;
    event.preventDefault();
    showFormStep();
    focusField(link.dataset.change ?? '');
  });

  const answersNow = (): Values => normaliseAnswers(fields, readValues(form, fields));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const answers = answersNow();
    const result = schema.safeParse(answers);
    if (!result.success) {
      showErrors(errorsFromIssues(result.error.issues));
      return;
    }
    showErrors([], { focus: false });
    showCheckStep(answers);
  });

  // ---- Sending ----
  const setSending = (on: boolean) => {
    sending = on;
    // aria-disabled rather than disabled: the button keeps focus, and a second press does nothing.
    sendButton.setAttribute('aria-disabled', String(on));
    sendButton.textContent = on ? 'Sending…' : 'Send';
  };

  const failed = (message: string) => {
    setSending(false);
    checkErrorRoot.innerHTML = renderErrorSummary([{ field: '', message }]);
    element<HTMLElement>('[data-error-summary]', checkErrorRoot).focus();
  };

  const send = async () => {
    if (sending) return;
    setSending(true);
    announce(MESSAGES.sending);
    const body = {
      ...answersNow(),
      [STARTED_FIELD]: startedInput.value,
      [HONEYPOT_FIELD]: element<HTMLInputElement>(`input[name="${HONEYPOT_FIELD}"]`, form).value,
    };
    let response: Response;
    try {
      response = await fetch(`/api/forms/${definition.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      failed(MESSAGES.network);
      return;
    }
    const reply = (await response.json().catch(() => ({}))) as { reference?: unknown; held?: unknown; errors?: FieldError[] };
    if (response.status === 201 && typeof reply.reference === 'string') {
      sent = true;
      store?.clear();
      // Emails the server could not send (a typed address over its daily limit): the sent page says so.
      const held = Array.isArray(reply.held) && reply.held.length > 0 ? `?held=${encodeURIComponent(reply.held.join(','))}` : '';
      window.location.assign(`${definition.path}sent/${encodeURIComponent(reply.reference)}/${held}`);
      return;
    }
    if (response.status === 422 && Array.isArray(reply.errors)) {
      setSending(false);
      showFormStep();
      showErrors(reply.errors);
      return;
    }
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after')) || 60;
      failed(MESSAGES.rateLimited(Math.max(1, Math.ceil(seconds / 60))));
      return;
    }
    failed(response.status === 413 ? MESSAGES.tooLarge : MESSAGES.server);
  };

  sendButton.addEventListener('click', () => void send());

  // ---- Keeping answers in this browser ----
  const store: ToolStore<Values> | null = openStore(definition.id);
  if (store) keepAnswers(store);

  function keepAnswers(store: ToolStore<Values>) {
    const serverRenderedErrors = summaryRoot.querySelector('[data-error-summary]') !== null;
    const loaded = store.load();
    const restoredLine = document.createElement('p');
    const names = answerNames(fields);
    const savedAnswers = Object.fromEntries(Object.entries(loaded.data).filter(([name]) => names.has(name)));
    if (loaded.ok && !isEmpty(savedAnswers) && !serverRenderedErrors) {
      writeValues(form, fields, loaded.data);
      const started = loaded.data[STARTED_FIELD];
      if (typeof started === 'string' && started !== '') startedInput.value = started;
      restoredLine.textContent = MESSAGES.restored(loaded.savedAt);
    } else {
      restoredLine.hidden = true;
    }
    const keepingLine = document.createElement('p');
    keepingLine.textContent = MESSAGES.keeping;
    const clearButton = document.createElement('button');
    clearButton.type = 'button';
    clearButton.className = 'button-secondary';
    clearButton.textContent = 'Clear saved answers';
    const actions = document.createElement('p');
    actions.append(clearButton);
    savedNote.className = 'saved-note';
    savedNote.replaceChildren(restoredLine, keepingLine, actions);
    savedNote.hidden = false;

    let timer: number | undefined;
    const save = () => {
      window.clearTimeout(timer);
      timer = undefined;
      if (sent) return;
      store.save({ ...readValues(form, fields), [STARTED_FIELD]: startedInput.value }, { overwrite: true });
    };
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 300);
    };
    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
    // Leaving the page mid-pause must not lose the last few characters.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden' && timer !== undefined) save();
    });
    clearButton.addEventListener('click', () => {
      window.clearTimeout(timer);
      timer = undefined;
      store.clear();
      // reset() would also empty the hidden fill-time field, which must keep the first visit's time.
      const started = startedInput.value;
      form.reset();
      startedInput.value = started;
      showErrors([], { focus: false });
      updateConditional();
      restoredLine.hidden = true;
      announce(MESSAGES.cleared);
    });
  }

  form.addEventListener('change', updateConditional);
  updateConditional();

  // A page that came back from the server with errors: take the reader to the summary.
  const existing = summaryRoot.querySelector<HTMLElement>('[data-error-summary]');
  if (existing) {
    shownErrors = new Map(
      [...form.querySelectorAll<HTMLElement>('.field--error[data-field]')].map((wrapper) => [
        wrapper.dataset.field ?? '',
        wrapper.querySelector('.error-message')?.textContent?.replace(/^Error:\s*/, '') ?? '',
      ]),
    );
    existing.focus();
  }

  // Back from the sent page (bfcache): the button must work again.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) setSending(false);
  });
}

/**
 * The words that ask for a control's answer, as GOV.UK's error summary picks them: a choice's legend;
 * another control's legend when both fit in half the window; else its label.
 */
export function questionOf(control: HTMLElement): HTMLElement | null {
  const legend = control.closest('fieldset')?.querySelector<HTMLElement>('legend');
  if (legend) {
    const type = control instanceof HTMLInputElement ? control.type : '';
    if (type === 'checkbox' || type === 'radio') return legend;
    const box = control.getBoundingClientRect();
    if (box.bottom - legend.getBoundingClientRect().top < window.innerHeight / 2) return legend;
  }
  return document.querySelector<HTMLElement>(`label[for="${CSS.escape(control.id)}"]`) ?? control.closest('label');
}

function openStore(formId: string): ToolStore<Values> | null {
  try {
    return createToolStore<Values>({
      key: `form:${formId}`,
      version: SAVED_VERSION,
      schema: savedSchema,
      label: 'saved answers',
      empty: () => ({}),
      events: null,
    });
  } catch {
    return null;
  }
}
