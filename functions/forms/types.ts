import type { z } from 'zod/mini';
import type { AgreementTerms, SiteSettings } from '../../src/schemas/data.ts';
import type { FormText, FormWords } from '../../src/schemas/forms.ts';
import type { IntakeWords } from '../../src/schemas/intake-words.ts';
import type { Terms, TermsSection } from './terms.ts';

export type FormId = 'coach-eoi' | 'coachee-application' | 'coaching-agreement';

/** A partner organisation as the forms see it: `id` is its file name in content/organisations/. */
export interface OrganisationOption {
  id: string;
  name: string;
  shortName: string;
  inboxes: string[];
}

/** What a form needs from content/: loaded by the page (astro:content) and by the functions (functions/content.ts). */
export interface FormContent {
  organisations: OrganisationOption[];
  areasOfCoaching: string[];
  coachExpectations: string[];
  /** The sentence that introduces the coach expectations. */
  coachExpectationsIntro: string;
  /** What the research coaches may be invited to is, shown with the box that acknowledges it. */
  researchNote: string;
  guidingPrinciples: string[];
  agreementTerms: AgreementTerms;
  settings: SiteSettings;
  /** This form's words (content/forms/<form id>.yml): its title and intro, section headings, and each
   * question's label, hint and error messages, by field name. */
  text: FormText;
  /** The words every form shares (content/settings/form-words.yml): buttons, "(optional)", "Not given". */
  words: FormWords;
  /** The emails' and the sent and confirm pages' words (content/emails/, content/pages/). */
  intake: IntakeWords;
}

export type FieldKind =
  | 'text'
  | 'email'
  | 'tel'
  | 'textarea'
  | 'radios'
  | 'checkboxes'
  | 'select'
  | 'date'
  | 'number'
  | 'checkbox';

export interface FieldOption {
  value: string;
  label: string;
}

/**
 * One question on a form. Names are flat POST field names. Values arrive as strings, except
 * `checkboxes`, which arrive as string[] (a single string is accepted too), and `checkbox`, a single
 * box whose value is {@link CHECKBOX_VALUE} when ticked and absent otherwise.
 */
export interface Field {
  name: string;
  kind: FieldKind;
  /** The question; for a `checkbox`, the statement next to the box. */
  label: string;
  hint?: string;
  optional?: boolean;
  autocomplete?: string;
  width?: 'short' | 'medium' | 'long';
  options?: FieldOption[];
  /** Show only when another field has this value (e.g. employerOther when employer = 'other'). */
  showWhen?: { field: string; value: string };
  /** The heading the field sits under ("About you", "Your line manager", ...). */
  section?: string;
  /** A list shown with the field, before it: the coach expectations. */
  list?: string[];
  /** Terms in sections with headings, shown in full before the field: the agreement's standard terms. */
  terms?: Terms;
  /** The label as the person confirming reads it ("Your email address, as they gave it"); else `label`. */
  confirmLabel?: string;
  /** The sentence that introduces `list`, so its items do not read as loose statements. */
  listIntro?: string;
  /** The words every form shares, for the renderers ("(optional)", "Choose one", "Not given"). Every
   * form field has them; the tools' date questions, drawn by the same renderer, do not yet. */
  words?: FormWords;
}

export interface AnswerRow {
  /** The field this row shows, so check-answers "Change" links can point at it. */
  field: string;
  label: string;
  /** Plain text; several items are separated by line breaks. Empty optional answers read "Not given". */
  value: string;
}

/** The person who must confirm a submission by link (the manager; the other party to an agreement). */
export interface SecondSignatory {
  /** How the role reads in a sentence: "line manager", "coach", "coachee". */
  role: string;
  name: string;
  email: string;
}

export interface FormDefinition<S extends z.ZodMiniType = z.ZodMiniType> {
  id: FormId;
  /** The form's name in emails and page titles, like "Coach expression of interest". */
  name: string;
  referencePrefix: 'EOI' | 'APP' | 'AGR';
  /** The form page, with trailing slash: '/become-a-coach/'. Its sent page is `${path}sent/`. */
  path: string;
  /** The questions in the order they are asked: each joins its words (content, by field name) and its rule (code). */
  questions: readonly AskedQuestion[];
  fields(content: FormContent): Field[];
  schema(content: FormContent): S;
  answerRows(data: z.infer<S>, content: FormContent): AnswerRow[];
  /** The terms both signers agree to; stored with each submission and shown to whoever confirms. */
  terms?: (content: FormContent) => Terms;
  /** What the form asks of the person confirming it (a line manager), shown on their confirm page. */
  askOfConfirmer?: (content: FormContent) => TermsSection;
  /** Who must confirm, if anyone. */
  secondSignature?: (data: z.infer<S>) => SecondSignatory | undefined;
  /** The submitter's name and email: Reply-To for workforce development, and where their receipt goes. */
  submitter(data: z.infer<S>): { name: string; email: string };
  /** The organisations whose workforce development teams receive this submission: an id from
   * content/organisations (or 'other', with the name typed for it). */
  organisations(data: z.infer<S>): { id: string; otherName: string }[];
}

/** The value a ticked single checkbox sends. */
export const CHECKBOX_VALUE = 'yes';
/** The value of the "another organisation" choice in organisation selects. */
export const OTHER = 'other';

/** The error words a rule needs, by key ("empty", "tooLong"): each is a key of the question's `errors` in content. */
export type ErrorWords = Record<string, string>;

/**
 * A question as code defines it, once, whichever forms ask it: its kind, what its rule needs and the
 * rule. Its words (label, hint, messages) are each form's, in content, under the field name it is asked as.
 */
export interface Question<S extends z.ZodMiniType = z.ZodMiniType> {
  kind: FieldKind;
  /** The error messages the rule needs: keys of the question's `errors` in the form's content file. */
  errors: readonly string[];
  /** Option values, each with the key of its label under the question's `options` in content. */
  optionKeys?: readonly { value: string; key: string }[];
  optional?: boolean;
  autocomplete?: string;
  width?: 'short' | 'medium' | 'long';
  /** Choices that come from content or code rather than the question's own `options` words. */
  options?: (content: FormContent) => FieldOption[];
  rule(errors: ErrorWords, content: FormContent): S;
}

/** A question on one form: the field name it is asked as, its section, and what this form adds. */
export interface AskedQuestion<N extends string = string, Q extends Question = Question> {
  name: N;
  question: Q;
  /** The key of its section heading under `sections` in the form's content file. */
  section: string;
  /** Messages of this form's own cross-field rules shown on this question ("not your own email"). */
  moreErrors?: readonly string[];
  showWhen?: { field: string; value: string };
  /** What content adds to the field: the coach expectations list, the terms. */
  extra?: (content: FormContent) => Partial<Field>;
}
