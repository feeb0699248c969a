import type { FormId } from './forms/types.ts';
import type { OutgoingEmail } from './email/messages.ts';
import { dropLinkSecret, linkSecretKey, withLinks, type LinkSecret } from './email/links.ts';
import type { Mailer, SendResult } from './email/mailer.ts';
import type { Pacer, RateLimiter } from './limits.ts';
import { withoutAddresses } from './log.ts';
import type { Store } from './store.ts';
import type { AgreedTerms } from './terms-version.ts';

// A submission is stored with every email it needs already rendered, in batches: 'submitted' (at
// once) and 'confirmed' (after the second signature). A batch is one call to the email service with
// one Idempotency-Key, so a retry of a batch whose answer we never saw cannot send twice. A batch
// stays pending until the service accepts it; the submission is "delivered" when none are pending.
// Resend's batch endpoint drops attachments, so an email with attachments (WD's, with the CSV) is
// its own call, keyed by the email's own key; the rest of the batch is one call with the batch's key.
// Later stages are added by follow-ups (reminder, expired) and by delivery events (alerts).

export interface Batch {
  /** 'submitted', 'confirmed', 'reminder', 'expired', or `event-<n>` for a bounce alert. */
  stage: string;
  idempotencyKey: string;
  emails: OutgoingEmail[];
  attempts: number;
  sentAt?: string;
  nextAttemptAt?: string;
  lastError?: string;
  /** When this batch became owed (health's "oldest pending"); the submission's time when absent. */
  queuedAt?: string;
  /** The calls of this batch the service has already accepted (by their idempotency keys). */
  sentCalls?: string[];
}

/** What happened to an email after it was sent, from Resend's webhooks (and 'sent' from us). */
export interface DeliveryEvent {
  at: string;
  type: string;
  /** Who it was for: 'workforce development', 'applicant', the second signer's role, 'maintainers'. */
  recipient: string;
  stage: string;
  /** The webhook's id, so a repeated event is handled once. */
  eventId?: string;
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
  /** The site's address when the form was sent: the base of the reminder's link (not a secret). */
  siteUrl?: string;
  /** The reminder's own single-use link (a fresh token; only its hash is kept, as for the first). */
  reminderTokenHash?: string;
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
  /** Resend's id for each email sent, to its email key (the webhooks name emails by these ids). */
  emailIds?: Record<string, string>;
  events?: DeliveryEvent[];
  /** While one process is sending this submission's emails, others leave it alone until then. */
  leaseUntil?: string;
}

export const submissionKey = (reference: string) => `submissions/${reference}`;
export const tokenKey = (tokenHash: string) => `tokens/${tokenHash}`;

/** Whether a link's token hash opens this confirmation: the first request's, or the reminder's. */
export const isTokenOf = (confirmation: Confirmation, tokenHash: string) =>
  confirmation.tokenHash === tokenHash || confirmation.reminderTokenHash === tokenHash;

export const isPending = (record: SubmissionRecord) => record.batches.some((batch) => !batch.sentAt);

/** When the last owed email was accepted: retention counts from here. Undefined while pending. */
export function deliveredAt(record: SubmissionRecord): number | undefined {
  if (isPending(record)) return undefined;
  return Math.max(...record.batches.map((batch) => Date.parse(batch.sentAt!)));
}

export interface Call {
  key: string;
  emails: OutgoingEmail[];
  /** One email with attachments, sent on its own. */
  single: boolean;
}

/** The service calls a batch takes: the emails without attachments in one, each other alone. */
export function callsOf(batch: Batch): Call[] {
  const plain = batch.emails.filter((email) => !email.attachments?.length);
  const withFiles = batch.emails.filter((email) => email.attachments?.length);
  // The ones with files first: then the emails go out in the order they are stored.
  return [
    ...withFiles.map((email) => ({ key: email.key, emails: [email], single: true })),
    ...(plain.length ? [{ key: batch.idempotencyKey, emails: plain, single: false }] : []),
  ];
}

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

/**
 * Sends a submission's emails AFTER the answer: the caller answers at once, and the platform keeps
 * the function alive until this settles (Netlify's `context.waitUntil`, passed in by the adapter).
 * Whatever it leaves pending (no slot in time, a failure, a process that stops) the outbox sends.
 */
