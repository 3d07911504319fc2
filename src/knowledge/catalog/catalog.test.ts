// Validates every catalog entry: required fields, sources on every fact, inferred facts explained, regular
// expressions that compile, known registries, unique ids, well-formed baselines, ≥20 components per provider.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandImagePattern } from '../registries.ts';
import { CATALOG, componentsOf, findComponent } from './index.ts';
import { isUnknownBaseline, type Sourced } from './types.ts';

const WORKLOAD_KINDS = [
  'Deployment',
  'DaemonSet',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Pod',
];
const CAPABILITY = /^[A-Z][A-Z0-9_]+$/;

function checkSourced(what: string, fact: Sourced): void {
  assert.ok(Array.isArray(fact.sources) && fact.sources.length > 0, `${what}: needs a source`);
  for (const s of fact.sources) {
    const url = /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*$/.test(s);
    const repoPath = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:]+$/.test(s);
    assert.ok(url || repoPath, `${what}: source ${JSON.stringify(s)} is neither an https URL nor owner/repo:path`);
  }
  if (fact.inferred === true) assert.ok(fact.note && fact.note.length > 10, `${what}: an inferred fact must say why`);
}

describe('middleware catalog', () => {
  it('has unique ids of the form <provider>/<name> and at least 20 components per provider', () => {
    const ids = CATALOG.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const c of CATALOG) {
      assert.match(c.id, /^(eks|aks|gke)\/[a-z0-9]+(-[a-z0-9]+)*$/, c.id);
      assert.ok(c.id.startsWith(`${c.provider}/`), `${c.id}: id prefix must be its provider`);
      assert.equal(findComponent(c.id), c);
    }
    for (const p of ['eks', 'aks', 'gke'] as const) {
      assert.ok(componentsOf(p).length >= 20, `${p}: ${componentsOf(p).length} components`);
      assert.ok(
        componentsOf(p).some((c) => c.class === 'core'),
        `${p}: core components are catalogued too`,
      );
    }
  });

  for (const c of CATALOG) {
    describe(c.id, () => {
      it('has its descriptive fields and sources', () => {
        assert.ok(c.name.length > 0 && c.category.length > 0);
        assert.ok(c.description.length > 20, 'description too short');
        assert.ok(['core', 'middleware'].includes(c.class));
        checkSourced(c.id, c);
        checkSourced(`${c.id} recognize`, c.recognize);
        checkSourced(`${c.id} privileges`, c.privileges);
        checkSourced(`${c.id} patching`, c.patching);
        assert.ok(['provider', 'provider-node-image', 'customer-addon', 'customer'].includes(c.patching.by));
        if (c.serviceAccount) checkSourced(`${c.id} serviceAccount`, c.serviceAccount);
        for (const r of c.rbac ?? []) {
          checkSourced(`${c.id} ${r.binding}`, r);
          assert.match(r.binding, /^(ClusterRoleBinding\/[^/]+|RoleBinding\/[^/]+\/[^/]+)$/, r.binding);
          assert.match(r.role, /^(ClusterRole\/[^/]+|Role\/[^/]+\/[^/]+)$/, r.role);
          assert.ok(r.rules.length > 0);
          for (const rule of r.rules) {
            assert.ok(rule.verbs.length > 0);
            assert.ok(
              (rule.resources?.length ?? 0) > 0 || (rule.nonResourceURLs?.length ?? 0) > 0,
              `${r.role}: empty rule`,
            );
          }
        }
        for (const cm of c.configMaps ?? []) checkSourced(`${c.id} ConfigMap ${cm.name}`, cm);
      });

      it('is recognisable: kinds, namespaces, names and labels are well-formed, patterns compile', () => {
        const r = c.recognize;
        assert.ok(r.kinds.length > 0 && r.kinds.every((k) => WORKLOAD_KINDS.includes(k)), 'kinds');
        assert.ok(r.namespaces.length > 0 && r.namespaces.every((n) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n)));
        assert.ok(r.names.length > 0);
        for (const n of r.names) assert.doesNotThrow(() => new RegExp(`^(?:${n})$`), n);
        for (const set of r.labels ?? []) assert.ok(Object.keys(set).length > 0, 'empty label set');
        assert.ok(r.images.length > 0, 'at least one image pattern: names alone are never trusted');
        for (const p of r.images) {
          assert.match(p, /^\{[a-z0-9-]+\}\//, `${p}: must start with a known registry`);
          assert.doesNotThrow(() => new RegExp(`^(?:${expandImagePattern(p)})$`), p);
        }
        for (const l of r.localImages ?? [])
          checkSourced(`${c.id} local image ${l.image}`, { ...l, inferred: l.inferred });
      });

      it('has a well-formed privilege baseline', () => {
        const b = c.privileges;
        if (isUnknownBaseline(b)) {
          assert.ok(b.note && b.note.length > 5, 'an unknown baseline says why');
          return;
        }
        for (const k of ['hostNetwork', 'hostPID', 'hostIPC'] as const) assert.equal(typeof b[k], 'boolean', k);
        assert.ok(b.containers.length > 0, 'at least one container entry');
        const names = b.containers.map((x) => x.name);
        assert.equal(new Set(names).size, names.length, 'container names unique');
        assert.ok(!names.includes('*') || names.length === 1, '`*` stands alone');
        for (const ct of b.containers) {
          for (const cap of ct.capabilities ?? []) assert.match(cap, CAPABILITY, `${ct.name}: ${cap}`);
          for (const h of ct.hostPaths ?? []) {
            assert.ok(h.path.startsWith('/') || /^[A-Z]:\\/.test(h.path), `${h.path}: absolute`);
            assert.ok(h.path === '/' || !/[/\\]$/.test(h.path), `${h.path}: no trailing slash`);
            assert.equal(typeof h.readOnly, 'boolean');
          }
          const paths = (ct.hostPaths ?? []).map((h) => h.path);
          assert.equal(new Set(paths).size, paths.length, `${ct.name}: host paths unique`);
          for (const p of ct.hostPorts ?? []) assert.ok(Number.isInteger(p) && p > 0 && p < 65536);
        }
      });
    });
  }
});
