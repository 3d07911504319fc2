// The audit analysis against the demo clusters of examples/: per-principal behaviour, unused grants, suggested
// least-privilege roles checked with the real RBAC engine, and the incidents the fixtures contain.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { auditFiles, type AuditReport, type PrincipalReport } from '../src/audit/analyze.ts';
import { principalOf, rbacPrincipal } from '../src/audit/principal.ts';
import { readAuditFile } from '../src/audit/read/reader.ts';
import { renderAuditJson, renderAuditTable, renderAuditYaml } from '../src/audit/render.ts';
import type { AuditRecord } from '../src/audit/types.ts';
import { buildModel, type Model } from '../src/model/build.ts';
import type { KubeObject } from '../src/model/k8s.ts';
import { rbacIndexFor } from '../src/rbac/analyze.ts';
import { buildRbacIndex, can, type RbacIndex } from '../src/rbac/index.ts';
import type { AccessRequest, Principal } from '../src/rbac/types.ts';
import { readSnapshotFile, snapshotObjects } from '../src/sources/snapshot.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/audit/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));

const LOGS = {
  eks: 'eks/native.jsonl',
  aks: 'aks/storage-kube-audit.json',
  gke: 'gke/cloud-logging-sink.jsonl',
} as const;
type Demo = keyof typeof LOGS;

interface Loaded {
  model: Model;
  records: AuditRecord[];
  report: AuditReport;
}

const loaded = new Map<Demo, Loaded>();

async function load(demo: Demo): Promise<Loaded> {
  const snap = await readSnapshotFile(`${EXAMPLES}${demo}.snapshot.json`);
  const model = buildModel({
    objects: snapshotObjects(snap, { file: `examples/${demo}.snapshot.json` }),
    cluster: snap.cluster,
    coverage: snap.coverage,
    sourceKind: 'snapshot',
  });
  const file = `${FIXTURES}${LOGS[demo]}`;
  const records: AuditRecord[] = [];
  await readAuditFile(file, (r) => records.push(r));
  return { model, records, report: await auditFiles([file], { model }) };
}

before(async () => {
  for (const demo of Object.keys(LOGS) as Demo[]) loaded.set(demo, await load(demo));
});

function get(demo: Demo): Loaded {
  return loaded.get(demo)!;
}

function principal(demo: Demo, username: string): PrincipalReport {
  const p = get(demo).report.principals.find((x) => x.profile.username === username);
  assert.ok(p, `${username} in the ${demo} report`);
  return p;
}

function who(r: AuditRecord): string {
  return (r.impersonatedUser ?? r.user).username;
}

function requestOf(r: AuditRecord): AccessRequest {
  const o = r.objectRef;
  if (o === undefined) return { verb: r.verb, nonResourceURL: r.requestURI.split('?')[0]! };
  const req: AccessRequest = { verb: r.verb, apiGroup: o.apiGroup, resource: o.resource };
  if (o.subresource) req.subresource = o.subresource;
  if (o.name) req.name = o.name;
  if (o.namespace) req.namespace = o.namespace;
  return req;
}

describe('per-principal behaviour', () => {
  it('counts every request of a principal once, with its verbs, clients, addresses and bound pods', () => {
    const { records } = get('eks');
    const p = principal('eks', 'system:serviceaccount:kube-system:aws-node').profile;
    const mine = records.filter((r) => who(r) === p.username);
    assert.equal(p.requests, mine.length);
    assert.equal(p.denied, mine.filter((r) => r.decision === 'forbid').length);
    for (const [verb, n] of Object.entries(p.verbs)) assert.equal(n, mine.filter((r) => r.verb === verb).length, verb);
    assert.deepEqual(p.sourceIPs.map((v) => v.value).sort(), [...new Set(mine.map((r) => r.sourceIPs[0]))].sort());
    assert.equal(p.pods.length, new Set(mine.map((r) => r.podName)).size);
    assert.equal(p.identity?.component, 'eks/aws-node');
    assert.equal(p.identity?.class, 'middleware');
    const firstMs = Math.min(...mine.map((r) => r.timeMs));
    assert.equal(p.firstSeen, new Date(firstMs).toISOString());
  });

  it('keeps one entry per verb, resource, namespace and outcome, with the names requested', () => {
    const p = principal('eks', 'system:serviceaccount:amazon-cloudwatch:fluent-bit').profile;
    const gets = get('eks').records.filter(
      (r) => who(r) === p.username && r.verb === 'get' && r.objectRef?.resource === 'pods' && r.decision !== 'forbid',
    );
    const namespaces = [...new Set(gets.map((r) => r.objectRef!.namespace))].sort();
    const entries = p.access.filter((e) => e.verb === 'get' && e.resource === 'pods' && e.outcome === 'allowed');
    assert.deepEqual(
      entries.map((e) => e.namespace),
      namespaces,
    );
    for (const e of entries) {
      const mine = gets.filter((r) => r.objectRef!.namespace === e.namespace);
      assert.equal(e.count, mine.length);
      assert.deepEqual(e.names, [...new Set(mine.map((r) => r.objectRef!.name))].sort());
      assert.equal(e.namesTruncated, false);
    }
    const denied = p.access.filter((e) => e.outcome === 'denied');
    assert.equal(
      denied.reduce((n, e) => n + e.count, 0),
      p.denied,
    );
  });
});

