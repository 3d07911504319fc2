// Behaviour of the posture checks beyond their cases files: severities that depend on context, one finding per
// (resource, path), reasons for every severity override, and the helpers they share.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../model/build.ts';
import type { KubeObject } from '../../model/k8s.ts';
import type { ClusterFacts } from '../../model/types.ts';
import { loadCases } from '../cases.ts';
import { checkFiles } from '../files.ts';
import { CHECKS, findCheck } from '../../index.ts';
import { runChecks } from '../run.ts';
import type { Finding } from '../types.ts';
import { hostMounts } from './host-mounts.ts';
import { isDigestPinned, isLatest, parseImage } from './images.ts';
import { containersAt, effectiveField } from './pod.ts';

// The posture checks of issue 6 (other checks in the same groups have their own tests).
const files = checkFiles();
// Conventions every built-in check keeps, over every one of its cases.
const mine = CHECKS;

function run(id: string, objects: KubeObject[], cluster?: ClusterFacts): Finding[] {
  const check = findCheck(id);
  assert.ok(check, id);
  const model = buildModel({
    objects: objects.map((object) => ({ object, origin: { file: 't.yaml' } })),
    sourceKind: 'files',
    ...(cluster ? { cluster } : {}),
  });
  const { findings, errors } = runChecks(model, [check]);
  assert.deepEqual(errors, []);
  return findings;
}

function pod(spec: Record<string, unknown>, ns = 'web', meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: ns, ...meta }, spec };
}

const sev = (fs: Finding[]): string[] => fs.map((f) => f.severity);

describe('posture checks: conventions over every case', () => {
  it('number at least 40', () => {
    assert.ok(mine.length >= 40);
  });

  for (const check of mine) {
    it(`${check.id}: one finding per (resource, path), and a reason whenever severity is overridden`, () => {
      for (const c of loadCases(files.get(check.id)!.cases)) {
        const model = buildModel({
          objects: c.objects.map((object) => ({ object, origin: { file: 'x' } })),
          sourceKind: 'files',
        });
        const { findings } = runChecks(model, [check]);
        const prints = findings.map((f) => f.fingerprint);
        assert.equal(new Set(prints).size, prints.length, `${c.name}: duplicate fingerprints`);
        for (const f of findings) {
          if (f.severity !== check.severity)
            assert.ok(f.severityReason && f.severityReason.length > 10, `${c.name}: ${f.path} lacks a severityReason`);
          assert.ok(f.message.length > 10);
        }
      }
    });
  }
});

