import { escapeHtml } from '../html/escape.ts';
import { formatDate } from '../forms/rules.ts';
import type { EmailWords } from '../../src/schemas/intake-words.ts';
import { fill, type Values } from '../fill.ts';
import type { OutgoingEmail } from './messages.ts';

// The follow-up emails: the reminder to the second signer, the expiry notices, and the alerts about
// bounced or complained-about emails. Emails to an address someone TYPED (the second signer, the
// applicant) carry nothing anyone typed: only the scheme's name, the kind of form, the reference,
// this site's own link and the scheme's contact address. WD and the maintainers get the reference
// and, for WD, the submission as attachments.

export interface NoticeContext {
  reference: string;
  /** The kind of form, as a title: "Coaching application". */
  formName: string;
  /** The kind of form, as in a sentence: "coaching application". */
  formKind: string;
  schemeName: string;
  contactEmail: string;
  from: string;
  /** Every email's words (content/emails/). */
  words: EmailWords;
}

const page = (title: string, paragraphs: string[]) =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body>${paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('')}</body></html>`;

function email(
  context: NoticeContext,
  stage: string,
  to: string,
  subject: string,
  lines: string[],
  extra: Partial<OutgoingEmail> = {},
): OutgoingEmail {
  return {
    key: `${context.reference}/${stage}/${to.toLowerCase()}`,
    from: context.from,
    to,
    subject,
    text: lines.join('\n\n'),
    html: page(subject, lines),
    ...extra,
  };
}

const day = (iso: string) => formatDate(iso.slice(0, 10));

/** What every notice may name: the kind of form, the reference, the scheme and its contact address. */
const valuesOf = (context: NoticeContext): Values => ({
  formName: context.formName,
  form: context.formKind,
  reference: context.reference,
  scheme: context.schemeName,
  contact: context.contactEmail,
});

/** Once, some days after the request, to the person asked to confirm: the same link, nothing typed. */
export function reminderEmail(context: NoticeContext, to: string, link: string, expiresAt: string): OutgoingEmail {
  const words = context.words.reminder;
  const values = { ...valuesOf(context), link, date: day(expiresAt) };
  const subject = fill(words.subject, values);
  const [intro, expiry, reference, signOff] = [words.intro, words.expiry, words.reference, words.signOff].map((text) =>
    fill(text, values),
  );
  const lines = [intro!, fill(words.link, values), expiry!, reference!, signOff!];
  const html = page(subject, [intro!]).replace(
    '</body>',
    `<p><a href="${escapeHtml(link)}">${escapeHtml(fill(words.linkText, values))}</a></p>` +
      [expiry!, reference!, signOff!].map((text) => `<p>${escapeHtml(text)}</p>`).join('') +
      '</body>',
  );
  return { ...email(context, 'reminder', to, subject, lines, { replyTo: context.contactEmail }), html };
}

/** When the link expires unused: to the applicant, who can ask the other person again. */
export function expiredApplicantEmail(context: NoticeContext, to: string, role: string): OutgoingEmail {
  const words = context.words.expiredApplicant;
  const values = { ...valuesOf(context), role };
  return email(
    context,
    'expired',
    to,
    fill(words.subject, values),
    [fill(words.expired, values), fill(words.next, values), fill(words.signOff, values)],
    { replyTo: context.contactEmail },
  );
}

/** When the link expires unused: to each WD inbox, with the submission attached. */
export function expiredWorkforceEmails(
  context: NoticeContext,
  inboxes: string[],
  role: string,
  organisations: string,
): OutgoingEmail[] {
  const words = context.words.expiredWorkforce;
  const values = { ...valuesOf(context), role, organisations };
  return inboxes.map((inbox) =>
    email(context, 'expired', inbox, fill(words.subject, values), [fill(words.expired, values), words.next]),
  );
}

export type EventKind = 'bounced' | 'complained';

/** A WD inbox bounced or complained: the scheme's maintainers hear, with the reference and the inbox only. */
export function maintainerAlertEmail(
  context: NoticeContext,
  stage: string,
  to: string,
  inbox: string,
  kind: EventKind,
): OutgoingEmail {
  const words = context.words.inboxAlert;
  const values = { ...valuesOf(context), inbox, problem: words[kind] };
  return email(context, stage, to, fill(words.subject, values), [fill(words.what, values), words.next]);
}

/**
 * The applicant's or second signer's address bounced: WD hears, so they can follow up. `who` is the
 * second signer's role, or undefined for the person who sent the form.
 */
export function recipientBouncedEmails(
  context: NoticeContext,
  stage: string,
  inboxes: string[],
  who: string | undefined,
  kind: EventKind,
): OutgoingEmail[] {
  const words = context.words.addressBounced;
  const values = { ...valuesOf(context), recipient: who ?? words.sender, problem: words[kind] };
  return inboxes.map((inbox) =>
    email(context, stage, inbox, fill(words.subject, values), [fill(words.what, values), words.next]),
  );
}
