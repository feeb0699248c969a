import type { Config } from '@netlify/functions';
import { health } from '../../functions/health.ts';
import { runtime } from './_shared/intake.mts';

// GET /api/health: email and storage settings and the outbox's counts; 503 with reasons when a person is needed.
export default async (_request: Request) => health(runtime());

export const config: Config = { path: '/api/health' };
