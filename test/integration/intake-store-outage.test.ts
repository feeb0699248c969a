import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../functions/config.ts';
import { RateLimiter } from '../../functions/limits.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { testDeps } from '../unit/intake-support.ts';

// A storage outage answers "not sent" within 5 seconds. The real Netlify Blobs client retries each
// failed request five times, 5 s apart (27 to 32 s before this bound), so this goes through it:
// the adapter's store over a server that refuses, fails or never answers.

const valid = JSON.parse(
  readFileSync(new URL('../fixtures/intake/schemas/coaching-agreement.json', import.meta.url), 'utf8'),
).valid;

let openBlobsStore: typeof import('../../netlify/functions/_shared/intake.mts').openBlobsStore;
let failing: Server;
let hanging: Server;
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

beforeAll(async () => {
  // The client waits 1 ms between retries under NODE_ENV=test and 5 s otherwise: use the real wait.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  ({ openBlobsStore } = await import('../../netlify/functions/_shared/intake.mts'));
  process.env.NODE_ENV = nodeEnv;
  failing = createServer((_req, res) => res.writeHead(500).end('down'));
  hanging = createServer(() => {});
  await Promise.all([listen(failing), listen(hanging)]);
});

afterAll(async () => {
  for (const server of [failing, hanging]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function sendThrough(url: string) {
  const config = { ...readConfig({}), storage: 'netlify-blobs' as const };
  const store = openBlobsStore(config, { siteID: 'outage-site', token: 'token', url });
  const { deps, mailer } = testDeps({ store, rateLimiter: new RateLimiter(store, 10, 60_000) });
  const started = Date.now();
  const response = await handleFormPost(
    new Request('https://coaching.example.org/api/forms/coaching-agreement', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid),
    }),
    deps,
    '203.0.113.7',
  );
  return { response, seconds: (Date.now() - started) / 1000, mailer };
}

describe('a storage outage', () => {
  it.each([
    ['answers 500 to everything', () => urlOf(failing)],
    ['never answers', () => urlOf(hanging)],
    ['refuses connections', () => 'http://127.0.0.1:9'],
  ])(
    'that %s: 503 "not sent" within 5 seconds, nothing emailed',
    async (_name, url) => {
      const { response, seconds, mailer } = await sendThrough(url());
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        errors: [{ field: 'form', message: 'Your form was not sent. Try again in a few minutes.' }],
      });
      expect(seconds).toBeLessThan(5);
      expect(mailer.calls).toHaveLength(0);
    },
    40_000,
  );
});
