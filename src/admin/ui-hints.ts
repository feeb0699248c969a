// The words editors see in the CMS, one entry per content collection and per schema field.
// The fields themselves (types, required, limits, patterns) come from the zod schemas in
// src/schemas; this map only adds labels, hints and the choice of a multi-line box where a short
// line would be cramped. A schema field without an entry here fails the build of the CMS config.
import { formsHints } from './ui-hints-forms.ts';
import { intakeHints } from './ui-hints-intake.ts';
import { pageHints } from './ui-hints-pages.ts';
import { toolHints } from './ui-hints-tools.ts';

export interface FieldHint {
  label: string;
  hint?: string;
  /** 'text' gives a multi-line box instead of a one-line one. */
  widget?: 'text';
  /** Label for each item of a list. */
  itemLabel?: string;
  /** 'text' gives each item of a list a multi-line box. */
  itemWidget?: 'text';
  /** A group of fields (a form's question): the labels of its own fields. */
  fields?: Record<string, FieldHint>;
  /** What a collapsed group shows, like '{{fields.label}}'. */
  summary?: string;
}

export interface CollectionHint {
  label: string;
  labelSingular?: string;
  description?: string;
  fields: Record<string, FieldHint>;
}

const updated: FieldHint = {
  label: 'Last updated',
  hint: 'The date you last made a real change to this page. The page shows it to readers.',
};

/** The page text of every MDX page (not part of the schemas: Astro reads it as the page body). */
export const bodyHint: FieldHint = {
  label: 'Page text',
  // Decap renders hints as Markdown: the syntax goes in backticks so it shows as written.
  hint:
    'Write in Markdown: `## Heading` for a heading, `- Item` for a bullet, `[link text](/address/)` for a link. ' +
    'Use “Add a callout” to put a highlighted box on the page.',
};

