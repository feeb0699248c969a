import type { z } from 'zod';
import { fileCollections } from '../schemas/content-model.ts';
import type { CollectionHint, FieldHint } from './ui-hints.ts';

// Labels and hints for the emails' words (content/emails/) and the sent and confirm pages'
// (content/pages/sent.yml, confirm.yml). Each hint lists the placeholders its words may use, read
// from the schema's own rule, so the hint cannot promise one the build would refuse.

/** What each placeholder becomes, in the editor's terms. */
const MEANS: Record<string, string> = {
  reference: 'the form’s reference (APP-, EOI- or AGR- and eight letters and digits)',
  form: 'the kind of form in a sentence, like “coaching application”',
  formName: 'the kind of form as a title, like “Coaching application”',
  scheme: 'the scheme name from Site settings',
  contact: 'the contact email address from Site settings',
  organisations: 'the organisations the form is for, like “Eastmere and Northfield”',
  role: 'who confirms, like “line manager” or “coach”',
  date: 'a date, like 10 December 2026',
  time: 'a time, like 14:30',
  version: 'the version of the terms of coaching',
  name: 'the name the person confirming typed',
  link: 'the single-use link to confirm',
  inbox: 'the workforce development inbox that bounced',
  problem: 'what happened: the words in “Bounced” or “Marked as spam” below',
  recipient: 'who the email was to: the words in “The sender” below, or who confirms',
  otherParty: 'the person who sent the form, like “coach” or “coachee”',
};

type Check = { check: string; format?: string; pattern?: RegExp };
const checksOf = (schema: z.ZodType): Check[] =>
  ((schema as unknown as { _zod: { def: { checks?: { _zod: { def: Check } }[] } } })._zod.def.checks ?? []).map(
    (c) => c._zod.def,
  );

/** The placeholders a field's rule allows, and those it requires, read from its pattern. */
export function placeholdersOf(schema: z.ZodType): { names: string[]; required: string[] } {
  const pattern = checksOf(schema).find((check) => check.format === 'regex')?.pattern?.source ?? '';
  const names =
    pattern
      .match(/\\\{\(\?:([^)]*)\)\\\}/)?.[1]
      ?.split('|')
      .filter((name) => /^\w+$/.test(name)) ?? [];
  const required = [...pattern.matchAll(/\(\?=\[\\s\\S\]\*\\\{(\w+)\\\}\)/g)].map((match) => match[1]!);
  return { names, required };
}

/** A field's hint: what it is for, then the placeholders it may use. */
function hintFor(schema: z.ZodType, about?: string): string | undefined {
  const { names, required } = placeholdersOf(schema);
  const listed = names.map(
    (name) => `{${name}} is ${MEANS[name] ?? name}${required.includes(name) ? ' (keep it)' : ''}`,
  );
  const placeholders = listed.length ? `${listed.join('; ')}. No other words in { } work here.` : '';
  return [about, placeholders].filter(Boolean).join(' ') || undefined;
}

type Fields<N extends keyof typeof fileCollections> = Record<
  keyof (typeof fileCollections)[N]['schema']['shape'] & string,
  [label: string, about?: string, long?: 'text']
>;

/** Hints for one file collection, each field's placeholders read from its schema. */
function collection<N extends keyof typeof fileCollections>(
  name: N,
  label: string,
  description: string,
  fields: Fields<N>,
): Omit<CollectionHint, 'labelSingular'> {
  const shape = fileCollections[name].schema.shape as Record<string, z.ZodType>;
  return {
    label,
    description,
    fields: Object.fromEntries(
      Object.entries(fields as Record<string, [string, string?, 'text'?]>).map(([field, [fieldLabel, about, long]]) => {
        const hint = hintFor(shape[field]!, about);
        const entry: FieldHint = { label: fieldLabel, ...(hint ? { hint } : {}), ...(long ? { widget: long } : {}) };
        return [field, entry];
      }),
    ),
  };
}

const SIGN_OFF = 'The last line, usually just the scheme name.';
const SENT_TO_TYPED = 'This email goes to an address someone typed, so it can carry none of anyone’s answers.';

