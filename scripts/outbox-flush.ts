// `npm run outbox:flush`: sends every pending email in the local store (the one `npm start` and
// `npm run preview` use: the Netlify Blobs sandbox in .netlify/blobs-serve, or DATA_DIR/store with
// INTAKE_STORAGE=files), ignoring backoff but honouring the email service's Retry-After. Prints what
// it sent (references, stages and counts; never an address); exits 0 only when nothing is left
// pending. `--now <ISO date>` (or INTAKE_CLOCK) runs it as if at that time, to see what reminders,
// expiry notices and the retention period would do then.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BlobsServer } from '@netlify/blobs/server';
import { parseClock } from '../functions/clock.ts';
import { readConfig } from '../functions/config.ts';
import { followUpPlanner } from '../functions/follow-ups.ts';
import { flushOutbox } from '../functions/outbox.ts';
import { intake } from '../functions/runtime.ts';
import { openBlobsStore, type BlobsServerDetails } from '../netlify/functions/_shared/intake.mts';

const nowFlag = process.argv.indexOf('--now');
if (nowFlag !== -1) {
  const value = process.argv[nowFlag + 1];
  if (parseClock(value) === undefined) {
    console.error('--now needs a date and time, like --now 2026-12-31T09:00:00Z');
    process.exit(2);
  }
  process.env.INTAKE_CLOCK = value;
}
const config = readConfig();
if (config.deployed) {
  console.error(
    'outbox:flush works on the local store. On Netlify, the scheduled "outbox" function flushes every 5 minutes.',
  );
  process.exit(2);
}

/** The site ID Netlify's dev tools file the sandbox under: NETLIFY_SITE_ID, the linked site, else "0". */
function sandboxSiteId(): string {
  if (process.env.NETLIFY_SITE_ID) return process.env.NETLIFY_SITE_ID;
  try {
    const state = JSON.parse(readFileSync(path.resolve('.netlify', 'state.json'), 'utf8')) as { siteId?: unknown };
    if (typeof state.siteId === 'string' && state.siteId) return state.siteId;
  } catch {
    // No state file: the project is not linked to a site.
  }
  return '0';
}

// The sandbox's data is plain files; a dev server may be running its own BlobsServer over them, so
// this process runs another over the same folder. Both write each file by rename, and every write
// from the intake takes the same per-key lock (functions/blobs-store.ts), so the two can share it.
let server: BlobsServer | undefined;
let details: BlobsServerDetails | undefined;
if (config.storage === 'blobs-sandbox') {
  const token = randomBytes(16).toString('hex');
  server = new BlobsServer({ directory: config.blobsSandboxDir, token });
  const { port } = await server.start();
  details = { siteID: sandboxSiteId(), token, url: `http://localhost:${port}` };
}
const deps = intake(() => openBlobsStore(config, details));
const where =
  config.storage === 'files'
    ? `${path.join(config.dataDir, 'store')} (files)`
    : `the Netlify Blobs sandbox in ${config.blobsSandboxDir} (site ${details!.siteID})`;
const clockNote = process.env.INTAKE_CLOCK ? `, clock set to ${new Date(deps.now()).toISOString()}` : '';
console.log(`Flushing the outbox in ${where} (email: ${deps.mailer.kind}${clockNote})`);

const limitSeconds = Number(process.env.OUTBOX_FLUSH_SECONDS ?? 60);
const deadline = Date.now() + limitSeconds * 1000;
let pending: { reference: string; reason: string }[] = [];
let sent = 0;
const keptPending = new Set<string>();
try {
  for (;;) {
    const report = await flushOutbox(deps, {
      force: true,
      retentionDays: deps.config.retentionDays,
      timeoutMs: 10_000,
      followUps: followUpPlanner(deps),
    });
    for (const item of report.followUps) console.log(`Added ${item.reference} (${item.stage})`);
    for (const item of report.sent) {
      sent += item.count;
      console.log(`Sent ${item.reference} (${item.stage}): ${item.count} email${item.count === 1 ? '' : 's'}`);
    }
    for (const reference of report.deleted)
      console.log(`Deleted ${reference} (delivered more than ${deps.config.retentionDays} days ago)`);
    for (const reference of report.keptPending) keptPending.add(reference);
    pending = report.pending;
    if (pending.length === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
} finally {
  await server?.stop();
}

for (const reference of keptPending)
  console.log(`Kept ${reference}: past the retention period, but an email is still owed`);
if (pending.length === 0) {
  console.log(`Done: ${sent} email${sent === 1 ? '' : 's'} sent, nothing left pending.`);
  process.exit(0);
}
console.log(`${pending.length} submission${pending.length === 1 ? '' : 's'} still pending:`);
for (const item of pending) console.log(`  ${item.reference}: ${item.reason}`);
process.exit(1);