export const uiHints = {
  guidance: {
    label: 'Guidance pages',
    labelSingular: 'guidance page',
    description: 'The principles, about, privacy and accessibility pages. The file name is the page address.',
    fields: {
      title: { label: 'Page title', hint: 'The main heading. Keep it short.' },
      description: {
        label: 'Summary',
        hint: 'One sentence that says what the page is for. Search results and link previews show it.',
        widget: 'text',
      },
      updated,
    },
  },
  protocol: {
    label: 'Coaching protocol phases',
    labelSingular: 'protocol phase',
    description: 'The five phases of the coaching protocol, shown in number order.',
    fields: {
      number: { label: 'Phase number', hint: 'Where this phase comes, from 1 to 5.' },
      title: { label: 'Phase title' },
      summary: { label: 'Summary', hint: 'One sentence that says what happens in this phase.', widget: 'text' },
      updated,
    },
  },
  planning: {
    label: 'Planning guide steps',
    labelSingular: 'planning step',
    description: 'The seven steps of the implementation-planning guide, shown in number order.',
    fields: {
      number: { label: 'Step number', hint: 'Where this step comes, from 1 to 7.' },
      title: { label: 'Step title' },
      summary: { label: 'Summary', hint: 'One sentence that says what this step is for.', widget: 'text' },
      questions: {
        label: 'Planning questions',
        hint: 'The questions an organisation answers in this step. The planner tool shows each one.',
        itemLabel: 'Question',
        itemWidget: 'text',
      },
      updated,
    },
  },
  readiness: {
    label: 'Readiness questions',
    labelSingular: 'readiness question',
    description: 'The five questions an organisation considers before starting coaching.',
    fields: {
      number: { label: 'Question number', hint: 'Where this question comes, from 1 to 5.' },
      question: { label: 'Question', widget: 'text' },
      prompts: {
        label: 'Prompts',
        hint: 'Smaller questions that help people answer this one.',
        itemLabel: 'Prompt',
        itemWidget: 'text',
      },
      helpLabel: { label: 'Help link text', hint: 'The words of the link to the guidance that helps.' },
      helpHref: {
        label: 'Help link address',
        hint: 'The address on this site of the guidance that helps, starting with /, like /principles/',
      },
    },
  },
  organisations: {
    label: 'Partner organisations',
    labelSingular: 'partner organisation',
    description:
      'The organisations the forms offer. Each form sent by someone from an organisation goes to its ' +
      'workforce development inboxes.',
    fields: {
      name: { label: 'Full name', hint: 'The name people choose from in the forms.' },
      shortName: { label: 'Short name', hint: 'A shorter name for tight spaces, like Northfield.' },
      inboxes: {
        label: 'Workforce development inboxes',
        hint: 'The email addresses that receive this organisation’s forms. Add at least one.',
        itemLabel: 'Inbox',
      },
    },
  },
  ...formsHints,
  areasOfCoaching: {
    label: 'Areas of coaching',
    description: 'The areas a coach can offer and a coachee can ask for. The forms offer them as choices.',
    fields: { items: { label: 'Areas of coaching', itemLabel: 'Area' } },
  },
  coachExpectations: {
    label: 'Coach expectations',
    description: 'What the scheme expects of every coach. The coach form asks people to agree to them.',
    fields: {
      intro: {
        label: 'Introduction',
        hint: 'The sentence above the list, like “As a coach in the scheme, you will:”.',
        widget: 'text',
      },
      items: { label: 'Expectations', itemLabel: 'Expectation', itemWidget: 'text' },
      research: {
        label: 'About the research',
        hint: 'Shown with the box where a coach says they understand they may be invited to take part.',
        widget: 'text',
      },
    },
  },
  guidingPrinciples: {
    label: 'Guiding principles',
    description: 'The principles of coaching in the scheme.',
    fields: { items: { label: 'Principles', itemLabel: 'Principle', itemWidget: 'text' } },
  },
  agreementTerms: {
    label: 'Coaching agreement terms',
    description:
      'The standard terms of coaching, in sections. The agreement form shows them in full, the person who confirms an agreement reads them too, and workforce development’s email records which version was agreed. A manager confirming an application sees the line manager’s part.',
    fields: {
      intro: { label: 'Introduction', hint: 'One or two sentences above the terms.', widget: 'text' },
      confidentialityHeading: { label: 'Heading: confidentiality' },
      confidentiality: { label: 'What confidentiality means', widget: 'text' },
      exceptionsIntro: {
        label: 'Introducing the exceptions',
        hint: 'The sentence before the list of exceptions, so they read as exceptions, not as terms.',
        widget: 'text',
      },
      confidentialityExceptions: { label: 'Exceptions to confidentiality', itemLabel: 'Exception', itemWidget: 'text' },
      coachHeading: { label: 'Heading: the coach’s commitments' },
      coach: { label: 'The coach commits to', itemLabel: 'Commitment', itemWidget: 'text' },
      coacheeHeading: { label: 'Heading: the coachee’s commitments' },
      coachee: { label: 'The coachee commits to', itemLabel: 'Commitment', itemWidget: 'text' },
      lineManagerHeading: { label: 'Heading: the line manager’s part' },
      lineManager: { label: 'The line manager commits to', itemLabel: 'Commitment', itemWidget: 'text' },
      arrangementsHeading: { label: 'Heading: practical arrangements' },
      noticeToCancel: { label: 'Notice to cancel a session', widget: 'text' },
      reviewPoint: { label: 'When the coaching is reviewed', widget: 'text' },
      endingEarly: { label: 'Ending the coaching early', widget: 'text' },
    },
  },
  settings: {
    label: 'Site settings',
    description: 'The scheme name, tagline and the inboxes used across the site.',
    fields: {
      schemeName: { label: 'Scheme name', hint: 'Shown at the top of every page.' },
      tagline: { label: 'Tagline', hint: 'One line that describes the scheme, shown at the foot of every page.' },
      contactEmail: { label: 'Contact email address', hint: 'Where people can write with questions.' },
      fallbackInbox: {
        label: 'Fallback inbox',
        hint: 'Receives forms from people whose organisation is not listed.',
      },
      receiptNotSent: {
        label: 'When the sender’s confirmation email cannot be sent',
        hint: 'Shown on the sent page when the sender’s address has had as many emails from the scheme as it sends in a day.',
        widget: 'text',
      },
      requestNotSent: {
        label: 'When the link to confirm cannot be emailed',
        hint: 'Shown on the sent page when the address of the person who confirms has had as many emails as the scheme sends in a day.',
        widget: 'text',
      },
      noEmailHere: {
        label: 'On a copy of the site that sends no email',
        hint: 'Shown on every form and sent page of a deploy preview without an email service.',
        widget: 'text',
      },
      maintainersInbox: {
        label: 'Maintainers’ inbox',
        hint: 'Told when an email to a workforce development inbox bounces or is marked as spam (the reference and the inbox only).',
      },
    },
  },
  refusals: {
    label: 'When a form is refused',
    description:
      'What people see when a form or a confirmation cannot be accepted: a heading, then what happened and what to do. ' +
      'Keep {wait} and {contact}: they are replaced by the time to wait and the contact address.',
    fields: {
      crossSiteTitle: { label: 'Sent from another website: heading' },
      crossSiteMessage: { label: 'Sent from another website: what to say', widget: 'text' },
      noFormTitle: { label: 'No form at this address: heading' },
      noFormMessage: { label: 'No form at this address: what to say', widget: 'text' },
      wrongMethodTitle: { label: 'Form address opened: heading' },
      wrongMethodMessage: { label: 'Form address opened: what to say', widget: 'text' },
      unreadableTitle: { label: 'Form could not be read: heading' },
      unreadableMessage: { label: 'Form could not be read: what to say', widget: 'text' },
      tooLargeTitle: { label: 'Form too large: heading' },
      tooLargeMessage: { label: 'Form too large: what to say', widget: 'text' },
      wrongTypeTitle: { label: 'Form sent in a way we cannot read: heading' },
      wrongTypeMessage: { label: 'Form sent in a way we cannot read: what to say', widget: 'text' },
      tooManyTitle: { label: 'Too many forms: heading' },
      tooManyMessage: {
        label: 'Too many forms: what to say',
        hint: 'Keep {wait}: it becomes “2 minutes”, for example.',
        widget: 'text',
      },
      notSentTitle: { label: 'Could not be stored: heading' },
      notSentMessage: { label: 'Could not be stored: what to say', widget: 'text' },
      unavailableTitle: { label: 'Confirm link not working right now: heading' },
      unavailableMessage: { label: 'Confirm link not working right now: what to say', widget: 'text' },
      help: { label: 'Whom to email', hint: 'Keep {contact}: it becomes the contact address from Site settings.' },
      waitOneMinute: { label: 'A wait of one minute', hint: 'Used as {wait} when the wait is one minute.' },
      waitMinutes: {
        label: 'A wait of several minutes',
        hint: 'Used as {wait}: keep {minutes}, it becomes the number of minutes.',
      },
      linkExpiredTitle: { label: 'Confirm link expired: heading' },
      linkExpiredMessage: { label: 'Confirm link expired: what to say', itemLabel: 'Paragraph', itemWidget: 'text' },
      linkUsedTitle: { label: 'Confirm link already used: heading' },
      linkUsedMessage: { label: 'Confirm link already used: what to say', itemLabel: 'Paragraph', itemWidget: 'text' },
      linkNotFoundTitle: { label: 'Confirm link does not work: heading' },
      linkNotFoundMessage: {
        label: 'Confirm link does not work: what to say',
        itemLabel: 'Paragraph',
        itemWidget: 'text',
      },
    },
  },
  formScript: {
    label: 'What the forms say as people fill them in',
    description:
      'The words the form pages add when JavaScript runs: buttons, the messages when a form could not be sent, ' +
      'and the notes about answers kept in this browser. Keep the words in curly brackets: they are replaced by real values.',
    fields: {
      continueButton: { label: 'Button that goes on to check the answers' },
      sendButton: { label: 'Button that sends the form' },
      sendingButton: { label: 'Send button while sending' },
      sending: { label: 'Announced while sending' },
      checkTitle: {
        label: 'Page title while checking answers',
        hint: 'The form’s title follows it, like “Check your answers – Apply for coaching”.',
      },
      network: { label: 'Not sent: the connection failed', widget: 'text' },
      server: { label: 'Not sent: something went wrong on our side', widget: 'text' },
      tooLarge: { label: 'Not sent: answers too long', widget: 'text' },
      rateLimited: {
        label: 'Not sent: too many forms',
        hint: 'Keep {wait}: it becomes “1 minute” or “2 minutes”, for example.',
        widget: 'text',
      },
      oneMinute: { label: 'How one minute reads' },
      minutes: { label: 'How several minutes read', hint: 'Keep {count}: it becomes the number of minutes.' },
      restored: { label: 'Answers filled in again (time unknown)', widget: 'text' },
      restoredAt: {
        label: 'Answers filled in again, with when',
        hint: 'Keep {date} and {time}: they become “3 December” and “14:05”, for example.',
        widget: 'text',
      },
      keeping: { label: 'Note: answers kept in this browser', widget: 'text' },
      clearButton: { label: 'Button that clears saved answers' },
      cleared: { label: 'Announced when saved answers are cleared' },
    },
  },
  ...pageHints,
  ...intakeHints,
  ...toolHints,
} satisfies Record<string, CollectionHint>;
