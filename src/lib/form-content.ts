import type { FormContent, FormId } from '../../functions/forms/index.ts';

/**
 * What the browser script needs to rebuild a form's schema and answer rows: the same content the
 * page was built with, minus the workforce development inboxes, which only the server uses.
 * (The pages load content with intake-core's loadFormContent, the same reader the functions use,
 * so a page and the function that checks its answers always agree on options and their order.)
 */
export interface BrowserFormData {
  formId: FormId;
  content: FormContent;
}

export function browserFormData(formId: FormId, content: FormContent): BrowserFormData {
  return {
    formId,
    content: { ...content, organisations: content.organisations.map((org) => ({ ...org, inboxes: [] })) },
  };
}