describe('unused grants', () => {
  it('aws-node: the rules it used, the ones it never used, and shared defaults kept apart', () => {
    const g = principal('eks', 'system:serviceaccount:kube-system:aws-node').grants!;
    const own = g.rules.filter((r) => !r.shared);
    const shared = g.rules.filter((r) => r.shared);
    assert.ok(shared.length > 0 && shared.every((r) => r.via.startsWith('Group system:')));
    assert.ok(own.every((r) => r.via === 'ServiceAccount kube-system/aws-node'));
    const used = own.flatMap((r) => r.used);
    const unused = own.flatMap((r) => r.unused);
    assert.ok(used.includes('list pods') && used.includes('watch pods') && used.includes('get nodes'));
    assert.ok(used.includes('patch cninodes.vpcresources.k8s.aws'));
    assert.ok(unused.includes('list namespaces') && unused.includes('get eniconfigs.crd.k8s.amazonaws.com'));
    assert.equal(g.unusedRules, own.filter((r) => r.used.length === 0).length);
    // Every combination called used matches an allowed request of the log, and the other way round.
    const seen = new Set(
      get('eks')
        .records.filter((r) => who(r) === g.principal && r.decision !== 'forbid' && r.objectRef !== undefined)
        .map((r) => `${r.verb} ${r.objectRef!.resource}${r.objectRef!.apiGroup ? `.${r.objectRef!.apiGroup}` : ''}`),
    );
    const resourceLabels = used.filter((l) => !l.includes(' /'));
    assert.ok(resourceLabels.length > 0);
    for (const label of resourceLabels) assert.ok(seen.has(label), `${label} was seen`);
    for (const label of seen) {
      if (own.some((r) => [...r.used, ...r.unused].includes(label))) assert.ok(used.includes(label), label);
    }
  });

  it('counts the requests each rule allowed, scoped by RoleBinding namespace', () => {
    const g = principal('eks', 'system:serviceaccount:amazon-cloudwatch:cloudwatch-agent').grants!;
    const role = g.rules.find((r) => r.role.kind === 'Role' && r.namespace === 'amazon-cloudwatch');
    assert.ok(role, 'the Role bound in amazon-cloudwatch');
    const updates = get('eks').records.filter(
      (r) => who(r) === g.principal && r.verb === 'update' && r.objectRef?.resource === 'configmaps',
    );
    assert.equal(role.requests, updates.length);
    assert.ok(role.used.includes('update configmaps') && role.unused.includes('create configmaps'));
  });
});

/** Every (verb, resource, name, namespace) a suggested binding grants, expanded from its rules. */
function grantedCombos(
  objects: KubeObject[],
): { verb: string; group: string; resource: string; name: string; namespace: string | undefined; url?: string }[] {
  const roles = new Map(
    objects
      .filter((o) => o.kind.endsWith('Role'))
      .map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, o]),
  );
  const out: ReturnType<typeof grantedCombos> = [];
  for (const b of objects.filter((o) => o.kind.endsWith('Binding'))) {
    const ref = b.roleRef as { kind: string; name: string };
    const role = roles.get(`${ref.kind}/${ref.kind === 'Role' ? (b.metadata.namespace ?? '') : ''}/${ref.name}`)!;
    const scope = b.kind === 'RoleBinding' ? b.metadata.namespace : undefined;
    for (const rule of role.rules as Record<string, string[] | undefined>[]) {
      for (const verb of rule.verbs ?? []) {
        for (const url of rule.nonResourceURLs ?? [])
          out.push({ verb, group: '', resource: '', name: '', namespace: undefined, url });
        for (const group of rule.apiGroups ?? []) {
          for (const resource of rule.resources ?? []) {
            for (const name of rule.resourceNames ?? ['']) out.push({ verb, group, resource, name, namespace: scope });
          }
        }
      }
    }
  }
  return out;
}

