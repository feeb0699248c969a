import { STORAGE_LABELS } from './config.ts';
import { json } from './http.ts';
import type { Intake } from './runtime.ts';

/** GET /api/health: always 200, and says whether email and storage are set up. */
export function health(deps: Pick<Intake, 'config' | 'mailer'>): Response {
  const email = { resend: 'resend', files: 'local .eml files', 'not configured': 'not configured' }[deps.mailer.kind];
  return json(200, { ok: true, email, storage: STORAGE_LABELS[deps.config.storage] });
}
