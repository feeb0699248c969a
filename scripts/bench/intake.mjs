// `npm run bench` extension: the intake's figures.
// 1. Posts through `npm run preview` (scripts/serve.mjs: Netlify's dev tools with warm function
//    instances, the local Blobs sandbox), one at a time: time to the answer, p50 and p99.
// 2. `npm run bench:intake` (500 submissions from 50 clients, a fake Resend that enforces 2 calls a
//    second exactly), run as its own process: acknowledge p50/p99, delivery time against the floor,
//    calls answered 429, and the most calls in any one second.
// BENCH_PREVIEW_POSTS (20) sets the first; BENCH_SKIP_INTAKE=1 skips the second (it takes about
// ten minutes: the floor is set by the email service's limit).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, loadavg } from 'node:os';
import path from 'node:path';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function previewPosts(root, count) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-preview-'));
  // Emails go to .eml files in a temp folder; posts all come from "local", so lift the per-address limit.
  Object.assign(process.env, { DATA_DIR: dataDir, RATE_LIMIT_MAX: '100000' });
  delete process.env.RESEND_API_KEY;
  const { serve } = await import(path.join(root, 'scripts/serve.mjs'));
  // Warm: every function built and started before the clock starts (the first post is not timed either).
  const server = await serve({ port: 0, quiet: true, warm: true });
  const body = JSON.parse(await readFile(path.join(root, 'test/fixtures/intake/schemas/coach-eoi.json'), 'utf8')).valid;
  const post = async () => {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/forms/coach-eoi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`preview answered ${response.status}`);
    return performance.now() - started;
  };
  try {
    await post(); // the first call waits for the functions' first build
    const times = [];
    for (let i = 0; i < count; i++) times.push(await post());
    return times.sort((a, b) => a - b);
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export default async function intakeBench(ctx) {
  const count = Number(process.env.BENCH_PREVIEW_POSTS ?? 20);
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(', ');
  console.log(`Intake (load average ${load} on ${(await import('node:os')).cpus().length} cores):`);
  const times = await previewPosts(ctx.root, count);
  console.log(
    `  npm run preview, ${count} posts one at a time:  answer p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms, slowest ${times.at(-1).toFixed(0)} ms (budget: under 1,000 ms; load average then ${loadavg()
      .map((value) => value.toFixed(1))
      .join(', ')})`,
  );
  if (process.env.BENCH_SKIP_INTAKE === '1') {
    console.log('  npm run bench:intake: skipped (BENCH_SKIP_INTAKE=1)');
    return;
  }
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ctx.root, 'scripts/bench-intake.mjs')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => process.stdout.write(String(chunk).replace(/^/gm, '  ')));
    child.on('exit', resolve);
  });
  if (code !== 0) process.exitCode = 1;
}
