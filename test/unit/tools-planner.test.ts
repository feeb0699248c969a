import { describe, expect, it } from 'vitest';
import {
  addPlan,
  completedCount,
  currentPlan,
  deletePlan,
  displayDate,
  duplicatePlan,
  emptyPlannerState,
  importPlan,
  plannerStateSchema,
  renameProblem,
  stepStatus,
  switchPlan,
  updatePlan,
  updateStep,
  type Clock,
  type PlannerState,
} from '../../src/scripts/tools/planner/plans.ts';
import { wordDocument, type WorksheetStep } from '../../src/scripts/tools/planner/worksheet.ts';
import { plannerWords } from './tool-words.ts';

// A clock whose ids count up, so each journey's results are exact.
function testClock(): Clock {
  let n = 0;
  return { now: () => new Date('2026-03-04T09:05:00Z'), newId: () => `plan-${++n}`, names: plannerWords };
}

const STEPS: WorksheetStep[] = [
  {
    id: 'vision',
    number: 1,
    title: 'Identify the vision',
    questions: ['What do you want coaching to achieve?', 'Who <leads> it?'],
  },
  { id: 'partners', number: 2, title: 'Identify collaborative partners', questions: ['Who else should be involved?'] },
];

describe('a step’s status in the task list', () => {
  it('is Not started, then In progress once anything is written, then Completed when marked', () => {
    const status = (entry: Parameters<typeof stepStatus>[0]) => plannerWords[stepStatus(entry)];
    expect(status({ trainingNeeds: '', ourPlan: '  ', complete: false })).toBe('Not started');
    expect(status({ trainingNeeds: 'Induction for coaches', ourPlan: '', complete: false })).toBe('In progress');
    expect(status({ trainingNeeds: '', ourPlan: 'Ask the board', complete: false })).toBe('In progress');
    expect(status({ trainingNeeds: '', ourPlan: '', complete: true })).toBe('Completed');
  });
});

describe('several plans in one browser', () => {
  it('starts with one plan, adds plans with names that do not clash, and opens each new one', () => {
    const clock = testClock();
    let state = emptyPlannerState(clock);
    expect(state).toEqual({
      currentPlanId: 'plan-1',
      plans: [
        {
          id: 'plan-1',
          name: 'Our coaching plan',
          agency: '',
          date: '',
          owner: '',
          steps: {},
          updatedAt: '2026-03-04T09:05:00.000Z',
        },
      ],
    });
    state = addPlan(state, clock);
    state = addPlan(state, clock);
    expect(state.plans.map((p) => p.name)).toEqual(['Our coaching plan', 'Our coaching plan 2', 'Our coaching plan 3']);
    expect(currentPlan(state).id).toBe('plan-3');
    expect(plannerStateSchema.safeParse(state).success).toBe(true);
  });

  it('duplicates every field and step into “Copy of …” placed after the original, and opens the copy', () => {
    const clock = testClock();
    let state = addPlan(emptyPlannerState(clock), clock);
    state = updatePlan(
      state,
      'plan-1',
      { name: 'Eastmere', agency: 'Eastmere County', date: '2026-03-04', owner: 'Robin' },
      clock,
    );
    state = updateStep(state, 'plan-1', 'vision', { trainingNeeds: 'Coach training', complete: true }, clock);
    state = duplicatePlan(state, 'plan-1', clock);
    expect(state.plans.map((p) => p.name)).toEqual(['Eastmere', 'Copy of Eastmere', 'Our coaching plan 2']);
    const copy = currentPlan(state);
    expect(copy).toEqual({ ...state.plans[0], id: 'plan-3', name: 'Copy of Eastmere' });
    // The copy is independent of the original.
    state = updateStep(state, copy.id, 'vision', { trainingNeeds: 'Changed' }, clock);
    expect(state.plans[0]!.steps.vision!.trainingNeeds).toBe('Coach training');
    expect(duplicatePlan(state, 'plan-1', clock).plans.map((p) => p.name)).toContain('Copy of Eastmere 2');
  });

  it('checks new names: not blank, not too long, not the name of another plan', () => {
    const clock = testClock();
    const state = updatePlan(addPlan(emptyPlannerState(clock), clock), 'plan-1', { name: 'Eastmere' }, clock);
    expect(renameProblem(state, 'plan-2', '   ')).toBe('empty');
    expect(renameProblem(state, 'plan-2', 'x'.repeat(201))).toBe('tooLong');
    expect(renameProblem(state, 'plan-2', ' eastmere ')).toBe('taken');
    // Each problem has its words in the planner's content, which the page shows.
    expect([plannerWords.nameEmpty, plannerWords.nameTooLong, plannerWords.nameTaken]).toEqual([
      'Enter a name for the plan',
      'Plan name must be 200 characters or fewer',
      'You already have a plan with this name. Enter a different name',
    ]);
    expect(renameProblem(state, 'plan-1', 'Eastmere')).toBeNull();
    expect(renameProblem(state, 'plan-2', 'Westbrook')).toBeNull();
  });

  it('deletes a plan and opens its neighbour; deleting the last leaves one empty plan', () => {
    const clock = testClock();
    let state = addPlan(addPlan(emptyPlannerState(clock), clock), clock);
    state = switchPlan(state, 'plan-2');
    state = deletePlan(state, 'plan-2', clock);
    expect(state.plans.map((p) => p.id)).toEqual(['plan-1', 'plan-3']);
    expect(state.currentPlanId).toBe('plan-3');
    state = deletePlan(deletePlan(state, 'plan-3', clock), 'plan-1', clock);
    expect(state.plans).toHaveLength(1);
    expect(currentPlan(state)).toMatchObject({ id: 'plan-4', name: 'Our coaching plan', agency: '' });
  });

  it('counts completed steps among the steps that exist', () => {
    const clock = testClock();
    let state = emptyPlannerState(clock);
    state = updateStep(state, 'plan-1', 'vision', { complete: true }, clock);
    state = updateStep(state, 'plan-1', 'removed-step', { complete: true }, clock);
    expect(
      completedCount(
        currentPlan(state),
        STEPS.map((s) => s.id),
      ),
    ).toBe(1);
  });
});

