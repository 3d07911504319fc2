import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import alphaBetaApiServed from '../checks/cluster/alpha-beta-api-served.ts';
import deprecatedApiInUse from '../checks/cluster/deprecated-api-in-use.ts';
import { runChecks } from '../checks/run.ts';
import type { AnyCheck } from '../checks/types.ts';
import { buildModel } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { ClusterFacts } from '../model/types.ts';
import {
  API_DEPRECATIONS,
  BUILTIN_API_GROUPS,
  DEFAULT_ON_BETA,
  DEPRECATED_KINDS,
  deprecationOf,
  isDefaultOnBeta,
  stageOf,
} from './api-deprecations.ts';

const SOURCE = /^(https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*|[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:]+)$/;

describe('API deprecation data', () => {
  it('names prerelease versions of built-in groups, each (apiVersion, kind) once, with sources', () => {
    const seen = new Set<string>();
    for (const d of API_DEPRECATIONS) {
      const [group = '', version = ''] = d.apiVersion.split('/');
      assert.ok(BUILTIN_API_GROUPS.has(group), d.apiVersion);
      assert.ok(stageOf(version) === 'alpha' || stageOf(version) === 'beta', d.apiVersion);
      assert.ok(d.kinds.length > 0);
      for (const k of d.kinds) {
        assert.match(k, /^[A-Z][A-Za-z]+$/);
        const key = `${d.apiVersion} ${k}`;
        assert.ok(!seen.has(key), `duplicate ${key}`);
        seen.add(key);
      }
      assert.match(d.source, SOURCE, d.apiVersion);
      assert.ok(d.deprecatedIn <= d.removedIn, d.apiVersion);
      if (d.replacement) {
        assert.ok(
          d.replacement.since <= d.removedIn || d.apiVersion.includes('alpha'),
          `${d.apiVersion}: successor served by the removal release`,
        );
        assert.notEqual(d.replacement.apiVersion, d.apiVersion);
      } else {
        assert.ok((d.note ?? '').length > 10, `${d.apiVersion}: no successor must be explained`);
      }
    }
  });

  it('points each migration-guide row at the anchor of its removal release', () => {
    for (const d of API_DEPRECATIONS.filter((x) => x.source.includes('deprecation-guide'))) {
      assert.match(d.source, new RegExp(`-v1${d.removedIn}$`), `${d.apiVersion} ${d.kinds.join(',')}`);
    }
  });

  it('knows the removals operators trip over', () => {
    assert.equal(deprecationOf('policy/v1beta1', 'PodSecurityPolicy')?.removedIn, 25);
    assert.equal(deprecationOf('policy/v1beta1', 'PodSecurityPolicy')?.replacement, undefined);
    assert.equal(deprecationOf('policy/v1beta1', 'PodDisruptionBudget')?.replacement?.apiVersion, 'policy/v1');
    assert.equal(deprecationOf('batch/v1beta1', 'CronJob')?.removedIn, 25);
    assert.equal(deprecationOf('networking.k8s.io/v1beta1', 'Ingress')?.removedIn, 22);
    assert.equal(deprecationOf('extensions/v1beta1', 'Ingress')?.replacement?.apiVersion, 'networking.k8s.io/v1');
    assert.equal(deprecationOf('storage.k8s.io/v1beta1', 'CSIStorageCapacity')?.removedIn, 27);
    assert.equal(deprecationOf('storage.k8s.io/v1beta1', 'StorageClass')?.removedIn, 22);
    assert.equal(deprecationOf('autoscaling/v2beta2', 'HorizontalPodAutoscaler')?.removedIn, 26);
    assert.equal(deprecationOf('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema')?.removedIn, 29);
    assert.equal(deprecationOf('flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration')?.removedIn, 32);
    assert.equal(deprecationOf('resource.k8s.io/v1beta1', 'ResourceClaim')?.removedIn, 38);
    assert.equal(deprecationOf('batch/v1', 'CronJob'), undefined);
    assert.equal(deprecationOf('policy/v1beta1', 'Deployment'), undefined);
  });

  it('lists each affected kind once and only kinds that have a deprecated version', () => {
    assert.equal(new Set(DEPRECATED_KINDS).size, DEPRECATED_KINDS.length);
    assert.ok(DEPRECATED_KINDS.includes('CronJob') && DEPRECATED_KINDS.includes('Ingress'));
    assert.ok(!DEPRECATED_KINDS.includes('Pod') && !DEPRECATED_KINDS.includes('Secret'));
  });

  it('classifies version names by stage', () => {
    assert.equal(stageOf('v1alpha1'), 'alpha');
    assert.equal(stageOf('v2beta2'), 'beta');
    assert.equal(stageOf('v1'), 'ga');
    assert.equal(stageOf('v1beta'), undefined);
  });

  it('knows which betas upstream serves by default, per cluster minor', () => {
    assert.ok(DEFAULT_ON_BETA.length > 10);
    assert.equal(isDefaultOnBeta('flowcontrol.apiserver.k8s.io/v1beta3', 29), true);
    assert.equal(isDefaultOnBeta('flowcontrol.apiserver.k8s.io/v1beta3', 32), false);
    // The group version came back for ValidatingAdmissionPolicy beta (1.28), off by default.
    assert.equal(isDefaultOnBeta('admissionregistration.k8s.io/v1beta1', 30), false);
    assert.equal(isDefaultOnBeta('storage.k8s.io/v1beta1', 25), true);
    assert.equal(isDefaultOnBeta('storage.k8s.io/v1beta1', 31), false);
    assert.equal(isDefaultOnBeta('resource.k8s.io/v1beta1', 33), false);
  });
});

