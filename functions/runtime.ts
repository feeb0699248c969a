import path from 'node:path';
import { readConfig, type IntakeConfig } from './config.ts';
import { clockFrom } from './clock.ts';
import { loadFormContent, loadRefusals, type RefusalWords } from './content.ts';
import { withoutAddresses } from './log.ts';
import { fileMailer, resendMailer, unconfiguredMailer, type Mailer } from './email/mailer.ts';
import type { FormContent, FormId } from './forms/types.ts';
import { Pacer, RateLimiter, recipientLimiter } from './limits.ts';
import { FileStore, type Store } from './store.ts';

// The real side effects, assembled once per process from the environment. The adapters (and
// outbox:flush) pass in how to open Netlify Blobs, deployed or the local sandbox; everything else
// here is plain Node.

export interface Intake {
  config: IntakeConfig;
  store: Store;
  mailer: Mailer;
  now: () => number;
  rateLimiter: RateLimiter;
  /** Emails per typed address per day (functions/limits.ts). */
  recipientLimiter: RateLimiter;
  pacer: Pacer;
  loadContent: (formId: FormId) => Promise<FormContent>;
  /** The words of the pages that tell a browser why a form or confirmation was refused. */
  loadRefusals: () => Promise<RefusalWords>;
  /** Fetches one of the site's static pages (form, sent, confirm templates) to fill in. */
  fetchPage: (url: URL) => Promise<string>;
  log: (line: string) => void;
  /** Keeps the platform running work started after the answer (Netlify's `context.waitUntil`). */
  waitUntil?: (promise: Promise<unknown>) => void;
}

export function chooseMailer(config: IntakeConfig, log: (line: string) => void): Mailer {
  if (config.resendApiKey) return resendMailer({ apiKey: config.resendApiKey, baseUrl: config.resendBaseUrl });
  if (config.deployed) return unconfiguredMailer;
  return fileMailer(path.join(config.dataDir, 'outbox'), log);
}

export const fileStore = (config: IntakeConfig): Store => new FileStore(path.join(config.dataDir, 'store'));

/** INTAKE_STORAGE=files, else Netlify Blobs (deployed, or the local sandbox) through `openBlobs`. */
export function chooseStore(config: IntakeConfig, openBlobs: ((config: IntakeConfig) => Store) | undefined): Store {
  if (config.storage === 'files') return fileStore(config);
  if (!openBlobs) throw new Error(`No way to open ${config.storage} was given`);
  return openBlobs(config);
}

export async function fetchPage(url: URL): Promise<string> {
  const response = await fetch(url, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

let shared: Intake | undefined;

/**
 * One set of dependencies per process. The rate limiter and the email pacer keep their state in the
 * store, so they also hold across processes (and across Netlify's fresh worker per call locally).
 */
export function intake(openBlobs?: (config: IntakeConfig) => Store, env = process.env): Intake {
  if (shared) return shared;
  const config = readConfig(env);
  // References, stages and counts only; any address in an error message is taken out.
  const log = (line: string) => console.log(`[intake] ${withoutAddresses(line)}`);
  const now = clockFrom(env);
  const store = chooseStore(config, openBlobs);
  shared = {
    config,
    store,
    mailer: chooseMailer(config, log),
    now,
    rateLimiter: new RateLimiter(store, config.rateLimitMax, config.rateLimitWindowMs),
    recipientLimiter: recipientLimiter(store, config.emailsPerAddressPerDay),
    pacer: new Pacer(config.resendPerSecond, Date.now, undefined, store),
    loadContent: (formId) => loadFormContent(formId),
    loadRefusals: () => loadRefusals(),
    fetchPage,
    log,
  };
  return shared;
}
