// The coaching record page: keeps the record in this browser (storage.ts), draws goals and
// sessions from the page's <template>s, redraws the chart, table and print view after each
// change, and moves the record between devices as a passphrase-locked file (crypto.ts).
// Nothing here makes a network request.
import '../offline';
import {
  APP_ID,
  bindSaveStatus,
  createAutosave,
  createToolStore,
  parseImport,
  writeEnvelope,
  type FormatOptions,
} from '../storage';
import { checkNewPassphrase, decryptFile, encryptToFile } from '../crypto';
import { downloadFile, readTextFile } from '../file-io';
import { announce, bindConfirm, clearErrors, focusOn, revealToolParts, showErrors, type FieldError } from '../ui';
import { fill, toolWords } from '../words.ts';
import type { RecordToolWords } from '../../../schemas/tools.ts';
import { bindDateBoxes } from '../date-boxes.ts';
import { hasScores, renderChart, renderTable } from './chart-view';
import { renderPrint } from './print-view';
import {
  addGoal,
  addSession,
  emptyRecord,
  goalLabel,
  isEmptyRecord,
  RECORD_TOOL,
  RECORD_VERSION,
  recordSchema,
  removeGoal,
  removeSession,
  renameGoal,
  SCORE_MAX,
  SCORE_MIN,
  sessionTitle,
  setScore,
  updateSession,
  type CoachingRecord,
  type Goal,
  type Session,
} from './model';

const { shared, tool: words } = toolWords<RecordToolWords>();
const format: FormatOptions<CoachingRecord> = {
  tool: RECORD_TOOL,
  version: RECORD_VERSION,
  label: words.toolName,
  words: shared,
  schema: recordSchema,
};
const identity = { app: APP_ID, tool: RECORD_TOOL, label: words.toolName, words: { ...shared, ...words } };

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const part = <T extends Element = HTMLElement>(root: ParentNode, name: string) =>
  root.querySelector(`[data-part="${name}"]`) as T;
const fromTemplate = (id: string) =>
  (byId<HTMLTemplateElement>(id).content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
const newId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => b.toString(16).padStart(2, '0')).join('');
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

const app = byId('record-app');
const goalsList = byId('record-goals');
const sessionsList = byId('record-sessions');
const statusElement = document.querySelector<HTMLElement>('[data-save-status]')!;
const status = bindSaveStatus(statusElement, shared);
const store = createToolStore<CoachingRecord>({ ...format, key: RECORD_TOOL, empty: emptyRecord });

let record: CoachingRecord = emptyRecord();
const autosave = createAutosave({ save: () => store.save(record), status });

function change(next: CoachingRecord) {
  record = next;
  autosave.schedule();
  refreshDerived();
}

// ---- Drawing ----------------------------------------------------------------------------------

/** Gives a cloned InlineConfirm its own ids and heading, and wires it to its remove button. */
function bindRemoval(
  item: HTMLElement,
  id: string,
  heading: string,
  trigger: HTMLButtonElement,
  onConfirm: () => void,
) {
  const panel = item.querySelector<HTMLElement>('[data-confirm]')!;
  panel.id = id;
  const title = panel.querySelector<HTMLElement>('[data-confirm-heading]')!;
  title.id = `${id}-heading`;
  title.textContent = heading;
  panel.setAttribute('aria-labelledby', title.id);
  bindConfirm(panel, trigger, onConfirm);
}

function goalItem(goal: Goal, index: number) {
  const item = fromTemplate('record-goal-template');
  const input = part<HTMLInputElement>(item, 'name');
  input.id = `record-goal-${goal.id}`;
  input.value = goal.name;
  input.dataset.goalId = goal.id;
  const label = part<HTMLLabelElement>(item, 'label');
  label.htmlFor = input.id;
  label.textContent = fill(words.goalName, { number: index + 1 });
  part(item, 'remove-name').textContent = fill(words.removeGoalName, { number: index + 1 });
  bindRemoval(
    item,
    `record-remove-goal-${goal.id}`,
    fill(words.removeGoalHeading, { number: index + 1 }),
    part(item, 'remove'),
    () => {
      const position = record.goals.findIndex((g) => g.id === goal.id);
      change(removeGoal(record, goal.id));
      renderAll();
      announce(fill(words.goalRemoved, { number: position + 1 }));
      focusAfterRemoval(goalsList, position, 'input', 'record-add-goal');
    },
  );
  return item;
}

