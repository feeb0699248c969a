// The readiness checklist in the browser: reads the questions from the server-rendered page,
// restores saved answers, autosaves every change, keeps the summary and print view up to date,
// and handles export, import and clearing. Nothing leaves the browser.
import { downloadFile, fileNameFrom, readTextFile } from '../file-io.ts';
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
import { templateParts } from '../../../lib/words.ts';
import type { ReadinessToolWords } from '../../../schemas/tools.ts';
import {
  answerLabel,
  blankAnswer,
  emptyReadinessAnswers,
  READINESS_TOOL,
  readinessAnswersSchema,
  summarise,
  type AnswerValue,
  type QuestionInfo,
  type ReadinessAnswers,
} from './checklist.ts';

const root = must('[data-readiness]');
const { shared, tool: words } = toolWords<ReadinessToolWords>();
const format = {
  tool: READINESS_TOOL.key,
  version: READINESS_TOOL.version,
  label: words.toolName,
  words: shared,
  schema: readinessAnswersSchema,
};
const store = createToolStore<ReadinessAnswers>({ ...format, key: READINESS_TOOL.key, empty: emptyReadinessAnswers });

const sections = [...root.querySelectorAll<HTMLElement>('[data-question]')];
const questions: QuestionInfo[] = sections.map((section) => {
  const help = must<HTMLAnchorElement>('[data-help-link]', section);
  return {
    id: section.dataset.question!,
    number: Number(section.dataset.number),
    question: must('[data-question-text]', section).dataset.questionText!,
    helpLabel: help.textContent ?? '',
    helpHref: help.getAttribute('href') ?? '',
  };
});

const errorSummary = must('[data-error-summary]', root);
const status = bindSaveStatus(must('[data-save-status]', root), shared);
const importInput = must<HTMLInputElement>('[data-import-input]', root);

let state: ReadinessAnswers = emptyReadinessAnswers();
const autosave = createAutosave({ save: () => store.save(state), status });

/** Puts `state` into the form controls, the print view and the summary. */
function render(): void {
  for (const section of sections) {
    const entry = state.answers[section.dataset.question!] ?? blankAnswer();
    section.querySelectorAll<HTMLInputElement>('[data-answer]').forEach((radio) => {
      radio.checked = radio.value === entry.answer;
    });
    must<HTMLTextAreaElement>('[data-notes]', section).value = entry.notes;
    renderPrint(section);
  }
  renderSummary();
}

function renderPrint(section: HTMLElement): void {
  const entry = state.answers[section.dataset.question!] ?? blankAnswer();
  must('[data-print-answer-value]', section).textContent = answerLabel(entry.answer, words);
  must('[data-print-notes]', section).textContent = entry.notes.trim() || words.printNoNotes;
}

const TAG_CLASS: Record<AnswerValue, string> = { ready: 'tag--green', partly: 'tag--yellow', 'not-yet': 'tag--red' };

function renderSummary(): void {
  const summary = summarise(questions, state);
  must('[data-summary-count]', root).textContent =
    summary.answered === 0
      ? words.noneAnswered
      : fill(words.answeredCount, { answered: summary.answered, total: summary.total });
  const container = must('[data-summary-needs-work]', root);
  if (summary.needsWork.length > 0) {
    const heading = Object.assign(document.createElement('h3'), { textContent: words.needsWorkHeading });
    const list = document.createElement('ul');
    list.className = 'readiness-summary__list';
    for (const item of summary.needsWork) {
      const li = document.createElement('li');
      const tag = Object.assign(document.createElement('strong'), {
        className: `tag ${TAG_CLASS[item.answer]}`,
        textContent: answerLabel(item.answer, words),
      });
      const question = Object.assign(document.createElement('a'), {
        href: `#${item.id}`,
        textContent: fill(words.questionHeading, { number: item.number, question: item.question }),
      });
      const help = Object.assign(document.createElement('a'), { href: item.helpHref, textContent: item.helpLabel });
      li.append(tag, ' ', question, document.createElement('br'), `${words.guidanceLead} `, help);
      list.append(li);
    }
    container.replaceChildren(heading, list);
  } else if (summary.allReady) {
    const p = document.createElement('p');
    for (const part of templateParts(words.allReady)) {
      p.append(
        'text' in part
          ? part.text
          : Object.assign(document.createElement('a'), { href: '/planning/planner/', textContent: words.allReadyLink }),
      );
    }
    container.replaceChildren(p);
  } else if (summary.answered > 0) {
    container.replaceChildren(Object.assign(document.createElement('p'), { textContent: words.nothingNotReady }));
  } else {
    container.replaceChildren();
  }
}

function update(id: string, change: Partial<ReadinessAnswers['answers'][string]>): void {
  const entry = { ...(state.answers[id] ?? blankAnswer()), ...change };
  state = { answers: { ...state.answers, [id]: entry } };
  const section = sections.find((s) => s.dataset.question === id);
  if (section) renderPrint(section);
  renderSummary();
  autosave.schedule();
}

for (const section of sections) {
  const id = section.dataset.question!;
  section.querySelectorAll<HTMLInputElement>('[data-answer]').forEach((radio) => {
    radio.addEventListener('change', () => {
      if (radio.checked) update(id, { answer: radio.value as AnswerValue });
    });
  });
  must<HTMLTextAreaElement>('[data-notes]', section).addEventListener('input', (event) => {
    update(id, { notes: (event.target as HTMLTextAreaElement).value });
  });
}

// Saving on the way out means a quick reload never loses the last few keystrokes.
addEventListener('pagehide', () => autosave.flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') autosave.flush();
});

must<HTMLButtonElement>('[data-print]', root).addEventListener('click', () => {
  autosave.flush();
  print();
});

must<HTMLButtonElement>('[data-export]', root).addEventListener('click', () => {
  autosave.flush();
  downloadFile(
    fileNameFrom(['readiness checklist', new Date().toISOString().slice(0, 10)], 'json'),
    writeEnvelope(state, format),
    'application/json',
  );
  announce(words.exported);
});

importInput.addEventListener('change', async () => {
  clearErrors(errorSummary);
  const file = await readTextFile(importInput.files?.[0], shared);
  const parsed = file.ok ? parseImport(file.text, format) : file;
  importInput.value = '';
  if (!parsed.ok) {
    showErrors(errorSummary, [{ fieldId: importInput.id, message: parsed.message }]);
    return;
  }
  state = parsed.data;
  render();
  // Opening a file is the user choosing to replace whatever this browser held.
  const saved = store.save(state, { overwrite: true });
  if (saved.ok) status.saved(saved.savedAt);
  else status.failed(saved.message);
  announce(words.imported);
  focusOn(must('#readiness-summary-heading', root));
});

bindConfirm(must('[data-confirm]', root), must<HTMLButtonElement>('[data-clear]', root), () => {
  store.clear();
  state = emptyReadinessAnswers();
  render();
  clearErrors(errorSummary);
  setFieldError(importInput.id, null);
  must('[data-save-status]', root).textContent = words.cleared;
  focusOn(must('h1', root));
});

store.subscribe((result) => {
  // Another tab saved: show its answers rather than overwrite them later.
  if (result.ok) {
    state = result.data;
    render();
  }
});

const loaded = store.load();
state = loaded.data;
render();
revealToolParts(root);
if (!loaded.ok) {
  // Keep the unreadable data until the person chooses: clearing or opening a file replaces it.
  showErrors(errorSummary, [
    { fieldId: 'readiness-clear', message: fill(words.notSaving, { problem: loaded.message }) },
  ]);
}
