// One naming scheme for element ids, shared by the form, the error summary and the browser script.
// The prefix keeps field names like "name" or "email" from clashing with ids in the site's chrome.

export const fieldId = (name: string) => `f-${name}`;
export const hintId = (name: string) => `f-${name}-hint`;
export const errorId = (name: string) => `f-${name}-error`;
export const listId = (name: string) => `f-${name}-list`;
/** Radios and checkboxes: the first option carries the field's own id, so summary links land on it. */
export const optionId = (name: string, index: number) => (index === 0 ? fieldId(name) : `f-${name}-${index + 1}`);
