// `npm run audit:admin`: known advisories in the code /admin/ ships. Decap's prebuilt file carries
// its own copies of about 320 packages, which `npm audit` on this project does not see (npm audits
// what is installed, not what is inside a bundle). This lists every package@version in the shipped
// Decap file from its source maps, writes them as a lockfile in a temporary folder and runs
// `npm audit` on it, failing on any high or critical advisory. Patched packages (integrations/decap.ts)
// are reported as patched, not as shipped.
// Needs the npm registry's audit endpoint. Where it does not answer, this says so and exits 2:
// it never reports "no advisories" it could not check.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'node_modules/decap-cms-app/dist');
/** Packages whose shipped code integrations/decap.ts replaces (see its PATCHES). */
const PATCHED = { 'trim@0.0.1': 'patched to String.prototype.trim (integrations/decap.ts)' };

/** Every name@version whose files are in the shipped Decap files, from the pnpm paths in the source maps. */
export function bundledPackages(dir = dist) {
  const found = new Set();
  for (const map of readdirSync(dir).filter((name) => name.endsWith('.js.map'))) {
    for (const source of JSON.parse(readFileSync(path.join(dir, map), 'utf8')).sources) {
      const match = [...source.matchAll(/node_modules\/\.pnpm\/((?:@[^+/]+\+)?[^@/]+)@([^/_]+)/g)].pop();
      if (match) found.add(`${match[1].replace('+', '/')}@${match[2]}`);
    }
  }
  return [...found].sort();
}

function lockfileFor(packages) {
  const lock = { name: 'admin-bundle', version: '0.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'admin-bundle', version: '0.0.0', dependencies: {} } } };
  const seen = new Map();
  for (const spec of packages) {
    const at = spec.lastIndexOf('@');
    const [name, version] = [spec.slice(0, at), spec.slice(at + 1)];
    const copy = seen.get(name) ?? 0;
    seen.set(name, copy + 1);
    // A second version of a name sits under a made-up parent, as npm nests duplicates.
    const where = copy === 0 ? `node_modules/${name}` : `node_modules/copy-${copy}/node_modules/${name}`;
    if (copy === 0) lock.packages[''].dependencies[name] = version;
    else lock.packages[`node_modules/copy-${copy}`] ??= { version: '0.0.0' };
    lock.packages[where] = { version, resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz` };
  }
  return lock;
}

function main() {
  const all = bundledPackages();
  const shipped = all.filter((spec) => !PATCHED[spec]);
  console.log(`The shipped Decap file carries ${all.length} packages (${all.length - shipped.length} patched: ${Object.entries(PATCHED).map(([k, v]) => `${k} ${v}`).join('; ')}).`);
  const dir = mkdtempSync(path.join(tmpdir(), 'admin-audit-'));
  const lock = lockfileFor(shipped);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'admin-bundle', version: '0.0.0', dependencies: lock.packages[''].dependencies }));
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock));
  const audit = spawnSync('npm', ['audit', '--package-lock-only', '--audit-level=high', '--json'], { cwd: dir, encoding: 'utf8' });
  let report;
  try {
    report = JSON.parse(audit.stdout);
  } catch {
    report = undefined;
  }
  if (!report?.metadata) {
    const why = report?.message ?? audit.stderr.trim().split('\n').pop();
    console.log(`Could not check: the npm registry's audit endpoint did not answer (${why}). Run this where it does.`);
    process.exit(2);
  }
  const { high = 0, critical = 0 } = report.metadata.vulnerabilities;
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) console.log(`${v.severity.padEnd(8)} ${name} ${v.range}`);
  console.log(`High: ${high}, critical: ${critical}.`);
  process.exit(high + critical > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
