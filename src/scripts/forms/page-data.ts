import type { FormContent } from '../../../functions/forms/types.ts';
import type { FormScriptWords } from './messages.ts';

// What the page gives the script: the form data island FormPage.astro renders (data, not code, so it
// runs under the page's CSP).

export interface PageData {
  formId: string;
  content: FormContent;
  messages: FormScriptWords;
}

export function readPageData(formId: string, root: Document = document): PageData {
  const island = root.getElementById('form-data');
  if (!island) throw new Error('The form page is missing its form data (#form-data)');
  const data = JSON.parse(island.textContent ?? '{}') as Partial<PageData>;
  if (data.formId !== formId) throw new Error(`The page's form data is for ${data.formId}, not ${formId}`);
  if (!data.content || !data.messages) throw new Error(`The page's form data for ${formId} is incomplete`);
  return data as PageData;
}

/** An element the page must have: a missing one is a broken page, said plainly. */
export function element<T extends Element>(selector: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`The form page is missing ${selector}`);
  return found;
}
