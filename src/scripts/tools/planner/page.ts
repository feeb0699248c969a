// The implementation planner in the browser: several plans kept in localStorage, the worksheet for
// the open plan, a task list of step statuses, and sharing by Word document, print or file.
// The steps come from the server-rendered page, so editors change them in one place. Nothing typed
// leaves the browser.
import { bindDateBoxes } from '../date-boxes.ts';

import { downloadFile, fileNameFrom, readTextFile } from '../file-io.ts';
// Registers the shared service worker (public/sw.js, by the coaching record's author) so the planner opens offline.
import '../offline.ts';
import { bindSaveStatus, createAutosave, createToolStore, parseImport, writeEnvelope } from '../storage.ts';
import {
  announce,
  bindConfirm,
  clearErrors,
  focusOn,
  must,
  revealToolParts,
  setFieldError,
  showErrors,
} from '../ui.ts';
import { fill, toolWords } from '../words.ts';
import type { PlannerToolWords } from '../../../schemas/tools.ts';
import {
  addPlan,
  completedCount,
  currentPlan,
  deletePlan,
  duplicatePlan,
  emptyPlannerState,
  importPlan,
  PLANNER_TOOL,
  plannerStateSchema,
  planSchema,
  renameProblem,
  STEP_STATUS,
  stepOf,
  stepStatus,
  switchPlan,
  updatePlan,
  updateStep,
  type Clock,
  type Plan,
  type PlannerState,
  type StepEntry,
  type StepStatus,
} from './plans.ts';
import { planFacts, WORD_MIME, wordDocument, worksheetColumns, type WorksheetStep } from './worksheet.ts';