export const intakeHints = {
  emailToWorkforce: collection(
    'emailToWorkforce',
    'To workforce development: a new form',
    `Sent to each workforce development inbox of the organisations a form is for, with every answer after the reference line. Replying writes to the sender.`,
    {
      subject: ['Subject'],
      intro: ['First line', undefined, 'text'],
      awaiting: ['Waiting for confirmation', 'Shown when someone else still has to confirm the form.', 'text'],
      requestNotSent: [
        'When the link to confirm could not be emailed',
        'Shown when that address has had as many emails as the scheme sends in a day.',
        'text',
      ],
      receiptNotSent: [
        'When the receipt could not be emailed',
        'Shown when the sender’s address has had as many emails as the scheme sends in a day.',
        'text',
      ],
      unknownRole: [
        'Who confirms, when the form does not say',
        'Used as {role} when the form does not say who confirms.',
      ],
      reference: ['Reference line'],
      termsHeading: ['Heading above the terms agreed'],
      termsLine: ['Line about the terms agreed', undefined, 'text'],
      reply: ['Last line'],
    },
  ),
  emailReceipt: collection(
    'emailReceipt',
    'To the sender: receipt',
    `Sent to the person who sent the form. ${SENT_TO_TYPED} The steps under the heading are each form’s “What happens next”.`,
    {
      subject: ['Subject'],
      intro: ['First line'],
      reference: ['Reference line'],
      nextHeading: ['Heading above the next steps'],
      requestSent: ['First step, when someone else confirms', undefined, 'text'],
      requestNotSent: ['First step, when the link to confirm could not be emailed', undefined, 'text'],
      unknownRole: [
        'Who confirms, when the form does not say',
        'Used as {role} when the form does not say who confirms.',
      ],
      contact: ['Contact line', undefined, 'text'],
      signOff: ['Sign-off', SIGN_OFF],
    },
  ),
  emailConfirmRequest: collection(
    'emailConfirmRequest',
    'To the person who confirms: request',
    `Sent to the line manager or the other party, with a single-use link after “Line before the link”. ${SENT_TO_TYPED}`,
    {
      subject: ['Subject'],
      intro: ['First line', undefined, 'text'],
      reference: ['Reference line'],
      open: ['Line before the link'],
      expiry: ['When the link expires', undefined, 'text'],
      signOff: ['Sign-off', SIGN_OFF],
    },
  ),
  emailConfirmed: collection(
    'emailConfirmed',
    'To workforce development: confirmed',
    'Sent to each workforce development inbox when the second person confirms.',
    {
      subject: ['Subject'],
      confirmed: ['First line'],
      typedName: ['Name they typed'],
      when: ['When they confirmed'],
      terms: ['Line about the terms', 'Shown for forms with terms of coaching.', 'text'],
    },
  ),
  emailReminder: collection(
    'emailReminder',
    'To the person who confirms: reminder',
    `Sent once, some days after the request, with a fresh link. ${SENT_TO_TYPED}`,
    {
      subject: ['Subject'],
      intro: ['First line', undefined, 'text'],
      link: ['Line with the link', 'In the plain-text version of the email.'],
      linkText: ['Link words', 'The words of the link in the formatted version of the email.'],
      expiry: ['When the link expires', undefined, 'text'],
      reference: ['Reference line'],
      signOff: ['Sign-off', SIGN_OFF],
    },
  ),
  emailExpiredApplicant: collection(
    'emailExpiredApplicant',
    'To the sender: link expired',
    `Sent when the link to confirm expires unused. ${SENT_TO_TYPED}`,
    {
      subject: ['Subject'],
      expired: ['First line', undefined, 'text'],
      next: ['What they can do', undefined, 'text'],
      signOff: ['Sign-off', SIGN_OFF],
    },
  ),
  emailExpiredWorkforce: collection(
    'emailExpiredWorkforce',
    'To workforce development: link expired',
    'Sent to each workforce development inbox when the link to confirm expires unused, with the submission attached.',
    {
      subject: ['Subject'],
      expired: ['First line', undefined, 'text'],
      next: ['Last line'],
    },
  ),
  emailInboxAlert: collection(
    'emailInboxAlert',
    'To the maintainers: an inbox bounced',
    'Sent to the maintainers’ inbox (Site settings) when an email to a workforce development inbox bounces or is marked as spam. It carries the reference and the inbox only.',
    {
      subject: ['Subject'],
      what: ['First line', undefined, 'text'],
      next: ['Last line', undefined, 'text'],
      bounced: ['Bounced', 'How {problem} reads when the email bounced.'],
      complained: ['Marked as spam', 'How {problem} reads when the email was marked as spam.'],
    },
  ),
  emailAddressBounced: collection(
    'emailAddressBounced',
    'To workforce development: an address bounced',
    'Sent to each workforce development inbox when an email to the sender or the person confirming bounces, with the submission attached.',
    {
      subject: ['Subject'],
      what: ['First line', undefined, 'text'],
      next: ['Last line'],
      sender: ['The sender', 'How {recipient} reads when the email was to the person who sent the form.'],
      bounced: ['Bounced', 'How {problem} reads when the email bounced.'],
      complained: ['Marked as spam', 'How {problem} reads when the email was marked as spam.'],
    },
  ),
  sentPage: collection(
    'sentPage',
    'Sent page',
    'The page shown after a form is sent. Its steps are each form’s “What happens next”; what it says when an email could not be sent is in Site settings.',
    {
      title: ['Title'],
      description: ['Summary', 'For search results and link previews.'],
      referenceLead: ['Before the reference', 'Shown above the reference, in the green panel.'],
      referenceUnknown: ['When the reference is not on the page'],
      sending: ['The confirmation email is on its way', undefined, 'text'],
      sendingRequest: ['The link to confirm is on its way', 'Shown for forms someone else confirms.', 'text'],
      nextHeading: ['Heading above the next steps'],
      contact: ['Contact line', '{contact} becomes a link.'],
      homeLink: ['Link to the home page'],
    },
  ),
  confirmPage: collection(
    'confirmPage',
    'Confirm pages',
    'The pages a link to confirm opens, and the page after confirming. What an expired, used or broken link shows is in “When a form is refused”.',
    {
      title: ['Title, opened without a link'],
      description: ['Summary', 'For search results and link previews.'],
      intro: ['Introduction, opened without a link', undefined, 'text'],
      lifetime: ['How long links work', undefined, 'text'],
      help: ['Contact line', '{contact} becomes a link.'],
      confirmTitle: ['Title for one form'],
      namedYou: ['First line', undefined, 'text'],
      namedYouWithTerms: ['First line, for a form with terms of coaching', undefined, 'text'],
      namedYouWithAsk: ['First line, for a form that asks something of the reader', undefined, 'text'],
      reference: ['Reference line'],
      confirmingHeading: ['Heading above the answers'],
      askHeading: ['Heading above what is asked of the reader'],
      askIntro: ['Line above what is asked of the reader'],
      termsHeading: ['Heading above the terms'],
      termsIntro: ['Line above the terms', undefined, 'text'],
      termsVersion: ['Version of the terms'],
      formHeading: ['Heading above the name box'],
      nameLabel: ['Name box label'],
      nameHint: ['Name box hint'],
      nameMissing: ['Error when no name is typed'],
      nameTooLong: ['Error when the name is too long', 'Keep {max}: it becomes the most characters a name may have.'],
      nameAddress: ['Error when the name holds a web or email address'],
      nameCharacters: ['Error when the name holds other characters'],
      button: ['Button'],
      doneTitle: ['After confirming: title'],
      doneDescription: ['After confirming: summary'],
      doneThanks: ['After confirming: thanks'],
      doneSent: ['After confirming: what happens', undefined, 'text'],
      doneLinkUsed: ['After confirming: the link no longer works', undefined, 'text'],
      homeLink: ['Link to the home page'],
    },
  ),
} satisfies Record<string, CollectionHint>;
