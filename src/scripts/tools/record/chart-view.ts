// Draws the progress chart (inline SVG) and the table with the same figures. Lines differ by
// colour, dash pattern and marker shape, so no one needs to tell colours apart.
import { chartGeometry, polylinePoints, type ChartGeometry } from './chart';
import type { RecordToolWords } from '../../../schemas/tools.ts';
import { formatDate, goalLabel, sessionsInOrder, sessionTitle, type CoachingRecord } from './model';

const SVG = 'http://www.w3.org/2000/svg';
const DASHES = ['', '8 4', '2 4', '12 4 2 4', '4 4', '16 6'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'bar'] as const;

function svg<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function marker(shape: (typeof MARKERS)[number], x: number, y: number, r = 5) {
  const paths = {
    circle: `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`,
    square: `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}z`,
    triangle: `M${x},${y - r - 1}L${x + r + 1},${y + r}H${x - r - 1}z`,
    diamond: `M${x},${y - r - 1}L${x + r + 1},${y}L${x},${y + r + 1}L${x - r - 1},${y}z`,
    cross: `M${x - r},${y - r}L${x + r},${y + r}M${x + r},${y - r}L${x - r},${y + r}`,
    bar: `M${x - r},${y - 2}h${2 * r}v4h${-2 * r}z`,
  };
  return paths[shape];
}

/** The chart as an SVG element with role="img"; `titleId` must be unique in the page. */
export function renderChart(
  record: CoachingRecord,
  titleId: string,
  words: RecordToolWords,
  geometry: ChartGeometry = chartGeometry(record, words),
) {
  const { plot } = geometry;
  const root = svg('svg', {
    viewBox: `0 0 ${geometry.width} ${geometry.height}`,
    role: 'img',
    'aria-labelledby': titleId,
    class: 'record-chart__svg',
  });
  root.append(svg('title', { id: titleId }, words.chartTitle));

  const axes = svg('g', { class: 'record-chart__axes' });
  for (const tick of geometry.yTicks) {
    axes.append(
      svg('line', { x1: plot.left, x2: plot.right, y1: tick.y, y2: tick.y, class: 'record-chart__grid' }),
      svg(
        'text',
        { x: plot.left - 8, y: tick.y + 4, 'text-anchor': 'end', 'data-y-tick': tick.value },
        String(tick.value),
      ),
    );
  }
  for (const tick of geometry.xTicks) {
    axes.append(
      svg('text', { x: tick.x, y: plot.bottom + 20, 'text-anchor': 'middle', 'data-x-tick': '' }, tick.label),
    );
  }
  axes.append(
    svg('path', { d: `M${plot.left},${plot.top}V${plot.bottom}H${plot.right}`, class: 'record-chart__axis' }),
    svg(
      'text',
      { x: (plot.left + plot.right) / 2, y: plot.bottom + 44, 'text-anchor': 'middle', class: 'record-chart__title' },
      words.number,
    ),
    svg(
      'text',
      {
        x: 0,
        y: 0,
        transform: `translate(16 ${(plot.top + plot.bottom) / 2}) rotate(-90)`,
        'text-anchor': 'middle',
        class: 'record-chart__title',
      },
      words.chartScoreAxis,
    ),
  );
  root.append(axes);

  geometry.series.forEach((line, index) => {
    const shape = MARKERS[index % MARKERS.length]!;
    const group = svg('g', {
      class: `record-chart__series record-chart__series--${index % 6}`,
      'data-series-goal': line.goalId,
    });
    group.append(
      svg('polyline', {
        points: polylinePoints(line.points),
        fill: 'none',
        'stroke-dasharray': DASHES[index % DASHES.length] || 'none',
      }),
    );
    for (const point of line.points) {
      group.append(
        svg('path', { d: marker(shape, point.x, point.y), class: 'record-chart__marker', 'data-score': point.score }),
      );
    }
    const key = geometry.legend[index]!;
    group.append(
      svg('line', {
        x1: plot.left,
        x2: plot.left + 36,
        y1: key.y,
        y2: key.y,
        'stroke-dasharray': DASHES[index % DASHES.length] || 'none',
      }),
      svg('path', { d: marker(shape, plot.left + 18, key.y), class: 'record-chart__marker' }),
      svg('text', { x: plot.left + 46, y: key.y + 5, class: 'record-chart__legend' }, key.name),
    );
    root.append(group);
  });
  return root;
}

/** The same figures as a table: a row per session, a column per goal. */
export function renderTable(record: CoachingRecord, words: RecordToolWords) {
  const table = document.createElement('table');
  table.className = 'tool-table record-table';
  const caption = table.createCaption();
  caption.textContent = words.tableCaption;
  const head = table.createTHead().insertRow();
  for (const heading of [
    words.tableSession,
    words.date,
    ...record.goals.map((goal) => goalLabel(record, goal.id, words)),
  ]) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = heading;
    head.append(cell);
  }
  const body = table.createTBody();
  for (const session of sessionsInOrder(record)) {
    const row = body.insertRow();
    const title = document.createElement('th');
    title.scope = 'row';
    title.textContent = sessionTitle(session, words);
    row.append(title);
    row.insertCell().textContent = formatDate(session.date) || words.noDate;
    for (const goal of record.goals) {
      const score = session.scores[goal.id];
      row.insertCell().textContent = score === undefined ? words.notScored : String(score);
    }
  }
  return table;
}

/** True once there is something to draw. */
export const hasScores = (record: CoachingRecord) =>
  record.sessions.some((session) => record.goals.some((goal) => session.scores[goal.id] !== undefined));
