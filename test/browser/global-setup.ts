import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}

// One server for every browser test file: the built site plus its functions, with a fresh data
// folder so emails written as .eml files can be inspected per run.
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-browser-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.RESEND_API_KEY;
  // Every browser journey posts from one address: a production-sized limit (10 a minute) would turn
  // later journeys into 429s. The limit itself is proved by intake-core's integration tests.
  process.env.RATE_LIMIT_MAX ??= '1000';
  // The journeys reuse a few fictional addresses many times a day; the daily cap per address is
  // proved by the unit tests (intake-mail-rules.test.ts).
  process.env.EMAILS_PER_ADDRESS_PER_DAY ??= '100000';
  // Warm: every function built before the first journey starts its clock.
  const server = await serve({ port: 0, quiet: true, warm: true });
  project.provide('baseUrl', server.url);
  project.provide('dataDir', dataDir);
  return () => server.close();
}
