import { createHash } from 'node:crypto';
import { Resend } from 'resend';
import { maintainerAlertEmail, recipientBouncedEmails, type EventKind } from './email/notices.ts';
import { withExport } from './email/export.ts';
import { exportOf, noticeContext } from './follow-ups.ts';
import { forms } from './forms/index.ts';
import type { FormContent } from './forms/types.ts';
import { problem } from './http.ts';
import { sendAfterAnswer, submissionKey, updateRecord, type Batch, type SubmissionRecord } from './outbox.ts';
import { route } from './routing.ts';
import type { Intake } from './runtime.ts';

// POST /api/email-events: Resend's delivery webhooks. Each is checked with the signing secret
// (RESEND_WEBHOOK_SECRET) by Resend's SDK, which follows the Standard Webhooks scheme: an HMAC over
// the event id, its timestamp and the body, and a timestamp no more than 5 minutes from now. An
// unsigned, wrongly signed, stale or replayed-late event gets 401 and changes nothing. The event is
// recorded on its submission (found by the reference tag every email carries) with its id, so a
// repeated event is handled once, and a bounce or complaint adds an alert batch in the same write:
// - a WD inbox bounced or complained: the maintainers' inbox (content/settings/site.yml) hears,
//   with the reference and the inbox only;
// - the applicant's or second signer's address bounced: WD hears, so they can follow up.

const MAX_BODY = 256 * 1024;

interface ResendEvent {
  type?: string;
  created_at?: string;
  data?: {
    email_id?: string;
    to?: string[] | string;
    tags?: Record<string, string> | { name: string; value: string }[];
  };
}

/** Resend's SDK verifies; it needs some API key to exist, though verifying never calls the API. */
const verifier = new Resend('re_verify_only');

export function verifyEvent(body: string, headers: Headers, secret: string): ResendEvent | undefined {
  const id = headers.get('svix-id') ?? headers.get('webhook-id');
  const timestamp = headers.get('svix-timestamp') ?? headers.get('webhook-timestamp');
  const signature = headers.get('svix-signature') ?? headers.get('webhook-signature');
  if (!id || !timestamp || !signature) return undefined;
  try {
    return verifier.webhooks.verify({
      payload: body,
      headers: { id, timestamp, signature },
      webhookSecret: secret,
    }) as ResendEvent;
  } catch {
    return undefined;
  }
}

const tag = (event: ResendEvent, name: string) => {
  const tags = event.data?.tags;
  if (Array.isArray(tags)) return tags.find((item) => item.name === name)?.value;
  return tags?.[name];
};

/** Who an address is on this submission: the applicant, the second signer's role, WD, or the maintainers. */
function recipientOf(record: SubmissionRecord, address: string, content: FormContent): string {
  // Stored addresses are already trimmed (the forms' normalising, YAML's plain values).
  const same = (other: string | undefined) => other?.toLowerCase() === address;
  if (same(forms[record.formId].submitter(record.answers).email)) return 'applicant';
  if (same(record.confirmation?.email)) return record.confirmation!.role;
  if (same(content.settings.maintainersInbox)) return 'maintainers';
  return 'workforce development';
}

function alertBatch(
  record: SubmissionRecord,
  eventId: string,
  recipient: string,
  address: string,
  kind: EventKind,
  content: FormContent,
  from: string,
  now: number,
): Batch | undefined {
  const stage = `alert-${createHash('sha256').update(eventId).digest('hex').slice(0, 12)}`;
  const context = noticeContext(record, content, from);
  let emails: Batch['emails'] | undefined;
  if (recipient === 'workforce development') {
    emails = [maintainerAlertEmail(context, stage, content.settings.maintainersInbox, address, kind)];
  } else if (recipient !== 'maintainers' && kind === 'bounced') {
    const inboxes = route(forms[record.formId], record.answers, content).inboxes;
    const who = recipient === 'applicant' ? undefined : recipient;
    emails = withExport(recipientBouncedEmails(context, stage, inboxes, who, kind), exportOf(record, content));
  }
  if (!emails) return undefined;
  return {
    stage,
    idempotencyKey: `${record.reference}/${stage}`,
    emails,
    attempts: 0,
    queuedAt: new Date(now).toISOString(),
  };
}

export async function handleEmailEvent(request: Request, deps: Intake): Promise<Response> {
  if (request.method !== 'POST') return problem(405, 'Send delivery events with POST', { allow: 'POST' });
  const body = await request.text();
  if (body.length > MAX_BODY) return problem(413, 'This event is too large');
  if (!deps.config.webhookSecret) {
    deps.log('email event refused: RESEND_WEBHOOK_SECRET is not set');
    return problem(401, 'This event is not signed with our secret');
  }
  const event = verifyEvent(body, request.headers, deps.config.webhookSecret);
  if (!event) {
    deps.log('email event refused: missing, wrong or stale signature');
    return problem(401, 'This event is not signed with our secret');
  }
  const eventId = request.headers.get('svix-id') ?? request.headers.get('webhook-id')!;
  const type = String(event.type ?? '').replace(/^email\./, '');
  const reference = tag(event, 'reference');
  const address = [event.data?.to ?? []].flat()[0]?.trim().toLowerCase();
  if (!reference || !/^[A-Z]{3}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(reference) || !address) {
    deps.log(`email event ${type}: not about a submission; ignored`);
    return Response.json({ handled: false }, { status: 200 });
  }
  try {
    const entry = await deps.store.get<SubmissionRecord>(submissionKey(reference));
    if (!entry) {
      deps.log(`${reference}: email event ${type} for a submission no longer kept; ignored`);
      return Response.json({ handled: false }, { status: 200 });
    }
    const content = await deps.loadContent(entry.value.formId);
    const now = deps.now();
    let added: Batch | undefined;
    const saved = await updateRecord(deps.store, reference, (record) => {
      if (record.events?.some((item) => item.eventId === eventId)) return undefined;
      const recipient = recipientOf(record, address, content);
      const stage = tag(event, 'stage') ?? '';
      record.events = [...(record.events ?? []), { at: new Date(now).toISOString(), type, recipient, stage, eventId }];
      added =
        type === 'bounced' || type === 'complained'
          ? alertBatch(record, eventId, recipient, address, type, content, deps.config.emailFrom, now)
          : undefined;
      if (added) record.batches.push(added);
      return record;
    });
    if (!saved) {
      deps.log(`${reference}: email event ${type} already handled`);
      return Response.json({ handled: true, repeated: true }, { status: 200 });
    }
    deps.log(`${reference}: email event ${type} recorded${added ? `; ${added.stage} added` : ''}`);
    if (added) void sendAfterAnswer(reference, deps);
    return Response.json({ handled: true }, { status: 200 });
  } catch (error) {
    // Resend retries a failed delivery of the event, so "try again" is the honest answer.
    deps.log(`${reference}: email event ${type} not recorded (${(error as Error).message})`);
    return problem(503, 'Not recorded. Try again.', { 'retry-after': '60' });
  }
}
