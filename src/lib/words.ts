// Words from content/ with {placeholders}: "Last updated {date}", "Phase {number} of {count}". The
// schemas (src/schemas/words.ts) make sure a file uses only the placeholders its words may use, so
// filling them in here cannot leave a stray {name} on a page. Shared by pages and browser scripts.

export type TemplatePart = { text: string } | { name: string };

const PLACEHOLDER = /\{([A-Za-z]\w*)\}/g;

/** The fixed words and the placeholders of a template, in order. */
export function templateParts(template: string): TemplatePart[] {
  return template
    .split(PLACEHOLDER)
    .map((piece, i): TemplatePart => (i % 2 === 0 ? { text: piece } : { name: piece }))
    .filter((part) => !('text' in part) || part.text !== '');
}

/** The template with each placeholder replaced, in one pass (a value that contains {x} stays as typed). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
