// The one MDX component editors may use: <Callout title="Optional heading">Markdown</Callout>.
// Written the way the content files already write it: the tags on their own lines around the text.

export interface CalloutData {
  title?: string;
  body: string;
}

/** Matches one Callout block (used by the preview to render it as the site does). */
export const CALLOUT_PATTERN = /^<Callout(?:\s+title="([^"]*)")?\s*>\n?([\s\S]*?)\n?<\/Callout>/m;

/** JSX attribute strings cannot hold a straight double quote: use the typographic ones instead. */
const safeTitle = (title: string) =>
  title
    .trim()
    .replace(/"([^"]*)"/g, '“$1”')
    .replace(/"/g, '”');

export function calloutToMdx({ title, body }: CalloutData): string {
  const open = title?.trim() ? `<Callout title="${safeTitle(title)}">` : '<Callout>';
  return `${open}\n${body.trim()}\n</Callout>`;
}

export function calloutFromMatch(match: RegExpMatchArray): CalloutData {
  return { title: match[1] ?? '', body: match[2] ?? '' };
}

/**
 * Puts a Callout into `text` at `cursor`, as its own block with a blank line either side, and
 * returns the new text and where the cursor should go (just after the block).
 */
export function insertCallout(text: string, cursor: number, callout: CalloutData) {
  const before = text.slice(0, cursor);
  const after = text.slice(cursor);
  const lead = before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const block = `${lead}${calloutToMdx(callout)}${trail}`;
  return { text: before + block + after, cursor: before.length + block.length };
}

export type BodyPart = { kind: 'markdown'; text: string } | ({ kind: 'callout' } & CalloutData);

/** Splits page text into Markdown and Callout parts, so the preview can render each the site's way. */
export function splitCallouts(text: string): BodyPart[] {
  const parts: BodyPart[] = [];
  const pattern = new RegExp(CALLOUT_PATTERN.source, 'gm');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ kind: 'markdown', text: text.slice(last, match.index) });
    parts.push({ kind: 'callout', ...calloutFromMatch(match) });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'markdown', text: text.slice(last) });
  return parts;
}
