import { escapeHtml } from './escape.ts';
import { replaceRegion } from './regions.ts';
import type { FormContent, FormDefinition } from './types.ts';

export interface SentPageOptions {
  reference: string;
  definition: FormDefinition;
  content: FormContent;
  /** Emails that could not be sent (`?held=receipt,request`): the page says so instead of "we are sending". */
  held?: readonly ('receipt' | 'request')[];
}

/**
 * The static "sent" page (built by Astro, with what happens next from content) with the reference
 * filled in. Unfilled, the page points to the confirmation email instead, so it still makes sense.
 */
export function renderSentPage(templateHtml: string, { reference, content, held = [] }: SentPageOptions): string {
  const page = replaceRegion(
    templateHtml,
    'data-reference-root',
    `${escapeHtml(content.intake.sent.referenceLead)}<br><strong class="reference" data-reference>${escapeHtml(reference)}</strong>`,
  );
  if (held.length === 0) return page;
  const notices = [
    held.includes('receipt') ? content.settings.receiptNotSent : '',
    held.includes('request') ? content.settings.requestNotSent : '',
  ].filter(Boolean);
  return replaceRegion(
    page,
    'data-email-root',
    `<div class="callout" data-email-not-sent>${notices.map((notice) => `<p>${escapeHtml(notice)}</p>`).join('')}</div>`,
  );
}
