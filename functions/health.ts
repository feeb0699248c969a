import { STORAGE_LABELS } from './config.ts';
import { json } from './http.ts';
import { callsOf, isPending, type SubmissionRecord } from './outbox.ts';
import type { Intake } from './runtime.ts';
import type { Store } from './store.ts';

// GET /api/health: whether email and storage are set up, and how the outbox is doing, in counts
// only (no reference, no address, nothing anyone typed), so an uptime monitor can watch it. It
// answers 503 with the reasons when something needs a person: a deployed copy that cannot send email
// (a deploy preview without RESEND_API_KEY), an email owed for longer than HEALTH_MAX_PENDING_MINUTES,
// or storage that cannot be read.

/** Why /api/health answers 503 on a deployed copy without an email service. */
export const NO_EMAIL_REASON = 'RESEND_API_KEY is not set, so this copy of the site sends no email';

/** Attempts after which an email counts as failing, not merely waiting. */
export const FAILING_AFTER_ATTEMPTS = 5;

export interface OutboxStatus {
  pendingEmails: number;
  /** Seconds since the oldest email still owed was due; 0 when none. */
  oldestPendingSeconds: number;
  /** Emails whose batch has failed FAILING_AFTER_ATTEMPTS times or more. */
  failingEmails: number;
  /** Submissions whose second signer has not confirmed yet, with the link still live. */
  awaitingConfirmation: number;
}

export async function outboxStatus(store: Store, now: number): Promise<OutboxStatus> {
  const status: OutboxStatus = { pendingEmails: 0, oldestPendingSeconds: 0, failingEmails: 0, awaitingConfirmation: 0 };
  let oldest = now;
  for (const key of await store.list('submissions/')) {
    const record = (await store.get<SubmissionRecord>(key))?.value;
    if (!record) continue;
    const confirmation = record.confirmation;
    if (confirmation && !confirmation.confirmedAt && Date.parse(confirmation.expiresAt) > now)
      status.awaitingConfirmation++;
    if (!isPending(record)) continue;
    for (const batch of record.batches.filter((b) => !b.sentAt)) {
      const owed = callsOf(batch)
        .filter((call) => !batch.sentCalls?.includes(call.key))
        .reduce((sum, call) => sum + call.emails.length, 0);
      status.pendingEmails += owed;
      if (batch.attempts >= FAILING_AFTER_ATTEMPTS) status.failingEmails += owed;
      oldest = Math.min(oldest, Date.parse(batch.queuedAt ?? record.createdAt));
    }
  }
  status.oldestPendingSeconds = Math.max(0, Math.round((now - oldest) / 1000));
  return status;
}

/** Reasons to answer 503. */
export function healthReasons(outbox: OutboxStatus | undefined, maxPendingMs: number, sendsEmail = true): string[] {
  const reasons: string[] = [];
  if (!sendsEmail) reasons.push(NO_EMAIL_REASON);
  if (!outbox) reasons.push('storage cannot be read');
  else if (outbox.oldestPendingSeconds * 1000 > maxPendingMs) {
    reasons.push(`an email has been pending for more than ${Math.round(maxPendingMs / 60_000)} minutes`);
  }
  return reasons;
}

export async function health(deps: Pick<Intake, 'config' | 'mailer' | 'store' | 'now'>): Promise<Response> {
  const email = { resend: 'resend', files: 'local .eml files', 'not configured': 'not configured' }[deps.mailer.kind];
  const outbox = await outboxStatus(deps.store, deps.now()).catch(() => undefined);
  const reasons = healthReasons(outbox, deps.config.healthMaxPendingMs, deps.mailer.kind !== 'not configured');
  const body = {
    ok: reasons.length === 0,
    email,
    storage: STORAGE_LABELS[deps.config.storage],
    reasons,
    ...(outbox && { outbox }),
  };
  return json(reasons.length ? 503 : 200, body);
}
