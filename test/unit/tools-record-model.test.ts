import { recordWords } from './tool-words.ts';
import { describe, expect, it } from 'vitest';
import {
  addGoal,
  addSession,
  emptyRecord,
  formatDate,
  goalLabel,
  isEmptyRecord,
  nextSessionNumber,
  recordSchema,
  removeGoal,
  removeSession,
  renameGoal,
  sessionsInOrder,
  setScore,
  updateSession,
} from '../../src/scripts/tools/record/model';

describe('keeping a coaching record', () => {
  it('builds up goals and sessions, suggesting the next session number each time', () => {
    let record = emptyRecord();
    expect(isEmptyRecord(record)).toBe(true);
    record = addGoal(record, 'g1');
    record = renameGoal(record, 'g1', 'Chair meetings');
    record = addGoal(record, 'g2');
    expect(goalLabel(record, 'g2', recordWords)).toBe('Goal 2');
    expect(nextSessionNumber(record)).toBe(1);
    record = addSession(record, 's1', '2026-01-14');
    record = addSession(record, 's2');
    expect(record.sessions.map((s) => [s.id, s.number, s.date])).toEqual([
      ['s1', 1, '2026-01-14'],
      ['s2', 2, ''],
    ]);
    record = updateSession(record, 's2', { number: 7, reflections: 'Went well' });
    expect(nextSessionNumber(record)).toBe(8);
    expect(recordSchema.safeParse(record).success).toBe(true);
    expect(isEmptyRecord(record)).toBe(false);
  });

  it('sets and clears scores, and removing a goal removes its scores everywhere', () => {
    let record = addSession(addGoal(addGoal(emptyRecord(), 'g1'), 'g2'), 's1');
    record = setScore(record, 's1', 'g1', 4);
    record = setScore(record, 's1', 'g2', 9);
    expect(record.sessions[0]!.scores).toEqual({ g1: 4, g2: 9 });
    record = setScore(record, 's1', 'g2', null);
    expect(record.sessions[0]!.scores).toEqual({ g1: 4 });
    record = removeGoal(record, 'g1');
    expect(record.goals.map((g) => g.id)).toEqual(['g2']);
    expect(record.sessions[0]!.scores).toEqual({});
    expect(removeSession(record, 's1').sessions).toEqual([]);
  });

  it('orders sessions by number, then date, with unnumbered ones last', () => {
    let record = addSession(addSession(addSession(emptyRecord(), 'a'), 'b'), 'c');
    record = updateSession(record, 'a', { number: null });
    record = updateSession(record, 'b', { number: 3 });
    record = updateSession(record, 'c', { number: 1 });
    expect(sessionsInOrder(record).map((s) => s.id)).toEqual(['c', 'b', 'a']);
  });

  it('refuses saved data outside the rules: scores above 10, session number 0, a made-up date', () => {
    const record = setScore(addSession(addGoal(emptyRecord(), 'g1'), 's1', '2026-01-14'), 's1', 'g1', 10);
    expect(recordSchema.safeParse(record).success).toBe(true);
    const bad = [
      { ...record, sessions: [{ ...record.sessions[0]!, scores: { g1: 11 } }] },
      { ...record, sessions: [{ ...record.sessions[0]!, scores: { g1: 2.5 } }] },
      { ...record, sessions: [{ ...record.sessions[0]!, number: 0 }] },
      { ...record, sessions: [{ ...record.sessions[0]!, date: '14/01/2026' }] },
      { ...record, goals: [{ id: 'G 1!', name: 'x' }] },
    ];
    for (const value of bad) expect(recordSchema.safeParse(value).success).toBe(false);
  });

  it('writes dates the British way', () => {
    expect(formatDate('2026-03-11')).toBe('11 March 2026');
    expect(formatDate('')).toBe('');
  });
});
