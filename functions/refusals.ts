import type { Refusals } from '../src/schemas/data.ts';
import type { RefusalWords } from './content.ts';
import { fill } from './fill.ts';
import { renderRefusalPage } from './html/refusal-page.ts';
import { html, problem, wantsPage } from './http.ts';
import { barePage } from './pages.ts';
import type { Intake } from './runtime.ts';

// Every refusal, for every client: JSON clients get the endpoint's JSON contract, unchanged; a
// browser gets a page in the site's layout saying what happened and what to do, in the words of
// content/settings/refusals.yml. Where the form is known, that page is the form itself, with what
// was typed (see submission.ts); otherwise a static template filled in here.

export type RefusalReason =
  | 'crossSite'
  | 'noForm'
  | 'wrongMethod'
  | 'unreadable'
  | 'tooLarge'
  | 'wrongType'
  | 'tooMany'
  | 'notSent'
  | 'unavailable';

export const REFUSAL_STATUS: Record<RefusalReason, number> = {
  unreadable: 400,
  crossSite: 403,
  noForm: 404,
  wrongMethod: 405,
  tooLarge: 413,
  wrongType: 415,
  tooMany: 429,
  notSent: 503,
  unavailable: 503,
};

/** readAnswers' refusals by status. */
export const BODY_REFUSAL = { 400: 'unreadable', 413: 'tooLarge', 415: 'wrongType' } as const satisfies Record<
  number,
  RefusalReason
>;

export interface Refusal {
  reason: RefusalReason;
  /** The JSON contract's message, exactly; also the words of last resort if content cannot be read. */
  message: string;
  headers?: Record<string, string>;
  /** For tooMany: how long to wait. */
  waitSeconds?: number;
}

export type RefusalDeps = Pick<Intake, 'fetchPage' | 'log' | 'loadRefusals'>;

/** Where the generic refusal page comes from: a static page and the region the words go in. */
export interface RefusalTemplate {
  path: string;
  region: string;
  /** The template already says whom to email. */
  hasHelp?: boolean;
}

/** The static page built for refusals that have no form to show (src/pages/form-not-sent/). */
export const REFUSAL_TEMPLATE: RefusalTemplate = { path: '/form-not-sent/', region: 'data-refusal-root' };

/** "1 minute", "3 minutes": a wait in whole minutes, in content's words for one and for several. */
export const waitInWords = (seconds: number, words: Pick<Refusals, 'waitOneMinute' | 'waitMinutes'>) => {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? words.waitOneMinute : fill(words.waitMinutes, { minutes: String(minutes) });
};

/** The words for a refusal from content, with {wait} filled in; the JSON message if content is unreadable. */
export async function refusalWords(
  deps: RefusalDeps,
  refusal: Refusal,
): Promise<{ title: string; message: string; words?: RefusalWords }> {
  try {
    const words = await deps.loadRefusals();
    const wait = waitInWords(refusal.waitSeconds ?? 60, words);
    return {
      title: words[`${refusal.reason}Title`],
      message: words[`${refusal.reason}Message`].replaceAll('{wait}', wait),
      words,
    };
  } catch (error) {
    deps.log(`refusal words could not be read: ${(error as Error).message}`);
    return { title: refusal.message, message: refusal.message };
  }
}

/**
 * Answers a refused request. For a browser, `showForm` may draw the page itself (the form with the
 * message in its error summary); when it gives nothing, the template page says it instead.
 */
export async function refuse(
  request: Request,
  deps: RefusalDeps,
  refusal: Refusal,
  {
    template = REFUSAL_TEMPLATE,
    showForm,
  }: { template?: RefusalTemplate; showForm?: (message: string) => Promise<string | undefined> } = {},
): Promise<Response> {
  const status = REFUSAL_STATUS[refusal.reason];
  const headers = { ...refusal.headers };
  if (!wantsPage(request)) return problem(status, refusal.message, headers);
  const { title, message, words } = await refusalWords(deps, refusal);
  const withForm = await showForm?.(message).catch((error: Error) => {
    deps.log(`refusal: the form could not be drawn: ${error.message}`);
    return undefined;
  });
  if (withForm !== undefined) return html(status, withForm, headers);
  let page: string;
  try {
    page = await deps.fetchPage(new URL(template.path, request.url));
  } catch (error) {
    deps.log(`${template.path} could not be fetched (${(error as Error).message}); answering with a bare page`);
    page = barePage(title, template.region);
  }
  const help = words && !template.hasHelp ? { text: words.help, contactEmail: words.contactEmail } : undefined;
  return html(status, renderRefusalPage(page, template.region, { title, message, help }), headers);
}
