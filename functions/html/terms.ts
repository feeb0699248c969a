import { escapeHtml } from './escape.ts';
import type { Terms, TermsSection } from '../forms/terms.ts';

/** The terms with their headings (h3, under the page's h2), as on the form and the confirm page. */
export function renderTerms(terms: Terms, { id }: { id?: string } = {}): string {
  return (
    `<div class="terms"${id ? ` id="${escapeHtml(id)}"` : ''}>` +
    `<p>${escapeHtml(terms.intro)}</p>` +
    terms.sections.map((section) => renderTermsSection(section)).join('') +
    `</div>`
  );
}

export function renderTermsSection(section: TermsSection, level = 3): string {
  return (
    `<h${level} class="terms__heading">${escapeHtml(section.heading)}</h${level}>` +
    section.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('') +
    (section.listIntro ? `<p>${escapeHtml(section.listIntro)}</p>` : '') +
    `<ul>${section.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
  );
}
