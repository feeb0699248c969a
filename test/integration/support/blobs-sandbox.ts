import { randomBytes } from 'node:crypto';
import { BlobsServer } from '@netlify/blobs/server';

// The local Netlify Blobs sandbox the way `npm start` and `npm run preview` run it (NetlifyDev's
// getRuntime): a BlobsServer over a folder with a random token, announced to functions through the
// NETLIFY_BLOBS_CONTEXT variable. Here the folder is a temp one, so a test has data of its own.

export interface BlobsSandbox {
  siteID: string;
  token: string;
  url: string;
  /** The value NetlifyDev puts in NETLIFY_BLOBS_CONTEXT for the functions. */
  context: string;
  stop(): Promise<void>;
}

export async function startBlobsSandbox(directory: string, siteID = 'test-site'): Promise<BlobsSandbox> {
  const token = randomBytes(16).toString('hex');
  const server = new BlobsServer({ directory, token });
  const { port } = await server.start();
  const url = `http://localhost:${port}`;
  const context = Buffer.from(
    JSON.stringify({ deployID: '0', edgeURL: url, uncachedEdgeURL: url, primaryRegion: 'us-east-2', siteID, token }),
  ).toString('base64');
  return { siteID, token, url, context, stop: () => server.stop() };
}
