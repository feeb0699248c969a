// Pure helpers for indexing the dev server's pages, kept apart so unit tests can lock them.

/** Folders that are not readable pages: the API, the CMS, the search bundle itself. */
const NOT_PAGES = ['/api/', '/admin/', '/pagefind/', '/_astro/', '/@'];

/**
 * The site's own page addresses linked from an HTML document, without query or fragment,
 * e.g. `<a href="/principles/#chemistry-meeting">` gives `/principles/`. Files (anything with an
 * extension) and other origins are left out.
 */
export function internalPageLinks(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/<a\s[^>]*?href="([^"]*)"/gi)) {
    const href = match[1].split(/[?#]/)[0];
    if (!href.startsWith('/') || href.startsWith('//')) continue;
    if (NOT_PAGES.some((prefix) => href.startsWith(prefix))) continue;
    const lastSegment = href.slice(href.lastIndexOf('/') + 1);
    if (lastSegment.includes('.')) continue;
    links.add(href);
  }
  return [...links];
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Pagefind's index chunks (.pf_*, .pagefind) are opaque compressed bytes. */
export function contentTypeFor(file: string): string {
  const extension = file.slice(file.lastIndexOf('.'));
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
