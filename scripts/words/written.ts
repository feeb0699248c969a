// What a page's scripts write, as the browser receives it: every text node added or changed and every
// attribute people read (READ_ATTRIBUTES) set after the page starts, recorded by a MutationObserver
// installed before any script runs. The tools' journeys (test/browser/tools-words.test.ts) check each
// piece against content/, so a sentence hard-coded into a tool script fails even though the built
// HTML never shows it.

export interface Written {
  text: string;
  source: string;
}

/** Runs in the page before its scripts (page.addInitScript): must not refer to anything outside itself. */
export function recordWrittenText(readAttributes: string[]) {
  const written: { text: string; source: string }[] = [];
  (window as unknown as { __written: typeof written }).__written = written;
  const textOf = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      // A <noscript>'s contents are one raw text node when scripts run: the static check reads them as markup.
      if (!node.parentElement?.closest('script, style, noscript'))
        written.push({ text: node.nodeValue ?? '', source: 'text' });
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    if (element.matches('script, style, noscript')) return;
    for (const name of readAttributes) {
      const value = element.getAttribute(name);
      if (value) written.push({ text: value, source: name });
    }
    for (const child of element.childNodes) textOf(child);
  };
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') textOf(mutation.target);
      else if (mutation.type === 'attributes') {
        const value = (mutation.target as Element).getAttribute(mutation.attributeName!);
        if (value) written.push({ text: value, source: mutation.attributeName! });
      } else mutation.addedNodes.forEach(textOf);
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: readAttributes,
  });
}