describe('suggested least-privilege roles', () => {
  for (const demo of Object.keys(LOGS) as Demo[]) {
    it(`${demo}: cover every allowed request of each principal, refuse its denied ones, and grant nothing unseen`, () => {
      const { records, report, model } = get(demo);
      const clusterIndex = rbacIndexFor(model);
      let checked = 0;
      for (const pr of report.principals) {
        const s = pr.suggestion;
        if (s === undefined) continue;
        const index: RbacIndex = buildRbacIndex(s.objects);
        assert.deepEqual(index.issues, [], `${s.principal}: valid RBAC objects`);
        assert.deepEqual(index.dangling, []);
        const p: Principal = rbacPrincipal(principalOf(s.principal), pr.profile.groups);
        const mine = records.filter((r) => who(r) === s.principal);
        const defaults = new Set(s.coveredByDefaults.map((e) => `${e.verb} ${e.nonResourceURL ?? e.resource}`));
        for (const r of mine) {
          const req = requestOf(r);
          const allowed = can(index, p, req).allowed;
          if (r.decision === 'forbid') {
            assert.equal(allowed, false, `${s.principal} was denied ${JSON.stringify(req)}: not granted`);
          } else if (defaults.has(`${r.verb} ${req.nonResourceURL ?? req.resource}`)) {
            const everyone: Principal = {
              kind: 'Group',
              name: 'system:authenticated',
              groups: ['system:serviceaccounts'],
            };
            assert.ok(can(clusterIndex, everyone, req).allowed, `default grant for ${JSON.stringify(req)}`);
          } else {
            assert.ok(allowed, `${s.principal} needs ${JSON.stringify(req)}`);
          }
          checked++;
        }
        // Nothing else: each granted combination was requested (allowed) in the log, in that scope.
        for (const c of grantedCombos(s.objects)) {
          const match = mine.some((r) => {
            if (r.decision === 'forbid' || r.verb !== c.verb) return false;
            if (c.url !== undefined) return r.objectRef === undefined && r.requestURI.split('?')[0] === c.url;
            const o = r.objectRef;
            if (o === undefined) return false;
            const res = o.subresource ? `${o.resource}/${o.subresource}` : o.resource;
            return (
              o.apiGroup === c.group &&
              res === c.resource &&
              (c.name === '' || o.name === c.name) &&
              (c.namespace === undefined || o.namespace === c.namespace)
            );
          });
          assert.ok(match, `${s.principal}: ${JSON.stringify(c)} was never requested`);
        }
        // A sample of requests never seen is refused.
        for (const r of mine.filter((x) => x.decision !== 'forbid' && x.objectRef !== undefined).slice(0, 20)) {
          const req = requestOf(r);
          const unseen: AccessRequest[] = [
            { ...req, verb: 'delete', name: 'x' },
            { ...req, verb: 'escalate' },
            { ...req, resource: 'secrets', apiGroup: '', subresource: undefined },
          ];
          // (A namespace object's own requests are evaluated in that namespace whatever the path says.)
          if (req.namespace !== undefined && req.resource !== 'namespaces')
            unseen.push({ ...req, namespace: 'kubeseam-unseen' });
          for (const u of unseen) {
            const seen = mine.some(
              (x) => x.decision !== 'forbid' && JSON.stringify(requestOf(x)) === JSON.stringify(u),
            );
            if (
              !seen &&
              !(
                u.resource === 'secrets' &&
                mine.some((x) => x.objectRef?.resource === 'secrets' && x.decision !== 'forbid')
              )
            ) {
              assert.equal(can(index, p, u).allowed, false, `${s.principal}: ${JSON.stringify(u)} never seen`);
            }
          }
        }
      }
      assert.ok(checked > 50, `${checked} requests checked`);
    });
  }

  it('aws-node: a ClusterRole with get nodes limited to the five node names, a Role for its events', () => {
    const s = principal('eks', 'system:serviceaccount:kube-system:aws-node').suggestion!;
    assert.deepEqual(
      s.objects.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}`.trim()),
      ['ClusterRole', 'ClusterRoleBinding', 'Role default', 'RoleBinding default'],
    );
    assert.deepEqual(s.objects[2]!.rules, [{ apiGroups: [''], resources: ['events'], verbs: ['create'] }]);
    const rules = s.objects[0]!.rules as { resources?: string[]; verbs: string[]; resourceNames?: string[] }[];
    const nodes = rules.find((r) => r.resources?.includes('nodes') === true && r.verbs.includes('get'))!;
    assert.equal(nodes.resourceNames?.length, 5);
    for (const r of rules.filter((x) => x.verbs.some((v) => ['list', 'watch', 'create'].includes(v)))) {
      assert.equal(r.resourceNames, undefined, JSON.stringify(r));
    }
    assert.ok(
      s.coveredByDefaults.some((e) => e.nonResourceURL === '/api'),
      'discovery is a default grant',
    );
  });

  it('cloudwatch-agent: a Role for its leader-election config map beside the ClusterRole', () => {
    const s = principal('eks', 'system:serviceaccount:amazon-cloudwatch:cloudwatch-agent').suggestion!;
    const role = s.objects.find((o) => o.kind === 'Role')!;
    assert.equal(role.metadata.namespace, 'amazon-cloudwatch');
    assert.deepEqual(role.rules, [
      {
        apiGroups: [''],
        resources: ['configmaps'],
        resourceNames: ['cwagent-clusterleader'],
        verbs: ['get', 'update'],
      },
    ]);
  });
});

describe('anomalies in the fixtures', () => {
  const expected: Record<Demo, [string, string][]> = {
    eks: [
      ['secret-read-cross-namespace', 'system:serviceaccount:monitoring:kube-state-metrics'],
      ['middleware-config-write', 'system:serviceaccount:monitoring:log-pipeline-sync'],
      ['pod-exec', 'system:serviceaccount:ci:gha-runner'],
      ['token-request-other-sa', 'system:serviceaccount:ci:gha-runner'],
      ['sensitive-write', 'system:serviceaccount:ci:gha-runner'],
      ['unexpected-source-ip', 'system:serviceaccount:amazon-cloudwatch:fluent-bit'],
      ['unexpected-user-agent', 'system:serviceaccount:amazon-cloudwatch:fluent-bit'],
      ['denied-burst', 'system:serviceaccount:amazon-cloudwatch:fluent-bit'],
      ['pod-exec', 'system:serviceaccount:amazon-cloudwatch:fluent-bit'],
      ['token-request-other-sa', 'system:serviceaccount:amazon-cloudwatch:fluent-bit'],
    ],
    aks: [
      ['middleware-config-write', 'system:serviceaccount:observability:logging-config-sync'],
      ['denied-burst', 'system:serviceaccount:kube-system:ama-logs'],
      ['unexpected-user-agent', 'system:serviceaccount:kube-system:ama-logs'],
      ['sensitive-write', 'system:serviceaccount:argocd:argocd-application-controller'],
      ['pod-exec', 'alex.morgan@contoso-retail.com'],
    ],
    gke: [
      ['unexpected-user-agent', 'system:serviceaccount:kube-system:fluentbit-gke'],
      ['middleware-config-write', 'system:serviceaccount:platform:npd-rules-sync'],
      ['sensitive-write', 'ci-deployer@acme-analytics-prod.iam.gserviceaccount.com'],
      ['pod-exec', 'jlee@acme-analytics.com'],
    ],
  };
  for (const demo of Object.keys(LOGS) as Demo[]) {
    it(`${demo}: exactly the incidents of the scenario, each with evidence from the log`, () => {
      const { report, records } = get(demo);
      const found = [...new Set(report.anomalies.map((a) => `${a.kind} ${a.principal}`))].sort();
      assert.deepEqual(found, [...new Set(expected[demo].map(([k, p]) => `${k} ${p}`))].sort());
      const byId = new Map(records.map((r) => [r.auditID, r]));
      for (const a of report.anomalies) {
        assert.ok(a.evidence.length > 0 && a.count >= a.evidence.length, `${a.kind}: evidence`);
        for (const e of a.evidence) {
          const r = byId.get(e.auditID);
          assert.ok(r, `${e.auditID} is in the log`);
          assert.equal(who(r), a.principal);
          assert.equal(e.line, r.source.line);
        }
      }
    });
  }

  it('grades them: public source address and middleware secret reads are high, a denied exec is low', () => {
    const a = get('eks').report.anomalies;
    const find = (kind: string, principal: string): (typeof a)[number] =>
      a.find((x) => x.kind === kind && x.principal === principal)!;
    assert.equal(find('unexpected-source-ip', 'system:serviceaccount:amazon-cloudwatch:fluent-bit').severity, 'high');
    assert.equal(
      find('secret-read-cross-namespace', 'system:serviceaccount:monitoring:kube-state-metrics').severity,
      'high',
    );
    assert.equal(find('pod-exec', 'system:serviceaccount:amazon-cloudwatch:fluent-bit').severity, 'low');
    const burst = find('denied-burst', 'system:serviceaccount:amazon-cloudwatch:fluent-bit');
    const denials = get('eks').records.filter((r) => r.decision === 'forbid' && who(r) === burst.principal);
    assert.equal(burst.count, denials.length, 'the whole burst is one anomaly');
    assert.equal(burst.firstSeen, new Date(Math.min(...denials.map((r) => r.timeMs))).toISOString());
  });

  it('without a cluster source, only what the log alone shows is reported', async () => {
    const report = await auditFiles([`${FIXTURES}${LOGS.eks}`]);
    const kinds = new Set(report.anomalies.map((a) => a.kind));
    assert.ok(!kinds.has('unexpected-source-ip') && !kinds.has('middleware-config-write'));
    assert.ok(kinds.has('pod-exec') && kinds.has('denied-burst') && kinds.has('sensitive-write'));
    assert.ok(report.principals.every((p) => p.grants === undefined));
    assert.ok(report.principals.some((p) => (p.suggestion?.objects.length ?? 0) > 0));
  });
});

describe('report', () => {
  it('filters principals by name, in subject or username form', async () => {
    const report = await auditFiles([`${FIXTURES}${LOGS.eks}`], {
      principals: ['sa:kube-system:aws-node', 'jmorgan-contractor'],
    });
    assert.deepEqual(report.principals.map((p) => p.profile.username).sort(), [
      'jmorgan-contractor',
      'system:serviceaccount:kube-system:aws-node',
    ]);
  });

  it('reads an open stream (stdin) like a file', async () => {
    const { createReadStream } = await import('node:fs');
    const file = `${FIXTURES}${LOGS.gke}`;
    const fromStream = await auditFiles([{ name: '<stdin>', stream: createReadStream(file) }]);
    const fromFile = await auditFiles([file]);
    assert.equal(fromStream.files[0]!.file, '<stdin>');
    assert.equal(fromStream.events, fromFile.events);
    assert.deepEqual(
      fromStream.anomalies.map((a) => a.kind),
      fromFile.anomalies.map((a) => a.kind),
    );
  });

  it('renders a table, JSON and applicable YAML', () => {
    const { report } = get('aks');
    const table = renderAuditTable(report);
    assert.match(table, /^Audit logs: 1 file, \d+ requests from 2026-11-17T12:00:10Z/);
    assert.match(table, /HIGH\s+denied-burst\s+system:serviceaccount:kube-system:ama-logs \(aks\/ama-logs\)/);
    assert.match(table, /line \d+: embedded audit event is not JSON/);
    assert.deepEqual(JSON.parse(renderAuditJson(report)), JSON.parse(JSON.stringify(report)));
    const docs = parseAllDocuments(renderAuditYaml(report)).map((d) => d.toJS() as KubeObject);
    assert.ok(docs.length > 4);
    assert.ok(docs.every((d) => d.apiVersion === 'rbac.authorization.k8s.io/v1'));
    const index = buildRbacIndex(docs);
    assert.deepEqual([index.issues, index.dangling], [[], []]);
  });

  it('strips terminal control sequences that a log carries into the table', async () => {
    const { AuditAggregator } = await import('../src/audit/aggregate.ts');
    const { buildAuditReport } = await import('../src/audit/analyze.ts');
    const agg = new AuditAggregator();
    const r = { ...get('eks').records[0]!, userAgent: 'evil\u001b[2J\u001b]0;owned\u0007agent' };
    agg.add(r);
    const table = renderAuditTable(buildAuditReport(agg.finish(), []));
    assert.ok(!table.includes('\u001b') && !table.includes('\u0007'));
    assert.match(table, /evil\[2J\]0;ownedagent/);
  });
});