function findings(
  objects: KubeObject[],
  cluster: ClusterFacts | undefined,
  check: AnyCheck = deprecatedApiInUse,
): string[] {
  const model = buildModel({
    objects: objects.map((object) => ({ object, origin: {} })),
    ...(cluster ? { cluster } : {}),
    sourceKind: 'cluster',
  });
  return runChecks(model, [check]).findings.map((f) => `${f.severity} ${f.resource.kind} ${f.path}`);
}

describe('deprecated-api-in-use against a known cluster version', () => {
  const cronJob: KubeObject = { apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'r', namespace: 'j' } };

  it('is low while the cluster still serves the version and high once it does not', () => {
    assert.deepEqual(findings([cronJob], { version: { gitVersion: 'v1.24.17' } }), ['low CronJob apiVersion']);
    assert.deepEqual(findings([cronJob], { version: { gitVersion: 'v1.25.0' } }), ['high CronJob apiVersion']);
    assert.deepEqual(findings([cronJob], { version: { gitVersion: 'v1.20.0' } }), [], 'not yet deprecated at 1.20');
  });

  it('ignores a last-applied annotation that is not JSON or names another kind', () => {
    const dep: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'a',
        namespace: 'n',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"extensions/v1beta1","kind":"Ingress"}',
        },
      },
    };
    const broken: KubeObject = {
      ...dep,
      metadata: {
        ...dep.metadata,
        name: 'b',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{' },
      },
    };
    assert.deepEqual(findings([dep, broken], { version: { gitVersion: 'v1.30.0' } }), []);
  });
});

describe('alpha-beta-api-served from discovery', () => {
  it('grades alpha, provider-enabled beta and default-on beta, and skips add-on groups', () => {
    const cluster: ClusterFacts = {
      version: { gitVersion: 'v1.29.6' },
      apiGroupVersions: [
        'v1',
        'apps/v1',
        'flowcontrol.apiserver.k8s.io/v1beta3',
        'admissionregistration.k8s.io/v1beta1',
        'networking.k8s.io/v1alpha1',
        'metrics.k8s.io/v1beta1',
        'cilium.io/v2alpha1',
      ],
    };
    assert.deepEqual(findings([], cluster, alphaBetaApiServed).sort(), [
      'info Cluster apiGroupVersions[2]',
      'low Cluster apiGroupVersions[3]',
      'medium Cluster apiGroupVersions[4]',
    ]);
  });
});
