// `npm run outbox:flush`: sends every pending email in the local store (the one `npm start` and
// `npm run preview` use, under DATA_DIR), ignoring backoff but honouring the email service's
// Retry-After. Prints what it sent; exits 0 only when nothing is left pending.
import { flushOutbox } from '../functions/outbox.ts';
import { intake } from '../functions/runtime.ts';

const deps = intake();
if (deps.config.storage !== 'files') {
  console.error('outbox:flush works on the local store. On Netlify, the scheduled "outbox" function flushes every 5 minutes.');
  process.exit(2);
}
const limitSeconds = Number(process.env.OUTBOX_FLUSH_SECONDS ?? 60);
const deadline = Date.now() + limitSeconds * 1000;
console.log(`Flushing the outbox in ${deps.config.dataDir} (email: ${deps.mailer.kind})`);

let pending: { reference: string; reason: string }[] = [];
let sent = 0;
for (;;) {
  const report = await flushOutbox(deps, { force: true, retentionDays: deps.config.retentionDays, timeoutMs: 10_000 });
  for (const item of report.sent) {
    sent += item.to.length;
    console.log(`Sent ${item.reference} (${item.stage}) to ${item.to.join(', ')}`);
  }
  for (const reference of report.deleted) console.log(`Deleted ${reference} (delivered, past the retention period)`);
  pending = report.pending;
  if (pending.length === 0 || Date.now() > deadline) break;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

if (pending.length === 0) {
  console.log(`Done: ${sent} email${sent === 1 ? '' : 's'} sent, nothing left pending.`);
  process.exit(0);
}
console.log(`${pending.length} submission${pending.length === 1 ? '' : 's'} still pending:`);
for (const item of pending) console.log(`  ${item.reference}: ${item.reason}`);
process.exit(1);