function scoreFieldset(session: Session, goal: Goal) {
  const fieldset = fromTemplate('record-score-template');
  fieldset.setAttribute('aria-describedby', 'record-scale');
  const name = part(fieldset, 'goal-name');
  name.textContent = goalLabel(record, goal.id, words);
  name.dataset.goalName = goal.id;
  const options = part(fieldset, 'options');
  const current = session.scores[goal.id];
  const values = [null, ...Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i)];
  for (const value of values) {
    const option = fromTemplate('record-score-option-template');
    const radio = option.querySelector('input')!;
    const label = option.querySelector('label')!;
    radio.name = `record-score-${session.id}-${goal.id}`;
    radio.id = `${radio.name}-${value ?? 'none'}`;
    radio.value = value === null ? '' : String(value);
    radio.checked = value === null ? current === undefined : current === value;
    radio.dataset.scoreGoal = goal.id;
    label.htmlFor = radio.id;
    label.textContent = value === null ? words.notScored : String(value);
    if (value === null) option.classList.add('record-score__none');
    options.append(option);
  }
  return fieldset;
}

function sessionItem(session: Session) {
  const section = fromTemplate('record-session-template');
  const base = `record-session-${session.id}`;
  section.id = base;
  section.dataset.sessionId = session.id;
  section.setAttribute('aria-labelledby', `${base}-heading`);
  const heading = part(section, 'heading');
  heading.id = `${base}-heading`;
  heading.textContent = sessionTitle(session, words);
  for (const field of section.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-field]')) {
    const key = field.dataset.field as
      | 'date'
      | 'number'
      | 'previousActionsAndSummary'
      | 'actionsAgreed'
      | 'reflections';
    field.id = `${base}-${key}`;
    field.value = session[key] === null ? '' : String(session[key]);
    section.querySelector<HTMLLabelElement>(`[data-for="${key}"]`)!.htmlFor = field.id;
    const hint = section.querySelector(`[data-hint="${key}"]`);
    if (hint) {
      hint.id = `${field.id}-hint`;
      field.setAttribute('aria-describedby', hint.id);
    }
  }
  // The template's date boxes get ids of their own per session, then keep the session's date.
  const dateGroup = section.querySelector<HTMLElement>('[data-session-date] fieldset')!;
  for (const box of dateGroup.querySelectorAll<HTMLInputElement>('input')) {
    const label = dateGroup.querySelector<HTMLLabelElement>(`label[for="${box.id}"]`)!;
    box.id = `${base}-${box.name}`;
    label.htmlFor = box.id;
  }
  bindDateBoxes(dateGroup, words.date, (date) => change(updateSession(record, session.id, { date }))).show(
    session.date,
  );
  part(section, 'scores').append(...record.goals.map((goal) => scoreFieldset(session, goal)));
  part(section, 'no-goals').hidden = record.goals.length > 0;
  const name = sessionTitle(session, words, { inSentence: true });
  part(section, 'remove-name').textContent = name;
  bindRemoval(
    section,
    `${base}-remove`,
    fill(words.removeSessionHeading, { session: name }),
    part(section, 'remove'),
    () => {
      const position = record.sessions.findIndex((s) => s.id === session.id);
      const removed = sessionTitle(record.sessions[position]!, words);
      change(removeSession(record, session.id));
      renderAll();
      announce(fill(words.sessionRemoved, { session: removed }));
      focusAfterRemoval(sessionsList, position, 'h3', 'record-add-session');
    },
  );
  return section;
}

/** Focus moves to the item that took the removed one's place, or else to the add button. */
function focusAfterRemoval(list: HTMLElement, index: number, selector: string, fallbackId: string) {
  const next = list.children[Math.min(index, list.children.length - 1)];
  focusOn(next?.querySelector<HTMLElement>(selector) ?? byId(fallbackId));
}

/** Redraws every part from the record: after loading, importing, deleting, adding or removing. */
function renderAll() {
  byId<HTMLInputElement>('record-coachee').value = record.coachee;
  byId<HTMLInputElement>('record-coach').value = record.coach;
  goalsList.replaceChildren(...record.goals.map(goalItem));
  byId('record-goals-empty').hidden = record.goals.length > 0;
  sessionsList.replaceChildren(...record.sessions.map(sessionItem));
  byId('record-sessions-empty').hidden = record.sessions.length > 0;
  refreshDerived();
}

