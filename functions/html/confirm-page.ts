import { renderAnswerRows } from './answers.ts';
import { attributes, escapeHtml } from './escape.ts';
import { renderErrorSummary, firstErrorByField } from './error-summary.ts';
import { errorId, fieldId, hintId } from './ids.ts';
import { replaceRegion, setTitle } from './regions.ts';
import type { TermsSection } from '../forms/terms.ts';
import type { AgreedTerms } from '../terms-version.ts';
import { renderTerms, renderTermsSection } from './terms.ts';
import type { AnswerRow, FieldError } from './types.ts';

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
}

export type ConfirmPageState =
  | ({ state: 'ready' } & Confirmable)
  | ({ state: 'errors'; errors: readonly FieldError[] } & Confirmable)
  | { state: 'expired' }
  | { state: 'used' }
  | { state: 'not-found' };

/** The HTTP status each state is served with. */
export const CONFIRM_PAGE_STATUS: Record<ConfirmPageState['state'], number> = {
  ready: 200,
  errors: 422,
  expired: 410,
  used: 410,
  'not-found': 404,
};

const MESSAGES = {
  expired: {
    title: 'This link has expired',
    body: [
      'Links to confirm a form work for 14 days after the form is sent.',
      'Ask the person who filled in the form to send it again. You will get a new link.',
    ],
  },
  used: {
    title: 'This form has already been confirmed',
    body: [
      'Each link can be used once, and this one has been.',
      'You do not need to do anything else. Workforce development has the confirmation.',
    ],
  },
  'not-found': {
    title: 'This link does not work',
    body: [
      'Check that you opened or copied the whole link from the email.',
      'If it still does not work, ask the person who filled in the form to send it again.',
    ],
  },
} as const;

/**
 * The static confirm page (built by Astro) filled in for one link: what is being confirmed and a
 * typed-name field posting back to /confirm/<token>/, or a clear page when the link cannot be used.
 */
export function renderConfirmPage(templateHtml: string, page: ConfirmPageState): string {
  if (page.state === 'expired' || page.state === 'used' || page.state === 'not-found') {
    const { title, body } = MESSAGES[page.state];
    const inner = `<h1 class="heading-l">${title}</h1>` + body.map((line) => `<p>${line}</p>`).join('');
    return setTitle(replaceRegion(templateHtml, 'data-confirm-root', inner), title);
  }
  const errors = page.state === 'errors' ? page.errors : [];
  const title = `Confirm the ${page.formName.toLowerCase()}`;
  const inner =
    renderErrorSummary(errors, [{ name: CONFIRM_NAME_FIELD, kind: 'text', label: 'Your full name' }]) +
    `<h1 class="heading-l">${escapeHtml(title)}</h1>` +
    `<p>${escapeHtml(page.submitterName)} has named you as the ${escapeHtml(page.role)} on this ` +
    `${escapeHtml(page.formName.toLowerCase())}. ${page.terms ? 'Read it and the terms of coaching' : 'Read it'}` +
    `${page.askOfYou ? ' and what we ask of you' : ''}, then type your name to confirm it.</p>` +
    `<p>Reference: <strong class="reference">${escapeHtml(page.reference)}</strong></p>` +
    `<h2 class="heading-m">What you are confirming</h2>` +
    renderAnswerRows(page.rows) +
    (page.askOfYou
      ? `<h2 class="heading-m">What we ask of you</h2>` +
        `<p>By confirming, you agree to support them in these ways.</p>` +
        `<div class="terms">${renderTermsSection(page.askOfYou)}</div>`
      : '') +
    (page.terms
      ? `<h2 class="heading-m" id="terms">The terms of coaching you are agreeing to</h2>` +
        `<p>The ${escapeHtml(otherParty(page.role))} has agreed to these terms. By confirming, you agree to them too.</p>` +
        renderTerms(page.terms.terms) +
        `<p class="hint">Version ${escapeHtml(page.terms.version)} of the terms.</p>`
      : '') +
    renderNameForm(page.token, page.values?.[CONFIRM_NAME_FIELD] ?? '', firstErrorByField(errors).get(CONFIRM_NAME_FIELD));
  return setTitle(replaceRegion(templateHtml, 'data-confirm-root', inner), escapeHtml(title), {
    error: errors.length > 0,
  });
}

/** In an agreement the reader is the coach or the coachee; the sender is the other one. */
const otherParty = (role: string) => (role === 'coach' ? 'coachee' : role === 'coachee' ? 'coach' : 'sender');

function renderNameForm(token: string, value: string, error: string | undefined): string {
  const name = CONFIRM_NAME_FIELD;
  const describedBy = [hintId(name), error ? errorId(name) : ''].filter(Boolean).join(' ');
  return (
    `<form class="form" method="post" action="/confirm/${encodeURIComponent(token)}/" novalidate>` +
    `<h2 class="heading-m">Confirm</h2>` +
    `<div class="field${error ? ' field--error' : ''}">` +
    `<label class="label" for="${fieldId(name)}">Your full name</label>` +
    `<div class="hint" id="${hintId(name)}">Typing your name counts as your signature.</div>` +
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
    `<div class="form-actions"><button type="submit" class="button">Confirm</button></div>` +
    `</form>`
  );
}
