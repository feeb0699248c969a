// Words the site must never show (docs/content.md, house vocabulary), shared by test/unit/copy.test.ts
// (the emails) and test/browser/copy.test.ts (every built file).

export const LEFTOVERS: [string, RegExp][] = [
  ['a sample reference', /\blike (?:EOI|APP|AGR)-[0-9A-Z]{4}-[0-9A-Z]{4}/],
  ['“Title IV-E”', /Title IV/i],
  // "County Council" is part of a partner's name; a county as a kind of organisation is not ours.
  ['“county”', /\bcounty\b(?![\s-]council)/i],
];

/** Every leftover in a text, named, so a failure says what to fix. */
export const leftoversIn = (text: string) =>
  LEFTOVERS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
