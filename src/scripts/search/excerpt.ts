// Pagefind's excerpts are text with the matched words wrapped in <mark>, and only `<` and `>` of the
// page text escaped. Splitting them into parts lets the page build text nodes and <mark> elements
// itself, so nothing from the index is ever parsed as HTML.

export interface ExcerptPart {
  text: string;
  marked: boolean;
}

export function excerptParts(excerpt: string): ExcerptPart[] {
  const tokens: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece !== '') tokens.push({ text: piece.replaceAll('&lt;', '<').replaceAll('&gt;', '>'), marked });
  }
  // Pagefind marks word by word; a phrase reads better as one highlight ("chemistry meeting"), so the
  // spaces between two marked words join them.
  const parts: ExcerptPart[] = [];
  tokens.forEach((token, i) => {
    const bridgesMarks = !token.marked && token.text.trim() === '' && tokens[i - 1]?.marked && tokens[i + 1]?.marked;
    const part = bridgesMarks ? { ...token, marked: true } : token;
    const previous = parts.at(-1);
    if (previous && previous.marked === part.marked) previous.text += part.text;
    else parts.push({ ...part });
  });
  return parts;
}
