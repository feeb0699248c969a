import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Mailer, SendResult } from '../../functions/email/mailer.ts';
import type { OutgoingEmail } from '../../functions/email/messages.ts';
import { Pacer, PACER_KEY, type PacerState } from '../../functions/limits.ts';
import {
  applyRetention,
  backoffMs,
  type Batch,
  deliver,
  flushOutbox,
  sendAfterAnswer,
  submissionKey,
  tokenKey,
  updateRecord,
  type SubmissionRecord,
} from '../../functions/outbox.ts';
import { handleConfirm } from '../../functions/confirm.ts';
import { linkSecretKey, type LinkSecret } from '../../functions/email/links.ts';
import { followUpPlanner } from '../../functions/follow-ups.ts';
import { hashToken } from '../../functions/reference.ts';
import { MemoryStore, type WriteCondition } from '../../functions/store.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { post, testDeps } from './intake-support.ts';

// The outbox between processes: two senders racing for one submission, a sender that died holding
// the lease, a record changed by someone else while its emails go out, and the scheduled run that
// must stop before its time is up. All in memory, with the clock in the test's hands. The form
// answers once the submission is stored and sends after the answer: `settle()` waits for that
// sending. A coach EOI takes two calls (WD's email alone, with its attachments, keyed by the email;
// then the applicant's receipt, keyed by the batch); an agreement three (two WD inboxes, then the batch).

const valid = (formId: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

const SECOND = 1000;

/** A submission whose first send (WD's email) failed, so the outbox owes its emails; due once 15 s have passed. */
async function pendingSubmission(harness: ReturnType<typeof testDeps>, formId = 'coach-eoi') {
  harness.mailer.script.push({ ok: false, reason: 'Resend 500' });
  const response = await handleFormPost(post(formId, valid(formId)), harness.deps, 'a');
  const { reference } = (await response.json()) as { reference: string };
  await harness.settle();
  return reference;
}

/** The calls a coach EOI's submitted emails take, in order. */
const eoiCalls = (reference: string) => [`${reference}/submitted/wd-northfield@example.org`, `${reference}/submitted`];

const recordOf = async (store: MemoryStore, reference: string) =>
  (await store.get<SubmissionRecord>(submissionKey(reference)))!.value;

/** An email service whose calls hang until the test lets them go: a sender caught mid-send. */
class HeldMailer implements Mailer {
  readonly kind = 'resend' as const;
  readonly calls: string[] = [];
  private releases: ((result: SendResult) => void)[] = [];

  sendBatch(_emails: OutgoingEmail[], idempotencyKey: string): Promise<SendResult> {
    this.calls.push(idempotencyKey);
    return new Promise((resolve) => this.releases.push(resolve));
  }

  sendEmail(email: OutgoingEmail, idempotencyKey: string): Promise<SendResult> {
    return this.sendBatch([email], idempotencyKey);
  }

  releaseAll(result: SendResult = { ok: true }) {
    for (const release of this.releases.splice(0)) release(result);
  }
}

describe('two senders racing for one submission', () => {
  it('lets one send and tells the other it is busy, so the emails go once', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    harness.mailer.calls.length = 0;

    // Both read the record before either writes its lease: only the compare-and-swap can stop one.
    const outcomes = await Promise.all([deliver(reference, harness.deps), deliver(reference, harness.deps)]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['busy', 'delivered']);
    // Each call once: WD's email, then the applicant's receipt.
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual(eoiCalls(reference));
    const record = await recordOf(harness.store, reference);
    expect(record.batches[0]).toMatchObject({
      attempts: 1,
      sentAt: '2026-11-26T10:00:15.000Z',
      sentCalls: eoiCalls(reference),
    });
    expect(record.leaseUntil).toBeUndefined();
  });

  it('leaves a submission alone for a minute while another sender holds it, then sends it', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    const held = new HeldMailer();
    // The first sender claims it and hangs inside the email call (a process that died mid-send).
    void deliver(reference, { ...harness.deps, mailer: held });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(held.calls).toEqual([`${reference}/submitted/wd-northfield@example.org`]);
    expect((await recordOf(harness.store, reference)).leaseUntil).toBe('2026-11-26T10:01:15.000Z');

    harness.mailer.calls.length = 0;
    expect(await deliver(reference, harness.deps)).toEqual({ status: 'busy' });
    harness.advance(60 * SECOND - 1);
    expect(await deliver(reference, harness.deps)).toEqual({ status: 'busy' });
    expect(harness.mailer.calls).toHaveLength(0);

    harness.advance(1);
    const outcome = await deliver(reference, harness.deps);
    expect(outcome).toEqual({ status: 'delivered', sent: [{ stage: 'submitted', count: 2 }] });
    // WD's call has the same Idempotency-Key as the hung one: if that did reach the service, it sends once.
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual(eoiCalls(reference));
  });

  it('reports a submission another process is sending as pending, not as sent or lost', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    void deliver(reference, { ...harness.deps, mailer: new HeldMailer() });
    await new Promise((resolve) => setTimeout(resolve, 0));

    const report = await flushOutbox(harness.deps);
    expect(report).toEqual({
      sent: [],
      pending: [{ reference, reason: 'being sent by another process' }],
      deleted: [],
      keptPending: [],
      followUps: [],
      limitsCleared: 0,
    });
  });
});

