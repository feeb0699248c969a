import { escapeHtml } from '../html/escape.ts';
import type { Store } from '../store.ts';
import type { OutgoingEmail } from './messages.ts';

// A confirmation link carries the raw token, and whoever holds it can confirm. So the stored email
// body holds a placeholder, and the link itself is kept apart under `link-secrets/<reference>` until
// the email is delivered; then it is deleted, and the store keeps only the token's SHA-256
// (`tokens/<hash>`). Every retry before delivery fills in the same link, so a retried batch is still
// byte-identical for the email service's idempotency key.

export const LINK_PLACEHOLDER = '{{confirm-link}}';
export const LINK_SECRETS_PREFIX = 'link-secrets/';
/** The first request's link, or a later stage's own (the reminder carries a fresh single-use link). */
export const linkSecretKey = (reference: string, stage = 'submitted') =>
  stage === 'submitted' ? `${LINK_SECRETS_PREFIX}${reference}` : `${LINK_SECRETS_PREFIX}${reference}/${stage}`;

export interface LinkSecret {
  /** The one email the link goes into (emails are matched by key, never by the placeholder alone). */
  emailKey: string;
  link: string;
}

/** The batch as it is sent: the flagged email with its link filled in; undefined if the link is gone. */
export async function withLinks(
  store: Store,
  reference: string,
  emails: OutgoingEmail[],
  stage = 'submitted',
): Promise<OutgoingEmail[] | undefined> {
  if (!emails.some((email) => email.carriesLink)) return emails;
  const secret = (await store.get<LinkSecret>(linkSecretKey(reference, stage)))?.value;
  if (!secret) return undefined;
  return emails.map((email) =>
    email.carriesLink && email.key === secret.emailKey
      ? {
          ...email,
          text: email.text.replaceAll(LINK_PLACEHOLDER, secret.link),
          html: email.html.replaceAll(LINK_PLACEHOLDER, escapeHtml(secret.link)),
        }
      : email,
  );
}

export const dropLinkSecret = (store: Store, reference: string, stage = 'submitted') =>
  store.delete(linkSecretKey(reference, stage));
