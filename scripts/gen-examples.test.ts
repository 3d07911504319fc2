// Invariants of the demo snapshots: they must look like what a collector reads from a real cluster, and the committed
// files must be exactly what the sources generate.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../src/model/k8s.ts';
import type { Provider, Snapshot } from '../src/model/types.ts';
import {
  EXAMPLES_DIR,
  KINDS,
  PROVIDERS,
  buildSnapshot,
  cronLastRun,
  fnv32a,
  nodeEligible,
  renderSnapshot,
  run,
  snapshotPath,
  templateHash,
} from './gen-examples.ts';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function objs(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}
function field(o: unknown, ...path: string[]): unknown {
  let cur = o;
  for (const p of path) cur = isObj(cur) ? cur[p] : undefined;
  return cur;
}
function labels(o: KubeObject | Obj): Record<string, string> {
  const l = field(o, 'metadata', 'labels');
  const out: Record<string, string> = {};
  if (isObj(l)) for (const [k, v] of Object.entries(l)) if (typeof v === 'string') out[k] = v;
  return out;
}
function key(kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name ?? ''}`;
}
function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
}

const snapshots = new Map<Provider, Snapshot>();
const committed = new Map<Provider, string>();

function snap(p: Provider): Snapshot {
  const s = snapshots.get(p);
  if (s === undefined) throw new Error(`no snapshot for ${p}`);
  return s;
}
function ofKind(s: Snapshot, kind: string): KubeObject[] {
  return s.objects.filter((o) => o.kind === kind);
}
function index(s: Snapshot): Map<string, KubeObject> {
  return new Map(s.objects.map((o) => [key(o.kind, o.metadata.namespace, o.metadata.name), o]));
}

before(() => {
  for (const p of PROVIDERS) {
    const text = readFileSync(snapshotPath(p), 'utf8');
    committed.set(p, text);
    snapshots.set(p, JSON.parse(text) as Snapshot);
  }
});

describe('committed snapshots', () => {
  it('are byte-identical to what the sources generate (gen-examples --check is clean)', () => {
    for (const p of PROVIDERS) {
      assert.equal(renderSnapshot(buildSnapshot(p)), committed.get(p), `examples/${p}.snapshot.json is stale`);
    }
  });

  it('--check reports a stale file without writing, and a write makes it current', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeseam-examples-'));
    try {
      writeFileSync(snapshotPath('gke', dir), '{}\n');
      assert.deepEqual(run(['gke'], true, dir), ['gke']);
      assert.equal(readFileSync(snapshotPath('gke', dir), 'utf8'), '{}\n');
      assert.deepEqual(run(['gke'], false, dir), ['gke']);
      assert.deepEqual(run(['gke'], true, dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stay under 1.5 MB each', () => {
    for (const p of PROVIDERS) assert.ok(Buffer.byteLength(committed.get(p) ?? '') < 1.5 * 1024 * 1024, p);
  });
});

describe('snapshot shape', () => {
  it('has the snapshot header and cluster facts with provider-shaped versions and node provider ids', () => {
    const gitVersion: Record<Provider, RegExp> = {
      eks: /^v1\.3[2-4]\.\d+-eks-[0-9a-f]{7}$/,
      aks: /^v1\.3[2-4]\.\d+$/,
      gke: /^v1\.3[2-4]\.\d+-gke\.\d+$/,
    };
    const providerId: Record<Provider, RegExp> = {
      eks: /^aws:\/\/\/[a-z]{2}-[a-z]+-\d[a-z]\/i-[0-9a-f]{17}$/,
      aks: /^azure:\/\/\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/mc_[^/]+\/providers\/Microsoft\.Compute\/virtualMachineScaleSets\/aks-[a-z0-9]+-\d+-vmss\/virtualMachines\/\d+$/,
      gke: /^gce:\/\/[a-z0-9-]+\/[a-z]+-[a-z]+\d-[a-z]\/gke-[a-z0-9-]+$/,
    };
    for (const p of PROVIDERS) {
      const s = snap(p);
      assert.equal(s.kind, 'KubeseamSnapshot');
      assert.equal(s.schemaVersion, 1);
      assert.ok(!Number.isNaN(Date.parse(s.collectedAt)));
      assert.match(s.cluster.version?.gitVersion ?? '', gitVersion[p]);
      assert.ok((s.cluster.apiGroupVersions ?? []).includes('apps/v1'));
      const nodes = ofKind(s, 'Node');
      assert.ok(nodes.length >= 3 && nodes.length <= 6, `${p}: ${nodes.length} nodes`);
      for (const n of nodes) assert.match(String(field(n, 'spec', 'providerID')), providerId[p]);
    }
  });

  it('gives every object apiVersion, kind and metadata.name, the right scope, and a unique identity', () => {
    for (const p of PROVIDERS) {
      const seen = new Set<string>();
      const uids = new Set<string>();
      for (const o of snap(p).objects) {
        assert.equal(typeof o.apiVersion, 'string');
        const info = KINDS[o.kind];
        assert.ok(info !== undefined, `${p}: unexpected kind ${o.kind}`);
        assert.equal(o.apiVersion, info.group === '' ? info.version : `${info.group}/${info.version}`);
        assert.ok(typeof o.metadata.name === 'string' && o.metadata.name.length > 0);
        assert.equal(typeof o.metadata.namespace === 'string', info.namespaced, `${p}: scope of ${o.kind}`);
        const k = key(o.kind, o.metadata.namespace, o.metadata.name);
        assert.ok(!seen.has(k), `${p}: duplicate ${k}`);
        seen.add(k);
        const uid = o.metadata.uid ?? '';
        assert.match(uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.ok(!uids.has(uid), `${p}: duplicate uid`);
        uids.add(uid);
        assert.ok(!Number.isNaN(Date.parse(o.metadata.creationTimestamp ?? '')), `${p}: ${k} creationTimestamp`);
        const ann = o.metadata.annotations ?? {};
        assert.ok(
          !Object.keys(ann).some((a) => a.startsWith('examples.kubeseam.dev/')),
          `${p}: directive left in ${k}`,
        );
      }
    }
  });

  it('never carries secret values', () => {
    for (const p of PROVIDERS) {
      for (const secret of ofKind(snap(p), 'Secret')) {
        assert.ok(!('data' in secret) && !('stringData' in secret), `${p}: ${secret.metadata.name} has values`);
      }
      const cov = snap(p).coverage.find((c) => c.resource === 'secrets');
      assert.equal(cov?.metadataOnly, true);
    }
  });

  it('lists every kind in coverage with its exact count', () => {
    for (const p of PROVIDERS) {
      const s = snap(p);
      const counts = new Map<string, number>();
      for (const o of s.objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
      for (const [kind, n] of counts) {
        const entry = s.coverage.find((c) => c.kind === kind);
        assert.equal(entry?.count, n, `${p}: coverage of ${kind}`);
        assert.equal(entry?.status, 'listed');
      }
      for (const c of s.coverage) assert.equal(c.count, counts.get(c.kind ?? '') ?? 0, `${p}: ${c.resource}`);
    }
  });

  it('keeps the bootstrap ClusterRoles, with the aggregated ones filled in', () => {
    for (const p of PROVIDERS) {
      const idx = index(snap(p));
      for (const name of ['cluster-admin', 'admin', 'edit', 'view', 'system:node', 'system:discovery']) {
        assert.ok(idx.has(key('ClusterRole', undefined, name)), `${p}: ClusterRole ${name}`);
      }
      const rulesOf = (name: string): Obj[] => objs(idx.get(key('ClusterRole', undefined, name))?.rules);
      const has = (name: string, resource: string, verb: string): boolean =>
        rulesOf(name).some(
          (r) =>
            Array.isArray(r.resources) &&
            r.resources.includes(resource) &&
            Array.isArray(r.verbs) &&
            r.verbs.includes(verb),
        );
      // edit aggregates into admin; view into edit; secrets are readable from edit up, never from view.
      assert.ok(has('view', 'pods', 'list'));
      assert.ok(has('edit', 'pods', 'list') && has('edit', 'secrets', 'get'));
      assert.ok(has('admin', 'secrets', 'get') && has('admin', 'rolebindings', 'create'));
      assert.ok(!has('view', 'secrets', 'get'));
      const crb = idx.get(key('ClusterRoleBinding', undefined, 'system:controller:daemon-set-controller'));
      assert.equal(field(objs(crb?.subjects)[0], 'name'), 'daemon-set-controller');
    }
  });
});

describe('controller expansion', () => {
  it('resolves every pod owner chain, by name and uid, to a top-level controller', () => {
    const topLevel = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'CronJob', 'Job', 'Node']);
    for (const p of PROVIDERS) {
      const idx = index(snap(p));
      let bare = 0;
      for (const pod of ofKind(snap(p), 'Pod')) {
        let cur: KubeObject = pod;
        const chain: string[] = [];
        for (let depth = 0; ; depth++) {
          assert.ok(depth < 5, `${p}: owner chain too long from ${pod.metadata.name}`);
          const refs = cur.metadata.ownerReferences ?? [];
          if (refs.length === 0) break;
          assert.equal(refs.length, 1);
          const ref = refs[0]!;
          assert.equal(ref.controller, true);
          const ns = ref.kind === 'Node' ? undefined : cur.metadata.namespace;
          const owner = idx.get(key(ref.kind ?? '', ns, ref.name));
          assert.ok(owner !== undefined, `${p}: ${pod.metadata.name} owner ${ref.kind}/${ref.name} is missing`);
          assert.equal(owner.metadata.uid, ref.uid, `${p}: uid of ${ref.kind}/${ref.name}`);
          assert.equal(owner.apiVersion, ref.apiVersion);
          chain.push(owner.kind);
          cur = owner;
        }
        if (chain.length === 0) bare++;
        else assert.ok(topLevel.has(cur.kind), `${p}: chain of ${pod.metadata.name} ends at ${cur.kind}`);
      }
      assert.ok(bare >= 1, `${p}: expected at least one bare pod`);
    }
  });

  it('names ReplicaSets and pods as the Deployment controller does, with the pod-template-hash label', () => {
    for (const p of PROVIDERS) {
      const s = snap(p);
      for (const rs of ofKind(s, 'ReplicaSet')) {
        const hash = labels(rs)['pod-template-hash'] ?? '';
        const owner = rs.metadata.ownerReferences?.[0]?.name ?? '';
        assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
        assert.equal(rs.metadata.name, `${owner}-${hash}`);
        assert.equal(labels(field(rs, 'spec', 'template') as Obj)['pod-template-hash'], hash);
        const pods = ofKind(s, 'Pod').filter((pod) => pod.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid);
        assert.equal(pods.length, field(rs, 'spec', 'replicas'), `${p}: pods of ${rs.metadata.name}`);
        for (const pod of pods) {
          assert.match(
            pod.metadata.name ?? '',
            new RegExp(`^${rs.metadata.name ?? ''}-[bcdfghjklmnpqrstvwxz2456789]{5}$`),
          );
          assert.equal(labels(pod)['pod-template-hash'], hash);
        }
      }
      for (const d of ofKind(s, 'Deployment')) {
        const active = ofKind(s, 'ReplicaSet').filter(
          (rs) => rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid && Number(field(rs, 'spec', 'replicas')) > 0,
        );
        assert.equal(active.length, 1, `${p}: active ReplicaSets of ${d.metadata.name}`);
      }
    }
  });

  it('names StatefulSet pods <name>-<ordinal> and Jobs of CronJobs after the scheduled minute', () => {
    for (const p of PROVIDERS) {
      const s = snap(p);
      for (const sts of ofKind(s, 'StatefulSet')) {
        const pods = ofKind(s, 'Pod').filter((pod) => pod.metadata.ownerReferences?.[0]?.uid === sts.metadata.uid);
        const names = pods.map((pod) => pod.metadata.name).sort();
        const want = Array.from(
          { length: Number(field(sts, 'spec', 'replicas')) },
          (_, i) => `${sts.metadata.name ?? ''}-${i}`,
        );
        assert.deepEqual(names, want.sort());
      }
      for (const job of ofKind(s, 'Job')) {
        const owner = job.metadata.ownerReferences?.[0];
        if (owner === undefined) continue;
        const scheduled = Date.parse(
          job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'] ?? '',
        );
        assert.equal(job.metadata.name, `${owner.name ?? ''}-${scheduled / 60_000}`);
        assert.ok(scheduled <= Date.parse(s.collectedAt));
      }
    }
  });

  it('runs one DaemonSet pod on each node that its selector, affinity and tolerations admit', () => {
    // An independent reading of the scheduling rules (not the generator's): node selector, required node affinity
    // on labels, and NoSchedule/NoExecute taints against tolerations.
    const admits = (spec: Obj, node: KubeObject): boolean => {
      const nl = labels(node);
      const sel = isObj(spec.nodeSelector) ? spec.nodeSelector : {};
      if (Object.entries(sel).some(([k, v]) => nl[k] !== v)) return false;
      const terms = objs(
        field(spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'),
      );
      const exprOk = (e: Obj): boolean => {
        const v = nl[String(e.key)];
        const values = Array.isArray(e.values) ? e.values.map(String) : [];
        if (e.operator === 'In') return v !== undefined && values.includes(v);
        if (e.operator === 'NotIn') return v === undefined || !values.includes(v);
        if (e.operator === 'Exists') return v !== undefined;
        if (e.operator === 'DoesNotExist') return v === undefined;
        throw new Error(`operator ${String(e.operator)}`);
      };
      if (terms.length > 0 && !terms.some((t) => objs(t.matchExpressions).every(exprOk))) return false;
      return objs(field(node, 'spec', 'taints')).every((taint) =>
        objs(spec.tolerations).some(
          (t) =>
            (t.effect === undefined || t.effect === taint.effect) &&
            (t.operator === 'Exists'
              ? t.key === undefined || t.key === taint.key
              : t.key === taint.key && t.value === taint.value),
        ),
      );
    };
    for (const p of PROVIDERS) {
      const s = snap(p);
      const nodes = ofKind(s, 'Node');
      for (const ds of ofKind(s, 'DaemonSet')) {
        const spec = field(ds, 'spec', 'template', 'spec');
        assert.ok(isObj(spec));
        const eligible = nodes
          .filter((n) => admits(spec, n))
          .map((n) => n.metadata.name)
          .sort();
        const pods = ofKind(s, 'Pod').filter((pod) => pod.metadata.ownerReferences?.[0]?.uid === ds.metadata.uid);
        const placed = pods.map((pod) => String(field(pod, 'spec', 'nodeName'))).sort();
        assert.deepEqual(placed, eligible, `${p}: nodes of DaemonSet ${ds.metadata.name}`);
        assert.equal(field(ds, 'status', 'desiredNumberScheduled'), eligible.length);
      }
    }
    // Spot checks the rules above must produce: GPU plugin only on GPU nodes, untolerating agents off tainted pools.
    const gkeDs = (name: string): string[] =>
      ofKind(snap('gke'), 'Pod')
        .filter((pod) => pod.metadata.ownerReferences?.[0]?.name === name)
        .map((pod) => String(field(pod, 'spec', 'nodeName')));
    const gpuNodes = ofKind(snap('gke'), 'Node').filter(
      (n) => labels(n)['cloud.google.com/gke-accelerator'] !== undefined,
    );
    assert.deepEqual(
      gkeDs('nvidia-gpu-device-plugin-small-cos'),
      gpuNodes.map((n) => n.metadata.name),
    );
    const eksBatch = ofKind(snap('eks'), 'Node')
      .filter((n) => labels(n).workload === 'batch')
      .map((n) => n.metadata.name);
    const falcoNodes = ofKind(snap('eks'), 'Pod')
      .filter((pod) => pod.metadata.ownerReferences?.[0]?.name === 'falco')
      .map((pod) => String(field(pod, 'spec', 'nodeName')));
    assert.ok(eksBatch.length > 0 && falcoNodes.length > 0 && !falcoNodes.some((n) => eksBatch.includes(n)));
  });
});

describe('pods', () => {
  it('run on existing nodes with addresses a node would give them', () => {
    for (const p of PROVIDERS) {
      const s = snap(p);
      const nodes = new Map(ofKind(s, 'Node').map((n) => [n.metadata.name, n]));
      const podIps = new Set<string>();
      for (const pod of ofKind(s, 'Pod')) {
        const node = nodes.get(String(field(pod, 'spec', 'nodeName')));
        assert.ok(node !== undefined, `${p}: ${pod.metadata.name} on unknown node`);
        assert.equal(field(pod, 'status', 'phase'), 'Running');
        const internal = objs(field(node, 'status', 'addresses')).find((a) => a.type === 'InternalIP')?.address;
        assert.equal(field(pod, 'status', 'hostIP'), internal);
        const ip = String(field(pod, 'status', 'podIP'));
        if (field(pod, 'spec', 'hostNetwork') === true) {
          assert.equal(ip, internal);
          continue;
        }
        assert.ok(!podIps.has(ip), `${p}: pod IP ${ip} used twice`);
        podIps.add(ip);
        const cidr = field(node, 'spec', 'podCIDR');
        if (typeof cidr === 'string') {
          const [base = '', bits = ''] = cidr.split('/');
          const size = 2 ** (32 - Number(bits));
          assert.ok(
            ipToInt(ip) - ipToInt(base) >= 0 && ipToInt(ip) - ipToInt(base) < size,
            `${p}: ${ip} outside ${cidr}`,
          );
        }
      }
    }
  });

  it('get the service account token volume exactly when automount applies', () => {
    for (const p of PROVIDERS) {
      const s = snap(p);
      const idx = index(s);
      for (const pod of ofKind(s, 'Pod')) {
        const spec = field(pod, 'spec');
        assert.ok(isObj(spec));
        const saName = String(spec.serviceAccountName);
        assert.equal(spec.serviceAccount, saName);
        const sa = idx.get(key('ServiceAccount', pod.metadata.namespace, saName));
        assert.ok(sa !== undefined, `${p}: ${pod.metadata.name} uses missing service account ${saName}`);
        const automount =
          typeof spec.automountServiceAccountToken === 'boolean'
            ? spec.automountServiceAccountToken
            : sa.automountServiceAccountToken !== false;
        const tokenVolumes = objs(spec.volumes).filter((v) => String(v.name).startsWith('kube-api-access-'));
        const containers = [...objs(spec.initContainers), ...objs(spec.containers)];
        const mountsToken = containers.every((c) =>
          objs(c.volumeMounts).some((m) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount'),
        );
        if (automount) {
          assert.ok(mountsToken, `${p}: ${pod.metadata.name} lacks the token mount`);
        } else {
          assert.equal(tokenVolumes.length, 0, `${p}: ${pod.metadata.name} has a token volume with automount off`);
        }
      }
    }
  });

  it('carry the IRSA and workload identity mutations only where the service account asks for them', () => {
    const irsa = ofKind(snap('eks'), 'Pod').filter((pod) =>
      objs(field(pod, 'spec', 'volumes')).some((v) => v.name === 'aws-iam-token'),
    );
    assert.ok(irsa.length > 0);
    const idx = index(snap('eks'));
    for (const pod of irsa) {
      const sa = idx.get(
        key('ServiceAccount', pod.metadata.namespace, String(field(pod, 'spec', 'serviceAccountName'))),
      );
      const arn = sa?.metadata.annotations?.['eks.amazonaws.com/role-arn'];
      assert.ok(arn !== undefined);
      for (const c of objs(field(pod, 'spec', 'containers'))) {
        assert.ok(objs(c.env).some((e) => e.name === 'AWS_ROLE_ARN' && e.value === arn));
      }
    }
    const wi = ofKind(snap('aks'), 'Pod').filter((pod) =>
      objs(field(pod, 'spec', 'volumes')).some((v) => v.name === 'azure-identity-token'),
    );
    assert.ok(wi.length > 0 && wi.every((pod) => labels(pod)['azure.workload.identity/use'] === 'true'));
  });
});

describe('examples/README.md', () => {
  it('names only objects that exist in the snapshot of its provider section', () => {
    const readme = readFileSync(join(EXAMPLES_DIR, 'README.md'), 'utf8');
    const sections = readme.split(/^### /m).slice(1);
    const kinds = Object.keys(KINDS).join('|');
    const ref = new RegExp(`\`(${kinds}) ([A-Za-z0-9.:-]+)(?:/([A-Za-z0-9.:-]+))?\``, 'g');
    let checked = 0;
    for (const p of PROVIDERS) {
      const section = sections.find((sec) => sec.toLowerCase().startsWith(p));
      assert.ok(section !== undefined, `README has no ${p} section`);
      const idx = index(snap(p));
      for (const m of section.matchAll(ref)) {
        const [, kind = '', first = '', second] = m;
        const k = second === undefined ? key(kind, undefined, first) : key(kind, first, second);
        assert.ok(idx.has(k), `README (${p}) names ${m[0]}, which is not in the snapshot`);
        checked++;
      }
    }
    assert.ok(checked > 40);
  });
});