export function sendAfterAnswer(
  reference: string,
  deps: DeliveryDeps & { waitUntil?: (promise: Promise<unknown>) => void },
  options: DeliveryOptions = { maxWaitMs: 5000, timeoutMs: 4000 },
): Promise<void> {
  const sending = (async () => {
    // Another call may be sending this submission's earlier emails (an alert added while its
    // first emails go out): wait for it briefly, then send what it did not claim.
    for (let attempt = 0; attempt < 5; attempt++) {
      if ((await deliver(reference, deps, options)).status !== 'busy') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })().catch((error) =>
    deps.log?.(`${reference}: stored, emails left pending (${withoutAddresses((error as Error).message)})`),
  );
  deps.waitUntil?.(sending);
  return sending;
}

export interface DeliveryOptions {
  /** Send even if the batch's backoff has not run out (the CLI). */
  force?: boolean;
  /** How long to wait for a free slot under the service's rate limit before leaving it pending. */
  maxWaitMs?: number;
  timeoutMs?: number;
}

export type DeliveryOutcome =
  | { status: 'delivered'; sent: { stage: string; count: number }[] }
  | { status: 'pending'; sent: { stage: string; count: number }[]; reason: string }
  | { status: 'busy' | 'missing' };

const LEASE_MS = 60_000;

/** Backoff after a failure with no Retry-After: 15 s, 30 s, 1 min ... up to an hour. */
export const backoffMs = (attempts: number) => Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/** Sends whatever this submission still owes, one batch call per stage, and records the outcome. */
export async function deliver(
  reference: string,
  deps: DeliveryDeps,
  options: DeliveryOptions = {},
): Promise<DeliveryOutcome> {
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

  const sent: { stage: string; count: number }[] = [];
  const results = new Map<string, BatchResult>();
  let reason = '';
  outer: for (const batch of claimed.batches.filter((b) => !b.sentAt)) {
    const result: BatchResult = { calls: [], ids: {} };
    results.set(batch.stage, result);
    const done = new Set(batch.sentCalls);
    for (const call of callsOf(batch).filter((c) => !done.has(c.key))) {
      if (!(await pacer.acquire(options.maxWaitMs))) {
        reason = 'Waiting for a free slot under the email rate limit';
        result.error = reason;
        result.notAttempted = true;
        break outer;
      }
      // The confirmation link (with its raw token) is stored apart and put in only now: see email/links.ts.
      const emails = await withLinks(store, reference, call.emails, batch.stage);
      const outcome: SendResult = !emails
        ? { ok: false, reason: 'The confirmation link for this email is missing' }
        : call.single
          ? await mailer.sendEmail(emails[0]!, call.key, { timeoutMs: options.timeoutMs })
          : await mailer.sendBatch(emails, call.key, { timeoutMs: options.timeoutMs });
      if (outcome.ok) {
        result.calls.push(call.key);
        call.emails.forEach((email, i) => {
          const id = outcome.ids?.[i];
          if (id) result.ids[id] = email.key;
        });
        continue;
      }
      if (outcome.retryAfterMs !== undefined) await pacer.pauseFor(outcome.retryAfterMs);
      result.error = withoutAddresses(outcome.reason);
      result.retryAfterMs = outcome.retryAfterMs;
      reason = outcome.reason;
      deps.log?.(`${reference}: ${batch.stage} emails not sent yet (${withoutAddresses(outcome.reason)})`);
      break outer;
    }
  }

  const sentAt = new Date(now()).toISOString();
  const saved = await updateRecord(store, reference, (record) => {
    for (const batch of record.batches) {
      const result = results.get(batch.stage);
      if (!result || batch.sentAt) continue;
      batch.sentCalls = [...new Set([...(batch.sentCalls ?? []), ...result.calls])];
      if (Object.keys(result.ids).length) record.emailIds = { ...record.emailIds, ...result.ids };
      if (callsOf(batch).every((call) => batch.sentCalls!.includes(call.key))) {
        batch.sentAt = sentAt;
        delete batch.nextAttemptAt;
        delete batch.lastError;
        sent.push({ stage: batch.stage, count: batch.emails.length });
      } else if (!result.notAttempted) {
        batch.attempts += 1;
        batch.lastError = result.error;
        batch.nextAttemptAt = new Date(now() + (result.retryAfterMs ?? backoffMs(batch.attempts))).toISOString();
      }
    }
    delete record.leaseUntil;
    return record;
  });
  // Delivered: the link's raw token has done its job and leaves the store (only its hash stays).
  // (Deleting again the link of a batch sent on an earlier run is harmless.)
  const linkSent = (batch: Batch) => batch.sentAt && batch.emails.some((email) => email.carriesLink);
  for (const batch of saved?.batches.filter(linkSent) ?? []) {
    await dropLinkSecret(store, reference, batch.stage).catch((error: Error) =>
      deps.log?.(`${reference}: link secret not removed yet: ${error.message}`),
    );
  }
  return saved && !isPending(saved)
    ? { status: 'delivered', sent }
    : { status: 'pending', sent, reason: reason || 'pending' };
}

interface BatchResult {
  /** Keys of the calls accepted this time. */
  calls: string[];
  ids: Record<string, string>;
  error?: string;
  retryAfterMs?: number;
  /** Left for later without trying (no slot in time): not a failure, so no backoff. */
  notAttempted?: boolean;
}

export interface FlushReport {
  sent: { reference: string; stage: string; count: number }[];
  pending: { reference: string; reason: string }[];
  deleted: string[];
  /** Pending submissions older than the retention period: kept (nothing owed is dropped), and reported. */
  keptPending: string[];
  /** Follow-up batches added this run (reminders, expiry notices). */
  followUps: { reference: string; stage: string }[];
  /** Rate-limit counts of ended windows that were deleted. */
  limitsCleared: number;
}

/** Decides, for one stored submission at a given time, which follow-up batches it now needs. */
export type FollowUpPlanner = (record: SubmissionRecord, now: number) => Promise<FollowUp[]>;

/** A follow-up batch, with the fresh single-use link it carries (kept apart, like the first one's). */
export interface FollowUp extends Batch {
  link?: { tokenHash: string; secret: LinkSecret };
}

export interface FlushOptions {
  force?: boolean;
  retentionDays?: number;
  timeoutMs?: number;
  deadline?: number;
  /** Reminders and expiry notices for second signatures (functions/follow-ups.ts). */
  followUps?: FollowUpPlanner;
}

/**
 * Sends everything pending (the scheduled function and `npm run outbox:flush`), after adding any
 * follow-ups that have fallen due, then deletes delivered submissions past the retention period
 * (counted from delivery) whose link can no longer be used, and the per-address counts of
 * rate-limit windows that have ended.
 */
export async function flushOutbox(
  deps: DeliveryDeps & { rateLimiter?: RateLimiter; recipientLimiter?: RateLimiter },
  { force = false, retentionDays, timeoutMs, deadline = Infinity, followUps }: FlushOptions = {},
): Promise<FlushReport> {
  const report: FlushReport = { sent: [], pending: [], deleted: [], keptPending: [], followUps: [], limitsCleared: 0 };
  for (const key of await deps.store.list('submissions/')) {
    const reference = key.slice('submissions/'.length);
    if (followUps) report.followUps.push(...(await addFollowUps(deps.store, reference, followUps, deps.now())));
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
  if (retentionDays !== undefined) {
    const retention = await applyRetention(deps.store, deps.now(), retentionDays);
    report.deleted = retention.deleted;
    report.keptPending = retention.keptPending;
  }
  if (deps.rateLimiter) report.limitsCleared = await deps.rateLimiter.deleteEndedWindows(deps.now());
  if (deps.recipientLimiter) report.limitsCleared += await deps.recipientLimiter.deleteEndedWindows(deps.now());
  return report;
}

/** Adds the batches the planner says are due, in one compare-and-swap, so two runs add them once. */
async function addFollowUps(store: Store, reference: string, plan: FollowUpPlanner, now: number) {
  const entry = await store.get<SubmissionRecord>(submissionKey(reference));
  if (!entry) return [];
  const planned = (await plan(entry.value, now)).filter(
    (batch) => !entry.value.batches.some((b) => b.stage === batch.stage),
  );
  // A fresh link is filed first (its token's hash, and the link kept apart until sent); onlyIfNew, so a
  // run racing this one keeps its own link and this one adds nothing.
  const due: FollowUp[] = [];
  for (const batch of planned) {
    if (batch.link && !(await fileLink(store, reference, batch))) continue;
    due.push(batch);
  }
  // Nothing due (most runs, for most submissions): spare the store a read.
  if (due.length === 0) return [];
  const saved = await updateRecord(store, reference, (record) => {
    const fresh = due.filter((batch) => !record.batches.some((b) => b.stage === batch.stage));
    if (fresh.length === 0) return undefined;
    for (const { link, ...batch } of fresh) {
      if (link && record.confirmation) record.confirmation.reminderTokenHash = link.tokenHash;
      record.batches.push(batch);
    }
    return record;
  });
  return saved ? due.map((batch) => ({ reference, stage: batch.stage })) : [];
}

async function fileLink(store: Store, reference: string, batch: FollowUp): Promise<boolean> {
  const { tokenHash, secret } = batch.link!;
  if (!(await store.set(linkSecretKey(reference, batch.stage), secret, { onlyIfNew: true }))) return false;
  return store.set(tokenKey(tokenHash), { reference }, { onlyIfNew: true });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retention: a submission goes `retentionDays` after its last email was DELIVERED (not after it was
 * sent in), once its link is spent or dead. One still pending is never deleted; past the period it
 * is reported, so someone can see why it is still here.
 */
export async function applyRetention(
  store: Store,
  now: number,
  retentionDays: number,
): Promise<{ deleted: string[]; keptPending: string[] }> {
  const deleted: string[] = [];
  const keptPending: string[] = [];
  const limit = now - retentionDays * DAY_MS;
  for (const key of await store.list('submissions/')) {
    const entry = await store.get<SubmissionRecord>(key);
    if (!entry) continue;
    const record = entry.value;
    const delivered = deliveredAt(record);
    if (delivered === undefined) {
      if (Date.parse(record.createdAt) <= limit) keptPending.push(record.reference);
      continue;
    }
    const linkLive =
      record.confirmation && !record.confirmation.confirmedAt && Date.parse(record.confirmation.expiresAt) > now;
    if (linkLive || delivered > limit) continue;
    if (record.confirmation) {
      await store.delete(tokenKey(record.confirmation.tokenHash));
      if (record.confirmation.reminderTokenHash) await store.delete(tokenKey(record.confirmation.reminderTokenHash));
    }
    await store.delete(key);
    deleted.push(record.reference);
  }
  return { deleted, keptPending };
}

/** The references retention deletes now (see applyRetention). */
export async function deleteExpired(store: Store, now: number, retentionDays: number): Promise<string[]> {
  return (await applyRetention(store, now, retentionDays)).deleted;
}