/** The parts nobody types into: chart, table and print view. Cheap enough to redo on each change. */
function refreshDerived() {
  const drawable = hasScores(record);
  byId('record-chart-empty').hidden = drawable;
  byId('record-chart').hidden = !drawable;
  const table = byId('record-table');
  table.hidden = !drawable;
  byId('record-chart-drawing').replaceChildren(drawable ? renderChart(record, 'record-chart-title', words) : '');
  table.replaceChildren(drawable ? renderTable(record, words) : '');
  byId('record-print-view').replaceChildren(renderPrint(record, words));
}

// ---- Editing ----------------------------------------------------------------------------------

app.addEventListener('input', (event) => {
  const target = event.target as HTMLInputElement | HTMLTextAreaElement;
  const { record: person, goalId, field } = target.dataset;
  if (person === 'coachee' || person === 'coach') {
    change({ ...record, [person]: target.value });
  } else if (goalId) {
    change(renameGoal(record, goalId, target.value));
    for (const name of app.querySelectorAll<HTMLElement>(`[data-goal-name="${goalId}"]`)) {
      name.textContent = goalLabel(record, goalId, words);
    }
  } else if (field) {
    const section = target.closest<HTMLElement>('[data-session-id]')!;
    const sessionId = section.dataset.sessionId!;
    if (field === 'number') {
      const value = Number(target.value);
      const number = target.value !== '' && Number.isInteger(value) && value >= 1 && value <= 999 ? value : null;
      change(updateSession(record, sessionId, { number }));
      const session = record.sessions.find((s) => s.id === sessionId)!;
      part(section, 'heading').textContent = sessionTitle(session, words);
      part(section, 'remove-name').textContent = sessionTitle(session, words, { inSentence: true });
    } else {
      change(updateSession(record, sessionId, { [field]: target.value }));
    }
  }
});

app.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement;
  const sessionId = target.closest<HTMLElement>('[data-session-id]')?.dataset.sessionId;
  if (target.type !== 'radio' || !target.dataset.scoreGoal || !sessionId) return;
  change(setScore(record, sessionId, target.dataset.scoreGoal, target.value === '' ? null : Number(target.value)));
});

byId('record-add-goal').addEventListener('click', () => {
  const goalId = newId();
  change(addGoal(record, goalId));
  renderAll();
  byId(`record-goal-${goalId}`).focus();
});

byId('record-add-session').addEventListener('click', () => {
  const sessionId = newId();
  change(addSession(record, sessionId, today()));
  renderAll();
  focusOn(byId(`record-session-${sessionId}-heading`));
});

byId('record-print').addEventListener('click', () => {
  autosave.flush();
  window.print();
});

bindConfirm(byId('record-delete-confirm'), byId<HTMLButtonElement>('record-delete'), () => {
  autosave.flush(); // so no waiting save writes the record back after it is removed
  store.clear();
  record = emptyRecord();
  renderAll();
  byId('record-load-problem').hidden = true;
  statusElement.setAttribute('data-state', 'deleted');
  statusElement.textContent = words.nothingSaved;
  const done = byId('record-delete-done');
  done.textContent = words.deleted;
  done.hidden = false;
  focusOn(done);
});

// ---- Export and import ------------------------------------------------------------------------

function setBusy(button: HTMLButtonElement, busyText: string | null) {
  button.dataset.idleText ??= button.textContent ?? '';
  button.disabled = busyText !== null;
  button.textContent = busyText ?? button.dataset.idleText;
}

const exportForm = byId<HTMLFormElement>('record-export-form');
exportForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const passphrase = byId<HTMLInputElement>('record-export-passphrase');
  const confirmation = byId<HTMLInputElement>('record-export-confirmation');
  const summary = byId('record-export-errors');
  const done = byId('record-export-done');
  done.hidden = true;
  clearErrors(summary);
  const problems = checkNewPassphrase(passphrase.value, confirmation.value, words);
  const errors: FieldError[] = [];
  if (problems.passphrase) errors.push({ fieldId: passphrase.id, message: problems.passphrase });
  if (problems.confirmation) errors.push({ fieldId: confirmation.id, message: problems.confirmation });
  if (errors.length) {
    showErrors(summary, errors);
    return;
  }

  autosave.flush();
  const button = exportForm.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  setBusy(button, words.exporting);
  try {
    const text = await encryptToFile(writeEnvelope(record, format), passphrase.value, {
      app: APP_ID,
      tool: RECORD_TOOL,
      version: RECORD_VERSION,
    });
    const fileName = `coaching-record-${today()}.json`;
    downloadFile(fileName, text, 'application/json');
    passphrase.value = '';
    confirmation.value = '';
    done.textContent = fill(words.exported, { file: fileName });
    done.hidden = false;
    focusOn(done);
  } finally {
    setBusy(button, null);
  }
});

