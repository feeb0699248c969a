import type { Config } from '@netlify/functions';
import { handleSentPage } from '../../functions/sent.ts';
import { runtime } from './_shared/intake.mts';

// /<form page>/sent/<REFERENCE>/: the static "sent" page with the reference filled in.
export default async (request: Request) => handleSentPage(request, runtime());

export const config: Config = {
  path: [
    '/become-a-coach/sent/:reference',
    '/become-a-coach/sent/:reference/',
    '/apply-for-coaching/sent/:reference',
    '/apply-for-coaching/sent/:reference/',
    '/coaching-agreement/sent/:reference',
    '/coaching-agreement/sent/:reference/',
  ],
};
