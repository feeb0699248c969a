import { escapeHtml, multiline } from '../html/escape.ts';
import type { AnswerRow, FormContent, FormDefinition, SecondSignatory } from '../forms/types.ts';
import { formatDate } from '../forms/rules.ts';
import type { Route } from '../routing.ts';

// Every email the intake sends, as plain text and HTML. Answers appear only in emails to workforce
// development and to the person asked to confirm; the sender's own receipt repeats none of their free
// text, so a mistyped address leaks nothing. Everything in HTML is escaped.

export interface OutgoingEmail {
  /** Our identity for this email: reference, stage and recipient. */
  key: string;
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
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
  siteUrl: string;
}

interface Submission {
  reference: string;
  definition: FormDefinition;
  content: FormContent;
  rows: AnswerRow[];
  submitter: { name: string; email: string };
  route: Route;
  confirmation?: SecondSignatory & { link: string; expiresAt: Date };
}

const the = (role: string) => `the ${role}`;
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
  const intro = `A new ${lower(definition.name)} has been sent through ${submission.content.settings.schemeName}.`;
  const text = [intro, awaiting, `Reference: ${reference}`, rowsText(rows), `Reply to this email to contact the sender.`]
    .filter(Boolean)
    .join('\n\n');
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      (awaiting ? `<p><strong>${escapeHtml(awaiting)}</strong></p>` : '') +
      `<p>Reference: <strong>${escapeHtml(reference)}</strong></p>` +
      rowsHtml(rows) +
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

/** To the manager or the other party: what they are asked to confirm, and the single-use link. */
export function confirmationRequestEmail(submission: Submission, settings: EmailSettings, stage: string): OutgoingEmail {
  const { reference, definition, content, submitter, rows } = submission;
  const confirmation = submission.confirmation!;
  const expires = formatDate(confirmation.expiresAt.toISOString().slice(0, 10));
  const subject = `Please confirm a ${lower(definition.name)}: ${reference}`;
  const intro = `${submitter.name} has named you as ${the(confirmation.role)} on a ${lower(definition.name)} sent through ${content.settings.schemeName}. Please check it and confirm it.`;
  const link = `Confirm it here: ${confirmation.link}`;
  const expiry = `The link works once and expires on ${expires}. If you did not expect this email, you do not need to do anything.`;
  const text = [intro, link, expiry, `Reference: ${reference}`, `What you are asked to confirm`, rowsText(rows)].join('\n\n');
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      `<p><a href="${escapeHtml(confirmation.link)}">Check and confirm the ${escapeHtml(lower(definition.name))}</a></p>` +
      `<p>${escapeHtml(expiry)}</p>` +
      `<p>Reference: <strong>${escapeHtml(reference)}</strong></p>` +
      `<h2>What you are asked to confirm</h2>` +
      rowsHtml(rows),
  );
  return {
    key: `${reference}/${stage}/${confirmation.email.toLowerCase()}`,
    from: settings.from,
    to: confirmation.email,
    replyTo: content.settings.contactEmail,
    subject,
    text,
    html,
  };
}

/** The short follow-up to workforce development once the second person confirms. */
export function confirmedEmails(
  submission: Pick<Submission, 'reference' | 'definition' | 'route' | 'content'> & {
    role: string;
    confirmedName: string;
    confirmedAt: Date;
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
  const text = [line, signed, at].join('\n\n');
  const html = page(
    subject,
    `<p>${escapeHtml(line)}</p><p>${escapeHtml(signed)}</p><p>${escapeHtml(at)}</p>`,
  );
  return route.inboxes.map((inbox) => ({
    key: `${reference}/${stage}/${inbox.toLowerCase()}`,
    from: settings.from,
    to: inbox,
    subject,
    text,
    html,
  }));
}
