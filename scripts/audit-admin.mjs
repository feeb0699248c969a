// `npm run audit:admin`: known advisories in the code /admin/ ships. Decap's prebuilt file carries
// its own copies of about 320 packages, which `npm audit` on this project does not see (npm audits
// what is installed, not what is inside a bundle). This lists every package@version in the shipped
// Decap file from its source maps, writes them as a lockfile in a temporary folder and runs
// `npm audit` on it, failing on any high or critical advisory. An advisory that integrations/decap.ts
// patches out of the shipped code (its PATCHES name the package@version and advisories each fixes) is
// reported as patched and does not fail; any other advisory on the same package still does.
// Needs the npm registry's audit endpoint. Where it does not answer, this says so and exits 2:
// it never reports "no advisories" it could not check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PATCHES } from '../integrations/decap.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'node_modules/decap-cms-app/dist');
/** The advisories integrations/decap.ts patches out of the shipped code, by package@version. */
export const PATCHED = {};
for (const patch of PATCHES) {
  PATCHED[patch.package] ??= { advisories: [] };
  for (const id of patch.advisories)
    if (!PATCHED[patch.package].advisories.includes(id)) PATCHED[patch.package].advisories.push(id);
}

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
  const lock = {
    name: 'admin-bundle',
    version: '0.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'admin-bundle', version: '0.0.0', dependencies: {} } },
  };
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
    lock.packages[where] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`,
    };
  }
  return lock;
}

const advisoryId = (via) => String(via.url ?? '').match(/GHSA-[\w-]+$/)?.[0];

/**
 * The high and critical advisories in an `npm audit --json` report that no patch covers. An advisory is
 * covered only when every version of its package in the bundle is patched for it.
 */
export function unpatchedFindings(report, packages, patched = PATCHED) {
  const versionsOf = (name) => packages.filter((spec) => spec.slice(0, spec.lastIndexOf('@')) === name);
  const findings = [];
  for (const [name, vulnerability] of Object.entries(report.vulnerabilities ?? {})) {
    for (const via of vulnerability.via) {
      // A string names another vulnerable package this one depends on; the bundle has no such links.
      if (typeof via === 'string' || !['high', 'critical'].includes(via.severity)) continue;
      const id = advisoryId(via);
      const covered = versionsOf(name).every((spec) => patched[spec]?.advisories.includes(id));
      if (!covered)
        findings.push({ name, severity: via.severity, id: id ?? via.url, title: via.title, range: via.range });
    }
  }
  return findings;
}

function main() {
  const all = bundledPackages();
  const patched = Object.entries(PATCHED).filter(([spec]) => all.includes(spec));
  console.log(`The shipped Decap file carries ${all.length} packages.`);
  for (const [spec, { advisories }] of patched)
    console.log(`patched  ${spec} ${advisories.join(', ')} (integrations/decap.ts)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'admin-audit-'));
  const lock = lockfileFor(all);
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'admin-bundle', version: '0.0.0', dependencies: lock.packages[''].dependencies }),
  );
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock));
  const audit = spawnSync('npm', ['audit', '--package-lock-only', '--json'], { cwd: dir, encoding: 'utf8' });
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
  const findings = unpatchedFindings(report, all);
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (!['high', 'critical'].includes(v.severity))
      console.log(`${v.severity.padEnd(8)} ${name} ${v.range} (below the high/critical bar)`);
  }
  for (const f of findings) console.log(`${f.severity.padEnd(8)} ${f.name} ${f.range} ${f.id} ${f.title}`);
  const count = (severity) => findings.filter((f) => f.severity === severity).length;
  console.log(`Unpatched high: ${count('high')}, critical: ${count('critical')}.`);
  process.exit(findings.length > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
