import type { Config, Context } from '@netlify/functions';
import { handleConfirm } from '../../functions/confirm.ts';
import { clientAddress, forRequest } from './_shared/intake.mts';

// /confirm/<token>/: the second signature (manager, or the other party to an agreement).
export default async (request: Request, context: Context) =>
  handleConfirm(request, forRequest(context), clientAddress(request, context));

export const config: Config = {
  path: ['/confirm/:token', '/confirm/:token/'],
  // The static "done" page shares the prefix.
  excludedPath: ['/confirm/done', '/confirm/done/'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
