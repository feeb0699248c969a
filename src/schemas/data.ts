import { z } from 'zod';
import { emailAddress, orderNumber, requiredText, textList } from './shared.ts';

/** A readiness question (content/readiness/*.yml) with the prompts that help an organisation answer it. */
export const readinessQuestionSchema = z.object({
  number: orderNumber('question', 5),
  question: requiredText('the question'),
  prompts: textList('prompts'),
  helpLabel: requiredText('the link text for the guidance that helps with this question'),
  helpHref: z
    .string({ error: 'Enter the address of the guidance that helps, like /principles/' })
    .regex(/^\/[a-z0-9\-/#]*$/, { error: 'Enter the address of the guidance that helps, like /principles/' }),
});
export type ReadinessQuestion = z.infer<typeof readinessQuestionSchema>;

/** A partner organisation (content/organisations/*.yml); its file name is the value the forms send. */
export const organisationSchema = z.object({
  name: requiredText('the organisation’s name', { max: 80 }),
  shortName: requiredText('a short name for the organisation', { max: 20 }),
  inboxes: z
    .array(emailAddress('the workforce development inbox'), { error: 'Add at least one workforce development inbox' })
    .min(1, { error: 'Add at least one workforce development inbox' }),
});
export type Organisation = z.infer<typeof organisationSchema>;

/** The lists the forms and guidance offer (content/lists/*.yml). */
export const areasOfCoachingSchema = z.object({ items: textList('areas of coaching') });
export const coachExpectationsSchema = z.object({
  intro: requiredText('a sentence that introduces the expectations'),
  items: textList('coach expectations'),
  research: requiredText('what the research is, and that taking part is optional'),
});
export const guidingPrinciplesSchema = z.object({ items: textList('guiding principles') });

/**
 * The standard terms of coaching (content/lists/agreement-terms.yml), in sections with headings:
 * confidentiality and its exceptions, each party's commitments, the line manager's part, and the
 * practical arrangements. Flat fields, so the CMS edits them as they are (it has no nested objects).
 */
export const agreementTermsSchema = z.object({
  intro: requiredText('a sentence introducing the terms'),
  confidentialityHeading: requiredText('the heading for confidentiality'),
  confidentiality: requiredText('what confidentiality means'),
  exceptionsIntro: requiredText('the sentence that introduces the exceptions to confidentiality'),
  confidentialityExceptions: textList('exceptions to confidentiality'),
  coachHeading: requiredText('the heading for what the coach commits to'),
  coach: textList('things the coach commits to'),
  coacheeHeading: requiredText('the heading for what the coachee commits to'),
  coachee: textList('things the coachee commits to'),
  lineManagerHeading: requiredText('the heading for the line manager’s part'),
  lineManager: textList('things the line manager commits to'),
  arrangementsHeading: requiredText('the heading for the practical arrangements'),
  noticeToCancel: requiredText('the notice needed to cancel a session'),
  reviewPoint: requiredText('when the coaching is reviewed'),
  endingEarly: requiredText('how either party may end the coaching'),
});
export type AgreementTerms = z.infer<typeof agreementTermsSchema>;

export { formTextSchema, formWordsSchema, type FormText, type FormWords } from './forms.ts';

/** Placeholders a refusal's words must keep: the code fills them in. */
const withPlaceholder = (what: string, placeholder: string) =>
  // A pattern rather than a refine, so the CMS gets the same rule.
  requiredText(what).regex(new RegExp(`\\{${placeholder}\\}`), {
    error: `Keep {${placeholder}} in ${what}: it is replaced by the real value`,
  });

/**
 * What a browser is told when the site refuses a form or a confirmation (content/settings/refusals.yml):
 * a heading and what happened and what to do, for each reason. JSON clients keep their own contract.
 */
export const refusalsSchema = z.object({
  crossSiteTitle: requiredText('the heading when a form came from another website'),
  crossSiteMessage: requiredText('what to say when a form came from another website'),
  noFormTitle: requiredText('the heading when there is no form at an address'),
  noFormMessage: requiredText('what to say when there is no form at an address'),
  wrongMethodTitle: requiredText('the heading when the form address is opened rather than sent to'),
  wrongMethodMessage: requiredText('what to say when the form address is opened rather than sent to'),
  unreadableTitle: requiredText('the heading when a form could not be read'),
  unreadableMessage: requiredText('what to say when a form could not be read'),
  tooLargeTitle: requiredText('the heading when a form is too large'),
  tooLargeMessage: requiredText('what to say when a form is too large'),
  wrongTypeTitle: requiredText('the heading when a form was sent in a way we cannot read'),
  wrongTypeMessage: requiredText('what to say when a form was sent in a way we cannot read'),
  tooManyTitle: requiredText('the heading when too many forms came from one connection'),
  tooManyMessage: withPlaceholder('what to say when too many forms came from one connection', 'wait'),
  notSentTitle: requiredText('the heading when a form could not be stored'),
  notSentMessage: requiredText('what to say when a form could not be stored'),
  unavailableTitle: requiredText('the heading when a confirm link cannot be opened right now'),
  unavailableMessage: requiredText('what to say when a confirm link cannot be opened right now'),
  help: withPlaceholder('the line saying whom to email', 'contact'),
  waitOneMinute: requiredText('how a wait of one minute reads'),
  waitMinutes: withPlaceholder('how a wait of several minutes reads', 'minutes'),
  linkExpiredTitle: requiredText('the heading when a confirm link has expired'),
  linkExpiredMessage: textList('paragraphs saying what to do when a confirm link has expired'),
  linkUsedTitle: requiredText('the heading when a confirm link has been used'),
  linkUsedMessage: textList('paragraphs saying what to do when a confirm link has been used'),
  linkNotFoundTitle: requiredText('the heading when a confirm link does not work'),
  linkNotFoundMessage: textList('paragraphs saying what to do when a confirm link does not work'),
});
export type Refusals = z.infer<typeof refusalsSchema>;

/** Placeholders a sentence must keep, all of them, in one pattern (the CMS carries one per field). */
const withPlaceholders = (what: string, placeholders: string[]) =>
  requiredText(what).regex(new RegExp(placeholders.map((name) => `(?=[\\s\\S]*\\{${name}\\})`).join('')), {
    error: `Keep ${placeholders.map((name) => `{${name}}`).join(' and ')} in ${what}: they are replaced by the real values`,
  });

/**
 * What the form pages' script says (content/settings/forms.yml): its buttons, the "not sent" messages,
 * the saved-answers notes and what it announces. It reaches the script in the page's form data.
 */
export const formScriptSchema = z.object({
  continueButton: requiredText('the words of the button that goes on to check the answers', { max: 40 }),
  sendButton: requiredText('the words of the button that sends the form', { max: 40 }),
  sendingButton: requiredText('the words of the send button while the form is being sent', { max: 40 }),
  sending: requiredText('what is announced while the form is being sent'),
  checkTitle: requiredText('the start of the page title while people check their answers', { max: 60 }),
  network: requiredText('what to say when the connection failed'),
  server: requiredText('what to say when something went wrong on our side'),
  tooLarge: requiredText('what to say when the answers are too long'),
  rateLimited: withPlaceholder('what to say when too many forms came from one connection', 'wait'),
  oneMinute: requiredText('how one minute reads in the wait', { max: 20 }),
  minutes: withPlaceholder('how several minutes read in the wait', 'count'),
  restored: requiredText('the line saying answers typed before were filled in'),
  restoredAt: withPlaceholders('the line saying when the answers filled in were typed', ['date', 'time']),
  keeping: requiredText('the note saying answers are kept in this browser'),
  clearButton: requiredText('the words of the button that clears saved answers', { max: 40 }),
  cleared: requiredText('what is announced when saved answers are cleared'),
});
export type FormScriptWords = z.infer<typeof formScriptSchema>;

/** Scheme-wide settings (content/settings/site.yml). */
export const siteSettingsSchema = z.object({
  schemeName: requiredText('the scheme name', { max: 60 }),
  tagline: requiredText('a one-line description of the scheme', { max: 120 }),
  contactEmail: emailAddress('the contact inbox'),
  fallbackInbox: emailAddress('the fallback inbox for organisations not listed'),
  receiptNotSent: requiredText('what the sent page says when the sender’s confirmation email could not be sent'),
  requestNotSent: requiredText('what the sent page says when the link to confirm could not be emailed'),
  noEmailHere: requiredText('what forms say on a copy of the site that sends no email'),
  maintainersInbox: emailAddress('the maintainers’ inbox for email delivery alerts'),
});
export type SiteSettings = z.infer<typeof siteSettingsSchema>;
