import type { Config, Context } from '@netlify/functions';
import { handleEmailEvent } from '../../functions/email-events.ts';
import { forRequest } from './_shared/intake.mts';

// POST /api/email-events: Resend's delivery webhooks (bounces, complaints, deliveries), signed.
export default async (request: Request, context: Context) => handleEmailEvent(request, forRequest(context));

export const config: Config = { path: '/api/email-events' };