const importForm = byId<HTMLFormElement>('record-import-form');
const importButton = byId<HTMLButtonElement>('record-import-submit');
const replacePanel = byId('record-replace-confirm');

/** Asks before an import replaces a record that is already here; resolves true on "yes". */
function askToReplace(): Promise<boolean> {
  replacePanel.hidden = false;
  focusOn(replacePanel.querySelector<HTMLElement>('[data-confirm-heading]')!);
  return new Promise((resolve) => {
    const answered = new AbortController();
    const answer = (yes: boolean) => () => {
      answered.abort();
      replacePanel.hidden = true;
      resolve(yes);
    };
    replacePanel
      .querySelector('[data-confirm-yes]')!
      .addEventListener('click', answer(true), { signal: answered.signal });
    replacePanel
      .querySelector('[data-confirm-no]')!
      .addEventListener('click', answer(false), { signal: answered.signal });
  });
}

importForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!replacePanel.hidden) return; // already waiting for an answer
  const fileInput = byId<HTMLInputElement>('record-import-file');
  const passphrase = byId<HTMLInputElement>('record-import-passphrase');
  const summary = byId('record-import-errors');
  const done = byId('record-import-done');
  done.hidden = true;
  clearErrors(summary);
  const fail = (fieldId: string, message: string) => showErrors(summary, [{ fieldId, message }]);

  const file = await readTextFile(fileInput.files?.[0], shared);
  const errors: FieldError[] = [];
  if (!file.ok) errors.push({ fieldId: fileInput.id, message: file.message });
  if (!passphrase.value) errors.push({ fieldId: passphrase.id, message: words.passphraseMissing });
  if (errors.length || !file.ok) {
    showErrors(summary, errors);
    return;
  }

  setBusy(importButton, words.importing);
  const opened = await decryptFile(file.text, passphrase.value, { ...identity, newestVersion: RECORD_VERSION });
  setBusy(importButton, null);
  if (!opened.ok) {
    const aboutPassphrase = opened.reason === 'wrong-passphrase' || opened.reason === 'passphrase-missing';
    fail(aboutPassphrase ? passphrase.id : fileInput.id, opened.message);
    return;
  }
  const parsed = parseImport(opened.plaintext, format);
  if (!parsed.ok) {
    fail(fileInput.id, parsed.message);
    return;
  }
  if ((!isEmptyRecord(record) || store.blocked) && !(await askToReplace())) {
    importButton.focus();
    return;
  }
  const saved = store.save(parsed.data, { overwrite: true });
  if (!saved.ok) {
    fail(fileInput.id, saved.message);
    return;
  }
  record = parsed.data;
  renderAll();
  status.saved(saved.savedAt);
  byId('record-load-problem').hidden = true;
  importForm.reset();
  done.textContent = words.imported;
  done.hidden = false;
  focusOn(done);
});

// ---- Start ------------------------------------------------------------------------------------

function load() {
  const loaded = store.load();
  record = loaded.data;
  const problem = byId('record-load-problem');
  problem.hidden = loaded.ok;
  if (!loaded.ok) {
    problem.textContent = fill(words.loadProblem, { problem: loaded.message });
    status.failed(loaded.message);
  } else if (loaded.savedAt) {
    status.saved(loaded.savedAt);
  } else {
    statusElement.textContent = words.nothingSavedYet;
  }
  renderAll();
}

load();
revealToolParts();
// Another tab saved the record: show that version rather than overwrite it with an older one.
store.subscribe((result) => {
  if (!result.ok) return;
  record = result.data;
  renderAll();
  if (result.savedAt) status.saved(result.savedAt);
});
addEventListener('pagehide', () => autosave.flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') autosave.flush();
});
