import { describe, expect, it } from 'vitest';
import { bundledPackages, PATCHED, unpatchedFindings } from '../../scripts/audit-admin.mjs';

// `npm run audit:admin` fails on any high or critical advisory in the Decap file /admin/ ships,
// except one integrations/decap.ts patches out. The registry's audit endpoint is not reachable
// from every machine, so the rule is checked here on reports shaped as `npm audit --json` writes them.

const advisory = (id: string, severity: string, range: string) => ({
  source: 1,
  name: 'x',
  dependency: 'x',
  title: `Advisory ${id}`,
  url: `https://github.com/advisories/${id}`,
  severity,
  range,
});

const report = (vulnerabilities: Record<string, { severity: string; via: unknown[] }>) => ({
  metadata: { vulnerabilities: {} },
  vulnerabilities: Object.fromEntries(
    Object.entries(vulnerabilities).map(([name, v]) => [name, { name, range: '*', ...v }]),
  ),
});

describe('npm run audit:admin', () => {
  it('knows the packages the shipped Decap file carries, including the two it patches', () => {
    const packages = bundledPackages();
    expect(packages.length).toBeGreaterThan(300);
    for (const spec of Object.keys(PATCHED)) expect(packages).toContain(spec);
  });

  it('lets the advisories integrations/decap.ts patches pass, and fails on any other high or critical one', () => {
    const packages = ['minimatch@7.4.6', 'trim@0.0.1', 'immutable@5.1.3', 'example-parser@1.0.0', 'lodash@4.17.21'];
    const findings = unpatchedFindings(
      report({
        minimatch: {
          severity: 'high',
          via: [
            advisory('GHSA-3ppc-4f35-3m26', 'high', '>=7.0.0 <7.4.7'),
            advisory('GHSA-7r86-cg39-jmmj', 'high', '>=7.0.0 <7.4.8'),
            advisory('GHSA-23c5-xmqv-rm74', 'high', '>=7.0.0 <7.4.8'),
            advisory('GHSA-0000-new0-next', 'critical', '<8.0.0'),
          ],
        },
        trim: { severity: 'high', via: [advisory('GHSA-w5p7-h5w8-2hfq', 'high', '<0.0.3')] },
        immutable: { severity: 'high', via: [advisory('GHSA-wf6x-7x77-mvgw', 'high', '>=5.0.0 <5.1.5')] },
        'example-parser': { severity: 'high', via: [advisory('GHSA-0000-0000-0001', 'high', '<2.0.0')] },
        lodash: { severity: 'moderate', via: [advisory('GHSA-xxjr-mmjv-4gpg', 'moderate', '<4.17.23')] },
      }),
      packages,
    );
    expect(findings.map((f) => `${f.severity} ${f.name} ${f.id}`)).toEqual([
      'critical minimatch GHSA-0000-new0-next',
      'high example-parser GHSA-0000-0000-0001',
    ]);
  });

  it('does not count a patch for one version of a package against another version of it in the bundle', () => {
    const findings = unpatchedFindings(
      report({ minimatch: { severity: 'high', via: [advisory('GHSA-3ppc-4f35-3m26', 'high', '<9.0.6')] } }),
      ['minimatch@7.4.6', 'minimatch@9.0.5'],
    );
    expect(findings.map((f) => f.id)).toEqual(['GHSA-3ppc-4f35-3m26']);
  });
});
