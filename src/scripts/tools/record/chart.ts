// Where everything in the progress chart goes, as plain numbers: sessions along the x axis in the
// order they happened (labelled with their numbers), scores 0 to 10 up the y axis, one line per
// goal through the sessions that scored it. Pure, so the geometry is tested without a browser;
// chart-view.ts turns it into SVG.
import type { RecordToolWords } from '../../../schemas/tools.ts';
import { goalLabel, SCORE_MAX, SCORE_MIN, sessionsInOrder, type CoachingRecord } from './model';

export const CHART_LAYOUT = {
  width: 640,
  plotHeight: 260,
  top: 16,
  left: 56,
  right: 24,
  /** Room under the plot for the session numbers and the axis title. */
  axisBelow: 56,
  /** Keeps the first and last points off the axis lines. */
  inset: 24,
  legendRowHeight: 24,
} as const;

export interface ChartPoint {
  x: number;
  y: number;
  score: number;
  sessionId: string;
}
export interface ChartSeries {
  goalId: string;
  name: string;
  points: ChartPoint[];
}
export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; value: number }[];
  series: ChartSeries[];
  legend: { y: number; goalId: string; name: string }[];
}

const round = (value: number) => Math.round(value * 10) / 10;

export function chartGeometry(
  record: CoachingRecord,
  words: Pick<RecordToolWords, 'goalName'>,
  layout = CHART_LAYOUT,
): ChartGeometry {
  const sessions = sessionsInOrder(record);
  const plot = {
    left: layout.left,
    right: layout.width - layout.right,
    top: layout.top,
    bottom: layout.top + layout.plotHeight,
  };
  const first = plot.left + layout.inset;
  const span = plot.right - layout.inset - first;
  // One session sits in the middle; more spread evenly from the first tick to the last.
  const xAt = (index: number) =>
    round(sessions.length === 1 ? first + span / 2 : first + (span * index) / (sessions.length - 1));
  const yAt = (score: number) =>
    round(plot.bottom - ((score - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)) * (plot.bottom - plot.top));

  const series = record.goals.map((goal) => ({
    goalId: goal.id,
    name: goalLabel(record, goal.id, words),
    points: sessions.flatMap((session, index) => {
      const score = session.scores[goal.id];
      return score === undefined ? [] : [{ x: xAt(index), y: yAt(score), score, sessionId: session.id }];
    }),
  }));
  const legendTop = plot.bottom + layout.axisBelow;
  return {
    width: layout.width,
    height: legendTop + series.length * layout.legendRowHeight + 8,
    plot,
    xTicks: sessions.map((session, index) => ({
      x: xAt(index),
      label: session.number === null ? '?' : String(session.number),
    })),
    yTicks: Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, step) => ({
      value: SCORE_MIN + step,
      y: yAt(SCORE_MIN + step),
    })),
    series,
    legend: series.map((line, index) => ({
      goalId: line.goalId,
      name: line.name,
      y: legendTop + index * layout.legendRowHeight + layout.legendRowHeight / 2,
    })),
  };
}

/** The `points` attribute of a polyline. */
export const polylinePoints = (points: ChartPoint[]) => points.map((point) => `${point.x},${point.y}`).join(' ');
