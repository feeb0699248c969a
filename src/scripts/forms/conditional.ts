// Questions that apply only to some answers ("Name of your organisation" when it is "Another
// organisation"): the renderer marks them with data-show-when-field/-value, so hiding them needs no
// form definition and runs before the rest of the script loads (no shift once the page is shown).

export function updateConditional(form: HTMLFormElement): void {
  const data = new FormData(form);
  for (const wrapper of form.querySelectorAll<HTMLElement>('[data-show-when-field]')) {
    const { showWhenField = '', showWhenValue } = wrapper.dataset;
    wrapper.hidden = data.get(showWhenField) !== showWhenValue;
  }
}
