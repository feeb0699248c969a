import { z } from 'zod';
import { requiredText } from './shared.ts';
import { placeholderWords } from './words.ts';

// The words of every email the intake sends (content/emails/*.yml) and of the sent and confirm pages
// (content/pages/sent.yml, confirm.yml). Each sentence may use only the placeholders the code fills in
// for it, so a typo ({referense}) or a value that email must not carry fails the build and the CMS
// with one sentence naming the email and the placeholder. The mail rule (docs/security.md) is kept
// here too: an email to an address someone typed offers no placeholder for anything anyone typed
// (no names, no organisation typed as "another organisation"), only the scheme's own words, the kind
// of form, the reference, dates, this site's link and the contact address.

/** Words of `email` that may use `names`, and must use `required`. */
const part =
  (email: string) =>
  (what: string, names: readonly string[] = [], required: readonly string[] = []) =>
    placeholderWords(`${what} of ${email}`, names, required);

const subject = (email: string, names: readonly string[]) => part(email)('the subject', names, ['reference']);

const WD = 'the email to workforce development';
const toWorkforce = part(WD);
/** To each workforce development inbox (from content): every answer, then the terms if any. */
export const workforceEmailSchema = z.object({
  subject: subject(WD, ['formName', 'form', 'reference', 'organisations']),
  intro: toWorkforce('the first line', ['form', 'formName', 'scheme']),
  awaiting: toWorkforce('the line about waiting for confirmation', ['role', 'date']),
  requestNotSent: toWorkforce('the line when the link to confirm could not be emailed', ['role']),
  receiptNotSent: toWorkforce('the line when the receipt could not be emailed'),
  unknownRole: requiredText(`who confirms when the form does not say, in ${WD}`),
  reference: toWorkforce('the reference line', ['reference'], ['reference']),
  termsHeading: toWorkforce('the heading of the terms', ['version'], ['version']),
  termsLine: toWorkforce('the line about the terms', ['version']),
  reply: toWorkforce('the last line'),
});

const RECEIPT = 'the receipt to the person who sent the form';
const receipt = part(RECEIPT);
/** To the address the sender typed: the reference and what happens next, nothing they typed. */
export const receiptEmailSchema = z.object({
  subject: subject(RECEIPT, ['form', 'formName', 'reference']),
  intro: receipt('the first line', ['form', 'formName', 'scheme']),
  reference: receipt('the reference line', ['reference'], ['reference']),
  nextHeading: receipt('the heading of the next steps'),
  requestSent: receipt('the step when the link to confirm was emailed', ['role', 'form']),
  requestNotSent: receipt('the step when the link to confirm could not be emailed', ['role', 'form']),
  unknownRole: requiredText(`who confirms when the form does not say, in ${RECEIPT}`),
  contact: receipt('the contact line', ['contact', 'scheme'], ['contact']),
  signOff: receipt('the sign-off', ['scheme']),
});

const REQUEST = 'the request to confirm';
const request = part(REQUEST);
/** To the manager or the other party, at an address the sender typed: the link, nothing typed. */
export const confirmRequestEmailSchema = z.object({
  subject: subject(REQUEST, ['form', 'formName', 'reference']),
  intro: request('the first line', ['role', 'form', 'formName', 'scheme']),
  reference: request('the reference line', ['reference'], ['reference']),
  open: request('the line before the link', ['form', 'formName']),
  expiry: request('the line about when the link expires', ['date']),
  signOff: request('the sign-off', ['scheme']),
});

const CONFIRMED = 'the email to workforce development when a form is confirmed';
const confirmed = part(CONFIRMED);
export const confirmedEmailSchema = z.object({
  subject: subject(CONFIRMED, ['formName', 'form', 'reference', 'organisations']),
  confirmed: confirmed('the first line', ['role', 'form', 'formName', 'reference']),
  typedName: confirmed('the line with the name they typed', ['name'], ['name']),
  when: confirmed('the line saying when', ['date', 'time']),
  terms: confirmed('the line about the terms', ['version', 'reference']),
});

