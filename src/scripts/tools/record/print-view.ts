// The record as headings and paragraphs for printing: every word of every session, in full.
import { renderChart, renderTable, hasScores } from './chart-view';
import { formatDate, goalLabel, SESSION_WORDS, sessionsInOrder, sessionTitle, type CoachingRecord } from './model';

function element<K extends keyof HTMLElementTagNameMap>(name: K, text?: string, className?: string) {
  const node = document.createElement(name);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function pairs(list: HTMLDListElement, entries: [string, string][]) {
  for (const [term, description] of entries) {
    list.append(element('dt', term), element('dd', description || '–', 'tool-pre-wrap'));
  }
}

export function renderPrint(record: CoachingRecord): DocumentFragment {
  const page = document.createDocumentFragment();
  const people = element('dl');
  pairs(people, [
    ['Coachee', record.coachee],
    ['Coach', record.coach],
  ]);
  page.append(people, element('h2', 'Goals'));
  if (record.goals.length) {
    const goals = element('ol');
    for (const goal of record.goals) goals.append(element('li', goalLabel(record, goal.id)));
    page.append(goals);
  } else {
    page.append(element('p', 'No goals recorded.'));
  }
  for (const session of sessionsInOrder(record)) {
    const block = element('section', undefined, 'record-print__session');
    block.append(element('h2', sessionTitle(session)));
    const details = element('dl');
    pairs(details, [
      [SESSION_WORDS.date, formatDate(session.date)],
      [SESSION_WORDS.previousActionsAndSummary, session.previousActionsAndSummary],
      [SESSION_WORDS.actionsAgreed, session.actionsAgreed],
      [SESSION_WORDS.reflections, session.reflections],
      ...record.goals.map((goal): [string, string] => [
        `Progress towards ${goalLabel(record, goal.id)}`,
        session.scores[goal.id] === undefined ? SESSION_WORDS.notScored : `${session.scores[goal.id]} out of 10`,
      ]),
    ]);
    block.append(details);
    page.append(block);
  }
  if (hasScores(record)) {
    const progress = element('section', undefined, 'record-print__progress');
    progress.append(element('h2', 'Progress across sessions'), renderChart(record, 'record-print-chart-title'), renderTable(record));
    page.append(progress);
  }
  return page;
}