describe('importing a plan', () => {
  const clock = testClock();
  const base: PlannerState = updatePlan(emptyPlannerState(clock), 'plan-1', { agency: 'Eastmere' }, clock);
  const incoming = { ...base.plans[0]!, id: 'from-file', name: 'Westbrook plan', agency: 'Westbrook' };

  it('adds a new plan beside existing work and opens it', () => {
    const outcome = importPlan(base, incoming, clock);
    expect(outcome.kind).toBe('added');
    expect(outcome.state.plans.map((p) => p.id)).toEqual(['plan-1', 'from-file']);
    expect(outcome.state.currentPlanId).toBe('from-file');
  });

  it('replaces a lone untouched placeholder plan', () => {
    const outcome = importPlan(emptyPlannerState(testClock()), incoming, clock);
    expect(outcome.state.plans).toEqual([incoming]);
  });

  it('just opens a plan that is already here unchanged, and adds a changed one as a copy', () => {
    expect(importPlan(base, base.plans[0]!, clock)).toMatchObject({ kind: 'already-here', state: base });
    const changed = { ...base.plans[0]!, agency: 'Eastmere (edited elsewhere)' };
    const outcome = importPlan(base, changed, clock);
    expect(outcome.kind).toBe('added-as-copy');
    expect(outcome.state.plans).toHaveLength(2);
    expect(outcome.plan).toMatchObject({ name: 'Our coaching plan (imported)', agency: 'Eastmere (edited elsewhere)' });
    expect(outcome.plan.id).not.toBe('plan-1');
  });
});

describe('the Word document', () => {
  it('lays the plan out as the worksheet, with everything typed escaped', () => {
    const clock = testClock();
    let state = updatePlan(
      emptyPlannerState(clock),
      'plan-1',
      { name: 'Eastmere & partners', agency: 'Eastmere <County>', date: '2026-03-04' },
      clock,
    );
    state = updateStep(
      state,
      'plan-1',
      'vision',
      { trainingNeeds: 'Line one\nline two\n\nNew paragraph', ourPlan: 'Ask the board', complete: true },
      clock,
    );
    const doc = wordDocument(currentPlan(state), STEPS, plannerWords);
    expect(doc).toContain('<title>Coaching implementation plan: Eastmere &amp; partners</title>');
    expect(doc).toContain(
      '<p><b>Organisation:</b> Eastmere &lt;County&gt;</p>\n<p><b>Date:</b> 4 March 2026</p>\n<p><b>Plan owner:</b> Not given</p>',
    );
    expect(doc).toContain(
      '<thead><tr><th>Step</th><th>Planning questions</th><th>Training needs</th><th>Our plan</th></tr></thead>',
    );
    expect(doc).toContain(
      '<tr>\n<td><p><b>Step 1: Identify the vision</b></p><p>Completed</p></td>\n' +
        '<td><ul><li>What do you want coaching to achieve?</li><li>Who &lt;leads&gt; it?</li></ul></td>\n' +
        '<td><p>Line one<br>line two</p><p>New paragraph</p></td>\n<td><p>Ask the board</p></td>\n</tr>',
    );
    expect(doc).toContain('<td><p><b>Step 2: Identify collaborative partners</b></p><p>Not started</p></td>');
    expect(doc).not.toContain('<County>');
  });

  it('shows dates the GOV.UK way and leaves other text as typed', () => {
    expect(displayDate('2026-11-05')).toBe('5 November 2026');
    expect(displayDate('Spring 2026')).toBe('Spring 2026');
    expect(displayDate('')).toBe('');
  });
});
