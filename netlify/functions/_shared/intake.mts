// Shared by the intake adapters: the production store and the caller's address. Not a function
// itself (folders starting with "_" are not deployed as functions).
import { getStore } from '@netlify/blobs';
import type { Context } from '@netlify/functions';
import { BlobsStore } from '../../../functions/blobs-store.ts';
import { intake } from '../../../functions/runtime.ts';

export const runtime = () => intake(() => new BlobsStore(getStore({ name: 'intake', consistency: 'strong' })));

/** Netlify gives the caller's address; locally (serve.mjs, astro dev) it may be missing. */
export const clientAddress = (request: Request, context: Context | undefined) =>
  context?.ip || request.headers.get('x-nf-client-connection-ip') || 'local';
