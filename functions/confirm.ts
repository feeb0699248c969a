import { exportAttachments, withExport } from './email/export.ts';
import { confirmedEmails } from './email/messages.ts';
import { forms, type FormContent, type FormDefinition } from './forms/index.ts';
import { rowsFromFields } from './forms/answers.ts';
import { nameAnswer } from './forms/rules.ts';
import {
  CONFIRM_NAME_FIELD,
  CONFIRM_PAGE_STATUS,
  renderConfirmPage,
  type ConfirmPageState,
} from './html/confirm-page.ts';
import { html, isCrossSite, readAnswers, redirect } from './http.ts';
import { waitBeforeNext } from './limits.ts';
import { cleanText, single } from './normalise.ts';
import { isTokenOf, sendAfterAnswer, submissionKey, tokenKey, updateRecord, type SubmissionRecord } from './outbox.ts';
import { hashToken, TOKEN_PATTERN } from './reference.ts';
import { route } from './routing.ts';
import type { Intake } from './runtime.ts';
import { barePage } from './pages.ts';
import { BODY_REFUSAL, refuse, type Refusal, type RefusalTemplate } from './refusals.ts';

// /confirm/<token>/: the manager (for an application) or the other party (for an agreement) opens
// the emailed link, sees what they are confirming and types their name. A link works once, for 14
// days. Confirming sends workforce development a short follow-up with the same reference.

export const CONFIRM_DONE_PATH = '/confirm/done/';
/** The static confirm page, filled in for each state and for refusals; it says whom to email itself. */
// same-origin, not no-referrer: the token never leaves in a Referer to another site, but the page's
// own POST keeps its Origin header (no-referrer makes browsers send "Origin: null", which is refused).
const PAGE_HEADERS = { 'x-robots-tag': 'noindex', 'referrer-policy': 'same-origin' };
const CONFIRM_TEMPLATE: RefusalTemplate = { path: '/confirm/', region: 'data-confirm-root', hasHelp: true };
/** The confirming person's typed name follows the same rule as every name on the forms. */
const confirmName = ({ intake: { confirm: words } }: FormContent) =>
  nameAnswer({
    empty: words.nameMissing,
    tooLong: words.nameTooLong,
    address: words.nameAddress,
    characters: words.nameCharacters,
  });

type Lookup =
  | { state: 'expired' | 'used' | 'not-found' }
  | { state: 'ready'; record: SubmissionRecord; definition: FormDefinition };

async function lookup(token: string, deps: Intake): Promise<Lookup> {
  if (!TOKEN_PATTERN.test(token)) return { state: 'not-found' };
  const link = await deps.store.get<{ reference: string }>(tokenKey(hashToken(token)));
  const entry = link && (await deps.store.get<SubmissionRecord>(submissionKey(link.value.reference)));
  const record = entry?.value;
  if (!record?.confirmation || !isTokenOf(record.confirmation, hashToken(token))) return { state: 'not-found' };
  if (record.confirmation.confirmedAt) return { state: 'used' };
  if (Date.parse(record.confirmation.expiresAt) <= deps.now()) return { state: 'expired' };
  return { state: 'ready', record, definition: forms[record.formId] };
}

export async function handleConfirm(request: Request, deps: Intake, clientAddress: string): Promise<Response> {
  try {
    return await confirmLink(request, deps, clientAddress);
  } catch (error) {
    // Storage or content unavailable: say so plainly; the link still works later.
    deps.log(`confirm: ${(error as Error).message}`);
    return refuse(
      request,
      deps,
      {
        reason: 'unavailable',
        message: 'This page is not working right now. Try again in a few minutes.',
        headers: { ...PAGE_HEADERS, 'retry-after': '60' },
      },
      { template: CONFIRM_TEMPLATE },
    );
  }
}

