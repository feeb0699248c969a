import type { FormId } from './forms/types.ts';
import type { OutgoingEmail } from './email/messages.ts';
import { dropLinkSecret, withLinks } from './email/links.ts';
import type { Mailer } from './email/mailer.ts';
import type { Pacer, RateLimiter } from './limits.ts';
import type { Store } from './store.ts';
import type { AgreedTerms } from './terms-version.ts';

// A submission is stored with every email it needs already rendered, in batches: 'submitted' (at
// once) and 'confirmed' (after the second signature). A batch is one call to the email service with
// one Idempotency-Key, so a retry of a batch whose answer we never saw cannot send twice. A batch
// stays pending until the service accepts it; the submission is "delivered" when none are pending.

export interface Batch {
  stage: 'submitted' | 'confirmed';
  idempotencyKey: string;
  emails: OutgoingEmail[];
  attempts: number;
  sentAt?: string;
  nextAttemptAt?: string;
  lastError?: string;
}

/** The sender's receipt, or the request to confirm. */
export type HeldEmail = 'receipt' | 'request';

export interface Confirmation {
  role: string;
  name: string;
  email: string;
  tokenHash: string;
  expiresAt: string;
  confirmedAt?: string;
  confirmedName?: string;
}

export interface SubmissionRecord {
  reference: string;
  formId: FormId;
  createdAt: string;
  answers: Record<string, unknown>;
  batches: Batch[];
  confirmation?: Confirmation;
  /** The terms agreed, as they read when the form was sent: both signers see this copy. */
  terms?: AgreedTerms;
  /** Emails to typed addresses not sent because the address was over its daily limit. */
  held?: HeldEmail[];
  /** While one process is sending this submission's emails, others leave it alone until then. */
  leaseUntil?: string;
}

export const submissionKey = (reference: string) => `submissions/${reference}`;
export const tokenKey = (tokenHash: string) => `tokens/${tokenHash}`;

export const isPending = (record: SubmissionRecord) => record.batches.some((batch) => !batch.sentAt);

/** Read-modify-write with a compare-and-swap loop; `change` returns undefined to leave the record alone. */
export async function updateRecord(
  store: Store,
  reference: string,
  change: (record: SubmissionRecord) => SubmissionRecord | undefined,
): Promise<SubmissionRecord | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const entry = await store.get<SubmissionRecord>(submissionKey(reference));
    if (!entry) return undefined;
    const next = change(structuredClone(entry.value));
    if (!next) return undefined;
    if (await store.set(submissionKey(reference), next, { onlyIfMatch: entry.etag })) return next;
  }
  throw new Error(`Could not update ${reference}: it kept changing`);
}

export interface DeliveryDeps {
  store: Store;
  mailer: Mailer;
  pacer: Pacer;
  now: () => number;
  log?: (line: string) => void;
}

export interface DeliveryOptions {
  /** Send even if the batch's backoff has not run out (the CLI). */
  force?: boolean;
  /** How long to wait for a free slot under the service's rate limit before leaving it pending. */
  maxWaitMs?: number;
  timeoutMs?: number;
}

export type DeliveryOutcome =
  | { status: 'delivered'; sent: { stage: string; to: string[] }[] }
  | { status: 'pending'; sent: { stage: string; to: string[] }[]; reason: string }
  | { status: 'busy' | 'missing' };

const LEASE_MS = 60_000;

