// What a reader gets from a page: its text nodes (outside script and style, including <noscript> and
// <template> contents, which a visitor sees without JavaScript or when a script shows them) and the
// attributes people read. Runs inside Chromium with JavaScript off, so the page is parsed exactly as a
// browser parses it, and nothing the page's own scripts would do runs.

export interface TextChunk {
  text: string;
  /** "chrome" for the frame every page shares: skip link, header, footer, the breadcrumbs' start. */
  region: 'chrome' | 'page';
  /** Where it came from: "text", or the attribute's name. */
  source: string;
}

/**
 * Attributes whose values people read (or hear). `data-text-*` is this site's convention for words a
 * script shows later (a message, a label it swaps in): the page carries them, so they come from content.
 */
export const READ_ATTRIBUTES = [
  'alt',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'label',
];
export const SCRIPT_TEXT_PREFIX = 'data-text-';

/** Runs in the page (passed to page.evaluate): must not refer to anything outside itself. */
export function extractInPage({
  readAttributes,
  scriptTextPrefix,
}: {
  readAttributes: string[];
  scriptTextPrefix: string;
}) {
  const chunks: { text: string; region: 'chrome' | 'page'; source: string }[] = [];
  const SKIP = new Set(['SCRIPT', 'STYLE']);
  const isChrome = (element: Element | null): boolean => {
    for (let node = element; node; node = node.parentElement) {
      if (node.tagName === 'MAIN') return false;
      if (node.tagName === 'HEADER' || node.tagName === 'FOOTER') return !node.closest('main, article');
      if (node.matches('body > a[href^="#"]')) return true;
      if (node.matches('nav.breadcrumbs > ol > li:first-child')) return true;
      if (node.matches('nav.breadcrumbs')) return false;
    }
    return false;
  };
  const add = (text: string | null | undefined, element: Element | null, source: string, chrome = false) => {
    if (text && /\p{L}/u.test(text))
      chunks.push({ text, region: chrome || isChrome(element) ? 'chrome' : 'page', source });
  };
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      add(node.nodeValue, node.parentElement, 'text');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      if (SKIP.has(element.tagName)) return;
      // A search filter's value, not its label: Pagefind files pages under it, and the page never shows it.
      if (element.hasAttribute('data-pagefind-filter')) return;
      const crumbsNav = element.matches('nav.breadcrumbs');
      for (const attribute of element.attributes) {
        const name = attribute.name;
        if (readAttributes.includes(name) || name.startsWith(scriptTextPrefix)) {
          // The breadcrumbs' name is part of the frame, like the Home link it starts with.
          add(attribute.value, element, name, crumbsNav);
        }
      }
      if (element.tagName === 'INPUT' && /^(submit|button|reset)$/i.test(element.getAttribute('type') ?? '')) {
        add(element.getAttribute('value'), element, 'value');
      }
      if (element.tagName === 'META' && element.getAttribute('name') === 'description') {
        add(element.getAttribute('content'), element, 'meta description');
      }
      if (element.tagName === 'TEMPLATE') visit((element as HTMLTemplateElement).content);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(document.documentElement);
  return chunks;
}