const REMINDER = 'the reminder to confirm';
const reminder = part(REMINDER);
/** Once, some days after the request, to the person asked to confirm: a fresh link, nothing typed. */
export const reminderEmailSchema = z.object({
  subject: subject(REMINDER, ['form', 'formName', 'reference']),
  intro: reminder('the first line', ['form', 'formName', 'scheme']),
  link: reminder('the line with the link (plain-text email)', ['link', 'form', 'formName'], ['link']),
  linkText: reminder('the link’s words (HTML email)', ['form', 'formName']),
  expiry: reminder('the line about when the link expires', ['date']),
  reference: reminder('the reference line', ['reference'], ['reference']),
  signOff: reminder('the sign-off', ['scheme']),
});

const EXPIRED_APPLICANT = 'the email to the person who sent the form when the link expires';
const expiredApplicant = part(EXPIRED_APPLICANT);
export const expiredApplicantEmailSchema = z.object({
  subject: subject(EXPIRED_APPLICANT, ['form', 'formName', 'reference']),
  expired: expiredApplicant('the first line', ['role', 'form', 'formName', 'reference']),
  next: expiredApplicant('what they can do', ['contact', 'scheme']),
  signOff: expiredApplicant('the sign-off', ['scheme']),
});

const EXPIRED_WD = 'the email to workforce development when the link expires';
const expiredWorkforce = part(EXPIRED_WD);
export const expiredWorkforceEmailSchema = z.object({
  subject: subject(EXPIRED_WD, ['form', 'formName', 'reference', 'organisations']),
  expired: expiredWorkforce('the first line', ['role', 'form', 'formName', 'reference']),
  next: expiredWorkforce('the last line'),
});

/** How "{problem}" reads for each kind of delivery problem. */
const problems = (email: string) => ({
  bounced: requiredText(`how “bounced” reads in ${email}`),
  complained: requiredText(`how “marked as spam” reads in ${email}`),
});

const INBOX_ALERT = 'the alert to the maintainers when a workforce development inbox bounces';
const inboxAlert = part(INBOX_ALERT);
/** To the maintainers' inbox: the reference and the inbox only, never the answers. */
export const inboxAlertEmailSchema = z.object({
  subject: subject(INBOX_ALERT, ['problem', 'form', 'formName', 'reference']),
  what: inboxAlert('the first line', ['form', 'formName', 'reference', 'inbox', 'problem']),
  next: inboxAlert('the last line'),
  ...problems(INBOX_ALERT),
});

const ADDRESS_BOUNCED = 'the email to workforce development when a typed address bounces';
const addressBounced = part(ADDRESS_BOUNCED);
export const addressBouncedEmailSchema = z.object({
  subject: subject(ADDRESS_BOUNCED, ['recipient', 'problem', 'form', 'formName', 'reference']),
  what: addressBounced('the first line', ['form', 'formName', 'reference', 'recipient', 'problem']),
  next: addressBounced('the last line'),
  sender: requiredText(`how the person who sent the form is called in ${ADDRESS_BOUNCED}`),
  ...problems(ADDRESS_BOUNCED),
});

const SENT = 'the sent page';
const sent = part(SENT);
/** The page after a form is sent (src/components/forms/SentPage.astro, functions/html/sent-page.ts). */
export const sentPageSchema = z.object({
  title: sent('the title', ['formName', 'form']),
  description: sent('the summary for search results', ['formName', 'form']),
  referenceLead: sent('the words before the reference'),
  referenceUnknown: sent('the words when the reference is not on the page'),
  sending: sent('the line about the confirmation email'),
  sendingRequest: sent('the line about the link to confirm'),
  nextHeading: sent('the heading of the next steps'),
  contact: sent('the contact line', ['contact'], ['contact']),
  homeLink: sent('the link to the home page'),
});