describe('severity follows context', () => {
  it('host paths: writable kubelet pods folder is critical, read-only /var/log low, writable /var/log high', () => {
    const spec = (readOnly: boolean, path: string): Record<string, unknown> => ({
      containers: [{ name: 'c', image: 'c:1', volumeMounts: [{ name: 'v', mountPath: '/h', readOnly }] }],
      volumes: [{ name: 'v', hostPath: { path } }],
    });
    assert.deepEqual(sev(run('sensitive-host-path', [pod(spec(false, '/var/lib/kubelet/pods'))])), ['critical']);
    assert.deepEqual(sev(run('sensitive-host-path', [pod(spec(true, '/var/log'))])), ['low']);
    assert.deepEqual(sev(run('sensitive-host-path', [pod(spec(false, '/var/log'))])), ['high']);
    assert.deepEqual(sev(run('writable-host-path', [pod(spec(false, '/var/lib/kubelet/pods'))])), ['critical']);
    assert.deepEqual(sev(run('writable-host-path', [pod(spec(false, '/var'))])), ['critical']);
    assert.deepEqual(sev(run('writable-host-path', [pod(spec(false, '/srv/data'))])), ['medium']);
    assert.deepEqual(sev(run('writable-host-path', [pod(spec(true, '/var/lib/kubelet/pods'))])), []);
    assert.deepEqual(sev(run('sensitive-host-path', [pod(spec(true, '/run/containerd/containerd.sock'))])), [
      'critical',
    ]);
  });

  it('capabilities: per-capability severity, raised by host namespaces', () => {
    const caps = (add: string[], extra: Record<string, unknown> = {}): KubeObject =>
      pod({ ...extra, containers: [{ name: 'c', image: 'c:1', securityContext: { capabilities: { add } } }] });
    assert.deepEqual(sev(run('added-capabilities', [caps(['SYS_ADMIN', 'NET_RAW', 'CHOWN', 'NET_BIND_SERVICE'])])), [
      'critical',
      'medium',
      'low',
      'info',
    ]);
    assert.deepEqual(sev(run('added-capabilities', [caps(['SYS_PTRACE'])])), ['high']);
    assert.deepEqual(sev(run('added-capabilities', [caps(['SYS_PTRACE'], { hostPID: true })])), ['critical']);
    assert.deepEqual(sev(run('added-capabilities', [caps(['NET_ADMIN'], { hostNetwork: true })])), ['critical']);
  });

  it('capabilities not dropped: medium while NET_RAW is kept, low once it is dropped', () => {
    const drop = (d: string[]): KubeObject =>
      pod({ containers: [{ name: 'c', image: 'c:1', securityContext: { capabilities: { drop: d } } }] });
    assert.deepEqual(sev(run('capabilities-not-dropped', [drop([])])), ['medium']);
    assert.deepEqual(sev(run('capabilities-not-dropped', [drop(['NET_RAW'])])), ['low']);
  });

  it('images: latest is medium, a tag low, and one level higher in platform namespaces', () => {
    const img = (image: string, ns: string): KubeObject => pod({ containers: [{ name: 'c', image }] }, ns);
    assert.deepEqual(sev(run('image-mutable-tag', [img('app:latest', 'web')])), ['medium']);
    assert.deepEqual(sev(run('image-mutable-tag', [img('app:1.2', 'web')])), ['low']);
    assert.deepEqual(sev(run('image-mutable-tag', [img('app', 'kube-system')])), ['high']);
    assert.deepEqual(sev(run('image-mutable-tag', [img('app:1.2', 'amazon-cloudwatch')])), ['medium']);
  });

  it('RBAC: system:authenticated is critical on GKE, high elsewhere; RoleBinding to cluster-admin is high', () => {
    const b: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'all' },
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Group', name: 'system:authenticated' }],
    };
    assert.deepEqual(sev(run('public-group-binding', [b])), ['high']);
    assert.deepEqual(sev(run('public-group-binding', [b], { provider: 'gke' })), ['critical']);
    const rb: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'x', namespace: 'shop' },
      roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'User', name: 'bob' }],
    };
    assert.deepEqual(sev(run('cluster-admin-binding', [rb])), ['high']);
    assert.deepEqual(
      sev(run('cluster-admin-binding', [{ ...rb, kind: 'ClusterRoleBinding', metadata: { name: 'x' } }])),
      ['critical'],
    );
  });

  it('internal load balancers are low; sysctls follow the cluster version', () => {
    const svc = (annotations: Record<string, string>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'web', annotations },
      spec: { type: 'LoadBalancer' },
    });
    assert.deepEqual(sev(run('load-balancer-source-ranges-missing', [svc({})])), ['medium']);
    assert.deepEqual(
      sev(run('load-balancer-source-ranges-missing', [svc({ 'networking.gke.io/load-balancer-type': 'Internal' })])),
      ['low'],
    );
    const sys = pod({
      securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] },
      containers: [{ name: 'c', image: 'c:1' }],
    });
    assert.deepEqual(sev(run('unsafe-sysctls', [sys], { version: { minor: '30' } })), ['medium']);
    assert.deepEqual(sev(run('unsafe-sysctls', [sys], { version: { minor: '32+' } })), []);
  });
});

describe('secrets are never echoed', () => {
  it('literal credentials are reported without their value', () => {
    const fs = run('literal-credential-in-env', [
      pod({ containers: [{ name: 'c', image: 'c:1', env: [{ name: 'DB_PASSWORD', value: 'TopSecretValue!' }] }] }),
    ]);
    assert.equal(fs.length, 1);
    assert.ok(!JSON.stringify(fs).includes('TopSecretValue'));
  });
});

