import type { ToolsSharedWords } from '../../schemas/tools.ts';

// The words a tool's script shows come from content/tools/*.yml: the page renders them into a JSON
// island (src/components/tools/ToolWords.astro), read here once. Only DOM code calls this; the pure
// modules (storage, plans, worksheet) take their words as arguments, so unit tests pass them in.

export interface ToolWords<T> {
  shared: ToolsSharedWords;
  tool: T;
}

let cached: ToolWords<unknown> | undefined;

/** The page's words; a page without its island is a page bug, so this fails loudly. */
export function toolWords<T>(): ToolWords<T> {
  if (!cached) {
    const island = document.getElementById('tool-words');
    if (!island?.textContent) throw new Error('Tool page is missing its words (#tool-words)');
    cached = JSON.parse(island.textContent) as ToolWords<unknown>;
  }
  return cached as ToolWords<T>;
}

export { fill } from '../../lib/words.ts';
