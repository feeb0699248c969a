import { escapeHtml, multiline } from '../html/escape.ts';
import type { AnswerRow, FormContent, FormDefinition, SecondSignatory } from '../forms/types.ts';
import { formatDate } from '../forms/rules.ts';
import type { Route } from '../routing.ts';
import { termsText } from '../forms/terms.ts';
import { renderTerms } from '../html/terms.ts';
import type { AgreedTerms } from '../terms-version.ts';

// Every email the intake sends, as plain text and HTML. The mail rule (docs/security.md): an email
// to an address someone typed carries nothing anyone typed and no link but this site's own. So only
// workforce development's emails (to inboxes from content) carry the answers; the sender's receipt
// and the request to confirm (to typed addresses) carry our words, the scheme's name, the kind of
// form, the reference and, for the request, the single-use link. Everything in HTML is escaped.

export interface OutgoingEmail {
  /** Our identity for this email: reference, stage and recipient. */
  key: string;
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Holds the confirmation link's placeholder, filled in only when sent (email/links.ts). */
  carriesLink?: true;
  /** Files sent with it (WD's CSV and JSON of the submission): such an email is sent on its own. */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** The file, base64. */
  content: string;
}

export interface EmailSettings {
  from: string;
}

interface Submission {
  reference: string;
  definition: FormDefinition;
  content: FormContent;
  rows: AnswerRow[];
  submitter: { name: string; email: string };
  route: Route;
  confirmation?: SecondSignatory & { link: string; expiresAt: Date };
  /** Typed addresses over their daily limit (functions/limits.ts): their email is not sent. */
  held?: { receipt?: boolean; request?: boolean };
  /** The role of the person who should confirm, kept when their request is held. */
  secondRole?: string;
  /** The terms the sender agreed to, with their version. */
  terms?: AgreedTerms;
}

const termsHeading = (terms: AgreedTerms) => `Terms agreed: version ${terms.version}`;
const termsLine = (terms: AgreedTerms) =>
  `${termsHeading(terms)}. The full text the sender agreed to is below; the person confirming is shown the same text.`;

/** Why an email to a typed address was not sent, told to workforce development. */
const heldReason = 'because that address has already had as many emails from us as we send in one day';

