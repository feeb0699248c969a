import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Resend } from 'resend';
import { toEml } from './eml.ts';
import type { OutgoingEmail } from './messages.ts';

export type SendResult =
  | { ok: true }
  /** Not sent; try again later, no sooner than retryAfterMs when the service said so. */
  | { ok: false; reason: string; retryAfterMs?: number };

export interface Mailer {
  /** 'resend', 'files' (local .eml) or 'not configured' (deployed without a key: everything waits). */
  readonly kind: 'resend' | 'files' | 'not configured';
  /** Sends one submission's emails in one request; the key makes a retry of the same batch harmless. */
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string, options?: { timeoutMs?: number }): Promise<SendResult>;
}

/** Retry-After in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function resendMailer({ apiKey, baseUrl }: { apiKey: string; baseUrl?: string }): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    kind: 'resend',
    async sendBatch(emails, idempotencyKey, { timeoutMs = 10_000 } = {}) {
      try {
        const { error, headers } = await resend.batch.send(
          emails.map((email) => ({
            from: email.from,
            to: [email.to],
            replyTo: email.replyTo,
            subject: email.subject,
            text: email.text,
            html: email.html,
          })),
          { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
        );
        if (!error) return { ok: true };
        const status = 'statusCode' in error ? error.statusCode : null;
        return {
          ok: false,
          reason: `Resend ${status ?? 'unreachable'}: ${error.name}: ${error.message}`,
          retryAfterMs: parseRetryAfter(headers?.['retry-after']),
        };
      } catch (error) {
        return { ok: false, reason: `Resend did not answer: ${(error as Error).message}` };
      }
    },
  };
}

/** Local stand-in for Resend: each email becomes an .eml file under $DATA_DIR/outbox/. */
export function fileMailer(outboxDir: string, log: (line: string) => void = console.log): Mailer {
  return {
    kind: 'files',
    async sendBatch(emails, idempotencyKey) {
      await mkdir(outboxDir, { recursive: true });
      for (const email of emails) {
        // One file per email key: a repeated batch overwrites, never duplicates, as Resend would.
        const name = `${email.key.replace(/[^A-Za-z0-9@._-]+/g, '_')}.eml`;
        const file = path.join(outboxDir, name);
        await writeFile(file, toEml(email));
        log(`Email to ${email.to} written to ${file} (${idempotencyKey})`);
      }
      return { ok: true };
    },
  };
}

export const unconfiguredMailer: Mailer = {
  kind: 'not configured',
  async sendBatch() {
    return { ok: false, reason: 'Email is not configured: set RESEND_API_KEY' };
  },
};
