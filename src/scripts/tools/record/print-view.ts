// The record as headings and paragraphs for printing: every word of every session, in full.
import { renderChart, renderTable, hasScores } from './chart-view';
import type { RecordToolWords } from '../../../schemas/tools.ts';
import { fill } from '../../../lib/words.ts';
import { formatDate, goalLabel, sessionsInOrder, sessionTitle, type CoachingRecord } from './model';

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

export function renderPrint(record: CoachingRecord, words: RecordToolWords): DocumentFragment {
  const page = document.createDocumentFragment();
  const people = element('dl');
  pairs(people, [
    [words.printCoachee, record.coachee],
    [words.printCoach, record.coach],
  ]);
  page.append(people, element('h2', words.goalsHeading));
  if (record.goals.length) {
    const goals = element('ol');
    for (const goal of record.goals) goals.append(element('li', goalLabel(record, goal.id, words)));
    page.append(goals);
  } else {
    page.append(element('p', words.printNoGoals));
  }
  for (const session of sessionsInOrder(record)) {
    const block = element('section', undefined, 'record-print__session');
    block.append(element('h2', sessionTitle(session, words)));
    const details = element('dl');
    pairs(details, [
      [words.date, formatDate(session.date)],
      [words.summary, session.previousActionsAndSummary],
      [words.actions, session.actionsAgreed],
      [words.reflections, session.reflections],
      ...record.goals.map((goal): [string, string] => [
        fill(words.progressTowards, { goal: goalLabel(record, goal.id, words) }),
        session.scores[goal.id] === undefined
          ? words.notScored
          : fill(words.printScore, { score: session.scores[goal.id]! }),
      ]),
    ]);
    block.append(details);
    page.append(block);
  }
  if (hasScores(record)) {
    const progress = element('section', undefined, 'record-print__progress');
    progress.append(
      element('h2', words.progressHeading),
      renderChart(record, 'record-print-chart-title', words),
      renderTable(record, words),
    );
    page.append(progress);
  }
  return page;
}
