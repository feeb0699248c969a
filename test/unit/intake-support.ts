import { fileURLToPath } from 'node:url';
import { readConfig } from '../../functions/config.ts';
import { loadFormContent, loadRefusals } from '../../functions/content.ts';
import type { SendResult, Mailer } from '../../functions/email/mailer.ts';
import type { OutgoingEmail } from '../../functions/email/messages.ts';
import type { FormId } from '../../functions/forms/index.ts';
import {
  LIMITS_PREFIX,
  Pacer,
  PACER_KEY,
  RateLimiter,
  RECIPIENTS_PREFIX,
  recipientLimiter,
} from '../../functions/limits.ts';
import { MemoryStore, type Store } from '../../functions/store.ts';
import type { SubmissionDeps } from '../../functions/submission.ts';

// Shared by the intake unit tests: the fixture content (fictional organisations), an email service
// that records what it is asked to send, and stores that fail on purpose.

export const FIXTURE_CONTENT = fileURLToPath(new URL('../fixtures/intake/content', import.meta.url));
export const fixtureContent = (formId: FormId) => loadFormContent(formId, FIXTURE_CONTENT);

export class RecordingMailer implements Mailer {
  readonly kind = 'resend' as const;
  readonly calls: { emails: OutgoingEmail[]; idempotencyKey: string }[] = [];
  /** Answers to give, in order; after they run out, every call succeeds. */
  readonly script: SendResult[] = [];

  async sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<SendResult> {
    this.calls.push({ emails, idempotencyKey });
    return this.script.shift() ?? { ok: true, ids: emails.map(() => `email-${++this.sent}`) };
  }

  /** One email with attachments, on its own (as the WD emails go). */
  async sendEmail(email: OutgoingEmail, idempotencyKey: string): Promise<SendResult> {
    return this.sendBatch([email], idempotencyKey);
  }

  private sent = 0;

  get emails() {
    return this.calls.flatMap((call) => call.emails);
  }
}

/** A store whose writes fail, like Blobs during an outage. */
export class BrokenStore extends MemoryStore {
  override async set(): Promise<boolean> {
    throw new Error('storage is down');
  }
}

/** What a store holds apart from the rate limits' counts and the pacer's next send time. */
export const keptData = (store: MemoryStore) =>
  [...store.entries.keys()].filter(
    (key) => !key.startsWith(LIMITS_PREFIX) && !key.startsWith(RECIPIENTS_PREFIX) && key !== PACER_KEY,
  );

export const FORM_PAGE = `<!doctype html><html lang="en-GB"><head><title>Become a coach – Coaching Scheme Hub</title></head><body><main><div data-error-summary-root></div><div data-form-root><form></form></div></main></body></html>`;
export const CONFIRM_PAGE = `<!doctype html><html lang="en-GB"><head><title>Confirm a form – Coaching Scheme Hub</title></head><body><main><div data-confirm-root></div></main></body></html>`;
export const REFUSAL_PAGE = `<!doctype html><html lang="en-GB"><head><title>Your form has not been sent – Coaching Scheme Hub</title></head><body><main><div data-refusal-root></div></main></body></html>`;
export const SENT_PAGE = `<!doctype html><html lang="en-GB"><head><title>Form sent – Coaching Scheme Hub</title></head><body><main><p data-reference-root>Check your email for your reference.</p></main></body></html>`;

/** The site's static templates, as the functions fetch them. */
export async function staticPage(url: URL): Promise<string> {
  if (url.pathname === '/confirm/') return CONFIRM_PAGE;
  if (url.pathname === '/form-not-sent/') return REFUSAL_PAGE;
  if (url.pathname.endsWith('/sent/')) return SENT_PAGE;
  if (['/become-a-coach/', '/apply-for-coaching/', '/coaching-agreement/'].includes(url.pathname)) return FORM_PAGE;
  throw new Error(`404 ${url.pathname}`);
}

export function testDeps(overrides: Partial<SubmissionDeps> & { store?: Store } = {}) {
  let clock = Date.parse('2026-11-26T10:00:00Z');
  const mailer = new RecordingMailer();
  const store = overrides.store ?? new MemoryStore();
  const logs: string[] = [];
  // Work started after the answer, as Netlify's context.waitUntil would keep it running.
  const background: Promise<unknown>[] = [];
  const deps: SubmissionDeps = {
    config: { ...readConfig({}), siteUrl: 'https://coaching.example.org', minFillMs: 3000 },
    store,
    mailer,
    now: () => clock,
    // Both keep their state in the store, as in production.
    rateLimiter: new RateLimiter(store, 1_000_000, 60_000),
    recipientLimiter: recipientLimiter(store, 3),
    pacer: new Pacer(
      1_000_000,
      () => clock,
      async () => {},
      store,
    ),
    loadContent: fixtureContent,
    loadRefusals: () => loadRefusals(FIXTURE_CONTENT),
    fetchPage: staticPage,
    log: (line) => logs.push(line),
    waitUntil: (promise) => {
      background.push(promise);
    },
    ...overrides,
  };
  return {
    deps,
    mailer: deps.mailer as RecordingMailer,
    store: deps.store as MemoryStore,
    logs,
    advance: (ms: number) => {
      clock += ms;
    },
    /** Waits for everything started after the answers (sending). */
    settle: async () => {
      while (background.length) await Promise.all(background.splice(0));
    },
  };
}

export const post = (form: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`https://coaching.example.org/api/forms/${form}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