describe('a record changed while its emails are being sent', () => {
  it('keeps the other change: the outcome is written onto the record as it is now', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness, 'coaching-agreement');
    harness.advance(15 * SECOND);
    // The other party confirms while the service is answering: their write lands first.
    const confirmingMailer: Mailer = {
      kind: 'resend',
      sendEmail: async () => ({ ok: true }),
      sendBatch: async () => {
        await updateRecord(harness.store, reference, (record) => {
          record.confirmation!.confirmedAt = '2026-11-26T10:00:15.000Z';
          return record;
        });
        return { ok: true };
      },
    };

    const outcome = await deliver(reference, { ...harness.deps, mailer: confirmingMailer });

    expect(outcome.status).toBe('delivered');
    const record = await recordOf(harness.store, reference);
    expect(record.confirmation?.confirmedAt).toBe('2026-11-26T10:00:15.000Z');
    expect(record.batches[0]?.sentAt).toBe('2026-11-26T10:00:15.000Z');
    expect(record.batches[0]?.sentCalls).toEqual([
      `${reference}/submitted/wd-eastmere-children@example.org`,
      `${reference}/submitted/wd-northfield@example.org`,
      `${reference}/submitted`,
    ]);
    expect(record.leaseUntil).toBeUndefined();
  });

  it('gives up after 20 rounds if the record changes every time it is read', async () => {
    class EverChanging extends MemoryStore {
      gets = 0;
      override async get<T>(key: string) {
        this.gets++;
        return super.get<T>(key);
      }
      override async set(key: string, value: unknown, condition?: WriteCondition) {
        if (condition && 'onlyIfMatch' in condition) return false;
        return super.set(key, value, condition);
      }
    }
    const store = new EverChanging();
    await store.set(submissionKey('EOI-2345-6789'), { reference: 'EOI-2345-6789', batches: [] });
    store.gets = 0;

    await expect(updateRecord(store, 'EOI-2345-6789', (record) => record)).rejects.toThrow(
      'Could not update EOI-2345-6789: it kept changing',
    );
    expect(store.gets).toBe(20);
  });

  it('changes nothing when the record is gone, or when the change is declined', async () => {
    const store = new MemoryStore();
    let called = 0;
    expect(
      await updateRecord(store, 'EOI-2345-6789', (record) => {
        called++;
        return record;
      }),
    ).toBeUndefined();
    expect(called).toBe(0);
    await store.set(submissionKey('EOI-2345-6789'), { reference: 'EOI-2345-6789', batches: [] });
    const before = [...store.entries];
    expect(await updateRecord(store, 'EOI-2345-6789', () => undefined)).toBeUndefined();
    expect([...store.entries]).toEqual(before);
  });
});

