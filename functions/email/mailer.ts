import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Resend } from 'resend';
import { toEml } from './eml.ts';
import type { OutgoingEmail } from './messages.ts';

export type SendResult =
  /** Accepted; `ids` are the service's ids of the emails, in order, when it gave them. */
  | { ok: true; ids?: string[] }
  /** Not sent; try again later, no sooner than retryAfterMs when the service said so. */
  | { ok: false; reason: string; retryAfterMs?: number };

export interface Mailer {
  /** 'resend', 'files' (local .eml) or 'not configured' (deployed without a key: everything waits). */
  readonly kind: 'resend' | 'files' | 'not configured';
  /** Sends emails without attachments in one request; the key makes a retry of the same batch harmless. */
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string, options?: { timeoutMs?: number }): Promise<SendResult>;
  /** Sends one email on its own (Resend's batch endpoint drops attachments). */
  sendEmail(email: OutgoingEmail, idempotencyKey: string, options?: { timeoutMs?: number }): Promise<SendResult>;
}

/** Retry-After in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Resend tags on every email: its reference and stage come back in the delivery webhooks, so an
 * event finds its submission even when the send's answer (with the email's id) was lost.
 */
export function emailTags(email: OutgoingEmail): { name: string; value: string }[] {
  const [reference = '', stage = ''] = email.key.split('/');
  return [
    { name: 'reference', value: reference.replace(/[^A-Za-z0-9_-]/g, '_') },
    { name: 'stage', value: stage.replace(/[^A-Za-z0-9_-]/g, '_') },
  ];
}

type ResendAnswer = {
  data?: unknown;
  error: { name: string; message: string; statusCode?: number | null } | null;
  headers?: Record<string, string> | null;
};

function outcome(answer: ResendAnswer): SendResult {
  const { error, headers, data } = answer;
  if (!error) {
    const list = (data as { data?: { id: string }[] } | null)?.data ?? [data as { id?: string } | null];
    return { ok: true, ids: list.map((item) => item?.id ?? '') };
  }
  const status = 'statusCode' in error ? error.statusCode : null;
  return {
    ok: false,
    reason: `Resend ${status ?? 'unreachable'}: ${error.name}: ${error.message}`,
    retryAfterMs: parseRetryAfter(headers?.['retry-after']),
  };
}

const toResend = (email: OutgoingEmail) => ({
  from: email.from,
  to: [email.to],
  replyTo: email.replyTo,
  subject: email.subject,
  text: email.text,
  html: email.html,
  tags: emailTags(email),
});

export function resendMailer({ apiKey, baseUrl }: { apiKey: string; baseUrl?: string }): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  const guarded = async (send: () => Promise<ResendAnswer>): Promise<SendResult> => {
    try {
      return outcome(await send());
    } catch (error) {
      return { ok: false, reason: `Resend did not answer: ${(error as Error).message}` };
    }
  };
  return {
    kind: 'resend',
    sendBatch: (emails, idempotencyKey, { timeoutMs = 10_000 } = {}) =>
      guarded(() =>
        resend.batch.send(emails.map(toResend), { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) }),
      ),
    sendEmail: (email, idempotencyKey, { timeoutMs = 10_000 } = {}) =>
      guarded(() =>
        resend.emails.send(
          {
            ...toResend(email),
            attachments: email.attachments?.map((file) => ({
              filename: file.filename,
              content: file.content,
              contentType: file.contentType,
            })),
          },
          { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) } as Parameters<typeof resend.emails.send>[1],
        ),
      ),
  };
}

/**
 * The .eml file's name: reference, stage and a short hash of the recipient, so that neither the
 * file name nor the log line that names it carries an address.
 */
export function emlFileName(email: OutgoingEmail): string {
  const [reference = 'email', stage = ''] = email.key.split('/');
  const who = createHash('sha256').update(email.key).digest('hex').slice(0, 10);
  return `${`${reference}_${stage}`.replace(/[^A-Za-z0-9_-]+/g, '_')}_${who}.eml`;
}

/** Local stand-in for Resend: each email becomes an .eml file under $DATA_DIR/outbox/. */
export function fileMailer(outboxDir: string, log: (line: string) => void = console.log): Mailer {
  const write = async (emails: OutgoingEmail[], idempotencyKey: string): Promise<SendResult> => {
    await mkdir(outboxDir, { recursive: true });
    for (const email of emails) {
      // One file per email key: a repeated batch overwrites, never duplicates, as Resend would.
      const file = path.join(outboxDir, emlFileName(email));
      await writeFile(file, toEml(email));
      // References and stages only: no address (the file's To header has it).
      log(
        `Email written to ${path.relative(process.cwd(), file) || file} (${idempotencyKey.split('/').slice(0, 2).join('/')})`,
      );
    }
    return { ok: true };
  };
  return {
    kind: 'files',
    sendBatch: write,
    sendEmail: (email, idempotencyKey) => write([email], idempotencyKey),
  };
}

export const unconfiguredMailer: Mailer = {
  kind: 'not configured',
  async sendBatch() {
    return { ok: false, reason: 'Email is not configured: set RESEND_API_KEY' };
  },
  async sendEmail() {
    return { ok: false, reason: 'Email is not configured: set RESEND_API_KEY' };
  },
};
