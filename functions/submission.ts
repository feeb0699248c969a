import type { z } from 'zod/mini';
import { siteUrlFor } from './config.ts';
import { confirmationRequestEmail, receiptEmail, workforceEmails } from './email/messages.ts';
import { forms, isFormId, type FormContent, type FormDefinition } from './forms/index.ts';
import { html, isCrossSite, json, readAnswers, redirect, wantsPage, type Answers, type ErrorItem } from './http.ts';
import { waitBeforeNext } from './limits.ts';
import { normaliseAnswers, single } from './normalise.ts';
import { deliver, submissionKey, tokenKey, type SubmissionRecord } from './outbox.ts';
import { hashToken, newReference, newToken, type RandomBytes } from './reference.ts';
import { route } from './routing.ts';
import { formPage } from './pages.ts';
import { BODY_REFUSAL, refuse } from './refusals.ts';
import type { Intake } from './runtime.ts';

// POST /api/forms/<form id>: the whole intake pipeline, pure apart from the dependencies passed in.
// Order matters: cheap refusals first, then bot checks, validation, storage BEFORE any success
// answer, and only then email, whose failure leaves the submission pending, never lost.

export const NOT_SENT = 'Your form was not sent. Try again in a few minutes.';
const notSent = { reason: 'notSent', message: NOT_SENT, headers: { 'retry-after': '120' } } as const;
export const CONFIRM_LINK_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

export type SubmissionDeps = Intake & { random?: RandomBytes };

export async function handleFormPost(request: Request, deps: SubmissionDeps, clientAddress: string): Promise<Response> {
  try {
    return await pipeline(request, deps, clientAddress);
  } catch (error) {
    // A safety net: nothing reaches here by design (the property tests would find it). Storing is the
    // last step that can throw before success, so "not sent" is the truth.
    deps.log(`unexpected: ${(error as Error).stack ?? error}`);
    return refuse(request, deps, notSent);
  }
}

async function pipeline(request: Request, deps: SubmissionDeps, clientAddress: string): Promise<Response> {
  const formId = new URL(request.url).pathname.match(/^\/api\/forms\/([^/]+)\/?$/)?.[1] ?? '';
  if (!isFormId(formId)) return refuse(request, deps, { reason: 'noForm', message: 'There is no form at this address' });
  // A browser is shown the form again with the reason at the top, keeping whatever could be read.
  const onForm = (answers?: Answers) => ({
    showForm: async (message: string) => {
      const definition = forms[formId];
      const content = await deps.loadContent(formId);
      const values = answers ? keptValues(definition, content, answers) : {};
      return formPage(request, deps, definition, content, values, [{ field: '', message }]);
    },
  });
  if (request.method !== 'POST') {
    return refuse(request, deps, { reason: 'wrongMethod', message: 'Send this form with POST', headers: { allow: 'POST' } }, onForm());
  }
  if (isCrossSite(request, deps.config.siteUrl ? [deps.config.siteUrl] : [])) {
    // Not read, and not shown again: answers another site chose must not appear in our form.
    return refuse(request, deps, { reason: 'crossSite', message: 'This form can only be sent from this website' }, onForm());
  }
  const wait = await waitBeforeNext(deps.rateLimiter, clientAddress, deps.now(), deps.log);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    const tooMany = {
      reason: 'tooMany',
      message: `You have sent too many forms in a short time. Try again in ${seconds} seconds.`,
      headers: { 'retry-after': String(seconds) },
      waitSeconds: seconds,
    } as const;
    if (!wantsPage(request)) return refuse(request, deps, tooMany);
    const kept = await readAnswers(request);
    return refuse(request, deps, tooMany, onForm(kept.ok ? kept.answers : undefined));
  }
  const body = await readAnswers(request);
  if (!body.ok) return refuse(request, deps, { reason: BODY_REFUSAL[body.status], message: body.message }, onForm());

  const definition = forms[formId];
  const asHtml = body.kind === 'form';
  const accepted = (reference: string) =>
    asHtml ? redirect(`${definition.path}sent/${reference}/`) : json(201, { reference });

  if (looksLikeABot(body.answers, deps)) {
    // A bot gets the usual answer, so it learns nothing; nothing is stored or sent.
    deps.log(`${formId}: bot check failed; nothing stored`);
    return accepted(newReference(definition.referencePrefix, deps.random));
  }

  let content: FormContent;
  try {
    content = await deps.loadContent(formId);
  } catch (error) {
    deps.log(`${formId}: content could not be loaded: ${(error as Error).message}`);
    return refuse(request, deps, notSent, onForm());
  }

  const fields = definition.fields(content);
  const values = normaliseAnswers(fields, body.answers);
  const parsed = definition.schema(content).safeParse(values);
  if (!parsed.success) {
    const errors = toErrors(parsed.error);
    if (!asHtml) return json(422, { errors });
    return html(422, await formPage(request, deps, definition, content, keptValues(definition, content, body.answers), errors));
  }

  let record: SubmissionRecord;
  try {
    record = await store(parsed.data, definition, content, deps, siteUrlFor(deps.config, request));
  } catch (error) {
    deps.log(`${formId}: not stored: ${(error as Error).message}`);
    return refuse(request, deps, notSent, onForm(body.answers));
  }

  try {
    // Best effort now; the outbox retries whatever this leaves pending. A short wait and timeout keep
    // the sender's answer quick.
    await deliver(record.reference, deps, { maxWaitMs: 1500, timeoutMs: 4000 });
  } catch (error) {
    deps.log(`${record.reference}: stored, emails left pending: ${(error as Error).message}`);
  }
  return accepted(record.reference);
}