describe('shared helpers', () => {
  it('parses image references', () => {
    assert.deepEqual(parseImage('nginx'), { repository: 'nginx' });
    assert.deepEqual(parseImage('registry:5000/team/app'), { repository: 'registry:5000/team/app' });
    assert.deepEqual(parseImage('registry:5000/team/app:1.2'), { repository: 'registry:5000/team/app', tag: '1.2' });
    const pinned = parseImage(`app:1@sha256:${'a'.repeat(64)}`);
    assert.equal(pinned.tag, '1');
    assert.ok(isDigestPinned(pinned));
    assert.ok(!isDigestPinned(parseImage('app@sha256:short')));
    assert.ok(isLatest(parseImage('app')) && isLatest(parseImage('app:latest')) && !isLatest(parseImage('app:1')));
  });

  it('resolves the effective security context field and where it was set', () => {
    const spec = {
      securityContext: { runAsUser: 1000 },
      containers: [{ name: 'a', securityContext: { runAsUser: 0 } }, { name: 'b' }],
    };
    const [a, b] = containersAt(spec);
    assert.deepEqual(effectiveField(spec, a!, 'runAsUser'), {
      value: 0,
      path: 'spec.containers[0].securityContext.runAsUser',
      level: 'container',
    });
    assert.deepEqual(effectiveField(spec, b!, 'runAsUser'), {
      value: 1000,
      path: 'spec.securityContext.runAsUser',
      level: 'pod',
    });
    assert.equal(effectiveField(spec, b!, 'runAsNonRoot'), undefined);
  });

  it('host mounts carry indexes, the exposed path with a literal subPath, and ignore ".." subPaths', () => {
    const spec = {
      containers: [
        {
          name: 'a',
          volumeMounts: [
            { name: 'root', mountPath: '/k', subPath: 'var/lib/kubelet' },
            { name: 'root', mountPath: '/x', subPath: '../etc' },
            { name: 'empty', mountPath: '/e' },
          ],
        },
      ],
      volumes: [
        { name: 'root', hostPath: { path: '/' } },
        { name: 'empty', emptyDir: {} },
      ],
    };
    const ms = hostMounts(spec);
    assert.deepEqual(
      ms.map((m) => [m.fieldPath, m.exposedPath, m.readOnly]),
      [
        ['spec.containers[0].volumeMounts[0]', '/var/lib/kubelet', false],
        ['spec.containers[0].volumeMounts[1]', '/', false],
      ],
    );
  });
});

describe('untrusted input', () => {
  it('no check throws on fields of the wrong type', () => {
    const weird: unknown[] = [null, 5, 'x', true, [], {}, [null], [5], ['x'], [{}], { a: null }];
    const objects: KubeObject[] = [];
    let i = 0;
    for (const w of weird) {
      i++;
      objects.push(
        pod(
          {
            securityContext: w,
            volumes: w,
            hostUsers: w,
            containers: [
              {
                name: 'c',
                image: w,
                ports: w,
                env: w,
                envFrom: w,
                securityContext: w,
                resources: w,
                volumeMounts: w,
                imagePullPolicy: w,
              },
              {
                name: 'd',
                image: 'd:1',
                securityContext: {
                  capabilities: w,
                  seccompProfile: w,
                  appArmorProfile: w,
                  seLinuxOptions: w,
                  windowsOptions: w,
                },
                resources: { limits: w, requests: w },
                ports: [w],
                env: [w, { name: 'TOKEN', value: w, valueFrom: w }],
                envFrom: [w, { secretRef: w }],
              },
            ],
          },
          `ns${i}`,
          { annotations: w, labels: w },
        ),
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: `s${i}`, namespace: 'web', annotations: w as Record<string, string> },
          spec: { type: 'LoadBalancer', loadBalancerSourceRanges: w, externalIPs: w, ports: w },
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: `r${i}`, labels: w as Record<string, string> },
          rules: w,
          aggregationRule: i % 2 ? w : undefined,
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: `q${i}` },
          rules: [w, { verbs: w, resources: w, apiGroups: w }],
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: `b${i}`, namespace: 'web' },
          roleRef: w,
          subjects: w,
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: `c${i}` },
          roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
          subjects: [w, { kind: 'User', name: w }],
        },
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {
            name: `x${i}`,
            namespace: 'web',
            annotations: w as Record<string, string>,
            labels: w as Record<string, string>,
          },
          type: w,
        },
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'default', namespace: `ns${i}` },
          automountServiceAccountToken: w,
        },
        { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: `l${i}`, namespace: `ns${i}` }, spec: { limits: w } },
      );
    }
    const model = buildModel({
      objects: objects.map((object) => ({ object, origin: { file: 'fuzz.yaml' } })),
      sourceKind: 'files',
    });
    const { errors } = runChecks(model, mine);
    assert.deepEqual(errors, []);
  });
});
