// zod/mini: the same rules as classic zod at a fraction of the page weight (see storage.ts).
import { z } from 'zod/mini';
import { fill } from '../../../lib/words.ts';

// The implementation planner's data and the pure rules for working with several plans.

export const PLANNER_TOOL = { key: 'planner', version: 1 } as const;

const text = (max: number) => z.string().check(z.maxLength(max));

/** What an agency writes for one step of the worksheet. */
export const stepEntrySchema = z.object({
  trainingNeeds: text(20_000),
  ourPlan: text(20_000),
  complete: z.boolean(),
});
export type StepEntry = z.infer<typeof stepEntrySchema>;

/** One plan: the worksheet for one agency. Steps are keyed by step id so reordering keeps them. */
export const planSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  name: text(200),
  agency: text(200),
  date: text(40),
  owner: text(200),
  steps: z.record(z.string(), stepEntrySchema),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof planSchema>;

/** Everything the planner keeps in this browser. */
export const plannerStateSchema = z.object({
  currentPlanId: z.string(),
  plans: z.array(planSchema).check(z.minLength(1)),
});
export type PlannerState = z.infer<typeof plannerStateSchema>;

/** A step's status; its words are the planner's (content/tools/planner.yml) under the same names. */
export const STEP_STATUS = {
  notStarted: 'notStarted',
  inProgress: 'inProgress',
  completed: 'completed',
} as const;
export type StepStatus = (typeof STEP_STATUS)[keyof typeof STEP_STATUS];

export const blankStep = (): StepEntry => ({ trainingNeeds: '', ourPlan: '', complete: false });

export const stepOf = (plan: Plan, stepId: string): StepEntry => plan.steps[stepId] ?? blankStep();

/** Completed when marked so; in progress once anything is written; otherwise not started. */
export function stepStatus(entry: StepEntry): StepStatus {
  if (entry.complete) return STEP_STATUS.completed;
  if (entry.trainingNeeds.trim() || entry.ourPlan.trim()) return STEP_STATUS.inProgress;
  return STEP_STATUS.notStarted;
}

export const completedCount = (plan: Plan, stepIds: string[]) =>
  stepIds.filter((id) => stepStatus(stepOf(plan, id)) === STEP_STATUS.completed).length;