const the = (role: string) => `the ${role}`;
/** Who would have confirmed, when their request could not be sent (then there is no confirmation). */
const secondRole = (submission: Submission) => submission.secondRole ?? 'person who needs to confirm it';
const lower = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body>${body}</body></html>`;

const rowsText = (rows: AnswerRow[]) => rows.map((row) => `${row.label}\n${row.value}`).join('\n\n');

const rowsHtml = (rows: AnswerRow[]) =>
  `<table>${rows
    .map(
      (row) =>
        `<tr><th scope="row" align="left" valign="top">${escapeHtml(row.label)}</th><td>${multiline(row.value)}</td></tr>`,
    )
    .join('')}</table>`;

/** The submission, to each workforce development inbox, with every answer; Reply-To the sender. */
export function workforceEmails(submission: Submission, settings: EmailSettings, stage: string): OutgoingEmail[] {
  const { reference, definition, route, rows, submitter, confirmation } = submission;
  const subject = `${definition.name} ${reference} – ${route.organisationLabel}`;
  const awaiting = confirmation
    ? `Awaiting confirmation from ${the(confirmation.role)}. We have asked them to confirm by ${formatDate(
        confirmation.expiresAt.toISOString().slice(0, 10),
      )} and will email you when they do.`
    : '';
  const notSent = [
    submission.held?.request && definition.secondSignature
      ? `Not confirmed: we could not email ${the(secondRole(submission))} a link to confirm, ${heldReason}. Please contact them to confirm it.`
      : '',
    submission.held?.receipt ? `We could not send the sender their receipt, ${heldReason}. The reference was shown to them when they sent the form.` : '',
  ].filter(Boolean);
  const intro = `A new ${lower(definition.name)} has been sent through ${submission.content.settings.schemeName}.`;
  const { terms } = submission;
  const agreed = terms ? [termsLine(terms), termsText(terms.terms)] : [];
  const text = [intro, awaiting, ...notSent, `Reference: ${reference}`, rowsText(rows), ...agreed, `Reply to this email to contact the sender.`]
    .filter(Boolean)
    .join('\n\n');
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      (awaiting ? `<p><strong>${escapeHtml(awaiting)}</strong></p>` : '') +
      notSent.map((line) => `<p><strong>${escapeHtml(line)}</strong></p>`).join('') +
      `<p>Reference: <strong>${escapeHtml(reference)}</strong></p>` +
      rowsHtml(rows) +
      (terms ? `<h2>${escapeHtml(termsHeading(terms))}</h2><p>${escapeHtml(termsLine(terms))}</p>${renderTerms(terms.terms)}` : '') +
      `<p>Reply to this email to contact the sender.</p>`,
  );
  return submission.route.inboxes.map((inbox) => ({
    key: `${reference}/${stage}/${inbox.toLowerCase()}`,
    from: settings.from,
    to: inbox,
    replyTo: submitter.email,
    subject,
    text,
    html,
  }));
}

/** The sender's receipt: the reference and what happens next, none of their answers. */
export function receiptEmail(submission: Submission, settings: EmailSettings, stage: string): OutgoingEmail {
  const { reference, definition, content, confirmation } = submission;
  const subject = `We have received your ${lower(definition.name)}: ${reference}`;
  const steps = [
    ...(confirmation
      ? [`We have emailed ${the(confirmation.role)} a link to confirm the ${lower(definition.name)}. Ask them to look out for it.`]
      : submission.held?.request && definition.secondSignature
        ? [`We could not email ${the(secondRole(submission))} a link to confirm the ${lower(definition.name)}. Workforce development has your form and will contact them.`]
        : []),
    ...content.text.whatHappensNext,
  ];
  const intro = `Thank you. We have received your ${lower(definition.name)}.`;
  const contact = `If you have a question, email ${content.settings.contactEmail} and quote your reference.`;
  const text = [
    intro,
    `Your reference is ${reference}`,
    `What happens next`,
    steps.map((step) => `- ${step}`).join('\n'),
    contact,
    content.settings.schemeName,
  ].join('\n\n');
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      `<p>Your reference is <strong>${escapeHtml(reference)}</strong></p>` +
      `<h2>What happens next</h2><ul>${steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ul>` +
      `<p>${escapeHtml(contact)}</p><p>${escapeHtml(content.settings.schemeName)}</p>`,
  );
  return {
    key: `${reference}/${stage}/${submission.submitter.email.toLowerCase()}`,
    from: settings.from,
    to: submission.submitter.email,
    replyTo: content.settings.contactEmail,
    subject,
    text,
    html,
  };
}

/**
 * To the manager or the other party, at an address the sender typed: the scheme, the kind of form,
 * the reference and the single-use link, nothing anyone typed. What they are asked to confirm is on
 * the page behind the link. `link` is the placeholder that is filled in when the email is sent.
 */
export function confirmationRequestEmail(submission: Submission, settings: EmailSettings, stage: string): OutgoingEmail {
  const { reference, definition, content } = submission;
  const confirmation = submission.confirmation!;
  const scheme = content.settings.schemeName;
  const kind = lower(definition.name);
  const expires = formatDate(confirmation.expiresAt.toISOString().slice(0, 10));
  const subject = `Please confirm a ${kind}: ${reference}`;
  const intro = `You have been named as ${the(confirmation.role)} on a ${kind} sent through ${scheme}.`;
  const open = `Open this link to read the ${kind} and confirm it:`;
  const expiry = `The link works once and expires on ${expires}. If you did not expect this email, you do not need to do anything.`;
  const text = [intro, `Reference: ${reference}`, `${open}\n${confirmation.link}`, expiry, scheme].join('\n\n');
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      `<p>Reference: <strong>${escapeHtml(reference)}</strong></p>` +
      `<p>${escapeHtml(open)}<br><a href="${escapeHtml(confirmation.link)}">${escapeHtml(confirmation.link)}</a></p>` +
      `<p>${escapeHtml(expiry)}</p><p>${escapeHtml(scheme)}</p>`,
  );
  return {
    key: `${reference}/${stage}/${confirmation.email.toLowerCase()}`,
    from: settings.from,
    to: confirmation.email,
    replyTo: content.settings.contactEmail,
    subject,
    text,
    html,
    carriesLink: true,
  };
}

/** The short follow-up to workforce development once the second person confirms. */
export function confirmedEmails(
  submission: Pick<Submission, 'reference' | 'definition' | 'route' | 'content'> & {
    role: string;
    confirmedName: string;
    confirmedAt: Date;
    /** The terms they confirmed: the copy stored with the submission. */
    terms?: AgreedTerms;
  },
  settings: EmailSettings,
  stage: string,
): OutgoingEmail[] {
  const { reference, definition, route, role, confirmedName, confirmedAt } = submission;
  const subject = `Confirmed: ${definition.name} ${reference} – ${route.organisationLabel}`;
  const when = confirmedAt.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });
  const line = `The ${role} has confirmed ${lower(definition.name)} ${reference}.`;
  const signed = `They typed their name as: ${confirmedName}`;
  const at = `Confirmed on ${when} (UK time).`;
  const terms = submission.terms
    ? `They were shown, and confirmed, the terms of coaching version ${submission.terms.version}: the same text as in the first email about ${reference}.`
    : '';
  const lines = [line, signed, at, terms].filter(Boolean);
  const text = lines.join('\n\n');
  const html = page(subject, lines.map((item) => `<p>${escapeHtml(item)}</p>`).join(''));
  return route.inboxes.map((inbox) => ({
    key: `${reference}/${stage}/${inbox.toLowerCase()}`,
    from: settings.from,
    to: inbox,
    subject,
    text,
    html,
  }));
}
