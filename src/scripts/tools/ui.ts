// Small DOM helpers shared by the tool pages: finding elements, the error summary, field errors,
// announcements and the inline confirmation step. No framework: the pages are server-rendered and
// these only switch on the interactive parts.
import { toolWords } from './words.ts';

/** Finds a required element or fails loudly: a missing element is a page bug, not user error. */
export function must<E extends Element = HTMLElement>(selector: string, root: ParentNode = document): E {
  const element = root.querySelector<E>(selector);
  if (!element) throw new Error(`Tool page is missing ${selector}`);
  return element;
}

/** Reveals the parts of the page that only work with JavaScript. */
export function revealToolParts(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('[data-tool-only]').forEach((element) => {
    element.hidden = false;
  });
}

let announceTimer: ReturnType<typeof setTimeout> | undefined;
/** Says `message` through the page's visually hidden live region. */
export function announce(message: string): void {
  const region = document.querySelector<HTMLElement>('[data-announcer]');
  if (!region) return;
  // Clearing first makes a repeated message be read again.
  region.textContent = '';
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** Moves focus to an element that is not normally focusable (a heading), without scrolling past it. */
export function focusOn(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}

export interface FieldError {
  /** The id of the field the error is about. */
  fieldId: string;
  message: string;
}

/** The words that ask a field's question: its fieldset's legend, or its label. */
const questionOf = (field: HTMLElement): HTMLElement | null =>
  field.closest('fieldset')?.querySelector('legend') ??
  document.querySelector<HTMLElement>(`label[for="${CSS.escape(field.id)}"]`);

/**
 * Shows the GOV.UK error summary (ErrorSummary.astro, the forms' markup) with links to the fields,
 * and each field's own message; the summary takes focus, as the forms' does.
 */
export function showErrors(summary: HTMLElement, errors: FieldError[]): void {
  const list = must('[data-error-list]', summary);
  list.replaceChildren(
    ...errors.map(({ fieldId, message }) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#${fieldId}`;
      link.textContent = message;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        const field = document.getElementById(fieldId);
        if (!field) return;
        // As GOV.UK's summary does: the question comes into view, then the field takes focus in place.
        (questionOf(field) ?? field).scrollIntoView({ block: 'start' });
        field.focus({ preventScroll: true });
      });
      item.append(link);
      return item;
    }),
  );
  for (const { fieldId, message } of errors) setFieldError(fieldId, message);
  summary.hidden = false;
  summary.focus();
  summary.scrollIntoView({ block: 'start' });
}

export function clearErrors(summary: HTMLElement): void {
  summary.hidden = true;
  must('[data-error-list]', summary).replaceChildren();
  document.querySelectorAll<HTMLElement>('[data-error-for]').forEach((message) => {
    const fieldId = message.dataset.errorFor!;
    setFieldError(fieldId, null);
  });
}

/** Puts (or removes) the error message above a field and links it with aria-describedby. */
export function setFieldError(fieldId: string, message: string | null): void {
  const field = document.getElementById(fieldId);
  const errorMessage = document.getElementById(`${fieldId}-error`);
  if (!field || !errorMessage) return;
  errorMessage.dataset.errorFor = fieldId;
  const describedBy = new Set((field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  if (message) {
    errorMessage.replaceChildren(
      Object.assign(document.createElement('span'), {
        className: 'visually-hidden',
        textContent: `${toolWords().shared.errorPrefix} `,
      }),
      message,
    );
    errorMessage.hidden = false;
    describedBy.add(errorMessage.id);
  } else {
    errorMessage.hidden = true;
    errorMessage.replaceChildren();
    describedBy.delete(errorMessage.id);
  }
  field.setAttribute('aria-describedby', [...describedBy].join(' '));
  field.closest('[data-import-group], .field')?.classList.toggle('field--error', Boolean(message));
}

/**
 * Wires an InlineConfirm panel to the button that opens it. Opening moves focus to the panel's
 * heading; “Cancel” closes it and returns focus to the trigger; “Yes” closes it and runs onConfirm,
 * which decides where focus goes next.
 */
export function bindConfirm(
  panel: HTMLElement,
  trigger: HTMLButtonElement,
  onConfirm: () => void,
): { open(): void; close(): void } {
  const heading = must('[data-confirm-heading]', panel);
  const open = () => {
    panel.hidden = false;
    trigger.setAttribute('aria-expanded', 'true');
    focusOn(heading);
  };
  const close = () => {
    panel.hidden = true;
    trigger.setAttribute('aria-expanded', 'false');
  };
  trigger.setAttribute('aria-controls', panel.id);
  trigger.setAttribute('aria-expanded', 'false');
  trigger.addEventListener('click', () => (panel.hidden ? open() : close()));
  must<HTMLButtonElement>('[data-confirm-no]', panel).addEventListener('click', () => {
    close();
    trigger.focus();
  });
  must<HTMLButtonElement>('[data-confirm-yes]', panel).addEventListener('click', () => {
    close();
    onConfirm();
  });
  return { open, close };
}
