import { fieldId } from '../../../functions/html/ids.ts';

// Taking people to a question, as GOV.UK's error summary does: from a summary link or a Change link.

/**
 * The words that ask for a control's answer, as GOV.UK's error summary picks them: a choice's legend;
 * another control's legend when both fit in half the window; else its label.
 */
export function questionOf(control: HTMLElement): HTMLElement | null {
  const legend = control.closest('fieldset')?.querySelector<HTMLElement>('legend');
  if (legend) {
    const type = control instanceof HTMLInputElement ? control.type : '';
    if (type === 'checkbox' || type === 'radio') return legend;
    const box = control.getBoundingClientRect();
    if (box.bottom - legend.getBoundingClientRect().top < window.innerHeight / 2) return legend;
  }
  return document.querySelector<HTMLElement>(`label[for="${CSS.escape(control.id)}"]`) ?? control.closest('label');
}

/** Brings the question into view, then focuses its control without scrolling it to the top, which
 * would push the question out of sight. */
export function focusField(name: string): void {
  const control = document.getElementById(fieldId(name));
  if (!control) return;
  (questionOf(control) ?? control).scrollIntoView({ block: 'start' });
  control.focus({ preventScroll: true });
}

/** Makes the summary links inside `root` (now or later drawn) take people to their question. */
export function followSummaryLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[href^="#f-"]');
    if (!link) return;
    event.preventDefault();
    const name = document.getElementById(link.hash.slice(1))?.closest<HTMLElement>('[data-field]')?.dataset.field;
    if (name) focusField(name);
  });
}
