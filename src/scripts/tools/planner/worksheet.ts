import type { PlannerToolWords } from '../../../schemas/tools.ts';
import { fill } from '../../../lib/words.ts';
import { displayDate, stepOf, stepStatus, type Plan } from './plans.ts';

// The planner's shareable outputs, laid out like the original worksheet: agency and date at the top,
// then one row per step with its planning questions, training needs and our plan.

/** A step as the page shows it (read from the server-rendered content). */
export interface WorksheetStep {
  id: string;
  number: number;
  title: string;
  questions: string[];
}

/** The planner's words the worksheet uses (content/tools/planner.yml). */
export type WorksheetWords = Pick<
  PlannerToolWords,
  | 'columnStep'
  | 'columnQuestions'
  | 'trainingNeeds'
  | 'ourPlan'
  | 'organisationLabel'
  | 'dateLabel'
  | 'ownerLabel'
  | 'notGiven'
  | 'planTitle'
  | 'stepName'
  | 'notStarted'
  | 'inProgress'
  | 'completed'
  | 'factLabel'
>;

export const worksheetColumns = (words: WorksheetWords) => [
  words.columnStep,
  words.columnQuestions,
  words.trainingNeeds,
  words.ourPlan,
];

export const WORD_MIME = 'application/msword';

/** The facts shown above the table, in order, each with its label. */
export const planFacts = (plan: Plan, words: WorksheetWords) => [
  { label: words.organisationLabel, value: plan.agency.trim() || words.notGiven },
  { label: words.dateLabel, value: displayDate(plan.date.trim()) || words.notGiven },
  { label: words.ownerLabel, value: plan.owner.trim() || words.notGiven },
];

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Paragraphs from typed text: blank lines split paragraphs, single line breaks stay. */
const paragraphs = (value: string) =>
  value.trim()
    ? value
        .trim()
        .split(/\n\s*\n/)
        .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
        .join('')
    : '<p>&nbsp;</p>';

/**
 * A Word-compatible document: HTML that Word (and LibreOffice) open as a .doc file, in landscape
 * with the worksheet table. Only the plan's own words go in; nothing is fetched.
 */
export function wordDocument(plan: Plan, steps: WorksheetStep[], words: WorksheetWords): string {
  const title = fill(words.planTitle, { name: plan.name });
  const facts = planFacts(plan, words)
    .map(
      (fact) => `<p><b>${escapeHtml(fill(words.factLabel, { label: fact.label }))}</b> ${escapeHtml(fact.value)}</p>`,
    )
    .join('\n');
  const rows = steps
    .map((step) => {
      const entry = stepOf(plan, step.id);
      const questions = step.questions.map((q) => `<li>${escapeHtml(q)}</li>`).join('');
      return `<tr>
<td><p><b>${escapeHtml(fill(words.stepName, { number: step.number, title: step.title }))}</b></p><p>${escapeHtml(words[stepStatus(entry)])}</p></td>
<td><ul>${questions}</ul></td>
<td>${paragraphs(entry.trainingNeeds)}</td>
<td>${paragraphs(entry.ourPlan)}</td>
</tr>`;
    })
    .join('\n');
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View><w:Zoom>100</w:Zoom></w:WordDocument></xml><![endif]-->
<style>
@page Landscape { size: 841.9pt 595.3pt; mso-page-orientation: landscape; margin: 1.5cm; }
div.Landscape { page: Landscape; }
body { font-family: Arial, sans-serif; font-size: 11pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 4pt; vertical-align: top; text-align: left; }
th { background: #e7e7e7; }
</style>
</head>
<body>
<div class="Landscape">
<h1>${escapeHtml(title)}</h1>
${facts}
<table>
<thead><tr>${worksheetColumns(words)
    .map((c) => `<th>${escapeHtml(c)}</th>`)
    .join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
</body>
</html>
`;
}