const root = must('[data-planner]');
const { shared, tool: words } = toolWords<PlannerToolWords>();
const clock: Clock = {
  names: words,
  now: () => new Date(),
  // randomUUID needs a secure context; the fallback only has to be unique within one browser.
  newId: () =>
    globalThis.crypto?.randomUUID?.() ?? `plan-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
};
const store = createToolStore<PlannerState>({
  key: PLANNER_TOOL.key,
  version: PLANNER_TOOL.version,
  label: words.toolName,
  words: shared,
  schema: plannerStateSchema,
  empty: () => emptyPlannerState(clock),
});
const fileFormat = {
  tool: PLANNER_TOOL.key,
  version: PLANNER_TOOL.version,
  label: words.toolName,
  words: shared,
  schema: planSchema,
};

const stepSections = [...root.querySelectorAll<HTMLElement>('[data-step]')];
const steps: WorksheetStep[] = stepSections.map((section) => ({
  id: section.dataset.step!,
  number: Number(section.dataset.number),
  title: section.dataset.title!,
  questions: [...section.querySelectorAll('[data-planning-question]')].map((li) => li.textContent?.trim() ?? ''),
}));
const stepIds = steps.map((step) => step.id);

const errorSummary = must('[data-error-summary]', root);
const blockedPanel = must('[data-blocked-panel]', root);
const statusElement = must('[data-save-status]', root);
const status = bindSaveStatus(statusElement, shared);
const planHeading = must('[data-plan-heading]', root);
const plansHeading = must('#plans-heading', root);
const planList = must('[data-plan-list]', root);
const importInput = must<HTMLInputElement>('[data-import-input]', root);
const renameForm = must<HTMLFormElement>('[data-rename-form]', root);
const renameInput = must<HTMLInputElement>('#plan-name', root);
const renameButton = must<HTMLButtonElement>('[data-rename]', root);
const planFields = [...root.querySelectorAll<HTMLInputElement>('[data-plan-field]')];
const planDate = bindDateBoxes(must('[data-plan-date] fieldset', root), words.dateLabel, (date) =>
  change(updatePlan(state, plan().id, { date }, clock)),
);

let state: PlannerState = emptyPlannerState(clock);
const autosave = createAutosave({ save: () => store.save(state), status });
const plan = () => currentPlan(state);

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
) => {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
};

/** Saves straight away (after deliberate actions), rather than waiting for typing to pause. */
function saveNow(options: { overwrite?: boolean } = {}) {
  const result = store.save(state, options);
  if (result.ok) status.saved(result.savedAt);
  else status.failed(result.message);
}

const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : fill(words.lastChanged, {
        date: date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }),
        time: date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }),
      });
};

function renderPlanList(): void {
  const open = plan();
  planList.replaceChildren(
    ...state.plans.map((item) => {
      // Separate text nodes, so each detail reads as its own words (the dots are only punctuation).
      const details = [
        item.agency.trim() || words.noOrganisation,
        fill(words.stepsCompleted, { completed: completedCount(item, stepIds), total: stepIds.length }),
        when(item.updatedAt),
      ].flatMap((detail, index) => (index ? [' · ', detail] : [detail]));
      const action =
        item.id === open.id
          ? el('strong', { className: 'tag' }, words.openNow)
          : el(
              'button',
              { type: 'button', className: 'link-button', value: item.id },
              words.open,
              el('span', { className: 'visually-hidden' }, ` ${item.name}`),
            );
      return el('li', {}, el('strong', {}, item.name), ' ', action, el('br'), ...details);
    }),
  );
}

const TAG: Record<StepStatus, string> = {
  [STEP_STATUS.notStarted]: 'tag tag--grey',
  [STEP_STATUS.inProgress]: 'tag',
  [STEP_STATUS.completed]: 'tag tag--green',
};

function renderProgress(): void {
  const open = plan();
  for (const step of steps) {
    const tag = must(`[data-task-status="${step.id}"]`, root);
    const value = stepStatus(stepOf(open, step.id));
    tag.textContent = words[value];
    tag.className = TAG[value];
  }
  must('[data-progress]', root).textContent = fill(words.progress, {
    completed: completedCount(open, stepIds),
    total: stepIds.length,
  });
}

/** The print view: the original worksheet's layout, drawn from the open plan. */
function renderWorksheet(): void {
  const open = plan();
  const facts = el(
    'dl',
    {},
    ...planFacts(open, words).flatMap((fact) => [
      el('dt', {}, fill(words.factLabel, { label: fact.label })),
      el('dd', {}, fact.value),
    ]),
  );
  const head = el(
    'thead',
    {},
    el('tr', {}, ...worksheetColumns(words).map((column) => el('th', { scope: 'col' }, column))),
  );
  const body = el(
    'tbody',
    {},
    ...steps.map((step) => {
      const entry = stepOf(open, step.id);
      return el(
        'tr',
        {},
        el(
          'th',
          { scope: 'row' },
          fill(words.stepName, { number: step.number, title: step.title }),
          el('br'),
          words[stepStatus(entry)],
        ),
        el('td', {}, el('ul', {}, ...step.questions.map((question) => el('li', {}, question)))),
        el('td', { className: 'tool-pre-wrap' }, entry.trainingNeeds),
        el('td', { className: 'tool-pre-wrap' }, entry.ourPlan),
      );
    }),
  );
  must('[data-print-worksheet]', root).replaceChildren(
    el('h2', {}, fill(words.planTitle, { name: open.name })),
    facts,
    el('table', { className: 'tool-table' }, head, body),
  );
}

/** Everything derived from the data, but not the fields being typed in. */
function renderDerived(): void {
  planHeading.textContent = plan().name;
  must('[data-delete-text]', root).textContent = fill(words.deleteText, { name: plan().name });
  renderPlanList();
  renderProgress();
  renderWorksheet();
}

/** Fills every field from the open plan, then the rest. */
function renderAll(): void {
  const open = plan();
  for (const input of planFields) input.value = open[input.dataset.planField as 'agency' | 'owner'];
  planDate.show(open.date);
  for (const section of stepSections) {
    const entry = stepOf(open, section.dataset.step!);
    section.querySelectorAll<HTMLTextAreaElement>('[data-step-field]').forEach((textarea) => {
      textarea.value = entry[textarea.dataset.stepField as 'trainingNeeds' | 'ourPlan'];
    });
    must<HTMLInputElement>('[data-step-complete]', section).checked = entry.complete;
  }
  renderDerived();
}

function change(next: PlannerState): void {
  state = next;
  renderDerived();
  autosave.schedule();
}

for (const input of planFields) {
  input.addEventListener('input', () => {
    change(updatePlan(state, plan().id, { [input.dataset.planField as 'agency' | 'owner']: input.value }, clock));
  });
}
for (const section of stepSections) {
  const stepId = section.dataset.step!;
  section.querySelectorAll<HTMLTextAreaElement>('[data-step-field]').forEach((textarea) => {
    textarea.addEventListener('input', () => {
      const field = textarea.dataset.stepField as keyof Pick<StepEntry, 'trainingNeeds' | 'ourPlan'>;
      change(updateStep(state, plan().id, stepId, { [field]: textarea.value }, clock));
    });
  });
  must<HTMLInputElement>('[data-step-complete]', section).addEventListener('change', (event) => {
    change(updateStep(state, plan().id, stepId, { complete: (event.target as HTMLInputElement).checked }, clock));
  });
}

/** After an action that changes which plan is open: redraw, save, move focus to its name and say what happened. */
function afterAction(next: PlannerState, message: string, focusTarget: HTMLElement = planHeading): void {
  autosave.flush();
  state = next;
  closeRename();
  renderAll();
  saveNow();
  focusOn(focusTarget);
  announce(message);
}

planList.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('button[value]');
  if (!button) return;
  const next = switchPlan(state, button.value);
  afterAction(next, fill(words.switched, { name: currentPlan(next).name }));
});

must<HTMLButtonElement>('[data-new-plan]', root).addEventListener('click', () => {
  const next = addPlan(state, clock);
  afterAction(next, fill(words.started, { name: currentPlan(next).name }));
});

must<HTMLButtonElement>('[data-duplicate]', root).addEventListener('click', () => {
  const from = plan().name;
  const next = duplicatePlan(state, plan().id, clock);
  afterAction(next, fill(words.duplicated, { from, name: currentPlan(next).name }));
});

function closeRename(): void {
  renameForm.hidden = true;
  renameButton.setAttribute('aria-expanded', 'false');
  setFieldError(renameInput.id, null);
}
renameButton.setAttribute('aria-controls', renameForm.id);
renameButton.setAttribute('aria-expanded', 'false');
renameButton.addEventListener('click', () => {
  if (!renameForm.hidden) return closeRename();
  renameForm.hidden = false;
  renameButton.setAttribute('aria-expanded', 'true');
  renameInput.value = plan().name;
  renameInput.focus();
  renameInput.select();
});
must<HTMLButtonElement>('[data-rename-cancel]', root).addEventListener('click', () => {
  closeRename();
  clearErrors(errorSummary);
  renameButton.focus();
});
renameForm.addEventListener('submit', (event) => {
  event.preventDefault();
  clearErrors(errorSummary);
  const problem = renameProblem(state, plan().id, renameInput.value);
  if (problem) {
    const message = { empty: words.nameEmpty, tooLong: words.nameTooLong, taken: words.nameTaken }[problem];
    showErrors(errorSummary, [{ fieldId: renameInput.id, message }]);
    return;
  }
  const name = renameInput.value.trim();
  afterAction(updatePlan(state, plan().id, { name }, clock), fill(words.renamed, { name }));
});

bindConfirm(must('#planner-delete-confirm', root), must<HTMLButtonElement>('[data-delete]', root), () => {
  const gone = plan().name;
  const next = deletePlan(state, plan().id, clock);
  afterAction(next, fill(words.deleted, { gone, name: currentPlan(next).name }), plansHeading);
});

must<HTMLButtonElement>('[data-start-again]', root).addEventListener('click', () => {
  store.clear();
  blockedPanel.hidden = true;
  clearErrors(errorSummary);
  afterAction(emptyPlannerState(clock), words.startedAgain);
});

importInput.addEventListener('change', async () => {
  clearErrors(errorSummary);
  const file = await readTextFile(importInput.files?.[0], shared);
  const parsed = file.ok ? parseImport(file.text, fileFormat) : file;
  importInput.value = '';
  if (!parsed.ok) {
    showErrors(errorSummary, [{ fieldId: importInput.id, message: parsed.message }]);
    return;
  }
  const outcome = importPlan(store.blocked ? emptyPlannerState(clock) : state, parsed.data, clock);
  const messages = {
    added: words.importedAdded,
    'already-here': words.importedHere,
    'added-as-copy': words.importedCopy,
  };
  state = outcome.state;
  blockedPanel.hidden = true;
  closeRename();
  renderAll();
  // Opening a file is the person choosing what this browser keeps.
  saveNow({ overwrite: true });
  focusOn(planHeading);
  announce(fill(messages[outcome.kind], { name: outcome.plan.name }));
});

const filePrefix = (open: Plan) => [open.name, open.agency, open.date || clock.now().toISOString().slice(0, 10)];

must<HTMLButtonElement>('[data-export]', root).addEventListener('click', () => {
  autosave.flush();
  downloadFile(fileNameFrom(filePrefix(plan()), 'json'), writeEnvelope(plan(), fileFormat), 'application/json');
  announce(words.exported);
});

must<HTMLButtonElement>('[data-export-word]', root).addEventListener('click', () => {
  autosave.flush();
  downloadFile(fileNameFrom(filePrefix(plan()), 'doc'), wordDocument(plan(), steps, words), WORD_MIME);
  announce(words.exportedWord);
});

must<HTMLButtonElement>('[data-print]', root).addEventListener('click', () => {
  autosave.flush();
  print();
});

addEventListener('pagehide', () => autosave.flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') autosave.flush();
});

store.subscribe((result) => {
  // Another tab saved: follow it, so this tab never writes older plans over newer ones.
  if (result.ok) {
    state = result.data;
    renderAll();
  }
});

const loaded = store.load();
state = loaded.data;
renderAll();
revealToolParts(root);
if (!loaded.ok) {
  // Keep the unreadable data until the person chooses what to do with it.
  blockedPanel.hidden = false;
  showErrors(errorSummary, [
    { fieldId: 'planner-start-again', message: fill(words.notSaving, { problem: loaded.message }) },
  ]);
}
