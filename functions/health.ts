import { STORAGE_LABELS } from './config.ts';
import { json } from './http.ts';
import type { Intake } from './runtime.ts';

/** Why /api/health answers 503 on a deployed copy without an email service. */
export const NO_EMAIL_REASON = 'RESEND_API_KEY is not set, so this copy of the site sends no email';

/**
 * GET /api/health: whether email and storage are set up. 200 when this copy can do its job; 503,
 * saying why, on a deployed copy (a deploy preview) that cannot send email.
 */
export function health(deps: Pick<Intake, 'config' | 'mailer'>): Response {
  const email = { resend: 'resend', files: 'local .eml files', 'not configured': 'not configured' }[deps.mailer.kind];
  const storage = STORAGE_LABELS[deps.config.storage];
  if (deps.mailer.kind === 'not configured') {
    return json(503, { ok: false, email, storage, reason: NO_EMAIL_REASON });
  }
  return json(200, { ok: true, email, storage });
}
