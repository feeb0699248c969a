import type { FormContent, FormDefinition } from '../forms/index.ts';
import type { EmailAttachment, OutgoingEmail } from './messages.ts';

// The submission as data for workforce development, attached to every WD email: a CSV that a
// spreadsheet opens as it is (UTF-8 with a byte-order mark, one header row, one row per
// submission), and the same as JSON for tools. Column names are the form's field names, so they
// stay the same when an editor changes a question's words (docs/intake.md lists them).

export const CSV_LEADING_COLUMNS = ['reference', 'form', 'submittedAt', 'confirmedAt', 'confirmedName'] as const;

export interface ExportedSubmission {
  reference: string;
  formId: string;
  submittedAt: string;
  answers: Record<string, unknown>;
  confirmedAt?: string;
  confirmedName?: string;
}

/** The column names of a form's CSV: the leading ones, then every field name in form order. */
export const csvColumns = (definition: FormDefinition, content: FormContent) => [
  ...CSV_LEADING_COLUMNS,
  ...definition.fields(content).map((field) => field.name),
];

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, and tab or carriage return, which some
 * programs strip first) gets a leading apostrophe, so it is shown as the text that was typed.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const cell = (value: unknown) => {
  const text = Array.isArray(value)
    ? value.map(String).join('; ')
    : value === undefined || value === null
      ? ''
      : String(value);
  return `"${neutralise(text).replace(/"/g, '""')}"`;
};

export function submissionCsv(
  definition: FormDefinition,
  content: FormContent,
  submission: ExportedSubmission,
): string {
  const columns = csvColumns(definition, content);
  const values: Record<string, unknown> = {
    ...submission.answers,
    reference: submission.reference,
    form: submission.formId,
    submittedAt: submission.submittedAt,
    // Absent until confirmed: an empty cell, as any value left out.
    confirmedAt: submission.confirmedAt,
    confirmedName: submission.confirmedName,
  };
  const rows = [columns.map(cell), columns.map((column) => cell(values[column]))];
  return `\uFEFF${rows.map((row) => row.join(',')).join('\r\n')}\r\n`;
}

export function submissionJson(submission: ExportedSubmission): string {
  return `${JSON.stringify(
    {
      reference: submission.reference,
      form: submission.formId,
      submittedAt: submission.submittedAt,
      confirmedAt: submission.confirmedAt ?? null,
      confirmedName: submission.confirmedName ?? null,
      answers: submission.answers,
    },
    null,
    2,
  )}\n`;
}

export function exportAttachments(
  definition: FormDefinition,
  content: FormContent,
  submission: ExportedSubmission,
): EmailAttachment[] {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return [
    {
      filename: `${submission.reference}.csv`,
      contentType: 'text/csv; charset=utf-8',
      content: base64(submissionCsv(definition, content, submission)),
    },
    {
      filename: `${submission.reference}.json`,
      contentType: 'application/json',
      content: base64(submissionJson(submission)),
    },
  ];
}

/** The WD emails with the export attached (each is then sent on its own: see outbox.ts). */
export const withExport = (emails: OutgoingEmail[], attachments: EmailAttachment[]): OutgoingEmail[] =>
  emails.map((email) => ({ ...email, attachments }));
