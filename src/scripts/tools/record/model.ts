// The coaching record's data (from the scheme's "Coaching record – confidential" form) and the
// pure changes the page makes to it. The page owns ids and dates and passes them in.
//
// zod/mini rather than zod: the page has a 30 KB JavaScript budget and full zod alone would use
// most of it; the schema reads the same.
import { z } from 'zod/mini';
import type { RecordToolWords } from '../../../schemas/tools.ts';
import { fill } from '../../../lib/words.ts';

export const RECORD_VERSION = 1;
export const RECORD_TOOL = 'coaching-record';
export const SCORE_MIN = 0;
export const SCORE_MAX = 10;

const text = (max: number) => z.string().check(z.maxLength(max));
const id = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/));

const goalSchema = z.object({ id, name: text(500) });

export const scoreSchema = z.number().check(z.int(), z.gte(SCORE_MIN), z.lte(SCORE_MAX));

const sessionSchema = z.object({
  id,
  /** yyyy-mm-dd from the date input, or '' before one is chosen. */
  date: z.union([z.literal(''), z.iso.date()]),
  /** null while the box is empty. */
  number: z.nullable(z.number().check(z.int(), z.gte(1), z.lte(999))),
  previousActionsAndSummary: text(20_000),
  actionsAgreed: text(20_000),
  reflections: text(20_000),
  /** Progress score per goal id; a goal without a score this session has no entry. */
  scores: z.record(z.string(), scoreSchema),
});

export const recordSchema = z.object({
  coachee: text(200),
  coach: text(200),
  goals: z.array(goalSchema).check(z.maxLength(30)),
  sessions: z.array(sessionSchema).check(z.maxLength(200)),
});

export type CoachingRecord = z.infer<typeof recordSchema>;
export type Goal = CoachingRecord['goals'][number];
export type Session = CoachingRecord['sessions'][number];
export type SessionText = 'previousActionsAndSummary' | 'actionsAgreed' | 'reflections';

export const emptyRecord = (): CoachingRecord => ({ coachee: '', coach: '', goals: [], sessions: [] });

export const isEmptyRecord = (record: CoachingRecord) =>
  !record.coachee.trim() && !record.coach.trim() && record.goals.length === 0 && record.sessions.length === 0;

/** How a goal is named on screen: its text, or its place in the list until it has some. */
export const goalLabel = (record: CoachingRecord, goalId: string, words: Pick<RecordToolWords, 'goalName'>) => {
  const index = record.goals.findIndex((goal) => goal.id === goalId);
  const name = record.goals[index]?.name.trim();
  return name || fill(words.goalName, { number: index + 1 });
};

/** One more than the highest session number so far. */
export const nextSessionNumber = (record: CoachingRecord) =>
  Math.min(999, Math.max(0, ...record.sessions.map((session) => session.number ?? 0)) + 1);

export const addGoal = (record: CoachingRecord, goalId: string): CoachingRecord => ({
  ...record,
  goals: [...record.goals, { id: goalId, name: '' }],
});

export const renameGoal = (record: CoachingRecord, goalId: string, name: string): CoachingRecord => ({
  ...record,
  goals: record.goals.map((goal) => (goal.id === goalId ? { ...goal, name } : goal)),
});

/** Removes the goal and every score given for it. */
export const removeGoal = (record: CoachingRecord, goalId: string): CoachingRecord => ({
  ...record,
  goals: record.goals.filter((goal) => goal.id !== goalId),
  sessions: record.sessions.map((session) => {
    const { [goalId]: _removed, ...scores } = session.scores;
    return { ...session, scores };
  }),
});

export const addSession = (record: CoachingRecord, sessionId: string, date = ''): CoachingRecord => ({
  ...record,
  sessions: [
    ...record.sessions,
    {
      id: sessionId,
      date,
      number: nextSessionNumber(record),
      previousActionsAndSummary: '',
      actionsAgreed: '',
      reflections: '',
      scores: {},
    },
  ],
});

export const updateSession = (
  record: CoachingRecord,
  sessionId: string,
  change: Partial<Omit<Session, 'id' | 'scores'>>,
): CoachingRecord => ({
  ...record,
  sessions: record.sessions.map((session) => (session.id === sessionId ? { ...session, ...change } : session)),
});

export const removeSession = (record: CoachingRecord, sessionId: string): CoachingRecord => ({
  ...record,
  sessions: record.sessions.filter((session) => session.id !== sessionId),
});

/** Sets a score, or clears it with null. */
export const setScore = (
  record: CoachingRecord,
  sessionId: string,
  goalId: string,
  score: number | null,
): CoachingRecord => ({
  ...record,
  sessions: record.sessions.map((session) => {
    if (session.id !== sessionId) return session;
    const { [goalId]: _old, ...scores } = session.scores;
    return { ...session, scores: score === null ? scores : { ...scores, [goalId]: score } };
  }),
});

/** Sessions in the order they happened: by number, then date, then the order they were added. */
export function sessionsInOrder(record: CoachingRecord): Session[] {
  return record.sessions
    .map((session, index) => ({ session, index }))
    .sort(
      (a, b) =>
        (a.session.number ?? Infinity) - (b.session.number ?? Infinity) ||
        (a.session.date || '9999').localeCompare(b.session.date || '9999') ||
        a.index - b.index,
    )
    .map(({ session }) => session);
}

/** A session's heading, and (`inSentence`) its name inside a sentence, like “Remove session 3?”. */
export const sessionTitle = (
  session: Session,
  words: Pick<RecordToolWords, 'sessionTitle' | 'sessionTitleNoNumber' | 'sessionName' | 'sessionNameNoNumber'>,
  { inSentence = false } = {},
) => {
  if (session.number === null) return inSentence ? words.sessionNameNoNumber : words.sessionTitleNoNumber;
  return fill(inSentence ? words.sessionName : words.sessionTitle, { number: session.number });
};

/** 12 March 2026, from the date input's 2026-03-12. */
export function formatDate(isoDate: string): string {
  if (!isoDate) return '';
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}
