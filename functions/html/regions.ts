// Static pages mark the parts a function fills in with data attributes (data-form-root, ...).
// These helpers swap such a region's contents in an HTML string, without a DOM, so the same code
// runs in a Netlify function. The pages are our own build output, so a simple tag scanner is enough.

/** Replaces the contents of the first element carrying `attribute`; returns the html unchanged if absent. */
export function replaceRegion(html: string, attribute: string, inner: string): string {
  const range = regionRange(html, attribute);
  if (!range) return html;
  return html.slice(0, range.start) + inner + html.slice(range.end);
}

/** The contents of the first element carrying `attribute`, or undefined. */
export function regionContents(html: string, attribute: string): string | undefined {
  const range = regionRange(html, attribute);
  return range ? html.slice(range.start, range.end) : undefined;
}

function regionRange(html: string, attribute: string): { start: number; end: number } | undefined {
  const open = new RegExp(`<([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*\\s${attribute}(?=[\\s=>/])[^>]*>`).exec(html);
  if (!open) return undefined;
  const tag = open[1]!.toLowerCase();
  const start = open.index + open[0].length;
  const scanner = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  scanner.lastIndex = start;
  let depth = 1;
  for (let match = scanner.exec(html); match; match = scanner.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return { start, end: match.index };
  }
  return undefined;
}

/** Sets the page name in `<title>`, keeping the site name after the first " – ". */
export function setTitle(html: string, pageTitle: string, { error = false } = {}): string {
  return html.replace(/<title>([\s\S]*?)<\/title>/, (_whole, current: string) => {
    const separator = current.indexOf(' – ');
    const siteName = separator === -1 ? '' : current.slice(separator);
    return `<title>${error ? 'Error: ' : ''}${pageTitle}${siteName}</title>`;
  });
}

/** Prefixes the `<title>` with "Error: " (once), as GOV.UK does when a page shows errors. */
export function prefixTitleWithError(html: string): string {
  return html.replace(/<title>(?!Error: )/, '<title>Error: ');
}