describe('one delivery attempt', () => {
  it('answers "missing" for a reference it does not hold, and "delivered" with nothing sent for one already sent', async () => {
    const harness = testDeps();
    expect(await deliver('EOI-2345-6789', harness.deps)).toEqual({ status: 'missing' });
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    const { reference } = await response.json();
    await harness.settle();
    expect(await deliver(reference, harness.deps)).toEqual({ status: 'delivered', sent: [] });
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual(eoiCalls(reference));
  });

  it('does not send before the backoff has run out, unless forced, and says why it waits', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND - 1);
    expect(await deliver(reference, harness.deps)).toEqual({ status: 'pending', sent: [], reason: 'Resend 500' });
    expect(harness.mailer.calls).toHaveLength(1);
    const forced = await deliver(reference, harness.deps, { force: true });
    expect(forced.status).toBe('delivered');
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual([
      `${reference}/submitted/wd-northfield@example.org`,
      ...eoiCalls(reference),
    ]);
  });

  it('backs off 15 s, 30 s, 1 min … after each failure, and never more than an hour', async () => {
    expect([0, 1, 2, 3, 4, 5, 8, 9, 10, 30].map((attempts) => backoffMs(attempts) / SECOND)).toEqual([
      15, 15, 30, 60, 120, 240, 1920, 3600, 3600, 3600,
    ]);
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    harness.mailer.script.push({ ok: false, reason: 'Resend 502' });
    expect(await deliver(reference, harness.deps)).toEqual({ status: 'pending', sent: [], reason: 'Resend 502' });
    expect((await recordOf(harness.store, reference)).batches[0]).toMatchObject({
      attempts: 2,
      lastError: 'Resend 502',
      nextAttemptAt: '2026-11-26T10:00:45.000Z',
    });
    expect(harness.logs).toContain(`${reference}: submitted emails not sent yet (Resend 502)`);
    // A failure without Retry-After pauses no one: the next submission's emails may go at once.
    expect((await harness.store.get<PacerState>(PACER_KEY))!.value.pausedUntil).toBe(0);
  });

  it('waits without counting a failure when the rate limit has no free slot in time', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    const full = { acquire: async () => false, pauseFor: async () => {} } as unknown as Pacer;
    expect(await deliver(reference, { ...harness.deps, pacer: full })).toEqual({
      status: 'pending',
      sent: [],
      reason: 'Waiting for a free slot under the email rate limit',
    });
    const batch = (await recordOf(harness.store, reference)).batches[0]!;
    expect(batch).toMatchObject({ attempts: 1, lastError: 'Resend 500', nextAttemptAt: '2026-11-26T10:00:15.000Z' });
    expect((await recordOf(harness.store, reference)).leaseUntil).toBeUndefined();
  });

  it('clears the error and the next attempt time once a batch is sent', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    await deliver(reference, harness.deps);
    const batch = (await recordOf(harness.store, reference)).batches[0]!;
    expect(Object.keys(batch).sort()).toEqual(['attempts', 'emails', 'idempotencyKey', 'sentAt', 'sentCalls', 'stage']);
  });
});

describe('a 429 with Retry-After', () => {
  it('pauses every sender, in this process and others, for as long as it says, and the batch waits as long', async () => {
    const harness = testDeps();
    const first = await pendingSubmission(harness);
    const second = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    harness.mailer.calls.length = 0;
    harness.mailer.script.push({ ok: false, reason: 'Resend 429', retryAfterMs: 5 * SECOND });

    expect(await deliver(first, harness.deps)).toEqual({ status: 'pending', sent: [], reason: 'Resend 429' });
    expect((await recordOf(harness.store, first)).batches[0]).toMatchObject({
      attempts: 2,
      lastError: 'Resend 429',
      nextAttemptAt: '2026-11-26T10:00:20.000Z',
    });
    // The pause is kept in the store, so a sender in another process waits for it too.
    expect((await harness.store.get<PacerState>(PACER_KEY))!.value.pausedUntil).toBe(
      Date.parse('2026-11-26T10:00:20Z'),
    );
    const otherProcess = {
      ...harness.deps,
      pacer: new Pacer(1_000_000, harness.deps.now, async () => {}, harness.store),
    };
    expect(await deliver(second, harness.deps, { maxWaitMs: 5 * SECOND - 1 })).toEqual({
      status: 'pending',
      sent: [],
      reason: 'Waiting for a free slot under the email rate limit',
    });
    expect(await deliver(second, otherProcess, { maxWaitMs: 5 * SECOND - 1 })).toMatchObject({ status: 'pending' });
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual([
      `${first}/submitted/wd-northfield@example.org`,
    ]);

    harness.advance(5 * SECOND);
    expect(await deliver(second, otherProcess, { maxWaitMs: 0 })).toEqual({
      status: 'delivered',
      sent: [{ stage: 'submitted', count: 2 }],
    });
  });
});

