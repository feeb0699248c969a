import { forms } from './forms/index.ts';
import { renderSentPage } from './html/sent-page.ts';
import { html } from './http.ts';
import { REFERENCE_PATTERN } from './reference.ts';
import type { Intake } from './runtime.ts';
import { barePage } from './submission.ts';

// /<form page>/sent/<REFERENCE>/: the static "sent" page with the reference filled in. It shows no
// answers, so it does not look the reference up: a bot's made-up reference gets the same page.

export async function handleSentPage(
  request: Request,
  deps: Pick<Intake, 'fetchPage' | 'loadContent' | 'log'>,
): Promise<Response> {
  const url = new URL(request.url);
  const match = url.pathname.match(/^(\/[a-z-]+\/)sent\/([^/]+)\/?$/);
  const definition = Object.values(forms).find((form) => form.path === match?.[1]);
  // References are plain ASCII; anything percent-encoded is simply not one.
  const reference = (match?.[2] ?? '').toUpperCase();
  if (!definition || !REFERENCE_PATTERN.test(reference) || !reference.startsWith(`${definition.referencePrefix}-`)) {
    return notFound(request, deps);
  }
  let template: string;
  try {
    template = await deps.fetchPage(new URL(`${definition.path}sent/`, request.url));
  } catch (error) {
    deps.log(`${definition.path}sent/ could not be fetched: ${(error as Error).message}`);
    template = barePage('Form sent', 'data-reference-root');
  }
  try {
    const content = await deps.loadContent(definition.id);
    // The static template may be indexed; a page with someone's reference in its address is not.
    return html(200, renderSentPage(template, { reference, definition, content, held: heldEmails(url) }), {
      'x-robots-tag': 'noindex',
    });
  } catch (error) {
    deps.log(`sent page for ${reference}: ${(error as Error).message}`);
    return html(503, template, { 'retry-after': '60' });
  }
}

/** `?held=receipt,request`: only those two words count; anything else in the address is ignored. */
const heldEmails = (url: URL) =>
  (['receipt', 'request'] as const).filter((kind) => (url.searchParams.get('held') ?? '').split(',').includes(kind));

async function notFound(request: Request, deps: Pick<Intake, 'fetchPage'>): Promise<Response> {
  const page = await deps
    .fetchPage(new URL('/404.html', request.url))
    .catch(() => barePage('Page not found', 'data-x'));
  return html(404, page);
}