function looksLikeABot(answers: Answers, deps: SubmissionDeps): boolean {
  if (single(answers.website).trim() !== '') return true;
  // _started is set by the browser script when the page opens; a plain POST without it is not judged.
  const started = Number(single(answers._started));
  if (!single(answers._started) || !Number.isFinite(started)) return false;
  const elapsed = deps.now() - started;
  return elapsed >= 0 && elapsed < deps.config.minFillMs;
}

export function toErrors(error: z.core.$ZodError): ErrorItem[] {
  const seen = new Set<string>();
  const errors: ErrorItem[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

async function store(
  data: unknown,
  definition: FormDefinition,
  content: FormContent,
  deps: SubmissionDeps,
  siteUrl: string,
): Promise<SubmissionRecord> {
  const now = deps.now();
  const signatory = definition.secondSignature?.(data);
  const token = signatory ? newToken(deps.random) : undefined;
  const expiresAt = new Date(now + CONFIRM_LINK_DAYS * DAY);
  const settings = { from: deps.config.emailFrom, siteUrl };
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = newReference(definition.referencePrefix, deps.random);
    const submission = {
      reference,
      definition,
      content,
      rows: definition.answerRows(data, content),
      submitter: definition.submitter(data),
      route: route(definition, data, content),
      confirmation:
        signatory && token ? { ...signatory, link: `${siteUrl}/confirm/${token}/`, expiresAt } : undefined,
    };
    const emails = [
      ...workforceEmails(submission, settings, 'submitted'),
      receiptEmail(submission, settings, 'submitted'),
      ...(submission.confirmation ? [confirmationRequestEmail(submission, settings, 'submitted')] : []),
    ];
    const record: SubmissionRecord = {
      reference,
      formId: definition.id,
      createdAt: new Date(now).toISOString(),
      answers: data as Record<string, unknown>,
      batches: [{ stage: 'submitted', idempotencyKey: `${reference}/submitted`, emails, attempts: 0 }],
      confirmation:
        signatory && token
          ? { ...signatory, tokenHash: hashToken(token), expiresAt: expiresAt.toISOString() }
          : undefined,
    };
    // The token first: a submission whose link cannot be looked up would be half-done.
    if (token && !(await deps.store.set(tokenKey(hashToken(token)), { reference }, { onlyIfNew: true }))) {
      throw new Error('token collision');
    }
    let stored = false;
    try {
      stored = await deps.store.set(submissionKey(reference), record, { onlyIfNew: true });
    } finally {
      // Without its submission the link is useless: take it away again (best effort).
      if (!stored && token) await deps.store.delete(tokenKey(hashToken(token))).catch(() => {});
    }
    if (stored) return record;
  }
  throw new Error('no free reference after 5 tries');
}

/** What was typed, cleaned as for checking, to draw the form again. The fill-time stamp goes back
 * into the page too, so the corrected form is judged from when it was first opened. */
function keptValues(definition: FormDefinition, content: FormContent, answers: Answers): Record<string, unknown> {
  return { ...normaliseAnswers(definition.fields(content), answers), _started: single(answers._started) };
}

export { barePage, formPage } from './pages.ts';
