import { checkDate, DATE_PARTS, joinDate, splitDate } from '../../../functions/forms/dates.ts';
import { toolWords } from './words.ts';

// The tools' dates (the planner's date, each coaching record session's date) use the forms' GOV.UK
// date input, drawn by the same renderer (renderDate), and the same rule and messages (checkDate).
// What is kept is YYYY-MM-DD, or '' for no date, as before.

export interface DateBoxes {
  /** Shows a kept date (YYYY-MM-DD or '') in the boxes. */
  show(iso: string): void;
}

/**
 * Binds a date input group: every change that makes a real date (or empties all three boxes) is
 * kept; leaving a box with an incomplete or impossible date shows GOV.UK's message for it.
 */
export function bindDateBoxes(group: HTMLElement, label: string, keep: (iso: string) => void): DateBoxes {
  const boxes = DATE_PARTS.map((part) => group.querySelector<HTMLInputElement>(`input[name$="-${part}"]`)!);
  const message = document.createElement('p');
  message.className = 'error-message';
  message.id = `${boxes[0]!.id}-error`;
  message.hidden = true;
  group.querySelector('.date-input')!.before(message);
  const describedBy = group.getAttribute('aria-describedby') ?? '';

  const read = () => joinDate(Object.fromEntries(DATE_PARTS.map((part, index) => [part, boxes[index]!.value])));
  const showError = (text: string) => {
    message.replaceChildren(
      Object.assign(document.createElement('span'), {
        className: 'visually-hidden',
        textContent: `${toolWords().shared.errorPrefix} `,
      }),
      text,
    );
    message.hidden = text === '';
    group.setAttribute('aria-describedby', [describedBy, text ? message.id : ''].filter(Boolean).join(' '));
    for (const box of boxes) box.classList.toggle('input--error', text !== '');
  };

  group.addEventListener('input', () => {
    const value = read();
    const checked = checkDate(value, label);
    if (value === '' || checked.ok) {
      showError('');
      keep(value === '' ? '' : (checked as { iso: string }).iso);
    }
  });
  group.addEventListener('change', () => {
    const value = read();
    const checked = checkDate(value, label);
    showError(value === '' || checked.ok ? '' : checked.message);
  });

  return {
    show(iso) {
      const parts = splitDate(iso);
      DATE_PARTS.forEach((part, index) => {
        boxes[index]!.value = parts[part];
      });
      showError('');
    },
  };
}