/** Backoff after a failure with no Retry-After: 15 s, 30 s, 1 min ... up to an hour. */
export const backoffMs = (attempts: number) => Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/** Sends whatever this submission still owes, one batch call per stage, and records the outcome. */
export async function deliver(reference: string, deps: DeliveryDeps, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const { store, mailer, pacer, now } = deps;
  const start = now();
  let claimed: SubmissionRecord | undefined;
  let notDue = false;
  const leased = await updateRecord(store, reference, (record) => {
    if (!isPending(record)) return undefined;
    if (record.leaseUntil && Date.parse(record.leaseUntil) > start) return undefined;
    const due = record.batches.find((batch) => !batch.sentAt)!;
    if (!options.force && due.nextAttemptAt && Date.parse(due.nextAttemptAt) > start) {
      notDue = true;
      return undefined;
    }
    record.leaseUntil = new Date(start + LEASE_MS).toISOString();
    claimed = record;
    return record;
  });
  if (!leased || !claimed) {
    const entry = await store.get<SubmissionRecord>(submissionKey(reference));
    if (!entry) return { status: 'missing' };
    if (!isPending(entry.value)) return { status: 'delivered', sent: [] };
    return notDue
      ? { status: 'pending', sent: [], reason: entry.value.batches.find((b) => !b.sentAt)?.lastError ?? 'waiting' }
      : { status: 'busy' };
  }

  const sent: { stage: string; to: string[] }[] = [];
  const results = new Map<string, { sentAt?: string; error?: string; retryAfterMs?: number }>();
  let reason = '';
  for (const batch of claimed.batches.filter((b) => !b.sentAt)) {
    if (!(await pacer.acquire(options.maxWaitMs))) {
      reason = 'Waiting for a free slot under the email rate limit';
      break;
    }
    // The confirmation link (with its raw token) is stored apart and put in only now: see email/links.ts.
    const emails = await withLinks(store, reference, batch.emails);
    const result = emails
      ? await mailer.sendBatch(emails, batch.idempotencyKey, { timeoutMs: options.timeoutMs })
      : { ok: false as const, reason: 'The confirmation link for this email is missing' };
    if (result.ok) {
      results.set(batch.stage, { sentAt: new Date(now()).toISOString() });
      sent.push({ stage: batch.stage, to: batch.emails.map((email) => email.to) });
      continue;
    }
    if (result.retryAfterMs !== undefined) await pacer.pauseFor(result.retryAfterMs);
    results.set(batch.stage, { error: result.reason, retryAfterMs: result.retryAfterMs });
    reason = result.reason;
    deps.log?.(`${reference}: ${batch.stage} emails not sent yet (${result.reason})`);
    break;
  }

  const saved = await updateRecord(store, reference, (record) => {
    for (const batch of record.batches) {
      const result = results.get(batch.stage);
      if (!result || batch.sentAt) continue;
      if (result.sentAt) {
        batch.sentAt = result.sentAt;
        delete batch.nextAttemptAt;
        delete batch.lastError;
      } else {
        batch.attempts += 1;
        batch.lastError = result.error;
        batch.nextAttemptAt = new Date(now() + (result.retryAfterMs ?? backoffMs(batch.attempts))).toISOString();
      }
    }
    delete record.leaseUntil;
    return record;
  });
  // Delivered: the link's raw token has done its job and leaves the store (only its hash stays).
  if (saved && claimed.batches.some((batch) => results.get(batch.stage)?.sentAt && batch.emails.some((email) => email.carriesLink))) {
    await dropLinkSecret(store, reference).catch((error: Error) => deps.log?.(`${reference}: link secret not removed yet: ${error.message}`));
  }
  return saved && !isPending(saved) ? { status: 'delivered', sent } : { status: 'pending', sent, reason: reason || 'pending' };
}

export interface FlushReport {
  sent: { reference: string; stage: string; to: string[] }[];
  pending: { reference: string; reason: string }[];
  deleted: string[];
  /** Rate-limit counts of ended windows that were deleted. */
  limitsCleared: number;
}

/**
 * Sends everything pending (the scheduled function and `npm run outbox:flush`), then deletes
 * delivered submissions older than the retention period whose link can no longer be used, and the
 * per-address counts of rate-limit windows that have ended.
 */
export async function flushOutbox(
  deps: DeliveryDeps & { rateLimiter?: RateLimiter; recipientLimiter?: RateLimiter },
  {
    force = false,
    retentionDays,
    timeoutMs,
    deadline = Infinity,
  }: { force?: boolean; retentionDays?: number; timeoutMs?: number; deadline?: number } = {},
): Promise<FlushReport> {
  const report: FlushReport = { sent: [], pending: [], deleted: [], limitsCleared: 0 };
  for (const key of await deps.store.list('submissions/')) {
    const reference = key.slice('submissions/'.length);
    const left = deadline - deps.now();
    if (left <= 0) {
      const entry = await deps.store.get<SubmissionRecord>(key);
      if (entry && isPending(entry.value)) report.pending.push({ reference, reason: 'left for the next run' });
      continue;
    }
    const outcome = await deliver(reference, deps, { force, timeoutMs, maxWaitMs: left });
    if (outcome.status === 'delivered' || outcome.status === 'pending') {
      for (const item of outcome.sent) report.sent.push({ reference, ...item });
    }
    if (outcome.status === 'pending') report.pending.push({ reference, reason: outcome.reason });
    if (outcome.status === 'busy') report.pending.push({ reference, reason: 'being sent by another process' });
  }
  if (retentionDays !== undefined) report.deleted = await deleteExpired(deps.store, deps.now(), retentionDays);
  if (deps.rateLimiter) report.limitsCleared = await deps.rateLimiter.deleteEndedWindows(deps.now());
  if (deps.recipientLimiter) report.limitsCleared += await deps.recipientLimiter.deleteEndedWindows(deps.now());
  return report;
}

/** Retention: a delivered submission goes once it is older than the limit and its link is spent or dead. */
export async function deleteExpired(store: Store, now: number, retentionDays: number): Promise<string[]> {
  const deleted: string[] = [];
  const limit = now - retentionDays * 24 * 60 * 60 * 1000;
  for (const key of await store.list('submissions/')) {
    const entry = await store.get<SubmissionRecord>(key);
    if (!entry) continue;
    const record = entry.value;
    const linkLive =
      record.confirmation && !record.confirmation.confirmedAt && Date.parse(record.confirmation.expiresAt) > now;
    if (isPending(record) || linkLive || Date.parse(record.createdAt) > limit) continue;
    if (record.confirmation) await store.delete(tokenKey(record.confirmation.tokenHash));
    await store.delete(key);
    deleted.push(record.reference);
  }
  return deleted;
}
