import { escapeHtml } from './escape.ts';
import { replaceRegion } from './regions.ts';
import type { FormContent, FormDefinition } from './types.ts';

export interface SentPageOptions {
  reference: string;
  definition: FormDefinition;
  content: FormContent;
}

/**
 * The static "sent" page (built by Astro, with what happens next from content) with the reference
 * filled in. Unfilled, the page points to the confirmation email instead, so it still makes sense.
 */
export function renderSentPage(templateHtml: string, { reference }: SentPageOptions): string {
  return replaceRegion(
    templateHtml,
    'data-reference-root',
    `Your reference is<br><strong class="reference" data-reference>${escapeHtml(reference)}</strong>`,
  );
}
