import type { Config, Context } from '@netlify/functions';
import { handleFormPost } from '../../functions/submission.ts';
import { clientAddress, forRequest } from './_shared/intake.mts';

// POST /api/forms/<form id>: the intake pipeline lives in functions/submission.ts.
export default async (request: Request, context: Context) =>
  handleFormPost(request, forRequest(context), clientAddress(request, context));

export const config: Config = {
  path: ['/api/forms/:form', '/api/forms/:form/'],
  // Netlify's own limit, ahead of the core's per-address limit (which also holds locally and in tests).
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