describe('generator helpers', () => {
  it('hashes with FNV-1a 32 and encodes like SafeEncodeString', () => {
    assert.equal(fnv32a(''), 0x811c9dc5);
    assert.equal(fnv32a('a'), 0xe40c292c);
    assert.equal(fnv32a('foobar'), 0xbf9cf968);
    const h = templateHash({ spec: { containers: [{ name: 'a', image: 'b' }] } });
    assert.match(h, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    assert.notEqual(h, templateHash({ spec: { containers: [{ name: 'a', image: 'c' }] } }));
    assert.equal(h, templateHash({ spec: { containers: [{ image: 'b', name: 'a' }] } }), 'key order must not matter');
  });

  it('finds the last cron run at or before a moment', () => {
    const at = Date.parse('2026-11-17T09:42:11Z');
    assert.equal(new Date(cronLastRun('*/20 * * * *', at)).toISOString(), '2026-11-17T09:40:00.000Z');
    assert.equal(new Date(cronLastRun('30 9 * * *', at)).toISOString(), '2026-11-17T09:30:00.000Z');
    assert.equal(new Date(cronLastRun('45 9 * * *', at)).toISOString(), '2026-11-16T09:45:00.000Z');
    assert.equal(new Date(cronLastRun('0 */2 * * *', at)).toISOString(), '2026-11-17T08:00:00.000Z');
    // Both day fields restricted: either matches (2026-11-16 is a Monday, the 1st is a Sunday).
    assert.equal(new Date(cronLastRun('0 0 1 * 1', at)).toISOString(), '2026-11-16T00:00:00.000Z');
    assert.throws(() => cronLastRun('* * *', at));
  });

  it('admits pods to nodes as taints, tolerations and node affinity say', () => {
    const node = (l: Record<string, string>, taints: Obj[] = []): Obj => ({
      metadata: { name: 'n1', labels: l },
      spec: { taints },
    });
    const gpu = node({ 'cloud.google.com/gke-accelerator': 'nvidia-l4' }, [
      { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
    ]);
    assert.equal(nodeEligible({}, gpu), false);
    assert.equal(nodeEligible({ tolerations: [{ operator: 'Exists' }] }, gpu), true);
    assert.equal(
      nodeEligible({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoExecute' }] }, gpu),
      false,
    );
    assert.equal(nodeEligible({ tolerations: [{ key: 'nvidia.com/gpu', value: 'absent' }] }, gpu), false);
    assert.equal(nodeEligible({ tolerations: [{ key: 'nvidia.com/gpu', value: 'present' }] }, gpu), true);
    const plain = node({ 'kubernetes.io/os': 'linux' }, [{ key: 'x', effect: 'PreferNoSchedule' }]);
    const notFargate = {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] }] },
            ],
          },
        },
      },
    };
    assert.equal(
      nodeEligible(notFargate, plain),
      true,
      'NotIn admits nodes without the label; PreferNoSchedule does not block',
    );
    assert.equal(nodeEligible({ nodeSelector: { 'kubernetes.io/os': 'windows' } }, plain), false);
    const pinned = {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }],
          },
        },
      },
    };
    assert.equal(nodeEligible(pinned, plain), false);
  });
});
