import { escapeHtml } from './escape.ts';
import { replaceRegion, setTitle } from './regions.ts';

export interface RefusalPage {
  title: string;
  message: string;
  /** The help line with "{contact}" where the contact address goes, and that address; omitted when the template has its own. */
  help?: { text: string; contactEmail: string };
}

/** A static page (the refusal template or the confirm template) filled in with why a request was refused and what to do. */
export function renderRefusalPage(templateHtml: string, region: string, page: RefusalPage): string {
  const help = page.help ? `<p>${helpLine(page.help.text, page.help.contactEmail)}</p>` : '';
  const inner = `<h1 class="heading-l">${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${help}`;
  return setTitle(replaceRegion(templateHtml, region, inner), escapeHtml(page.title));
}

function helpLine(text: string, contactEmail: string): string {
  const link = `<a href="mailto:${escapeHtml(contactEmail)}">${escapeHtml(contactEmail)}</a>`;
  return text.split('{contact}').map(escapeHtml).join(link);
}
