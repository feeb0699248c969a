import type { Config } from '@netlify/functions';
import { handleSentPage } from '../../functions/sent.ts';
import { runtime } from './_shared/intake.mts';

// /<form page>/sent/<REFERENCE>/: the static "sent" page with the reference filled in. Which pages are
// form pages comes from the form definitions (functions/sent.ts answers "not found" for any other).
export default async (request: Request) => handleSentPage(request, runtime());

export const config: Config = {
  path: ['/:page/sent/:reference', '/:page/sent/:reference/'],
};
