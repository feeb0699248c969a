import type { ToolStore } from '../tools/storage.ts';
import { restoredMessage, type FormScriptWords } from './messages.ts';
import type { Values } from './values.ts';

// Keeping answers in this browser as people type, restoring them on return, and clearing them. It
// reads the form as a plain POST would send it (FormData), so it needs no form definition and works
// from the moment the page opens.

/** The names of the answers: every control inside a question's wrapper (not the honeypot or the time). */
export function answerNames(form: HTMLFormElement): Set<string> {
  const names = [...form.querySelectorAll<HTMLInputElement>('[data-field] [name]')].map((control) => control.name);
  return new Set(names);
}

/** The answers as the form would post them: a string each, a list where a name has several values. */
export function formAnswers(form: HTMLFormElement): Values {
  const data = new FormData(form);
  const values: Values = {};
  for (const name of answerNames(form)) {
    const all = data.getAll(name).map(String);
    if (all.length > 0) values[name] = all.length === 1 && !isGroup(form, name) ? all[0]! : all;
  }
  return values;
}

/** A group of checkboxes sharing one name, whose answer is always a list. */
const isGroup = (form: HTMLFormElement, name: string) =>
  form.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(name)}"]`).length > 1;

/** Puts saved answers back in their controls; names the form no longer has are skipped. */
export function writeAnswers(form: HTMLFormElement, values: Values): void {
  const names = answerNames(form);
  for (const [name, value] of Object.entries(values)) {
    if (!names.has(name)) continue;
    const list = Array.isArray(value) ? value : [value];
    for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      `[name="${CSS.escape(name)}"]`,
    )) {
      if (control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox')) {
        control.checked = list.includes(control.value);
      } else {
        control.value = list[0] ?? '';
      }
    }
  }
}

/** True when nothing has been typed or chosen yet. */
export const isEmpty = (values: Values): boolean =>
  Object.values(values).every((value) => (Array.isArray(value) ? value.length === 0 : value.trim() === ''));

export interface KeepAnswersOptions {
  store: ToolStore<Values>;
  form: HTMLFormElement;
  /** Where the note about kept answers goes. */
  note: HTMLElement;
  /** The hidden fill-time field: kept with the answers, so a return visit keeps the first time. */
  startedInput: HTMLInputElement;
  messages: FormScriptWords;
  /** The page came back from the server with errors: what it shows wins over the saved copy. */
  pageHasErrors: boolean;
  announce: (text: string) => void;
  /** After the form has been emptied by "Clear saved answers". */
  onCleared: () => void;
  delayMs?: number;
}

export function keepAnswers(options: KeepAnswersOptions): { saveNow(): void; forget(): void } {
  const { store, form, note, startedInput, messages, announce, delayMs = 300 } = options;
  const loaded = store.load();
  const restoredLine = document.createElement('p');
  const saved = Object.fromEntries(Object.entries(loaded.data).filter(([name]) => answerNames(form).has(name)));
  if (loaded.ok && !isEmpty(saved) && !options.pageHasErrors) {
    writeAnswers(form, saved);
    const started = loaded.data[startedInput.name];
    if (typeof started === 'string' && started !== '') startedInput.value = started;
    restoredLine.textContent = restoredMessage(messages, loaded.ok ? loaded.savedAt : null);
  } else {
    restoredLine.hidden = true;
  }
  const keepingLine = document.createElement('p');
  keepingLine.textContent = messages.keeping;
  const clearButton = document.createElement('button');
  clearButton.type = 'button';
  clearButton.className = 'button-secondary';
  clearButton.textContent = messages.clearButton;
  const actions = document.createElement('p');
  actions.append(clearButton);
  note.className = 'saved-note';
  note.replaceChildren(restoredLine, keepingLine, actions);
  note.hidden = false;

  let timer: number | undefined;
  /** Set once the form is sent: a save still waiting (typing pauses) must not bring the answers back. */
  let forgotten = false;
  const saveNow = () => {
    window.clearTimeout(timer);
    timer = undefined;
    if (forgotten) return;
    store.save({ ...formAnswers(form), [startedInput.name]: startedInput.value }, { overwrite: true });
  };
  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(saveNow, delayMs);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  // Leaving the page mid-pause must not lose the last few characters.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && timer !== undefined) saveNow();
  });
  clearButton.addEventListener('click', () => {
    window.clearTimeout(timer);
    timer = undefined;
    store.clear();
    // reset() would also empty the hidden fill-time field, which must keep the first visit's time.
    const started = startedInput.value;
    form.reset();
    startedInput.value = started;
    restoredLine.hidden = true;
    options.onCleared();
    announce(messages.cleared);
  });
  const forget = () => {
    forgotten = true;
    window.clearTimeout(timer);
    timer = undefined;
    store.clear();
  };
  return { saveNow, forget };
}
