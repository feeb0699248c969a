import type { z } from 'zod/mini';
import { NO_SITE_URL, siteUrlFor } from './config.ts';
import { exportAttachments, withExport } from './email/export.ts';
import { LINK_PLACEHOLDER, linkSecretKey, type LinkSecret } from './email/links.ts';
import { confirmationRequestEmail, receiptEmail, workforceEmails } from './email/messages.ts';
import { forms, isFormId, type FormContent, type FormDefinition } from './forms/index.ts';
import { html, isCrossSite, json, readAnswers, redirect, wantsPage, type Answers } from './http.ts';
import { errorsFromIssues } from './forms/errors.ts';
import { mayEmail, waitBeforeNext } from './limits.ts';
import { normaliseAnswers, single } from './normalise.ts';
import { sendAfterAnswer, submissionKey, tokenKey, type HeldEmail, type SubmissionRecord } from './outbox.ts';
import { hashToken, newReference, newToken, type RandomBytes } from './reference.ts';
import { route } from './routing.ts';
import { formPage } from './pages.ts';
import { BODY_REFUSAL, refuse } from './refusals.ts';
import type { Intake } from './runtime.ts';
import { agreedTerms } from './terms-version.ts';

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
  if (!isFormId(formId))
    return refuse(request, deps, { reason: 'noForm', message: 'There is no form at this address' });
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
    return refuse(
      request,
      deps,
      { reason: 'wrongMethod', message: 'Send this form with POST', headers: { allow: 'POST' } },
      onForm(),
    );
  }
  if (isCrossSite(request, deps.config.siteUrl ? [deps.config.siteUrl] : [])) {
    // Not read, and not shown again: answers another site chose must not appear in our form.
    return refuse(
      request,
      deps,
      { reason: 'crossSite', message: 'This form can only be sent from this website' },
      onForm(),
    );
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
  const accepted = (reference: string, held: HeldEmail[] = []) =>
    asHtml
      ? redirect(sentPath(definition, reference, held))
      : json(201, held.length > 0 ? { reference, held } : { reference });

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
    return html(
      422,
      await formPage(request, deps, definition, content, keptValues(definition, content, body.answers), errors),
    );
  }

  const siteUrl = siteUrlFor(deps.config, request);
  if (!siteUrl) {
    deps.log(NO_SITE_URL);
    return refuse(request, deps, notSent, onForm(body.answers));
  }
  let record: SubmissionRecord;
  try {
    record = await store(parsed.data, definition, content, deps, siteUrl);
  } catch (error) {
    deps.log(`${formId}: not stored: ${(error as Error).message}`);
    return refuse(request, deps, notSent, onForm(body.answers));
  }

  // Stored: answer now. Sending happens after the answer; the outbox sends whatever it leaves.
  void sendAfterAnswer(record.reference, deps);
  deps.log(`${record.reference}: stored`);
  return accepted(record.reference, record.held);
}

/** The sent page; `?held=` names the emails that could not go, so the page can say so (sent-page.ts). */
export const sentPath = (definition: FormDefinition, reference: string, held: HeldEmail[] = []) =>
  `${definition.path}sent/${reference}/${held.length > 0 ? `?held=${held.join(',')}` : ''}`;

function looksLikeABot(answers: Answers, deps: SubmissionDeps): boolean {
  if (single(answers.website).trim() !== '') return true;
  // _started is set by the browser script when the page opens; a plain POST without it is not judged.
  const started = Number(single(answers._started));
  if (!single(answers._started) || !Number.isFinite(started)) return false;
  const elapsed = deps.now() - started;
  return elapsed >= 0 && elapsed < deps.config.minFillMs;
}

/** The schema's problems in the one error shape the page and the browser script share. */
export const toErrors = (error: z.core.$ZodError) => errorsFromIssues(error.issues);

async function store(
  data: unknown,
  definition: FormDefinition,
  content: FormContent,
  deps: SubmissionDeps,
  siteUrl: string,
): Promise<SubmissionRecord> {
  const now = deps.now();
  const submitter = definition.submitter(data);
  const wanted = definition.secondSignature?.(data);
  // Typed addresses get at most a few emails a day; over that the form still reaches WD.
  const held: HeldEmail[] = [];
  if (!(await mayEmail(deps.recipientLimiter, submitter.email, now, deps.log))) held.push('receipt');
  if (wanted && !(await mayEmail(deps.recipientLimiter, wanted.email, now, deps.log))) held.push('request');
  const signatory = held.includes('request') ? undefined : wanted;
  const token = signatory ? newToken(deps.random) : undefined;
  const expiresAt = new Date(now + CONFIRM_LINK_DAYS * DAY);
  const settings = { from: deps.config.emailFrom };
  // The terms as they read now, kept with the submission: the second signer confirms this copy.
  const terms = definition.terms ? agreedTerms(definition.terms(content)) : undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = newReference(definition.referencePrefix, deps.random);
    const submission = {
      reference,
      definition,
      content,
      rows: definition.answerRows(data, content),
      submitter,
      route: route(definition, data, content),
      // The stored email holds a placeholder; the link itself is kept apart until sent (email/links.ts).
      confirmation: signatory && token ? { ...signatory, link: LINK_PLACEHOLDER, expiresAt } : undefined,
      held: { receipt: held.includes('receipt'), request: held.includes('request') },
      secondRole: wanted?.role,
      terms,
    };
    const createdAt = new Date(now).toISOString();
    const exported = exportAttachments(definition, content, {
      reference,
      formId: definition.id,
      submittedAt: createdAt,
      answers: data as Record<string, unknown>,
    });
    const request = submission.confirmation ? confirmationRequestEmail(submission, settings, 'submitted') : undefined;
    const emails = [
      ...withExport(workforceEmails(submission, settings, 'submitted'), exported),
      ...(held.includes('receipt') ? [] : [receiptEmail(submission, settings, 'submitted')]),
      ...(request ? [request] : []),
    ];
    const record: SubmissionRecord = {
      reference,
      formId: definition.id,
      createdAt,
      answers: data as Record<string, unknown>,
      batches: [{ stage: 'submitted', idempotencyKey: `${reference}/submitted`, emails, attempts: 0 }],
      confirmation:
        signatory && token
          ? { ...signatory, tokenHash: hashToken(token), expiresAt: expiresAt.toISOString(), siteUrl }
          : undefined,
      ...(terms && { terms }),
      ...(held.length > 0 && { held }),
    };
    const secret: LinkSecret | undefined =
      request && token ? { emailKey: request.key, link: `${siteUrl}/confirm/${token}/` } : undefined;
    // The token first: a submission whose link cannot be looked up would be half-done.
    if (token && !(await deps.store.set(tokenKey(hashToken(token)), { reference }, { onlyIfNew: true }))) {
      throw new Error('token collision');
    }
    let stored = false;
    let secretWritten = false;
    try {
      // onlyIfNew: a reference taken by another submission must not lose that one's link.
      secretWritten = !secret || (await deps.store.set(linkSecretKey(reference), secret, { onlyIfNew: true }));
      stored = secretWritten && (await deps.store.set(submissionKey(reference), record, { onlyIfNew: true }));
    } finally {
      // Without its submission the link is useless: take it away again (best effort).
      if (!stored && token) await deps.store.delete(tokenKey(hashToken(token))).catch(() => {});
      if (!stored && secret && secretWritten) await deps.store.delete(linkSecretKey(reference)).catch(() => {});
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