describe('the scheduled run and its deadline', () => {
  it('sends while there is time, and leaves the rest for the next run, saying so', async () => {
    const harness = testDeps();
    const references = [
      await pendingSubmission(harness),
      await pendingSubmission(harness),
      await pendingSubmission(harness),
    ];
    const delivered = (await (await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a')).json())
      .reference;
    await harness.settle();
    harness.advance(15 * SECOND);
    // Each call to the email service takes 6 s: a submission's two calls, 12 s.
    const send = harness.mailer.sendBatch.bind(harness.mailer);
    harness.mailer.sendBatch = async (emails, key) => {
      harness.advance(6 * SECOND);
      return send(emails, key);
    };
    harness.mailer.calls.length = 0;

    const report = await flushOutbox(harness.deps, { deadline: harness.deps.now() + 20 * SECOND });

    // The keys are listed in order: which two went first depends on the random references.
    const sorted = [...references].sort();
    expect(report.sent.map((item) => item.reference)).toEqual(sorted.slice(0, 2));
    expect(report.pending).toEqual([{ reference: sorted[2], reason: 'left for the next run' }]);
    expect(report.pending.map((item) => item.reference)).not.toContain(delivered);
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual(sorted.slice(0, 2).flatMap(eoiCalls));
  });

  it('starts nothing once the deadline has come, and lists only what is still owed', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    // Already delivered: not something left for the next run.
    await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    harness.advance(15 * SECOND);
    harness.mailer.calls.length = 0;
    const report = await flushOutbox(harness.deps, { deadline: harness.deps.now() });
    expect(report.pending).toEqual([{ reference, reason: 'left for the next run' }]);
    expect(report.sent).toEqual([]);
    expect(harness.mailer.calls).toHaveLength(0);
  });

  it('gives the rate limit only the time that is left', async () => {
    const harness = testDeps();
    await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    const waits: (number | undefined)[] = [];
    const pacer = {
      acquire: async (maxWaitMs?: number) => {
        waits.push(maxWaitMs);
        return true;
      },
      pauseFor: async () => {},
    };
    await flushOutbox(
      { ...harness.deps, pacer: pacer as unknown as Pacer },
      { deadline: harness.deps.now() + 7 * SECOND },
    );
    // Both calls (WD's, then the receipt) may wait at most the 7 s left (the stub takes no time).
    expect(waits).toEqual([7 * SECOND, 7 * SECOND]);
  });
});

describe('what a delivery attempt passes on and reports', () => {
  it('gives the email service the time limit it was given', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    const seen: unknown[] = [];
    const mailer: Mailer = {
      kind: 'resend',
      sendEmail: async (_email, key, options) => {
        seen.push([key, options]);
        return { ok: true };
      },
      sendBatch: async (_emails, key, options) => {
        seen.push([key, options]);
        return { ok: true };
      },
    };
    await deliver(reference, { ...harness.deps, mailer }, { timeoutMs: 4000 });
    expect(seen).toEqual([
      [`${reference}/submitted/wd-northfield@example.org`, { timeoutMs: 4000 }],
      [`${reference}/submitted`, { timeoutMs: 4000 }],
    ]);
  });

  it('works without a log, as outbox:flush may run it', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    harness.mailer.script.push({ ok: false, reason: 'Resend 500' });
    const { log: _log, ...quiet } = harness.deps;
    expect(await deliver(reference, quiet)).toMatchObject({ status: 'pending', reason: 'Resend 500' });
    expect(await flushOutbox({ ...quiet, rateLimiter: undefined })).toMatchObject({ limitsCleared: 0 });
  });

  it('reports the stage it sent even when a later stage of the same submission fails', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness, 'coaching-agreement');
    // The request to the coach has not gone yet: its link waits in the store, apart from the record.
    const secret = (await harness.store.get<LinkSecret>(linkSecretKey(reference)))!.value;
    expect(secret.emailKey).toBe(`${reference}/submitted/alex.morgan@example.org`);
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\/$/.exec(secret.link)![1]!;
    // The coach confirms while the first emails are still owed: the confirmed batch waits behind them.
    const { handleConfirm } = await import('../../functions/confirm.ts');
    const confirmed = await handleConfirm(
      new Request(`https://coaching.example.org/confirm/${token}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Alex+Morgan',
      }),
      harness.deps,
      'a',
    );
    expect(confirmed.status).toBe(303);
    await harness.settle();
    harness.advance(15 * SECOND);
    // The submitted stage's three calls go; the confirmed stage's first fails.
    harness.mailer.script.push({ ok: true }, { ok: true }, { ok: true }, { ok: false, reason: 'Resend 503' });

    const report = await flushOutbox(harness.deps);

    expect(report.sent.map((item) => [item.reference, item.stage])).toEqual([[reference, 'submitted']]);
    expect(report.pending).toEqual([{ reference, reason: 'Resend 503' }]);
  });
});

describe('sending after the answer', () => {
  it('gives the platform the sending to wait for, with 5 s for a slot and 4 s for each call', async () => {
    const harness = testDeps();
    const seen: unknown[] = [];
    const mailer: Mailer = harness.mailer;
    const sendBatch = mailer.sendBatch.bind(mailer);
    mailer.sendBatch = async (emails, key, options) => {
      seen.push([key, options]);
      return sendBatch(emails, key);
    };
    mailer.sendEmail = async (email, key, options) => {
      seen.push([key, options]);
      return sendBatch([email], key);
    };
    const waits: (number | undefined)[] = [];
    const pacer = harness.deps.pacer;
    const acquire = pacer.acquire.bind(pacer);
    pacer.acquire = (maxWaitMs?: number) => {
      waits.push(maxWaitMs);
      return acquire(maxWaitMs);
    };
    const kept: Promise<unknown>[] = [];
    const waitUntil = harness.deps.waitUntil!;
    harness.deps.waitUntil = (promise) => {
      kept.push(promise);
      waitUntil(promise);
    };
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    expect(response.status).toBe(201);
    // Answered with the sending still to finish: the platform is handed it to wait for.
    expect(kept).toHaveLength(1);
    await harness.settle();
    const { reference } = await response.json();
    expect(seen).toEqual([
      [`${reference}/submitted/wd-northfield@example.org`, { timeoutMs: 4000 }],
      [`${reference}/submitted`, { timeoutMs: 4000 }],
    ]);
    expect(waits).toEqual([5000, 5000]);
  });

  it('waits for another sender of the same submission, then sends what it left', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    const held = new HeldMailer();
    const first = deliver(reference, { ...harness.deps, mailer: held });
    await new Promise((resolve) => setTimeout(resolve, 0));
    harness.mailer.calls.length = 0;
    // The other sender finishes while this one waits its 200 ms between tries.
    const second = sendAfterAnswer(reference, harness.deps);
    await new Promise((resolve) => setTimeout(resolve, 50));
    held.releaseAll({ ok: false, reason: 'Resend 500' });
    expect(await first).toEqual({ status: 'pending', sent: [], reason: 'Resend 500' });
    await second;
    // Its failure set a backoff, so the waiting sender found nothing due and sent nothing.
    expect(harness.mailer.calls).toEqual([]);

    harness.advance(30 * SECOND);
    const again = deliver(reference, { ...harness.deps, mailer: held });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const third = sendAfterAnswer(reference, harness.deps);
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Still busy at its second try: it tries again rather than giving up. The other sender is told
    // to try again at once (Retry-After: 0), so the waiting one finds it due and sends it all.
    held.releaseAll({ ok: false, reason: 'Resend 429', retryAfterMs: 0 });
    expect(await again).toEqual({ status: 'pending', sent: [], reason: 'Resend 429' });
    await third;
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual(eoiCalls(reference));
    expect((await recordOf(harness.store, reference)).batches[0]!.sentAt).toBe('2026-11-26T10:00:45.000Z');
  });

  it('gives up after five tries 200 ms apart when another sender keeps it, leaving it to the outbox', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    const held = new HeldMailer();
    void deliver(reference, { ...harness.deps, mailer: held });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const gets: number[] = [];
    const get = harness.store.get.bind(harness.store);
    harness.store.get = async <T>(key: string) => {
      if (key === submissionKey(reference)) gets.push(Date.now());
      return get<T>(key);
    };
    const started = Date.now();
    await sendAfterAnswer(reference, harness.deps);
    // Five tries (each reads the record to claim it, and again to see why it could not), 200 ms apart.
    expect(gets).toHaveLength(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 200 - 20);
  });

  it('logs that the emails were left pending, without addresses, when sending throws', async () => {
    const harness = testDeps();
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    harness.deps.store.get = async () => {
      throw new Error('storage is down for alex.morgan@example.org');
    };
    await sendAfterAnswer(reference, harness.deps);
    expect(harness.logs.at(-1)).toBe(`${reference}: stored, emails left pending (storage is down for [address])`);
  });
});

const DAY = 24 * 60 * 60 * 1000;

describe('what one delivery writes back', () => {
  it('sends WD’s email alone through the single-email call, with its files, and the rest as one batch', async () => {
    const harness = testDeps();
    const used: [string, string, number][] = [];
    const mailer: Mailer = {
      kind: 'resend',
      sendEmail: async (email, key) => {
        used.push(['sendEmail', key, email.attachments?.length ?? 0]);
        return { ok: true, ids: ['re-wd-1'] };
      },
      sendBatch: async (emails, key) => {
        used.push(['sendBatch', key, emails.length]);
        return { ok: true, ids: ['re-receipt-1'] };
      },
    };
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), { ...harness.deps, mailer }, 'a');
    await harness.settle();
    const { reference } = await response.json();
    expect(used).toEqual([
      ['sendEmail', `${reference}/submitted/wd-northfield@example.org`, 2],
      ['sendBatch', `${reference}/submitted`, 1],
    ]);
    // Resend's ids, to the emails they name, so its webhooks can be matched to each email.
    expect((await recordOf(harness.store, reference)).emailIds).toEqual({
      're-wd-1': `${reference}/submitted/wd-northfield@example.org`,
      're-receipt-1': `${reference}/submitted/alex.morgan@example.org`,
    });
  });

  it('records no email ids when the service gives none, and keeps those it gave before', async () => {
    const harness = testDeps();
    harness.mailer.script.push({ ok: true, ids: ['re-wd-1'] }, { ok: false, reason: 'Resend 500' });
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    expect((await recordOf(harness.store, reference)).batches[0]!.sentCalls).toEqual([
      `${reference}/submitted/wd-northfield@example.org`,
    ]);
    harness.advance(15 * SECOND);
    harness.mailer.script.push({ ok: true });
    expect((await deliver(reference, harness.deps)).status).toBe('delivered');
    // Only the call still owed went again.
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual([
      `${reference}/submitted/wd-northfield@example.org`,
      `${reference}/submitted`,
      `${reference}/submitted`,
    ]);
    expect((await recordOf(harness.store, reference)).emailIds).toEqual({
      're-wd-1': `${reference}/submitted/wd-northfield@example.org`,
    });
    const none = testDeps();
    none.mailer.script.push({ ok: true }, { ok: true });
    const quiet = await (await handleFormPost(post('coach-eoi', valid('coach-eoi')), none.deps, 'a')).json();
    await none.settle();
    expect((await recordOf(none.store, quiet.reference)).emailIds).toBeUndefined();
  });

  it('does not send again a stage sent before calls were recorded one by one', async () => {
    const harness = testDeps();
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    // A record as an older version stored it: the sent stage has no list of calls; a later stage is owed.
    await updateRecord(harness.store, reference, (record) => {
      delete record.batches[0]!.sentCalls;
      const later: Batch = {
        ...structuredClone(record.batches[0]!),
        stage: 'later',
        idempotencyKey: `${reference}/later`,
      };
      delete later.sentAt;
      record.batches.push(later);
      return record;
    });
    harness.mailer.calls.length = 0;
    expect(await deliver(reference, harness.deps)).toEqual({
      status: 'delivered',
      sent: [{ stage: 'later', count: 2 }],
    });
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual([
      `${reference}/submitted/wd-northfield@example.org`,
      `${reference}/later`,
    ]);
  });

  it('says the stage is still owed when another stage was added while it sent', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    const send = harness.mailer.sendBatch.bind(harness.mailer);
    harness.mailer.sendBatch = async (emails, key) => {
      // An alert added by a webhook while this call is under way.
      if (key === `${reference}/submitted`) {
        await updateRecord(harness.store, reference, (record) => {
          record.batches.push({ stage: 'alert-1', idempotencyKey: `${reference}/alert-1`, emails: [], attempts: 0 });
          return record;
        });
      }
      return send(emails, key);
    };
    expect(await deliver(reference, harness.deps)).toEqual({
      status: 'pending',
      sent: [{ stage: 'submitted', count: 2 }],
      reason: 'pending',
    });
  });

  it('leaves a stage pending, saying why, when the link its email carries is gone', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness, 'coaching-agreement');
    await harness.store.delete(linkSecretKey(reference));
    harness.advance(15 * SECOND);
    harness.mailer.calls.length = 0;
    expect(await deliver(reference, harness.deps)).toEqual({
      status: 'pending',
      sent: [],
      reason: 'The confirmation link for this email is missing',
    });
    // WD's two emails went; the batch with the request was not sent without its link.
    expect(harness.mailer.calls.map((call) => call.idempotencyKey)).toEqual([
      `${reference}/submitted/wd-eastmere-children@example.org`,
      `${reference}/submitted/wd-northfield@example.org`,
    ]);
    expect((await recordOf(harness.store, reference)).batches[0]).toMatchObject({
      attempts: 2,
      lastError: 'The confirmation link for this email is missing',
    });
  });

  it('removes the link once its email is delivered, and logs (without failing) if it cannot yet', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness, 'coaching-agreement');
    expect(await harness.store.list('link-secrets/')).toEqual([linkSecretKey(reference)]);
    harness.advance(15 * SECOND);
    harness.store.delete = async (key) => {
      throw new Error(`cannot delete ${key} now`);
    };
    expect((await deliver(reference, harness.deps)).status).toBe('delivered');
    expect(harness.logs).toContain(
      `${reference}: link secret not removed yet: cannot delete link-secrets/${reference} now`,
    );
    expect(await harness.store.list('link-secrets/')).toEqual([linkSecretKey(reference)]);
  });

  it('ends without error when the submission is deleted while its emails go out', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    harness.advance(15 * SECOND);
    const send = harness.mailer.sendBatch.bind(harness.mailer);
    harness.mailer.sendBatch = async (emails, key) => {
      await harness.store.delete(submissionKey(reference));
      return send(emails, key);
    };
    expect(await deliver(reference, harness.deps)).toEqual({ status: 'pending', sent: [], reason: 'pending' });
  });

  it('gives the reason "waiting" for a stage held back with no error recorded', async () => {
    const harness = testDeps();
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    await updateRecord(harness.store, reference, (record) => {
      record.batches.push({
        stage: 'later',
        idempotencyKey: `${reference}/later`,
        emails: [],
        attempts: 0,
        nextAttemptAt: '2026-11-26T11:00:00.000Z',
      });
      return record;
    });
    expect(await deliver(reference, harness.deps)).toEqual({ status: 'pending', sent: [], reason: 'waiting' });
  });
});

describe('the scheduled run without the optional parts', () => {
  it('deletes nothing when no retention period is given, and needs no rate limiters', async () => {
    const harness = testDeps();
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    harness.advance(400 * DAY);
    const { rateLimiter: _r, recipientLimiter: _p, ...bare } = harness.deps;
    expect(await flushOutbox(bare)).toEqual({
      sent: [],
      pending: [],
      deleted: [],
      keptPending: [],
      followUps: [],
      limitsCleared: 0,
    });
    expect(await harness.store.list('submissions/')).toEqual([submissionKey(reference)]);
  });

  it('skips a submission deleted by another run between listing and reading it', async () => {
    const harness = testDeps();
    const reference = await pendingSubmission(harness);
    const list = harness.store.list.bind(harness.store);
    harness.store.list = async (prefix) => {
      const keys = await list(prefix);
      if (prefix === 'submissions/') await harness.store.delete(submissionKey(reference));
      return keys;
    };
    const report = await flushOutbox(harness.deps, {
      retentionDays: 30,
      followUps: followUpPlanner(harness.deps),
      force: true,
    });
    expect(report).toMatchObject({ sent: [], pending: [], deleted: [], keptPending: [], followUps: [] });
  });
});

describe('retention, at its edges', () => {
  it('skips a submission deleted by another run between listing and reading it', async () => {
    const harness = testDeps();
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    const list = harness.store.list.bind(harness.store);
    harness.store.list = async (prefix) => {
      const keys = await list(prefix);
      await harness.store.delete(submissionKey(reference));
      return keys;
    };
    expect(await applyRetention(harness.store, harness.deps.now() + 31 * DAY, 30)).toEqual({
      deleted: [],
      keptPending: [],
    });
  });

  it('reports a pending submission as kept past retention from exactly the period, not before', async () => {
    const harness = testDeps();
    for (let i = 0; i < 50; i++) harness.mailer.script.push({ ok: false, reason: 'Resend 500' });
    const reference = await pendingSubmission(harness);
    expect(await applyRetention(harness.store, harness.deps.now() + 30 * DAY - 1, 30)).toEqual({
      deleted: [],
      keptPending: [],
    });
    expect(await applyRetention(harness.store, harness.deps.now() + 30 * DAY, 30)).toEqual({
      deleted: [],
      keptPending: [reference],
    });
  });

  it('keeps a delivered submission while its link can still be used, unless it was confirmed', async () => {
    const harness = testDeps();
    const response = await handleFormPost(post('coachee-application', valid('coachee-application')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    const record = await recordOf(harness.store, reference);
    expect(record.confirmation!.expiresAt).toBe('2026-12-10T10:00:00.000Z');
    const expiry = Date.parse(record.confirmation!.expiresAt);
    // A retention period shorter than the link's life: the link still decides, up to its last moment.
    expect((await applyRetention(harness.store, expiry - 1, 10)).deleted).toEqual([]);
    expect((await applyRetention(harness.store, expiry, 10)).deleted).toEqual([reference]);
    expect(await harness.store.list('tokens/')).toEqual([]);

    const confirmed = testDeps();
    const other = await (
      await handleFormPost(post('coachee-application', valid('coachee-application')), confirmed.deps, 'a')
    ).json();
    await confirmed.settle();
    await updateRecord(confirmed.store, other.reference, (current) => {
      current.confirmation!.confirmedAt = '2026-11-27T10:00:00.000Z';
      return current;
    });
    expect((await applyRetention(confirmed.store, Date.parse('2026-12-06T10:00:00Z'), 10)).deleted).toEqual([
      other.reference,
    ]);
  });
});

describe('follow-ups added by two runs at once', () => {
  it('adds the reminder once, and the link its email carries is the one that opens the form', async () => {
    const harness = testDeps();
    harness.deps.config = { ...harness.deps.config, reminderDays: 5 };
    const response = await handleFormPost(post('coachee-application', valid('coachee-application')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    harness.advance(5 * DAY);
    const run = () => flushOutbox(harness.deps, { followUps: followUpPlanner(harness.deps) });
    const reports = await Promise.all([run(), run()]);
    expect(reports.flatMap((report) => report.followUps)).toEqual([{ reference, stage: 'reminder' }]);
    const record = await recordOf(harness.store, reference);
    expect(record.batches.map((batch) => batch.stage)).toEqual(['submitted', 'reminder']);
    const reminders = harness.mailer.emails.filter(
      (email) => email.key === `${reference}/reminder/priya.shah@example.org`,
    );
    expect(reminders).toHaveLength(1);
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(reminders[0]!.text)![1]!;
    expect(record.confirmation!.reminderTokenHash).toBe(hashToken(token));
    // The reminder's link opens the form to confirm (the first link's token left with its email).
    const page = await handleConfirm(new Request(`https://coaching.example.org/confirm/${token}/`), harness.deps, 'a');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(reference);
    // Every link filed by the losing run is gone or never written: one token besides the first.
    expect(await harness.store.list('tokens/')).toHaveLength(2);
    expect(await harness.store.list('link-secrets/')).toEqual([]);
    // Retention takes both tokens with the submission, the reminder's too.
    expect((await applyRetention(harness.store, harness.deps.now() + 30 * DAY, 30)).deleted).toEqual([reference]);
    expect(await harness.store.list('tokens/')).toEqual([]);
  });

  it('keeps the reminder’s link apart under its stage until its email goes', async () => {
    const harness = testDeps();
    harness.deps.config = { ...harness.deps.config, reminderDays: 5 };
    const response = await handleFormPost(post('coachee-application', valid('coachee-application')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    harness.advance(5 * DAY);
    const full = { acquire: async () => false, pauseFor: async () => {} } as unknown as Pacer;
    await flushOutbox({ ...harness.deps, pacer: full }, { followUps: followUpPlanner(harness.deps) });
    expect(await harness.store.list('link-secrets/')).toEqual([`link-secrets/${reference}/reminder`]);
    await flushOutbox(harness.deps);
    expect(await harness.store.list('link-secrets/')).toEqual([]);
  });

  it('adds a batch the planner names only once, however often it is named', async () => {
    const harness = testDeps();
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    const notice = (): Batch => ({ stage: 'notice', idempotencyKey: `${reference}/notice`, emails: [], attempts: 0 });
    const always = async () => [notice()];
    const first = await Promise.all([
      flushOutbox(harness.deps, { followUps: always }),
      flushOutbox(harness.deps, { followUps: always }),
    ]);
    expect(first.flatMap((report) => report.followUps)).toEqual([{ reference, stage: 'notice' }]);
    expect((await flushOutbox(harness.deps, { followUps: always })).followUps).toEqual([]);
    expect((await recordOf(harness.store, reference)).batches.map((batch) => batch.stage)).toEqual([
      'submitted',
      'notice',
    ]);
  });

  it('does not take a link whose token points at a submission that no longer holds it', async () => {
    const harness = testDeps();
    const response = await handleFormPost(post('coachee-application', valid('coachee-application')), harness.deps, 'a');
    await harness.settle();
    const { reference } = await response.json();
    // A token filed for this submission that it never kept (a losing run's, say).
    const stray = 'S'.repeat(43);
    await harness.store.set(tokenKey(hashToken(stray)), { reference });
    const page = await handleConfirm(new Request(`https://coaching.example.org/confirm/${stray}/`), harness.deps, 'a');
    expect(page.status).toBe(404);
  });
});
