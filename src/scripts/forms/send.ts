import type { FieldError } from '../../../functions/html/types.ts';
import { rateLimitedMessage, type FormScriptWords } from './messages.ts';

// Sending the answers with fetch and reading the endpoint's answer (docs/intake.md): one outcome for
// each thing the page then does. No DOM here.

export type SendOutcome =
  | { kind: 'sent'; location: string }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'not-sent'; message: string };

export interface SendRequest {
  /** The form page, with trailing slash: the sent page is under it. */
  formPath: string;
  endpoint: string;
  body: Record<string, unknown>;
  messages: FormScriptWords;
  fetch?: typeof fetch;
}

/** Where the browser goes once the form is stored: the sent page, told of any email held back. */
export function sentLocation(formPath: string, reference: string, held: unknown): string {
  // Emails the server could not send (a typed address over its daily limit): the sent page says so.
  const heldQuery = Array.isArray(held) && held.length > 0 ? `?held=${encodeURIComponent(held.join(','))}` : '';
  return `${formPath}sent/${encodeURIComponent(reference)}/${heldQuery}`;
}

export async function sendAnswers({
  formPath,
  endpoint,
  body,
  messages,
  fetch: send = fetch,
}: SendRequest): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await send(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { kind: 'not-sent', message: messages.network };
  }
  const reply = (await response.json().catch(() => ({}))) as { reference?: unknown; held?: unknown; errors?: unknown };
  if (response.status === 201 && typeof reply.reference === 'string') {
    return { kind: 'sent', location: sentLocation(formPath, reply.reference, reply.held) };
  }
  if (response.status === 422 && Array.isArray(reply.errors))
    return { kind: 'invalid', errors: reply.errors as FieldError[] };
  if (response.status === 429) {
    return {
      kind: 'not-sent',
      message: rateLimitedMessage(messages, Number(response.headers.get('retry-after')) || 60),
    };
  }
  return { kind: 'not-sent', message: response.status === 413 ? messages.tooLarge : messages.server };
}
