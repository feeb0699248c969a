import { readFileSync } from 'node:fs';
import { recordWords } from './tool-words.ts';
import { describe, expect, it } from 'vitest';
import { CHART_LAYOUT, chartGeometry, polylinePoints } from '../../src/scripts/tools/record/chart';
import { recordSchema, type CoachingRecord } from '../../src/scripts/tools/record/model';

type FixtureRecord = {
  coachee: string;
  coach: string;
  goals: { name: string }[];
  sessions: {
    date: string;
    previousActionsAndSummary: string;
    actionsAgreed: string;
    reflections: string;
    scores: (number | null)[];
  }[];
};
/** The fixture as saved data: goals g1, g2…, sessions s1, s2… numbered 1, 2… in order. */
function recordFromFixture(): CoachingRecord {
  const fixture: FixtureRecord = JSON.parse(
    readFileSync(new URL('../fixtures/tools-record/record.json', import.meta.url), 'utf8'),
  );
  const goals = fixture.goals.map((goal, index) => ({ id: `g${index + 1}`, name: goal.name }));
  return recordSchema.parse({
    coachee: fixture.coachee,
    coach: fixture.coach,
    goals,
    sessions: fixture.sessions.map(({ scores, ...session }, index) => ({
      ...session,
      id: `s${index + 1}`,
      number: index + 1,
      scores: Object.fromEntries(goals.flatMap((goal, g) => (scores[g] === null ? [] : [[goal.id, scores[g]]]))),
    })),
  });
}

// Plot area from CHART_LAYOUT: x from 56 to 616 with a 24 inset (first point at 80, last at 592),
// y from 16 (score 10) to 276 (score 0), so each score step is 26 units.
const yFor = (score: number) => 276 - score * 26;

describe('the progress chart’s geometry', () => {
  const record = recordFromFixture();
  const chart = chartGeometry(record, recordWords);

  it('puts the sessions along the x axis, labelled with their numbers', () => {
    expect(chart.xTicks).toEqual([
      { x: 80, label: '1' },
      { x: 336, label: '2' },
      { x: 592, label: '3' },
    ]);
  });

  it('puts 0 at the bottom of the y axis and 10 at the top, one tick per score', () => {
    expect(chart.yTicks).toHaveLength(11);
    expect(chart.yTicks[0]).toEqual({ value: 0, y: 276 });
    expect(chart.yTicks[10]).toEqual({ value: 10, y: 16 });
    expect(chart.plot).toEqual({ left: 56, right: 616, top: 16, bottom: 276 });
  });

  it('draws one line per goal through the sessions that scored it, skipping a session without a score', () => {
    expect(chart.series.map((line) => line.name)).toEqual([
      'Goal marker: chair case conferences with confidence',
      'Goal marker: plan supervision sessions ahead',
    ]);
    expect(chart.series[0]!.points).toEqual([
      { x: 80, y: yFor(2), score: 2, sessionId: 's1' },
      { x: 336, y: yFor(5), score: 5, sessionId: 's2' },
      { x: 592, y: yFor(8), score: 8, sessionId: 's3' },
    ]);
    expect(polylinePoints(chart.series[1]!.points)).toBe(`80,${yFor(3)} 592,${yFor(6)}`);
  });

  it('orders sessions by number, whatever order they were added in', () => {
    const shuffled = { ...record, sessions: [record.sessions[2]!, record.sessions[0]!, record.sessions[1]!] };
    expect(chartGeometry(shuffled, recordWords)).toEqual(chart);
  });

  it('centres a single session', () => {
    const single = chartGeometry({ ...record, sessions: [record.sessions[0]!] }, recordWords);
    expect(single.xTicks).toEqual([{ x: 336, label: '1' }]);
    expect(single.series[0]!.points).toEqual([{ x: 336, y: yFor(2), score: 2, sessionId: 's1' }]);
  });

  it('names a goal without words by its place, and makes room for a legend row per goal', () => {
    const unnamed = chartGeometry({ ...record, goals: [record.goals[0]!, { id: 'g2', name: '  ' }] }, recordWords);
    expect(unnamed.legend.map((row) => row.name)).toEqual([
      'Goal marker: chair case conferences with confidence',
      'Goal 2',
    ]);
    const legendTop = 276 + CHART_LAYOUT.axisBelow;
    expect(unnamed.legend.map((row) => row.y)).toEqual([legendTop + 12, legendTop + 36]);
    expect(unnamed.height).toBe(legendTop + 2 * CHART_LAYOUT.legendRowHeight + 8);
  });
});
