import type { Config } from '@netlify/functions';
import { health } from '../../functions/health.ts';
import { runtime } from './_shared/intake.mts';

// GET /api/health: whether email and storage are configured. Always 200.
export default async (_request: Request) => health(runtime());

export const config: Config = { path: '/api/health' };
