// The collector's data (targets, middleware namespaces, well-known config maps) and deploy/rbac.yaml.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../model/k8s.ts';
import {
  MIDDLEWARE_NAMESPACES,
  WELL_KNOWN_CONFIGMAPS,
  configMapsToFetch,
  isMiddlewareNamespace,
} from './configmap-refs.ts';
import { retryAfterMs } from './http.ts';
import { toSnapshotObject } from './list.ts';
import { RESOURCE_TARGETS } from './targets.ts';

const SOURCE = /^https:\/\/[^\s]+$|^https:\/\/github\.com\/[\w.-]+\/[\w.-]+ \([^)]+\)$/;

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  nonResourceURLs?: string[];
}

function clusterRole(name: string): Rule[] {
  const text = readFileSync(new URL('../../../deploy/rbac.yaml', import.meta.url), 'utf8');
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJS() as { kind?: string; metadata?: { name?: string }; rules?: Rule[] } | null;
    if (value?.kind === 'ClusterRole' && value.metadata?.name === name) return value.rules ?? [];
  }
  assert.fail(`ClusterRole ${name} not in deploy/rbac.yaml`);
}

function granted(rules: Rule[], group: string, resource: string): Set<string> {
  const verbs = new Set<string>();
  for (const rule of rules) {
    if (rule.apiGroups?.includes(group) === true && rule.resources?.includes(resource) === true) {
      for (const verb of rule.verbs ?? []) verbs.add(verb);
    }
  }
  return verbs;
}