const CONFIRM = 'the confirm page';
const confirm = part(CONFIRM);
/** The confirm pages: the template at /confirm/, the page for one link, and /confirm/done/. */
export const confirmPageSchema = z.object({
  title: confirm('the title'),
  description: confirm('the summary for search results'),
  intro: confirm('the introduction'),
  lifetime: confirm('the line about how long links work'),
  help: confirm('the contact line', ['contact'], ['contact']),
  confirmTitle: confirm('the title for one form', ['form', 'formName']),
  namedYou: confirm('the first line', ['name', 'role', 'form', 'formName']),
  namedYouWithTerms: confirm('the first line for a form with terms', ['name', 'role', 'form', 'formName']),
  namedYouWithAsk: confirm('the first line for a form that asks something of the reader', [
    'name',
    'role',
    'form',
    'formName',
  ]),
  reference: confirm('the reference line', ['reference'], ['reference']),
  confirmingHeading: confirm('the heading above the answers'),
  askHeading: confirm('the heading above what is asked of the reader'),
  askIntro: confirm('the line above what is asked of the reader'),
  termsHeading: confirm('the heading above the terms'),
  termsIntro: confirm('the line above the terms', ['otherParty']),
  termsVersion: confirm('the line with the terms’ version', ['version'], ['version']),
  formHeading: confirm('the heading above the name box'),
  nameLabel: confirm('the label of the name box'),
  nameHint: confirm('the hint of the name box'),
  nameMissing: confirm('the error when no name is typed'),
  nameTooLong: confirm('the error when the name is too long', ['max'], ['max']),
  nameAddress: confirm('the error when the name holds a web or email address'),
  nameCharacters: confirm('the error when the name holds what names do not contain'),
  button: confirm('the button'),
  doneTitle: confirm('the title once confirmed'),
  doneDescription: confirm('the summary once confirmed'),
  doneThanks: confirm('the thanks once confirmed'),
  doneSent: confirm('the line saying what happens once confirmed'),
  doneLinkUsed: confirm('the line saying the link no longer works'),
  homeLink: confirm('the link to the home page'),
});

export type WorkforceEmailWords = z.infer<typeof workforceEmailSchema>;
export type ReceiptEmailWords = z.infer<typeof receiptEmailSchema>;
export type ConfirmRequestEmailWords = z.infer<typeof confirmRequestEmailSchema>;
export type ConfirmedEmailWords = z.infer<typeof confirmedEmailSchema>;
export type ReminderEmailWords = z.infer<typeof reminderEmailSchema>;
export type ExpiredApplicantEmailWords = z.infer<typeof expiredApplicantEmailSchema>;
export type ExpiredWorkforceEmailWords = z.infer<typeof expiredWorkforceEmailSchema>;
export type InboxAlertEmailWords = z.infer<typeof inboxAlertEmailSchema>;
export type AddressBouncedEmailWords = z.infer<typeof addressBouncedEmailSchema>;
export type SentPageWords = z.infer<typeof sentPageSchema>;
export type ConfirmPageWords = z.infer<typeof confirmPageSchema>;

/** Every email's words, by email. */
export interface EmailWords {
  toWorkforce: WorkforceEmailWords;
  receipt: ReceiptEmailWords;
  confirmRequest: ConfirmRequestEmailWords;
  confirmed: ConfirmedEmailWords;
  reminder: ReminderEmailWords;
  expiredApplicant: ExpiredApplicantEmailWords;
  expiredWorkforce: ExpiredWorkforceEmailWords;
  inboxAlert: InboxAlertEmailWords;
  addressBounced: AddressBouncedEmailWords;
}

/** The intake's own words: its emails and the sent and confirm pages. */
export interface IntakeWords {
  emails: EmailWords;
  sent: SentPageWords;
  confirm: ConfirmPageWords;
}
