// `npm run bench` extension: clean-build time and peak memory of this site against stock Starlight
// on 12 generated pages (../shared/anchors/starlight/, see its README), built back to back on the
// same machine, alternating, BENCH_BUILD_RUNS times each (default 3; 0 skips). Absolute times
// depend on the machine and its load; the ratios are the figures. Goal: time at most 0.5 of
// Starlight's, peak memory at most Starlight's.
// CPU time (user + system, children included) is printed too: on a busy machine the wall time
// mostly measures waiting for a core.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TIME = '/usr/bin/time';

function cleanBuild(dir) {
  for (const sub of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite'])
    rmSync(path.join(dir, sub), { recursive: true, force: true });
  const out = path.join(tmpdir(), `bench-build-${process.pid}.txt`);
  const run = spawnSync(TIME, ['-f', '%e %U %S %M', '-o', out, path.join(dir, 'node_modules/.bin/astro'), 'build'], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`The build in ${dir} failed:\n${run.stdout}\n${run.stderr}`);
  const [wall, user, system, rssKb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + system, rssMb: rssKb / 1024 };
}

/** The Starlight anchor installed once into a scratch folder, with N generated pages, as its build.sh does. */
function starlightProject(anchor, pages) {
  const work = process.env.STARLIGHT_WORKDIR ?? path.join(tmpdir(), 'starlight-anchor');
  if (!existsSync(path.join(work, 'node_modules'))) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cpSync(path.join(anchor, 'site'), work, { recursive: true });
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: work, stdio: 'ignore' });
  }
  const docs = path.join(work, 'src/content/docs/guide');
  rmSync(docs, { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(anchor, 'gen-guidance.mjs'), docs, '--count', String(pages)], {
    stdio: 'ignore',
  });
  return work;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function buildBench({ root }) {
  const runs = Number(process.env.BENCH_BUILD_RUNS ?? 3);
  if (runs === 0) return console.log('Skipped (BENCH_BUILD_RUNS=0).');
  if (!existsSync(TIME)) return console.log(`Skipped: ${TIME} (GNU time) is not installed.`);
  const anchor = process.env.STARLIGHT_ANCHOR ?? path.resolve(root, '../../shared/anchors/starlight');
  const hub = [];
  const starlight = [];
  const starlightDir = existsSync(anchor) ? starlightProject(anchor, 12) : undefined;
  if (!starlightDir) console.log(`No Starlight anchor at ${anchor} (set STARLIGHT_ANCHOR): this site's build only.`);
  for (let i = 0; i < runs; i++) {
    if (starlightDir) starlight.push(cleanBuild(starlightDir));
    hub.push(cleanBuild(root));
  }
  const show = (name, list) =>
    console.log(
      `${name.padEnd(22)} wall ${median(list.map((r) => r.wall)).toFixed(1)} s, CPU ${median(list.map((r) => r.cpu)).toFixed(1)} s, ` +
        `peak ${median(list.map((r) => r.rssMb)).toFixed(0)} MiB  (runs: ${list.map((r) => r.wall.toFixed(1)).join(', ')} s)`,
    );
  console.log(`Clean builds, medians of ${runs}, alternating:`);
  show('this site', hub);
  if (!starlightDir) return;
  show('Starlight, 12 pages', starlight);
  const ratio = (pick) => median(hub.map(pick)) / median(starlight.map(pick));
  console.log(
    `Ratios (this site / Starlight): wall ${ratio((r) => r.wall).toFixed(2)} (goal ≤ 0.50), CPU ${ratio((r) => r.cpu).toFixed(2)}, ` +
      `peak memory ${ratio((r) => r.rssMb).toFixed(2)} (goal ≤ 1.00).`,
  );
}
