import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findComponent } from './catalog/index.ts';
import {
  ADVISORIES,
  compareVersions,
  inRanges,
  matchImageAdvisories,
  nodeImageDate,
  parseVersion,
} from './advisories.ts';
import { imagePatternRegExp } from './registries.ts';

const ids = (repo: string, tag: string | undefined, component?: string): string[] =>
  matchImageAdvisories(repo, tag, component).map((m) => m.advisory.id);

describe('advisories data', () => {
  it('is well-formed: unique ids, dates, sources, known components, compiling patterns, readable bounds', () => {
    const seen = new Set<string>();
    for (const a of ADVISORIES) {
      assert.ok(!seen.has(a.id), a.id);
      seen.add(a.id);
      assert.match(a.published, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(a.sources.length > 0 && a.title.length > 10 && a.summary.length > 30, a.id);
      assert.ok(a.matchers.length > 0, `${a.id}: needs a matcher`);
      if (a.inferred) assert.ok(a.note && a.note.length > 10, `${a.id}: inferred needs a note`);
      for (const c of a.components) assert.ok(findComponent(c), `${a.id}: unknown component ${c}`);
      for (const m of a.matchers) {
        if (m.kind === 'image') {
          for (const r of m.repositories) assert.doesNotThrow(() => imagePatternRegExp(r));
          for (const r of m.affected) for (const b of [r.introduced, r.fixed]) if (b) assert.match(b, /^\d+(\.\d+)*$/);
          for (const c of m.components ?? []) assert.ok(findComponent(c), c);
        } else if (m.kind === 'node-image') {
          assert.match(m.before, /^\d{4}-\d{2}-\d{2}$/);
        } else {
          for (const c of m.components) assert.ok(findComponent(c), c);
        }
      }
    }
  });
});

describe('version parsing', () => {
  it('reads semver-like tags with provider build suffixes', () => {
    assert.deepEqual(parseVersion('v1.19.2-eksbuild.1', 'semver'), [1, 19, 2]);
    assert.deepEqual(parseVersion('v1.8.7-gke.1', 'semver'), [1, 8, 7]);
    assert.deepEqual(parseVersion('3.0.2', 'semver'), [3, 0, 2]);
    assert.deepEqual(parseVersion('v1.3.0.3', 'semver'), [1, 3, 0, 3]);
    assert.deepEqual(parseVersion('ciprod06112021', 'ciprod-date'), [2021, 6, 11]);
  });

  it('refuses tags it cannot read instead of guessing', () => {
    for (const t of ['latest', 'stable', 'fixed', 'v1', '1.2.3-rc.1', 'sha-abc123', '1.2.3-custom']) {
      assert.equal(parseVersion(t, 'semver'), undefined, t);
    }
    assert.equal(parseVersion('3.1.24', 'ciprod-date'), undefined);
  });

  it('compares and ranges numerically, not as text', () => {
    assert.ok(compareVersions([1, 10, 0], [1, 9, 9]) > 0);
    assert.equal(compareVersions([1, 3], [1, 3, 0]), 0);
    const ranges = [{ fixed: '1.11.5' }, { introduced: '1.12.0', fixed: '1.12.1' }];
    assert.ok(inRanges([1, 11, 4], ranges));
    assert.ok(!inRanges([1, 11, 5], ranges));
    assert.ok(inRanges([1, 12, 0], ranges));
    assert.ok(!inRanges([1, 12, 1], ranges));
    assert.ok(!inRanges([1, 13, 0], ranges));
  });
});

describe('image advisory matching', () => {
  it('Fluent Bit CVE-2024-4323 affects 2.0.7 through 3.0.3 only', () => {
    assert.deepEqual(ids('cr.fluentbit.io/fluent/fluent-bit', '3.0.3'), ['CVE-2024-4323']);
    assert.deepEqual(ids('docker.io/fluent/fluent-bit', '2.0.7'), ['CVE-2024-4323']);
    assert.deepEqual(ids('docker.io/fluent/fluent-bit', '2.0.6'), []);
    assert.deepEqual(ids('docker.io/fluent/fluent-bit', '3.0.4'), []);
    // AWS for Fluent Bit numbers its own releases (based on Fluent Bit 1.9): never matched by version.
    assert.deepEqual(ids('public.ecr.aws/aws-observability/aws-for-fluent-bit', '2.32.0'), []);
  });

  it('ingress-nginx CVE-2025-1974: provider image only when recognised as the add-on', () => {
    const aks = 'mcr.microsoft.com/oss/kubernetes/ingress/nginx-ingress-controller';
    assert.deepEqual(ids(aks, 'v1.11.2', 'aks/app-routing-nginx'), ['CVE-2025-1974']);
    assert.deepEqual(ids(aks, 'v1.11.2'), []);
    assert.deepEqual(ids('registry.k8s.io/ingress-nginx/controller', 'v1.12.0'), ['CVE-2025-1974']);
    assert.deepEqual(ids('registry.k8s.io/ingress-nginx/controller', 'v1.11.5'), []);
    assert.deepEqual(ids('registry.k8s.io/ingress-nginx/controller', undefined), []);
  });

  it('CSI token-logging advisories follow each driver’s fixed versions, AKS four-part tags included', () => {
    assert.deepEqual(ids('mcr.microsoft.com/oss/kubernetes-csi/secrets-store/driver', 'v1.3.0.3'), ['CVE-2023-2878']);
    assert.deepEqual(ids('registry.k8s.io/csi-secrets-store/driver', 'v1.3.3'), []);
    assert.deepEqual(ids('mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi', 'v1.29.3'), ['CVE-2024-3744']);
    assert.deepEqual(ids('mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi', 'v1.30.0'), ['CVE-2024-3744']);
    assert.deepEqual(ids('mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi', 'v1.30.1'), []);
    assert.deepEqual(ids('mcr.microsoft.com/k8s/csi/azurefile-csi', 'latest'), []);
  });

  it('OMIGOD: Container Insights images dated before ciprod06112021', () => {
    const repo = 'mcr.microsoft.com/azuremonitor/containerinsights/ciprod';
    assert.deepEqual(ids(repo, 'ciprod05202021'), ['CVE-2021-38647']);
    assert.deepEqual(ids(repo, 'ciprod06112021'), []);
    assert.deepEqual(ids(repo, '3.1.24'), []);
  });
});

describe('node image dates', () => {
  it('reads AKS node image versions, new and old formats', () => {
    assert.equal(nodeImageDate('AKSUbuntu-2204gen2containerd-202410.09.0'), '2024-10-09');
    assert.equal(nodeImageDate('AKSUbuntu-1804-2020.10.15'), '2020-10-15');
    assert.equal(nodeImageDate('AKSUbuntu-2204gen2containerd-202413.40.0'), undefined);
    assert.equal(nodeImageDate('ami-0c2f3a9b8e7d61f45'), undefined);
  });
});
