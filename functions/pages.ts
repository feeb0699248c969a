import type { FormContent, FormDefinition } from './forms/index.ts';
import type { ErrorItem } from './http.ts';
import { renderFormPage } from './html/form-page.ts';
import type { Intake } from './runtime.ts';

// The site's static pages, fetched and filled in by the functions: a form page redrawn with what was
// typed and what went wrong, or a bare page when the static one cannot be fetched.

/** The static form page redrawn with the answers and errors, or a bare page if it cannot be fetched. */
export async function formPage(
  request: Request,
  deps: Pick<Intake, 'fetchPage' | 'log'>,
  definition: FormDefinition,
  content: FormContent,
  values: Record<string, unknown>,
  errors: ErrorItem[],
): Promise<string> {
  let page: string;
  try {
    page = await deps.fetchPage(new URL(definition.path, request.url));
  } catch (error) {
    deps.log(`${definition.path} could not be fetched (${(error as Error).message}); answering with a bare page`);
    page = barePage(definition.name, 'data-form-root');
  }
  return renderFormPage(page, { definition, content, values, errors });
}

export const barePage = (title: string, region: string) =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${title}</title><link rel="stylesheet" href="/styles/site.css"></head>` +
  `<body><main id="main-content" class="container"><div ${region}></div></main></body></html>`;
