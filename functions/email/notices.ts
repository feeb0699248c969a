import { escapeHtml } from '../html/escape.ts';
import { formatDate } from '../forms/rules.ts';
import type { OutgoingEmail } from './messages.ts';

// The follow-up emails: the reminder to the second signer, the expiry notices, and the alerts about
// bounced or complained-about emails. Emails to an address someone TYPED (the second signer, the
// applicant) carry nothing anyone typed: only the scheme's name, the kind of form, the reference,
// this site's own link and the scheme's contact address. WD and the maintainers get the reference
// and, for WD, the submission as attachments.

export interface NoticeContext {
  reference: string;
  /** The kind of form, as in a sentence: "coaching application". */
  formKind: string;
  schemeName: string;
  contactEmail: string;
  from: string;
}

const page = (title: string, paragraphs: string[]) =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body>${paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('')}</body></html>`;

function email(context: NoticeContext, stage: string, to: string, subject: string, lines: string[], extra: Partial<OutgoingEmail> = {}): OutgoingEmail {
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

/** Once, some days after the request, to the person asked to confirm: the same link, nothing typed. */
export function reminderEmail(context: NoticeContext, to: string, link: string, expiresAt: string): OutgoingEmail {
  const subject = `Reminder: please confirm a ${context.formKind}: ${context.reference}`;
  const lines = [
    `You have been asked to confirm a ${context.formKind} sent through ${context.schemeName}.`,
    `Confirm it here: ${link}`,
    `The link works once and expires on ${day(expiresAt)}. If you did not expect this email, you do not need to do anything.`,
    `Reference: ${context.reference}`,
    context.schemeName,
  ];
  const html =
    page(subject, lines.slice(0, 1)).replace(
      '</body>',
      `<p><a href="${escapeHtml(link)}">Check and confirm the ${escapeHtml(context.formKind)}</a></p>` +
        lines.slice(2).map((text) => `<p>${escapeHtml(text)}</p>`).join('') +
        '</body>',
    );
  return { ...email(context, 'reminder', to, subject, lines, { replyTo: context.contactEmail }), html };
}

/** When the link expires unused: to the applicant, who can ask the other person again. */
export function expiredApplicantEmail(context: NoticeContext, to: string, role: string): OutgoingEmail {
  return email(
    context,
    'expired',
    to,
    `Not confirmed: your ${context.formKind} ${context.reference}`,
    [
      `The link we sent to the ${role} to confirm your ${context.formKind} ${context.reference} has expired without being used.`,
      `We have told the workforce development team. If you still want to go ahead, email ${context.contactEmail} and quote your reference.`,
      context.schemeName,
    ],
    { replyTo: context.contactEmail },
  );
}

/** When the link expires unused: to each WD inbox, with the submission attached. */
export function expiredWorkforceEmails(context: NoticeContext, inboxes: string[], role: string, organisations: string): OutgoingEmail[] {
  return inboxes.map((inbox) =>
    email(context, 'expired', inbox, `Not confirmed: ${context.formKind} ${context.reference} – ${organisations}`, [
      `The ${role} did not confirm ${context.formKind} ${context.reference} within 14 days, and the link has expired.`,
      `We have told the applicant. The submission is attached.`,
    ]),
  );
}

export type EventKind = 'bounced' | 'complained';

const what = (kind: EventKind) => (kind === 'bounced' ? 'bounced' : 'was marked as spam');

/** A WD inbox bounced or complained: the scheme's maintainers hear, with the reference and the inbox only. */
export function maintainerAlertEmail(context: NoticeContext, stage: string, to: string, inbox: string, kind: EventKind): OutgoingEmail {
  return email(context, stage, to, `Email to a workforce development inbox ${what(kind)}: ${context.reference}`, [
    `An email about ${context.formKind} ${context.reference} to the workforce development inbox ${inbox} ${what(kind)}.`,
    `Check the inbox in the site settings or the partner organisation’s page in the CMS. The submission is kept until its emails are delivered; nothing else about it is in this email.`,
  ]);
}

/** The applicant's or second signer's address bounced: WD hears, so they can follow up. */
export function recipientBouncedEmails(
  context: NoticeContext,
  stage: string,
  inboxes: string[],
  who: string,
  kind: EventKind,
): OutgoingEmail[] {
  return inboxes.map((inbox) =>
    email(context, stage, inbox, `Email to the ${who} ${what(kind)}: ${context.formKind} ${context.reference}`, [
      `Our email about ${context.formKind} ${context.reference} to the ${who} ${what(kind)}.`,
      `Please follow up with them another way. The submission is attached.`,
    ]),
  );
}