/** `base`, or `base 2`, `base 3`… whichever no other plan uses. */
export function uniqueName(state: Pick<PlannerState, 'plans'>, base: string): string {
  const taken = new Set(state.plans.map((plan) => plan.name.trim().toLowerCase()));
  if (!taken.has(base.trim().toLowerCase())) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/** The words plans are named with (content/tools/planner.yml): `copyName` and `importedName` fill in {name}. */
export interface PlanNames {
  defaultName: string;
  copyName: string;
  importedName: string;
}

/** What the rules need from outside: the time, new ids and the words plans are named with. */
export interface Clock {
  now: () => Date;
  newId: () => string;
  names: PlanNames;
}

export function newPlan(clock: Clock, name = clock.names.defaultName): Plan {
  return { id: clock.newId(), name, agency: '', date: '', owner: '', steps: {}, updatedAt: clock.now().toISOString() };
}

export function emptyPlannerState(clock: Clock): PlannerState {
  const plan = newPlan(clock);
  return { currentPlanId: plan.id, plans: [plan] };
}

export function currentPlan(state: PlannerState): Plan {
  return state.plans.find((plan) => plan.id === state.currentPlanId) ?? state.plans[0]!;
}

/** Applies `change` to one plan and stamps it. */
export function updatePlan(
  state: PlannerState,
  id: string,
  change: Partial<Omit<Plan, 'id'>>,
  clock: Clock,
): PlannerState {
  return {
    ...state,
    plans: state.plans.map((plan) =>
      plan.id === id ? { ...plan, ...change, updatedAt: clock.now().toISOString() } : plan,
    ),
  };
}

export function updateStep(
  state: PlannerState,
  planId: string,
  stepId: string,
  change: Partial<StepEntry>,
  clock: Clock,
): PlannerState {
  const plan = state.plans.find((p) => p.id === planId);
  if (!plan) return state;
  return updatePlan(
    state,
    planId,
    { steps: { ...plan.steps, [stepId]: { ...stepOf(plan, stepId), ...change } } },
    clock,
  );
}

/** What can be wrong with a new name; its words are the planner's nameEmpty, nameTooLong and nameTaken. */
export type RenameProblem = 'empty' | 'tooLong' | 'taken';

/** Checks a new name for a plan; returns what is wrong with it, or null when fine. */
export function renameProblem(state: PlannerState, id: string, name: string): RenameProblem | null {
  const trimmed = name.trim();
  if (!trimmed) return 'empty';
  if (trimmed.length > 200) return 'tooLong';
  const clash = state.plans.some((plan) => plan.id !== id && plan.name.trim().toLowerCase() === trimmed.toLowerCase());
  return clash ? 'taken' : null;
}

export function addPlan(state: PlannerState, clock: Clock): PlannerState {
  const plan = newPlan(clock, uniqueName(state, clock.names.defaultName));
  return { currentPlanId: plan.id, plans: [...state.plans, plan] };
}

/** Copies a plan (every field and step), names it “Copy of …”, places it after the original and opens it. */
export function duplicatePlan(state: PlannerState, id: string, clock: Clock): PlannerState {
  const index = state.plans.findIndex((plan) => plan.id === id);
  if (index < 0) return state;
  const original = state.plans[index]!;
  const copy: Plan = {
    ...structuredClone(original),
    id: clock.newId(),
    name: uniqueName(state, fill(clock.names.copyName, { name: original.name })),
    updatedAt: clock.now().toISOString(),
  };
  const plans = [...state.plans.slice(0, index + 1), copy, ...state.plans.slice(index + 1)];
  return { currentPlanId: copy.id, plans };
}

/** Removes a plan and opens its neighbour; deleting the last plan leaves one new, empty plan. */
export function deletePlan(state: PlannerState, id: string, clock: Clock): PlannerState {
  const index = state.plans.findIndex((plan) => plan.id === id);
  if (index < 0) return state;
  const plans = state.plans.filter((plan) => plan.id !== id);
  if (plans.length === 0) return emptyPlannerState(clock);
  const currentPlanId = state.currentPlanId === id ? plans[Math.min(index, plans.length - 1)]!.id : state.currentPlanId;
  return { currentPlanId, plans };
}

export const switchPlan = (state: PlannerState, id: string): PlannerState =>
  state.plans.some((plan) => plan.id === id) ? { ...state, currentPlanId: id } : state;

export type ImportOutcome = { state: PlannerState; plan: Plan; kind: 'added' | 'already-here' | 'added-as-copy' };

/**
 * Adds an imported plan and opens it. A plan already here unchanged is just opened; a plan whose id
 * is here but whose content differs is added as a copy, so importing never overwrites work.
 */
export function importPlan(state: PlannerState, incoming: Plan, clock: Clock): ImportOutcome {
  const existing = state.plans.find((plan) => plan.id === incoming.id);
  if (existing && JSON.stringify(existing) === JSON.stringify(incoming)) {
    return { state: { ...state, currentPlanId: existing.id }, plan: existing, kind: 'already-here' };
  }
  const plan: Plan = existing
    ? {
        ...incoming,
        id: clock.newId(),
        name: uniqueName(state, fill(clock.names.importedName, { name: incoming.name })),
      }
    : incoming;
  // A lone untouched plan is a placeholder, so an import replaces it rather than sitting beside it.
  const placeholder = state.plans.length === 1 && isUntouched(state.plans[0]!, clock.names.defaultName);
  const plans = placeholder ? [plan] : [...state.plans, plan];
  return { state: { currentPlanId: plan.id, plans }, plan, kind: existing ? 'added-as-copy' : 'added' };
}

/** True when nothing has been entered in a plan beyond its default name. */
export function isUntouched(plan: Plan, defaultName: string): boolean {
  return (
    plan.name === defaultName &&
    !plan.agency.trim() &&
    !plan.date.trim() &&
    !plan.owner.trim() &&
    Object.values(plan.steps).every((step) => !step.complete && !step.trainingNeeds.trim() && !step.ourPlan.trim())
  );
}

/** Formats an ISO date (yyyy-mm-dd) the GOV.UK way, like “4 March 2026”; other text is shown as typed. */
export function displayDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const month = months[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : value;
}
