import type { FormContent } from './types.ts';

// The standard terms of coaching as one structure, built from content/lists/agreement-terms.yml:
// the form shows it above "I agree", the confirm page shows the copy stored with the submission,
// and workforce development's email carries its text and version. Plain data, so the browser
// script can use it too (the version's hash is worked out on the server: functions/terms-version.ts).

export interface TermsSection {
  heading: string;
  paragraphs: string[];
  /** The sentence introducing the list, where the list is not simply "what X commits to". */
  listIntro?: string;
  items: string[];
}

export interface Terms {
  intro: string;
  sections: TermsSection[];
}

/** The agreement's terms, in the order people read them. */
export function agreementTerms(content: FormContent): Terms {
  const terms = content.agreementTerms;
  return {
    intro: terms.intro,
    sections: [
      {
        heading: terms.confidentialityHeading,
        paragraphs: [terms.confidentiality],
        listIntro: terms.exceptionsIntro,
        items: terms.confidentialityExceptions,
      },
      { heading: terms.coachHeading, paragraphs: [], items: terms.coach },
      { heading: terms.coacheeHeading, paragraphs: [], items: terms.coachee },
      lineManagerPart(content),
      {
        heading: terms.arrangementsHeading,
        paragraphs: [],
        items: [terms.noticeToCancel, terms.reviewPoint, terms.endingEarly],
      },
    ],
  };
}

/** What the scheme asks of a line manager: part of the agreement, and shown to a confirming manager. */
export const lineManagerPart = (content: FormContent): TermsSection => ({
  heading: content.agreementTerms.lineManagerHeading,
  paragraphs: [],
  items: content.agreementTerms.lineManager,
});

/** The terms as plain text, one fixed layout: what an email carries and what the version is a hash of. */
export function termsText(terms: Terms): string {
  return [
    terms.intro,
    ...terms.sections.map((section) =>
      [
        section.heading,
        ...section.paragraphs,
        ...(section.listIntro ? [section.listIntro] : []),
        section.items.map((item) => `- ${item}`).join('\n'),
      ].join('\n\n'),
    ),
  ].join('\n\n');
}
