// Shared by the intake adapters (and outbox:flush): opening the store and the caller's address. Not
// a function itself (folders starting with "_" are not deployed as functions).
import path from 'node:path';
import { getStore } from '@netlify/blobs';
import type { Context } from '@netlify/functions';
import { BlobsStore, boundedFetch, SandboxBlobsStore } from '../../../functions/blobs-store.ts';
import type { IntakeConfig } from '../../../functions/config.ts';
import { loadSiteContent } from '../../../functions/content.ts';
import { intake, type Intake } from '../../../functions/runtime.ts';
import { UnavailableStore, type Store } from '../../../functions/store.ts';

export const STORE_NAME = 'intake';

// Every post and confirmation reads content/ (once per instance, then cached): start reading it as
// the instance starts, so a fresh instance's first call does not wait for it. A failure here is
// not kept (the call reads again) and is not this moment's to report.
loadSiteContent().catch(() => {});

/** Where a process that is not given the Blobs context finds the sandbox's server (outbox:flush). */
export interface BlobsServerDetails {
  siteID: string;
  token: string;
  url: string;
}

/**
 * The `intake` store with strong consistency: deployed, Netlify's; locally, the sandbox that
 * `npm start` and `npm run preview` run (its address and token come in the Blobs context in the
 * environment, as on Netlify), with the sandbox's missing ETags and atomic writes made good.
 */
export function openBlobsStore(config: IntakeConfig, server?: BlobsServerDetails): Store {
  try {
    const blobs = getStore({
      name: STORE_NAME,
      consistency: 'strong',
      // Retries end with each operation's deadline, so a storage outage answers "not sent" quickly.
      fetch: boundedFetch,
      ...(server && { siteID: server.siteID, token: server.token, edgeURL: server.url, uncachedEdgeURL: server.url }),
    });
    return config.storage === 'blobs-sandbox'
      ? new SandboxBlobsStore(blobs, path.join(config.blobsSandboxDir, 'intake-locks'))
      : new BlobsStore(blobs);
  } catch (error) {
    // No Blobs context (a server started without Netlify's tools): every submission gets the
    // "not sent, try again" answer rather than a crash, and the log says why.
    console.error(`[intake] storage unavailable: ${(error as Error).message}`);
    return new UnavailableStore(error as Error);
  }
}

export const runtime = () => intake((config) => openBlobsStore(config));

/** The runtime for one request: sending after the answer runs under Netlify's `waitUntil`. */
export const forRequest = (context: Pick<Context, 'waitUntil'> | undefined): Intake => {
  const deps = runtime();
  const waitUntil = context?.waitUntil;
  return typeof waitUntil === 'function' ? { ...deps, waitUntil: (promise) => waitUntil.call(context, promise) } : deps;
};

/**
 * The caller's address as the platform saw the connection (Netlify's `context.ip`), never a request
 * header: a client can send any header it likes, and a fresh one per request would dodge the rate
 * limit. Locally (serve.mjs, astro dev) there is none, so every caller counts as `local`.
 */
export const clientAddress = (_request: Request, context: Pick<Context, 'ip'> | undefined) => context?.ip || 'local';
