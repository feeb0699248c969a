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

export const WORKSHEET_COLUMNS = ['Step', 'Planning questions', 'Training needs', 'Our plan'] as const;

export const WORD_MIME = 'application/msword';

/** The facts shown above the table, in order, each with its label. */
export const planFacts = (plan: Plan) => [
  { label: 'Organisation', value: plan.agency.trim() || 'Not given' },
  { label: 'Date', value: displayDate(plan.date.trim()) || 'Not given' },
  { label: 'Plan owner', value: plan.owner.trim() || 'Not given' },
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
export function wordDocument(plan: Plan, steps: WorksheetStep[]): string {
  const title = `Coaching implementation plan: ${plan.name}`;
  const facts = planFacts(plan)
    .map((fact) => `<p><b>${escapeHtml(fact.label)}:</b> ${escapeHtml(fact.value)}</p>`)
    .join('\n');
  const rows = steps
    .map((step) => {
      const entry = stepOf(plan, step.id);
      const questions = step.questions.map((q) => `<li>${escapeHtml(q)}</li>`).join('');
      return `<tr>
<td><p><b>Step ${step.number}: ${escapeHtml(step.title)}</b></p><p>${escapeHtml(stepStatus(entry))}</p></td>
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
<thead><tr>${WORKSHEET_COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
</body>
</html>
`;
}