async function confirmLink(request: Request, deps: Intake, clientAddress: string): Promise<Response> {
  const token = new URL(request.url).pathname.match(/^\/confirm\/([^/]+)\/?$/)?.[1] ?? '';
  const refused = (refusal: Refusal, showForm?: (message: string) => Promise<string | undefined>) =>
    refuse(
      request,
      deps,
      { ...refusal, headers: { ...PAGE_HEADERS, ...refusal.headers } },
      { template: CONFIRM_TEMPLATE, showForm },
    );
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
    return refused({
      reason: 'wrongMethod',
      message: 'Open this link, or send the confirmation with POST',
      headers: { allow: 'GET, HEAD, POST' },
    });
  }
  if (request.method === 'POST') {
    if (isCrossSite(request, deps.config.siteUrl ? [deps.config.siteUrl] : [])) {
      return refused({ reason: 'crossSite', message: 'This form can only be sent from this website' });
    }
    const wait = await waitBeforeNext(deps.rateLimiter, clientAddress, deps.now(), deps.log);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      const tooMany: Refusal = {
        reason: 'tooMany',
        message: `Too many attempts. Try again in ${seconds} seconds.`,
        headers: { 'retry-after': String(seconds) },
        waitSeconds: seconds,
      };
      // The confirm page again, with the name they typed and the reason in its error summary.
      return refused(tooMany, async (message) => {
        const found = await lookup(token, deps);
        const body = await readAnswers(request);
        if (found.state !== 'ready') return undefined;
        const name = body.ok ? cleanText(single(body.answers[CONFIRM_NAME_FIELD]), false) : '';
        const state = {
          ...confirmable(token, found, await deps.loadContent(found.record.formId)),
          values: { [CONFIRM_NAME_FIELD]: name },
          errors: [{ field: '', message }],
        };
        return renderConfirmPage(await template(request, deps), { state: 'errors', ...state });
      });
    }
  }
  const found = await lookup(token, deps);
  if (found.state !== 'ready') return unusable(request, deps, found.state);
  const { record, definition } = found;
  const content = await deps.loadContent(record.formId);
  const confirming = confirmable(token, found, content);
  if (request.method !== 'POST') return page(request, deps, { state: 'ready', ...confirming });

  const body = await readAnswers(request);
  if (!body.ok) return refused({ reason: BODY_REFUSAL[body.status], message: body.message });
  const name = cleanText(single(body.answers[CONFIRM_NAME_FIELD]), false);
  const checked = confirmName(content).safeParse(name);
  const error = checked.success ? undefined : checked.error.issues[0]?.message;
  if (error) {
    return page(request, deps, {
      state: 'errors',
      ...confirming,
      values: { [CONFIRM_NAME_FIELD]: name },
      errors: [{ field: CONFIRM_NAME_FIELD, message: error }],
    });
  }

  const confirmedAt = new Date(deps.now());
  // Single use: the check and the write happen in one compare-and-swap, so two clicks confirm once.
  const saved = await updateRecord(deps.store, record.reference, (current) => {
    if (!current.confirmation || current.confirmation.confirmedAt) return undefined;
    current.confirmation.confirmedAt = confirmedAt.toISOString();
    current.confirmation.confirmedName = name;
    current.batches.push({
      stage: 'confirmed',
      idempotencyKey: `${current.reference}/confirmed`,
      queuedAt: confirmedAt.toISOString(),
      emails: withExport(
        confirmedEmails(
          {
            reference: current.reference,
            definition,
            content,
            route: route(definition, current.answers, content),
            role: current.confirmation.role,
            confirmedName: name,
            confirmedAt,
            terms: current.terms,
          },
          { from: deps.config.emailFrom },
          'confirmed',
        ),
        exportAttachments(definition, content, {
          reference: current.reference,
          formId: current.formId,
          submittedAt: current.createdAt,
          answers: current.answers,
          confirmedAt: confirmedAt.toISOString(),
          confirmedName: name,
        }),
      ),
      attempts: 0,
    });
    return current;
  });
  if (!saved) return unusable(request, deps, 'used');
  // Answer now; the follow-up is sent after the answer (and by the outbox if need be).
  void sendAfterAnswer(record.reference, deps);
  deps.log(`${record.reference}: confirmed`);
  return redirect(CONFIRM_DONE_PATH);
}

/** What the confirm page shows for a usable link. */
function confirmable(token: string, { record, definition }: Extract<Lookup, { state: 'ready' }>, content: FormContent) {
  return {
    token,
    formName: definition.name,
    reference: record.reference,
    role: record.confirmation!.role,
    submitterName: definition.submitter(record.answers).name,
    // Addressed to the person reading: "Your email address, as they gave it", not the sender's words.
    rows: rowsFromFields(definition.fields(content), record.answers, { reader: 'confirmer' }),
    // The copy stored with the submission, so both signers agree to the same words.
    terms: record.terms,
    askOfYou: definition.askOfConfirmer?.(content),
    words: content.intake.confirm,
  };
}

/** An expired, used or unknown link: the refusal's words, in the confirm page. */
async function unusable(request: Request, deps: Intake, state: 'expired' | 'used' | 'not-found'): Promise<Response> {
  return page(request, deps, { state, words: await deps.loadRefusals() });
}

async function template(request: Request, deps: Pick<Intake, 'fetchPage'>): Promise<string> {
  try {
    return await deps.fetchPage(new URL(CONFIRM_TEMPLATE.path, request.url));
  } catch {
    return barePage('Confirm a form', CONFIRM_TEMPLATE.region);
  }
}

async function page(request: Request, deps: Intake, state: ConfirmPageState): Promise<Response> {
  const status = CONFIRM_PAGE_STATUS[state.state];
  // The confirm path's headers keep the token out of any Referer (see security-headers.ts).
  return html(
    status,
    renderConfirmPage(await template(request, deps), state),
    PAGE_HEADERS,
    new URL(request.url).pathname,
  );
}
