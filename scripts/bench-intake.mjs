// `npm run bench:intake`: 500 submissions from 50 concurrent clients against the intake's adapters in
// a local HTTP server, with a fake Resend on loopback that enforces 2 requests a second exactly (a
// sliding one-second window; 429 and Retry-After beyond). Prints time to acknowledge (p50/p99), time
// until every email is delivered (the functions send after answering; the outbox is flushed as the
// scheduled function would) against the floor the limit sets, calls answered 429, the most calls in
// any one second, duplicates and lost emails, and the machine's load average. Exits 1 if anything
// was duplicated or lost, any call was answered 429, or delivery took more than 1.05 times the floor.
// Settings: BENCH_SUBMISSIONS (500), BENCH_CLIENTS (50), BENCH_RESEND_PER_SECOND (2).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const total = Number(process.env.BENCH_SUBMISSIONS ?? 500);
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const perSecond = Number(process.env.BENCH_RESEND_PER_SECOND ?? 2);

const { startFakeResend } = await import('../test/integration/support/fake-resend.ts');
const resend = await startFakeResend({ perSecond, retryAfterSeconds: 1 });
const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-intake-'));
Object.assign(process.env, {
  // A store of its own in a temp folder, so a run leaves nothing in the project's Blobs sandbox.
  INTAKE_STORAGE: 'files',
  DATA_DIR: dataDir,
  RESEND_API_KEY: 'test-key',
  RESEND_BASE_URL: resend.url,
  RESEND_PER_SECOND: String(perSecond),
  // 50 clients from one machine: the per-address limit is not what this measures.
  RATE_LIMIT_MAX: '100000',
  // The submissions reuse a few addresses: the daily cap per address is not what this measures.
  EMAILS_PER_ADDRESS_PER_DAY: '100000',
});
const { startIntakeServer } = await import('../test/integration/support/intake-server.ts');
const { intake } = await import('../functions/runtime.ts');
const { callsOf, flushOutbox } = await import('../functions/outbox.ts');
const server = await startIntakeServer();
const quiet = console.log;
console.log = () => {}; // the intake logs every retry; the report is what matters here

const fixtures = await Promise.all(
  ['coach-eoi', 'coachee-application', 'coaching-agreement'].map(async (form) => ({
    form,
    body: JSON.parse(await readFile(path.join(root, `test/fixtures/intake/schemas/${form}.json`), 'utf8')).valid,
  })),
);

// The machine's load goes with every figure: on a shared machine it, not the code, can set them.
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(', ');
const loadAtStart = load();
const started = performance.now();
const acknowledged = [];
const refused = [];
let next = 0;
async function client(id) {
  while (next < total) {
    const n = next++;
    const { form, body } = fixtures[n % fixtures.length];
    const t0 = performance.now();
    const response = await fetch(`${server.url}/api/forms/${form}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-client-ip': `bench-${id}` },
      body: JSON.stringify(body),
    });
    const ms = performance.now() - t0;
    if (response.status === 201) acknowledged.push({ reference: (await response.json()).reference, ms });
    else refused.push(response.status);
  }
}
await Promise.all(Array.from({ length: clients }, (_, id) => client(id)));
const ackDone = performance.now();

// Flush as the scheduled function would, back to back, until nothing is pending (the functions'
// own sending after their answers runs at the same time).
const deps = intake();
for (;;) {
  const report = await flushOutbox(deps, { force: true });
  if (report.pending.length === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
await server.settled();
const allDelivered = performance.now();

// Every email every stored submission owes, against what the fake Resend delivered.
const expected = new Set();
for (const { reference } of acknowledged) {
  const record = JSON.parse(await readFile(path.join(dataDir, 'store/submissions', `${reference}.json`), 'utf8'));
  // Each call's key: the batch's, or a WD email's own (it is sent alone, with its attachments).
  for (const batch of record.batches)
    for (const call of callsOf(batch)) for (const email of call.emails) expected.add(`${call.key} ${email.to}`);
}
const delivered = new Set(resend.deliveries.map((d) => `${d.idempotencyKey} ${d.to}`));
const lost = [...expected].filter((id) => !delivered.has(id)).length;
const sorted = acknowledged.map((a) => a.ms).sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const limited = resend.requests.filter((r) => r.status === 429).length;
const accepted = resend.requests.filter((r) => r.status === 200 || r.status === 0).length;
// The floor: every accepted call at exactly the limit, from the first post.
const floor = accepted / perSecond;
const seconds = (allDelivered - started) / 1000;
const ratio = seconds / floor;

console.log = quiet;
console.log(
  `Intake benchmark: ${total} submissions from ${clients} concurrent clients; fake Resend allows exactly ${perSecond} requests/s`,
);
console.log(
  `  load average (1, 5, 15 min): ${loadAtStart} at the start, ${load()} at the end, on ${cpus().length} cores`,
);
console.log(
  `  acknowledged (201):        ${acknowledged.length} of ${total}${refused.length ? ` (refused: ${refused.join(', ')})` : ''}`,
);
console.log(
  `  time to acknowledge:       p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms, all in ${((ackDone - started) / 1000).toFixed(1)} s`,
);
console.log(
  `  time until all delivered:  ${seconds.toFixed(1)} s against a floor of ${floor.toFixed(1)} s (${ratio.toFixed(3)}x; ${expected.size} emails in ${accepted} accepted calls)`,
);
console.log(
  `  calls answered 429:        ${limited}; most accepted in any one second: ${resend.maxAcceptedInOneSecond()}`,
);
console.log(`  duplicates:                ${resend.duplicates()}`);
console.log(`  lost:                      ${lost}`);

await server.close();
await resend.close();
await rm(dataDir, { recursive: true, force: true });
const good = resend.duplicates() === 0 && lost === 0 && acknowledged.length === total && limited === 0 && ratio <= 1.05;
process.exit(good ? 0 : 1);
