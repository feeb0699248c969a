import path from 'node:path';

type Env = Record<string, string | undefined>;

// Every setting the intake reads from the environment, with its default, in one place.

export interface IntakeConfig {
  /** Base of links in emails. Unset: Netlify's URL, else the origin the request came to. */
  siteUrl: string | undefined;
  dataDir: string;
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
  emailFrom: string;
  retentionDays: number;
  /** Days after sending before the second signer is reminded, once (CONFIRM_REMINDER_DAYS). */
  reminderDays: number;
  /** /api/health answers 503 once the oldest pending email is older than this (HEALTH_MAX_PENDING_MINUTES). */
  healthMaxPendingMs: number;
  /** Resend's webhook signing secret (`whsec_...`); unset, /api/email-events refuses everything. */
  webhookSecret: string | undefined;
  rateLimitMax: number;
  rateLimitWindowMs: number;
  minFillMs: number;
  resendPerSecond: number;
  /** Emails the scheme sends to one typed address (a receipt, a request to confirm) per UTC day. */
  emailsPerAddressPerDay: number;
  deployed: boolean;
  /**
   * Where submissions are kept: Netlify Blobs when deployed; locally, by default, the Netlify Blobs
   * sandbox that `npm start` and `npm run preview` run (the same API); JSON files under
   * DATA_DIR/store when INTAKE_STORAGE=files (tests that need data of their own).
   */
  storage: StorageKind;
  /** The local Blobs sandbox's folder (its BlobsServer data; our write locks sit beside it). */
  blobsSandboxDir: string;
}

export type StorageKind = 'netlify-blobs' | 'blobs-sandbox' | 'files';

/** What /api/health says for each. */
export const STORAGE_LABELS: Record<StorageKind, string> = {
  'netlify-blobs': 'netlify blobs',
  'blobs-sandbox': 'netlify blobs (local sandbox)',
  files: 'local files',
};

const number = (value: string | undefined, fallback: number, min = 0) => {
  const parsed = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed >= min ? parsed : fallback;
};

/** Running on Netlify itself (not `netlify dev`, `astro dev`, serve.mjs, the CLI or a test). */
export function isDeployed(env: Env): boolean {
  if (env.NETLIFY_DEV || env.NETLIFY_LOCAL) return false;
  return (
    ['production', 'deploy-preview', 'branch-deploy'].includes(env.CONTEXT ?? '') ||
    Boolean(env.AWS_LAMBDA_FUNCTION_NAME)
  );
}

export function readConfig(env: Env = process.env): IntakeConfig {
  const deployed = isDeployed(env);
  return {
    siteUrl: env.SITE_URL || env.URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    resendApiKey: env.RESEND_API_KEY || undefined,
    resendBaseUrl: env.RESEND_BASE_URL || undefined,
    emailFrom: env.EMAIL_FROM || 'Coaching Scheme Hub <no-reply@example.org>',
    retentionDays: number(env.RETENTION_DAYS, 30, 1),
    reminderDays: number(env.CONFIRM_REMINDER_DAYS, 7, 1),
    healthMaxPendingMs: number(env.HEALTH_MAX_PENDING_MINUTES, 60, 1) * 60_000,
    webhookSecret: env.RESEND_WEBHOOK_SECRET || undefined,
    rateLimitMax: number(env.RATE_LIMIT_MAX, 10, 1),
    rateLimitWindowMs: number(env.RATE_LIMIT_WINDOW_SECONDS, 60, 1) * 1000,
    minFillMs: number(env.MIN_FILL_SECONDS, 3) * 1000,
    resendPerSecond: number(env.RESEND_PER_SECOND, 2, 0.1),
    emailsPerAddressPerDay: number(env.EMAILS_PER_ADDRESS_PER_DAY, 3, 1),
    deployed,
    storage: env.INTAKE_STORAGE === 'files' ? 'files' : deployed ? 'netlify-blobs' : 'blobs-sandbox',
    // Netlify's dev tools always keep the sandbox in <project>/.netlify/blobs-serve; tests move it.
    blobsSandboxDir: path.resolve(env.BLOBS_SANDBOX_DIR || path.join('.netlify', 'blobs-serve')),
  };
}

/**
 * The base of links in emails: the configured site (SITE_URL, else Netlify's URL). Locally, with
 * neither, where this request arrived (local servers on any port). Deployed with neither, undefined:
 * the Host header is the client's to choose, so a link built from it could point anywhere.
 */
export function siteUrlFor(config: IntakeConfig, request: Request): string | undefined {
  if (config.siteUrl) return config.siteUrl.replace(/\/+$/, '');
  return config.deployed ? undefined : new URL(request.url).origin;
}

/** The one log line when a deployed site has no configured origin. */
export const NO_SITE_URL =
  'SITE_URL and URL are both unset on a deployed site: refusing to build a link from the request’s Host header; set SITE_URL';

/**
 * Whether this copy of the site sends email: deployed without RESEND_API_KEY it does not (a deploy
 * preview may run like that; a production build refuses to, see integrations/email-required.mjs).
 */
export const sendsEmail = (env: Env = process.env) => !isDeployed(env) || Boolean(env.RESEND_API_KEY);
