import { fill, fillHtml, inSentence, type Values } from '../fill.ts';
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

/** The values every email may name: the kind of form, as a title and in a sentence, and the reference. */
const formValues = (definition: FormDefinition, reference: string): Values => ({
  formName: definition.name,
  form: inSentence(definition.name),
  reference,
});

const strongReference = (reference: string) => ({ reference: `<strong>${escapeHtml(reference)}</strong>` });

const day = (date: Date) => formatDate(date.toISOString().slice(0, 10));

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
  const words = submission.content.intake.emails.toWorkforce;
  const values = {
    ...formValues(definition, reference),
    organisations: route.organisationLabel,
    scheme: submission.content.settings.schemeName,
  };
  const subject = fill(words.subject, values);
  const awaiting = confirmation
    ? fill(words.awaiting, { role: confirmation.role, date: day(confirmation.expiresAt) })
    : '';
  const notSent = [
    submission.held?.request && definition.secondSignature
      ? fill(words.requestNotSent, { role: submission.secondRole ?? words.unknownRole })
      : '',
    submission.held?.receipt ? words.receiptNotSent : '',
  ].filter(Boolean);
  const intro = fill(words.intro, values);
  const { terms } = submission;
  const termsLine = terms ? fill(words.termsLine, { version: terms.version }) : '';
  const agreed = terms ? [termsLine, termsText(terms.terms)] : [];
  const text = [intro, awaiting, ...notSent, fill(words.reference, values), rowsText(rows), ...agreed, words.reply]
    .filter(Boolean)
    .join('\n\n');
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      (awaiting ? `<p><strong>${escapeHtml(awaiting)}</strong></p>` : '') +
      notSent.map((line) => `<p><strong>${escapeHtml(line)}</strong></p>`).join('') +
      `<p>${fillHtml(words.reference, values, strongReference(reference))}</p>` +
      rowsHtml(rows) +
      (terms
        ? `<h2>${escapeHtml(fill(words.termsHeading, { version: terms.version }))}</h2><p>${escapeHtml(termsLine)}</p>${renderTerms(terms.terms)}`
        : '') +
      `<p>${escapeHtml(words.reply)}</p>`,
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
  const words = content.intake.emails.receipt;
  const values = {
    ...formValues(definition, reference),
    scheme: content.settings.schemeName,
    contact: content.settings.contactEmail,
  };
  const subject = fill(words.subject, values);
  const steps = [
    ...(confirmation
      ? [fill(words.requestSent, { ...values, role: confirmation.role })]
      : submission.held?.request && definition.secondSignature
        ? [fill(words.requestNotSent, { ...values, role: submission.secondRole ?? words.unknownRole })]
        : []),
    ...content.text.whatHappensNext,
  ];
  const intro = fill(words.intro, values);
  const contact = fill(words.contact, values);
  const signOff = fill(words.signOff, values);
  const text = [
    intro,
    fill(words.reference, values),
    words.nextHeading,
    steps.map((step) => `- ${step}`).join('\n'),
    contact,
    signOff,
  ].join('\n\n');
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      `<p>${fillHtml(words.reference, values, strongReference(reference))}</p>` +
      `<h2>${escapeHtml(words.nextHeading)}</h2><ul>${steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ul>` +
      `<p>${escapeHtml(contact)}</p><p>${escapeHtml(signOff)}</p>`,
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
export function confirmationRequestEmail(
  submission: Submission,
  settings: EmailSettings,
  stage: string,
): OutgoingEmail {
  const { reference, definition, content } = submission;
  const confirmation = submission.confirmation!;
  const words = content.intake.emails.confirmRequest;
  const values = { ...formValues(definition, reference), scheme: content.settings.schemeName, role: confirmation.role };
  const subject = fill(words.subject, values);
  const intro = fill(words.intro, values);
  const open = fill(words.open, values);
  const expiry = fill(words.expiry, { date: day(confirmation.expiresAt) });
  const signOff = fill(words.signOff, values);
  const text = [intro, fill(words.reference, values), `${open}\n${confirmation.link}`, expiry, signOff].join('\n\n');
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      `<p>${fillHtml(words.reference, values, strongReference(reference))}</p>` +
      `<p>${escapeHtml(open)}<br><a href="${escapeHtml(confirmation.link)}">${escapeHtml(confirmation.link)}</a></p>` +
      `<p>${escapeHtml(expiry)}</p><p>${escapeHtml(signOff)}</p>`,
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
  const words = submission.content.intake.emails.confirmed;
  const values = { ...formValues(definition, reference), organisations: route.organisationLabel, role };
  const subject = fill(words.subject, values);
  const uk = { timeZone: 'Europe/London' } as const;
  const lines = [
    fill(words.confirmed, values),
    fill(words.typedName, { name: confirmedName }),
    fill(words.when, {
      date: confirmedAt.toLocaleDateString('en-GB', { ...uk, dateStyle: 'long' }),
      time: confirmedAt.toLocaleTimeString('en-GB', { ...uk, timeStyle: 'short' }),
    }),
    submission.terms ? fill(words.terms, { version: submission.terms.version, reference }) : '',
  ].filter(Boolean);
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
