import { renderAnswerRows } from './answers.ts';
import { attributes, escapeHtml } from './escape.ts';
import { renderErrorSummary, firstErrorByField } from './error-summary.ts';
import { errorId, fieldId, hintId } from './ids.ts';
import { replaceRegion, setTitle } from './regions.ts';
import type { TermsSection } from '../forms/terms.ts';
import type { AgreedTerms } from '../terms-version.ts';
import { renderTerms, renderTermsSection } from './terms.ts';
import type { AnswerRow, FieldError } from './types.ts';
import type { Refusals } from '../../src/schemas/data.ts';
import type { ConfirmPageWords } from '../../src/schemas/intake-words.ts';
import { fill, fillHtml, inSentence } from '../fill.ts';

/** The typed-name field on the confirm page: the confirming party's signature. */
export const CONFIRM_NAME_FIELD = 'name';

interface Confirmable {
  /** The single-use token from the emailed link. */
  token: string;
  /** The form's name, like "Coachee application". */
  formName: string;
  reference: string;
  /** How the confirming party's role reads in a sentence: "line manager", "coach", "coachee". */
  role: string;
  /** Who filled in the form. */
  submitterName: string;
  /** What they are confirming, labelled for them. */
  rows: readonly AnswerRow[];
  /** The terms the sender agreed to (the stored copy): shown in full, confirmed by the reader too. */
  terms?: AgreedTerms;
  /** What the form asks of the reader (a line manager). */
  askOfYou?: TermsSection;
  /** What they typed, kept when there are errors. */
  values?: { [CONFIRM_NAME_FIELD]?: string };
  /** The page's words (content/pages/confirm.yml). */
  words: ConfirmPageWords;
}

/** A link that cannot be used: its words are the refusals' (content/settings/refusals.yml). */
type LinkRefusal = { state: 'expired' | 'used' | 'not-found'; words: Refusals };

export type ConfirmPageState =
  | ({ state: 'ready' } & Confirmable)
  | ({ state: 'errors'; errors: readonly FieldError[] } & Confirmable)
  | LinkRefusal;

/** The HTTP status each state is served with. */
export const CONFIRM_PAGE_STATUS: Record<ConfirmPageState['state'], number> = {
  ready: 200,
  errors: 422,
  expired: 410,
  used: 410,
  'not-found': 404,
};

/** Which refusal words each unusable link shows. */
const LINK_WORDS = {
  expired: ['linkExpiredTitle', 'linkExpiredMessage'],
  used: ['linkUsedTitle', 'linkUsedMessage'],
  'not-found': ['linkNotFoundTitle', 'linkNotFoundMessage'],
} as const satisfies Record<LinkRefusal['state'], readonly [keyof Refusals, keyof Refusals]>;

/** The first line: what the reader is asked to read depends on what the form holds. */
const namedYou = (page: Confirmable) =>
  page.terms ? page.words.namedYouWithTerms : page.askOfYou ? page.words.namedYouWithAsk : page.words.namedYou;

/**
 * The static confirm page (built by Astro) filled in for one link: what is being confirmed and a
 * typed-name field posting back to /confirm/<token>/, or a clear page when the link cannot be used.
 */
export function renderConfirmPage(templateHtml: string, page: ConfirmPageState): string {
  if (page.state !== 'ready' && page.state !== 'errors') {
    const [titleKey, bodyKey] = LINK_WORDS[page.state];
    const title = escapeHtml(page.words[titleKey]);
    const inner = `<h1 class="heading-l">${title}</h1>${page.words[bodyKey].map((line) => `<p>${escapeHtml(line)}</p>`).join('')}`;
    return setTitle(replaceRegion(templateHtml, 'data-confirm-root', inner), title);
  }
  const { words } = page;
  const errors = page.state === 'errors' ? page.errors : [];
  const values = {
    formName: page.formName,
    form: inSentence(page.formName),
    name: page.submitterName,
    role: page.role,
    reference: page.reference,
  };
  const title = fill(words.confirmTitle, values);
  const inner =
    renderErrorSummary(errors, [{ name: CONFIRM_NAME_FIELD, kind: 'text', label: words.nameLabel }]) +
    `<h1 class="heading-l">${escapeHtml(title)}</h1>` +
    `<p>${fillHtml(namedYou(page), values)}</p>` +
    `<p>${fillHtml(words.reference, values, { reference: `<strong class="reference">${escapeHtml(page.reference)}</strong>` })}</p>` +
    `<h2 class="heading-m">${escapeHtml(words.confirmingHeading)}</h2>` +
    renderAnswerRows(page.rows) +
    (page.askOfYou
      ? `<h2 class="heading-m">${escapeHtml(words.askHeading)}</h2>` +
        `<p>${escapeHtml(words.askIntro)}</p>` +
        `<div class="terms">${renderTermsSection(page.askOfYou)}</div>`
      : '') +
    (page.terms
      ? `<h2 class="heading-m" id="terms">${escapeHtml(words.termsHeading)}</h2>` +
        `<p>${fillHtml(words.termsIntro, { otherParty: otherParty(page.role) })}</p>` +
        renderTerms(page.terms.terms) +
        `<p class="hint">${fillHtml(words.termsVersion, { version: page.terms.version })}</p>`
      : '') +
    renderNameForm(
      page.token,
      words,
      page.values?.[CONFIRM_NAME_FIELD] ?? '',
      firstErrorByField(errors).get(CONFIRM_NAME_FIELD),
    );
  return setTitle(replaceRegion(templateHtml, 'data-confirm-root', inner), escapeHtml(title), {
    error: errors.length > 0,
  });
}

/** In an agreement the reader is the coach or the coachee; the sender is the other one. */
const otherParty = (role: string) => (role === 'coach' ? 'coachee' : role === 'coachee' ? 'coach' : 'sender');

function renderNameForm(token: string, words: ConfirmPageWords, value: string, error: string | undefined): string {
  const name = CONFIRM_NAME_FIELD;
  const describedBy = [hintId(name), error ? errorId(name) : ''].filter(Boolean).join(' ');
  return (
    `<form class="form" method="post" action="/confirm/${encodeURIComponent(token)}/" novalidate>` +
    `<h2 class="heading-m">${escapeHtml(words.formHeading)}</h2>` +
    `<div class="field${error ? ' field--error' : ''}">` +
    `<label class="label" for="${fieldId(name)}">${escapeHtml(words.nameLabel)}</label>` +
    `<div class="hint" id="${hintId(name)}">${escapeHtml(words.nameHint)}</div>` +
    (error
      ? `<p class="error-message" id="${errorId(name)}"><span class="visually-hidden">Error:</span> ${escapeHtml(error)}</p>`
      : '') +
    `<input${attributes({
      class: `input input--medium${error ? ' input--error' : ''}`,
      id: fieldId(name),
      name,
      type: 'text',
      autocomplete: 'name',
      spellcheck: 'false',
      'aria-describedby': describedBy,
      value,
    })}>` +
    `</div>` +
    `<div class="form-actions"><button type="submit" class="button">${escapeHtml(words.button)}</button></div>` +
    `</form>`
  );
}
