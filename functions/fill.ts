import { escapeHtml } from './html/escape.ts';

// Editors' words with {placeholders} (content/emails/, content/pages/), filled in with the values the
// code gives. One pass, so a value that itself holds "{reference}" is never filled in again; the
// schemas (src/schemas/intake-words.ts) already refused any placeholder not offered here.

export type Values = Record<string, string>;

const PLACEHOLDER = /\{([A-Za-z]\w*)\}/g;

/** Plain text: each {name} replaced by its value. */
export const fill = (template: string, values: Values): string =>
  template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);

/**
 * HTML: the words and the values escaped; `markup` gives a value its own HTML instead (the reference in
 * <strong>, the contact address as a link), built by the caller from escaped parts.
 */
export function fillHtml(template: string, values: Values, markup: Record<string, string> = {}): string {
  const parts = template.split(PLACEHOLDER);
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part);
      if (part in markup) return markup[part]!;
      return part in values ? escapeHtml(values[part]!) : escapeHtml(`{${part}}`);
    })
    .join('');
}

/** The contact address as a mailto link, for `fillHtml`'s markup. */
export const mailtoLink = (address: string) => `<a href="mailto:${escapeHtml(address)}">${escapeHtml(address)}</a>`;

/** A form's name as it reads inside a sentence ({form}): "Coaching application" becomes "coaching application". */
export const inSentence = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