describe('collector data', () => {
  it('lists each target once, with a source and the analyzers that use it', () => {
    const keys = RESOURCE_TARGETS.map((t) => `${t.resource}.${t.group}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const target of RESOURCE_TARGETS) {
      assert.match(target.source, SOURCE, target.resource);
      assert.ok(target.usedBy.length > 0);
      assert.match(target.resource, /^([a-z0-9]+|\*)$/);
    }
    const secrets = RESOURCE_TARGETS.find((t) => t.group === '' && t.resource === 'secrets');
    assert.equal(secrets?.metadataOnly, true, 'secrets are metadata only');
  });

  it('has sourced middleware namespaces and well-known config maps', () => {
    for (const entry of [...MIDDLEWARE_NAMESPACES, ...WELL_KNOWN_CONFIGMAPS]) assert.match(entry.source, SOURCE);
    assert.ok(isMiddlewareNamespace('kube-system'));
    assert.ok(isMiddlewareNamespace('gke-managed-cim'));
    assert.ok(isMiddlewareNamespace('aks-istio-system'));
    assert.ok(!isMiddlewareNamespace('kube-public'));
    assert.ok(!isMiddlewareNamespace('team-gke'));
  });

  it('selects config maps referenced by middleware workloads and DaemonSets, from every place a pod spec names them', () => {
    const podSpec = {
      volumes: [
        { configMap: { name: 'vol' } },
        { projected: { sources: [{ configMap: { name: 'proj' } }, { secret: { name: 's' } }] } },
      ],
      initContainers: [{ envFrom: [{ configMapRef: { name: 'init-env' } }] }],
      containers: [
        {
          env: [
            { name: 'A', valueFrom: { configMapKeyRef: { name: 'key-ref', key: 'k' } } },
            { name: 'B', value: 'x' },
          ],
        },
      ],
    };
    const objects: KubeObject[] = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'm', namespace: 'kube-system' },
        spec: { template: { spec: podSpec } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'd', namespace: 'shop' },
        spec: { template: { spec: { volumes: [{ configMap: { name: 'ds' } }] } } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'w', namespace: 'shop' },
        spec: { template: { spec: { volumes: [{ configMap: { name: 'customer' } }] } } },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'c', namespace: 'gmp-system' },
        spec: { jobTemplate: { spec: { template: { spec: { volumes: [{ configMap: { name: 'cron' } }] } } } } },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'shop', ownerReferences: [{ kind: 'DaemonSet', name: 'd' }] },
        spec: { volumes: [{ configMap: { name: 'ds-pod' } }] },
      },
      // Untrusted shapes are ignored, not fatal.
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'odd', namespace: 'kube-system' },
        spec: { volumes: 'nope', containers: [null, { env: 7 }] },
      },
    ];
    const keys = configMapsToFetch(objects).map((k) => `${k.namespace}/${k.name}`);
    const wellKnown = WELL_KNOWN_CONFIGMAPS.map((k) => `${k.namespace}/${k.name}`);
    assert.deepEqual(
      keys.filter((k) => !wellKnown.includes(k)),
      [
        'gmp-system/cron',
        'kube-system/init-env',
        'kube-system/key-ref',
        'kube-system/proj',
        'kube-system/vol',
        'shop/ds',
        'shop/ds-pod',
      ],
    );
    assert.ok(wellKnown.every((k) => keys.includes(k)));
  });
});

describe('deploy/rbac.yaml', () => {
  const reader = clusterRole('kubeseam-reader');

  it('grants list on every kind the collector lists, get only on config maps, and nothing that writes', () => {
    for (const target of RESOURCE_TARGETS) {
      if (target.group === '' && target.resource === 'secrets') continue;
      const verbs = granted(reader, target.group, target.resource);
      assert.ok(verbs.has('list'), `list ${target.resource}.${target.group}`);
      const expected = target.group === '' && target.resource === 'configmaps' ? ['get', 'list'] : ['list'];
      assert.deepEqual([...verbs].sort(), expected, `${target.resource}.${target.group}`);
    }
    for (const rule of reader) {
      for (const verb of rule.verbs ?? []) assert.ok(verb === 'get' || verb === 'list', `read-only (${verb})`);
      for (const group of rule.apiGroups ?? []) {
        for (const resource of rule.resources ?? []) {
          assert.ok(
            RESOURCE_TARGETS.some((t) => t.group === group && t.resource === resource),
            `${resource}.${group} is granted but never collected`,
          );
        }
      }
    }
    const urls = reader.flatMap((r) => r.nonResourceURLs ?? []);
    assert.deepEqual(urls.sort(), ['/api', '/api/*', '/apis', '/apis/*', '/version']);
  });

  it('keeps secrets out of the reader role, in the optional metadata role', () => {
    assert.equal(granted(reader, '', 'secrets').size, 0);
    assert.deepEqual([...granted(clusterRole('kubeseam-secrets-metadata'), '', 'secrets')], ['list']);
  });
});

describe('list items', () => {
  it('keeps only metadata of metadata-only items, without the last-applied annotation or managedFields', () => {
    const raw = {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {
        name: 's',
        namespace: 'n',
        managedFields: [{ manager: 'kubectl' }],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"dmFsdWU="}}', keep: 'yes' },
      },
      data: { k: 'dmFsdWU=' },
    };
    assert.deepEqual(toSnapshotObject(raw, 'v1', 'Secret', true, false), {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'n', annotations: { keep: 'yes' } },
    });
    const full = toSnapshotObject(
      { metadata: { name: 'p', managedFields: [] }, spec: { x: 1 } },
      'v1',
      'Pod',
      false,
      true,
    );
    assert.deepEqual(full, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', managedFields: [] },
      spec: { x: 1 },
    });
    assert.equal(toSnapshotObject({ spec: {} }, 'v1', 'Pod', false, false), undefined);
    assert.equal(toSnapshotObject('junk', 'v1', 'Pod', false, false), undefined);
  });

  it('reads Retry-After as seconds, as an HTTP date, or from Status details', () => {
    const response = (headers: Record<string, string>, json?: unknown) => ({
      status: 429,
      headers,
      text: '',
      json,
    });
    assert.equal(retryAfterMs(response({ 'retry-after': '3' })), 3000);
    assert.equal(
      retryAfterMs(
        response({ 'retry-after': 'Wed, 21 Oct 2015 07:28:10 GMT' }),
        Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'),
      ),
      10_000,
    );
    assert.equal(retryAfterMs(response({}, { kind: 'Status', details: { retryAfterSeconds: 2 } })), 2000);
    assert.equal(retryAfterMs(response({ 'retry-after': 'soon' })), undefined);
  });
});
