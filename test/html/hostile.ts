// Builds the scan result of the hostile fixture: manifests whose names, labels, annotations, images and subjects
// carry markup, script terminators, quotes, backticks, U+2028/2029, bidi overrides and control characters.
import { readFileSync } from 'node:fs';
import { CHECKS } from '../../src/checks/index.ts';
import { defineCheck, type AnyCheck } from '../../src/checks/types.ts';
import { buildModel } from '../../src/model/build.ts';
import type { ScanResult } from '../../src/result.ts';
import { scan } from '../../src/scan.ts';
import { parseManifestText } from '../../src/sources/files.ts';

export const HOSTILE_FIXTURE = new URL('./fixtures/hostile.yaml', import.meta.url);

/** Strings from the fixture that must show up as text in the report, never as markup. */
export const HOSTILE_TEXT = {
  deployment: '<script>alert(1)</script>',
  namespace: 'x"><img src=x onerror=alert(1)>',
  user: '<svg onload=alert(12)>@evil',
  cluster: '<script>alert("cluster")</script>',
  rule: '<img src=x onerror=alert(16)> rule',
};

/** A custom rule whose texts are hostile too (custom rules come from kubeseam.yaml, not from kubeseam). */
export const HOSTILE_CHECK: AnyCheck = defineCheck({
  id: 'evil-<b>rule</b>',
  title: '<img src=x onerror=alert(16)> rule',
  severity: 'high',
  category: 'hygiene',
  target: 'cluster',
  references: [],
  rationale: 'Why: `</script><script>alert(17)</script>` and "quotes"',
  remediation: 'Fix: <a href="javascript:alert(18)">click</a> `code`',
  evaluate(_model, { report }) {
    report({ path: 'spec.<i>x</i>', message: 'custom message <svg onload=alert(19)>' });
  },
});

/** The checks the hostile scan ran, for the renderer. */
export const HOSTILE_CHECKS: readonly AnyCheck[] = [...CHECKS, HOSTILE_CHECK];

export function hostileResult(): ScanResult {
  const objects = parseManifestText(readFileSync(HOSTILE_FIXTURE, 'utf8'), 'hostile.yaml');
  const result = scan(buildModel({ objects, sourceKind: 'files' }), {
    source: { kind: 'files', files: ['hostile.yaml'] },
    asOf: new Date('2026-01-15T00:00:00Z'),
    extraChecks: [HOSTILE_CHECK],
  });
  // Cluster facts come from the API server in live scans: make them hostile too.
  result.cluster.name = `${HOSTILE_TEXT.cluster}\u2028`;
  result.cluster.provider = 'gke';
  result.cluster.providerEvidence = '</script><script>alert("evidence")</script>';
  result.cluster.version = { gitVersion: 'v1.31.0-<img src=x onerror=alert(15)>' };
  return result;
}
