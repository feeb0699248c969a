import { exportAttachments, withExport } from './email/export.ts';
import { inSentence } from './fill.ts';
import { expiredApplicantEmail, expiredWorkforceEmails, reminderEmail, type NoticeContext } from './email/notices.ts';
import { forms } from './forms/index.ts';
import type { FormContent } from './forms/types.ts';
import { LINK_PLACEHOLDER } from './email/links.ts';
import type { Batch, FollowUp, FollowUpPlanner, SubmissionRecord } from './outbox.ts';
import { hashToken, newToken } from './reference.ts';
import { route } from './routing.ts';
import type { Intake } from './runtime.ts';

// Second signatures that are followed up: the outbox run asks, for each stored submission, which of
// these have fallen due, and adds them as batches (once each: the stage is the batch's identity and
// the write is a compare-and-swap), so they are sent, paced and retried like any other email.
// - 'reminder': once, CONFIRM_REMINDER_DAYS after the request, to the person asked to confirm;
// - 'expired': when the link expires unused (14 days), to WD and to the applicant.

const DAY_MS = 24 * 60 * 60 * 1000;

export const noticeContext = (record: SubmissionRecord, content: FormContent, from: string): NoticeContext => ({
  reference: record.reference,
  formName: forms[record.formId].name,
  formKind: inSentence(forms[record.formId].name),
  schemeName: content.settings.schemeName,
  contactEmail: content.settings.contactEmail,
  from,
  words: content.intake.emails,
});

export const exportOf = (record: SubmissionRecord, content: FormContent) =>
  exportAttachments(forms[record.formId], content, {
    reference: record.reference,
    formId: record.formId,
    submittedAt: record.createdAt,
    answers: record.answers,
    confirmedAt: record.confirmation?.confirmedAt,
    confirmedName: record.confirmation?.confirmedName,
  });

const batch = (record: SubmissionRecord, stage: string, emails: Batch['emails'], now: number): Batch => ({
  stage,
  queuedAt: new Date(now).toISOString(),
  idempotencyKey: `${record.reference}/${stage}`,
  emails,
  attempts: 0,
});

export function followUpPlanner(deps: Pick<Intake, 'config' | 'loadContent'>): FollowUpPlanner {
  return async (record, now): Promise<FollowUp[]> => {
    const confirmation = record.confirmation;
    if (!confirmation || confirmation.confirmedAt) return [];
    const has = (stage: string) => record.batches.some((b) => b.stage === stage);
    const expired = now >= Date.parse(confirmation.expiresAt);
    const reminderDue = now >= Date.parse(record.createdAt) + deps.config.reminderDays * DAY_MS;
    if (expired ? has('expired') : !reminderDue || has('reminder') || !confirmation.siteUrl) return [];
    const content = await deps.loadContent(record.formId);
    const context = noticeContext(record, content, deps.config.emailFrom);
    if (!expired) {
      // A fresh single-use link: the first one's token left the store when its email was delivered.
      const reminder = {
        ...reminderEmail(context, confirmation.email, LINK_PLACEHOLDER, confirmation.expiresAt),
        carriesLink: true as const,
      };
      const token = newToken();
      const link = { emailKey: reminder.key, link: `${confirmation.siteUrl}/confirm/${token}/` };
      return [{ ...batch(record, 'reminder', [reminder], now), link: { tokenHash: hashToken(token), secret: link } }];
    }
    const definition = forms[record.formId];
    const where = route(definition, record.answers, content);
    return [
      batch(
        record,
        'expired',
        [
          ...withExport(
            expiredWorkforceEmails(context, where.inboxes, confirmation.role, where.organisationLabel),
            exportOf(record, content),
          ),
          expiredApplicantEmail(context, definition.submitter(record.answers).email, confirmation.role),
        ],
        now,
      ),
    ];
  };
}
