// The generated admission policies decide every upstream Pod Security fixture of the newest policy version exactly
// as the exact evaluator (src/pss) does, check by check: the ValidatingAdmissionPolicy CEL on pods and on the same
// pods as templates of every workload kind, and the Gatekeeper CEL. Then exemptions: a fixture treated as a
// provider component is admitted with the exemptions derived for it, and denied again when any one is removed.
// Fixtures: ../shared/conformance/pss/<level>/v1.37/{pass,fail} (see its README).
//
// The sensitive host mount rule (what Pod Security does not cover): the CEL in the policies judges every host path
// the way the TypeScript rule does (src/knowledge/host-paths.ts exposure and severities), canonicalises paths as
// canonicalHostPath does (slashes, `.` segments, /var/run), and exempts exactly the container, image and path
// an exemption names.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { canonicalHostPath, SENSITIVE_HOST_PATHS } from '../src/knowledge/host-paths.ts';
import type { KubeObject, ObjectMeta, PodSpec, VolumeMount } from '../src/model/k8s.ts';
import type { Workload, WorkloadKind } from '../src/model/types.ts';
import { gatekeeperFiles } from '../src/policy/generate/gatekeeper.ts';
import {
  evaluateGatekeeper,
  evaluateVap,
  HOST_MOUNTS_CHECK,
  imageRepository,
  sensitiveMount,
  workloadExemptions,
  type Exemption,
  type PolicyLevel,
} from '../src/policy/generate/index.ts';
import { CEL_CHECKS } from '../src/policy/generate/pss-cel.ts';
import { vapFiles } from '../src/policy/generate/vap.ts';
import { evaluatePod, PSS_LATEST } from '../src/pss/index.ts';
import { CHECKS, MAX_MINOR, activeChecks, variantAt } from '../src/pss/registry.ts';

const ROOT = fileURLToPath(new URL('../../shared/conformance/pss/', import.meta.url));
const LEVELS: PolicyLevel[] = ['baseline', 'restricted'];
const NS = 'kube-system';

interface Fixture {
  file: string;
  expect: 'pass' | 'fail';
  pod: { apiVersion: string; kind: string; metadata: ObjectMeta; spec: PodSpec };
}

function fixtures(level: PolicyLevel): Fixture[] {
  const out: Fixture[] = [];
  for (const expect of ['pass', 'fail'] as const) {
    const dir = `${ROOT}${level}/${PSS_LATEST}/${expect}/`;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const pod = parse(readFileSync(dir + file, 'utf8')) as Fixture['pod'];
      pod.metadata = { ...pod.metadata, namespace: NS };
      out.push({ file, expect, pod });
    }
  }
  return out;
}

const KINDS: { kind: WorkloadKind; apiVersion: string }[] = [
  { kind: 'Deployment', apiVersion: 'apps/v1' },
  { kind: 'CronJob', apiVersion: 'batch/v1' },
  { kind: 'DaemonSet', apiVersion: 'apps/v1' },
  { kind: 'Job', apiVersion: 'batch/v1' },
  { kind: 'StatefulSet', apiVersion: 'apps/v1' },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1' },
  { kind: 'ReplicationController', apiVersion: 'v1' },
];

/** The fixture pod as the template of a workload of the given kind. */
function wrap(pod: Fixture['pod'], { kind, apiVersion }: (typeof KINDS)[number]): KubeObject {
  const template = { metadata: { labels: { app: 'x' }, annotations: pod.metadata.annotations }, spec: pod.spec };
  const spec = kind === 'CronJob' ? { schedule: '* * * * *', jobTemplate: { spec: { template } } } : { template };
  return { apiVersion, kind, metadata: { name: pod.metadata.name, namespace: NS }, spec };
}

/** The check of every policy that denies the object. */
function deniedBy(files: ReturnType<typeof vapFiles>, object: unknown, bound = true): string[] {
  const out: string[] = [];
  // Pod Security only: sensitive host mounts have their own test (policy-host-mounts).
  for (const f of files.filter((x) => x.name !== 'vap-sensitive-host-mounts.yaml')) {
    const policy = f.objects[0]!;
    const verdict = evaluateVap(policy, bound ? f.objects[1] : undefined, { object });
    assert.equal(verdict.matched, true, `${f.name} must match ${(object as KubeObject).kind}`);
    if (!verdict.allowed) out.push(String(policy.metadata.annotations?.['kubeseam.io/check']));
  }
  return out.sort();
}

const expected = (pod: Fixture['pod'], level: PolicyLevel): string[] =>
  evaluatePod(pod, level)
    .violations.map((v) => v.check)
    .sort();

describe('CEL translations of the Pod Security checks', () => {
  it('cover every upstream check at its newest variant', () => {
    assert.deepEqual(CEL_CHECKS.map((c) => c.id).sort(), CHECKS.map((c) => c.id).sort());
    for (const check of CHECKS) {
      const cel = CEL_CHECKS.find((c) => c.id === check.id)!;
      // A new upstream variant changes the rule: the translation must be redone, and this says which.
      assert.equal(cel.translatedFrom, variantAt(check, MAX_MINOR)!.minVersion, `${check.id} follows an older variant`);
    }
  });
});

for (const level of LEVELS) {
  describe(`generated policies decide the ${level} fixtures of ${PSS_LATEST} as upstream`, () => {
    const all = fixtures(level);
    const vap = vapFiles(level, 'enforce', [NS], []);

    it('has the fixtures and a policy per active check', () => {
      assert.ok(all.filter((f) => f.expect === 'fail').length >= 30, 'fail fixtures present');
      assert.ok(all.filter((f) => f.expect === 'pass').length >= 10, 'pass fixtures present');
      assert.deepEqual(
        vap
          .map((f) => f.objects[0]!.metadata.annotations?.['kubeseam.io/check'])
          .filter((c) => c !== HOST_MOUNTS_CHECK),
        activeChecks(level, MAX_MINOR).map((a) => a.check.id),
      );
    });

    it('ValidatingAdmissionPolicy: the same checks fail on every pod', () => {
      for (const f of all) {
        const want = expected(f.pod, level);
        assert.equal(want.length > 0, f.expect === 'fail', `${f.file}: the evaluator agrees with the fixture folder`);
        assert.deepEqual(deniedBy(vap, f.pod), want, f.file);
      }
    });

    it('ValidatingAdmissionPolicy: the same checks fail when the pod is a workload template', () => {
      // Every failing pod and the base pods, each under one of the kinds in turn (pass pods only vary allowed values).
      all
        .filter((f) => f.expect === 'fail' || f.file.startsWith('base'))
        .forEach((f, i) => {
          const kind = KINDS[i % KINDS.length]!;
          assert.deepEqual(deniedBy(vap, wrap(f.pod, kind)), expected(f.pod, level), `${f.file} as ${kind.kind}`);
        });
    });

    it('Gatekeeper K8sNativeValidation: the same checks fail on every pod', () => {
      const [templates, constraints] = gatekeeperFiles(level, 'enforce', [NS], []).map((f) => f.objects);
      for (const f of all) {
        const failed = templates!
          .map((t, i) => ({ t, v: evaluateGatekeeper(t, constraints![i]!, { object: f.pod }) }))
          .filter(({ v }) => {
            assert.equal(v.matched, true);
            return !v.allowed;
          })
          .map(({ t }) => String(t.metadata.annotations?.['kubeseam.io/check']))
          .filter((c) => c !== HOST_MOUNTS_CHECK)
          .sort();
        assert.deepEqual(failed, expected(f.pod, level), f.file);
      }
    });

    it('a failing pod of a provider component is admitted with its exemptions, and denied without any one', () => {
      let removed = 0;
      for (const f of all.filter((x) => x.expect === 'fail')) {
        const w = fixtureWorkload(f.pod);
        const exemptions = workloadExemptions(w, level).filter((e) => e.check !== HOST_MOUNTS_CHECK);
        const checks = [...new Set(exemptions.map((e) => e.check))].sort();
        assert.deepEqual(checks, expected(f.pod, level), `${f.file}: one exemption per failing check at least`);
        for (const e of exemptions) assert.equal(e.reason.includes('test/fixture-component'), true);
        assert.deepEqual(deniedBy(vapFor(level, exemptions), f.pod), [], `${f.file}: exempted`);
        for (const [i, e] of exemptions.entries()) {
          const fewer = exemptions.filter((_, j) => j !== i);
          const policy = vapFor(level, fewer).find(
            (p) => p.objects[0]!.metadata.annotations?.['kubeseam.io/check'] === e.check,
          )!;
          const verdict = evaluateVap(policy.objects[0]!, undefined, { object: f.pod });
          assert.equal(verdict.allowed, false, `${f.file}: ${e.check} without ${e.container} must deny`);
          removed++;
        }
      }
      assert.ok(removed > 50, `${removed} single removals tried`);
    });

    it('an exempt container in another namespace, or with another image, is not exempt', () => {
      const f = all.find((x) => x.expect === 'fail' && x.file.startsWith('privileged'))!;
      const exemptions = workloadExemptions(fixtureWorkload(f.pod), level);
      const moved = { ...f.pod, metadata: { ...f.pod.metadata, namespace: 'customer' } };
      assert.deepEqual(deniedBy(vapFor(level, exemptions), f.pod), [], 'exempt where it runs');
      // The binding would not even select this namespace; the CEL must not exempt it either.
      assert.notDeepEqual(deniedBy(vapFor(level, exemptions), moved, false), []);
      const spec = structuredClone(f.pod.spec);
      for (const c of spec.containers ?? []) c.image = `${c.image ?? ''}-lookalike:1`;
      for (const c of spec.initContainers ?? []) c.image = `evil.example/${c.image ?? ''}`;
      assert.notDeepEqual(deniedBy(vapFor(level, exemptions), { ...f.pod, spec }), []);
      const tagged = structuredClone(f.pod.spec);
      for (const c of [...(tagged.containers ?? []), ...(tagged.initContainers ?? [])])
        c.image = `${c.image ?? ''}:v9@sha256:0`;
      assert.deepEqual(
        deniedBy(vapFor(level, exemptions), { ...f.pod, spec: tagged }),
        [],
        'a tag or digest still matches',
      );
    });
  });
}

const vapCache = new Map<string, ReturnType<typeof vapFiles>>();
function vapFor(level: PolicyLevel, exemptions: Exemption[]): ReturnType<typeof vapFiles> {
  const key = JSON.stringify([level, exemptions.map((e) => [e.check, e.container, e.image])]);
  let hit = vapCache.get(key);
  if (!hit) vapCache.set(key, (hit = vapFiles(level, 'enforce', [NS], exemptions)));
  return hit;
}

/** The fixture pod as a recognised component's bare pod, so exemptions are derived for it. */
function fixtureWorkload(pod: Fixture['pod']): Workload {
  const so = { object: pod as KubeObject, origin: {} };
  return {
    ref: { apiVersion: 'v1', kind: 'Pod', namespace: NS, name: pod.metadata.name ?? '' },
    origin: {},
    source: so,
    kind: 'Pod',
    namespace: NS,
    name: pod.metadata.name ?? '',
    labels: {},
    annotations: {},
    podMeta: pod.metadata,
    podSpec: pod.spec,
    specPath: 'spec',
    podCount: 1,
    nodeCount: 1,
    inferredFromPod: false,
    serviceAccountName: 'default',
    classification: { class: 'middleware', component: 'test/fixture-component', reason: 'test' },
  };
}

const IMAGE = 'registry.example/agent';

function hostMountPolicy(exemptions: Exemption[] = []): KubeObject {
  return vapFiles('baseline', 'enforce', [NS], exemptions).find((f) => f.name === 'vap-sensitive-host-mounts.yaml')!
    .objects[0]!;
}

/** A pod whose container mounts one hostPath volume per path, all writable or all read-only. */
function mountPod(
  paths: readonly string[],
  writable: boolean,
  extra: Partial<{ container: string; image: string; ns: string }> = {},
): KubeObject {
  const volumes = paths.map((path, i) => ({ name: `v${i}`, hostPath: { path } }));
  const mounts: VolumeMount[] = paths.map((_, i) => ({
    name: `v${i}`,
    mountPath: `/m/${i}`,
    ...(writable ? {} : { readOnly: true }),
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: extra.ns ?? NS },
    spec: {
      volumes,
      containers: [{ name: extra.container ?? 'agent', image: `${extra.image ?? IMAGE}:1.0`, volumeMounts: mounts }],
    },
  };
}

/** The canonical paths the policy reports for a pod, from its message (`agent (/a, /b)`). */
function flagged(object: KubeObject, policy = hostMountPolicy()): string[] {
  const v = evaluateVap(policy, undefined, { object });
  if (v.allowed) return [];
  const m = /\(([^)]*)\)\s*$/.exec(v.messages[0] ?? '');
  assert.ok(m, v.messages[0]);
  return m[1]!.split(', ').sort();
}

/** Paths to try: every catalogued path, its parent, a child, and spellings the API server accepts as they are. */
function corpus(): string[] {
  const out = new Set<string>([
    '/',
    '/tmp',
    '/opt',
    '/var',
    '/var/lib',
    '/srv/data',
    '/var/lib/kubelet/../../etc',
    'C:\\\\k',
  ]);
  for (const e of SENSITIVE_HOST_PATHS) {
    const p = e.path;
    out.add(p).add(`${p}/`).add(`${p}/child`).add(dirname(p)).add(p.replace(/\//g, '//')).add(`/.${p}`);
    if (p.startsWith('/run')) out.add(`/var${p}`);
  }
  out.add('/var/lock').add('/var/lock/x').add('/var/run').add('/var/run/containerd/containerd.sock/');
  return [...out];
}

describe('sensitive host mounts', () => {
  it('the TypeScript rule: writable sensitive paths and any runtime socket, the most specific entry winning', () => {
    const cases: [string, boolean, boolean][] = [
      ['/var/lib/kubelet', true, true],
      ['/var/lib/kubelet/pods', true, true],
      ['/etc/kubernetes', true, true],
      ['/etc/node-problem-detector.d/plugin.json', true, true],
      ['/home/kubernetes/bin', true, true],
      ['/', true, true],
      ['/var', true, true],
      ['/etc', false, false],
      ['/etc/kubernetes', false, false],
      // Read-only still exposes the kubelet device-plugin socket below it.
      ['/var/lib/kubelet', false, true],
      ['/var/lib/kubelet/pki', false, false],
      ['/run/containerd/containerd.sock', false, true],
      ['/var/run/docker.sock', false, true],
      ['/run', false, true],
      ['/run/xtables.lock', true, false],
      ['/etc/localtime', true, false],
      ['/var/log', true, true],
      ['/var/log', false, false],
      ['/tmp', true, false],
      ['/var/lib/kubelet/../../tmp', false, true],
      ['C:\\k', true, false],
    ];
    for (const [path, writable, want] of cases)
      assert.equal(sensitiveMount(path, writable), want, `${path} ${writable ? 'rw' : 'ro'}`);
  });

  it('the CEL flags exactly the paths the TypeScript rule flags, under their canonical names', () => {
    const paths = corpus();
    assert.ok(paths.length > 200);
    for (const writable of [true, false]) {
      const want = paths
        .filter((p) => sensitiveMount(p, writable))
        .map((p) =>
          p.split('/').includes('..')
            ? `/${p
                .split('/')
                .filter((s) => s !== '' && s !== '.')
                .join('/')}`
            : canonicalHostPath(p)!,
        )
        .sort();
      // Pods of 30 volumes (the rule is quadratic in mounts x volumes, as real pods never are); compare as multisets.
      const got: string[] = [];
      for (let i = 0; i < paths.length; i += 30) got.push(...flagged(mountPod(paths.slice(i, i + 30), writable)));
      assert.deepEqual(got.sort(), want, writable ? 'writable' : 'read-only');
      assert.ok(want.length > (writable ? 100 : 10));
    }
  });

  it('an exemption lets its container, image and path through, and nothing else', () => {
    const exemption: Exemption = {
      check: HOST_MOUNTS_CHECK,
      namespace: NS,
      workload: { kind: 'DaemonSet', name: 'agent' },
      containerList: 'containers',
      container: 'agent',
      image: IMAGE,
      scope: 'container',
      values: ['/run/containerd', '/var/lib/kubelet'],
      component: 'test/agent',
      componentClass: 'middleware',
      sources: ['https://example.test/agent.yaml'],
      baseline: 'within',
      reason: 'test',
    };
    const policy = hostMountPolicy([exemption]);
    const allowed = (o: KubeObject): boolean => evaluateVap(policy, undefined, { object: o }).allowed;
    assert.equal(
      allowed(mountPod(['/var/lib/kubelet', '/var/run/containerd/'], true)),
      true,
      'exempt paths, any spelling',
    );
    assert.equal(allowed(mountPod(['/var/lib/kubelet', '/etc'], true)), false, 'another sensitive path');
    assert.equal(allowed(mountPod(['/var/lib/kubelet'], true, { container: 'other' })), false, 'another container');
    assert.equal(allowed(mountPod(['/var/lib/kubelet'], true, { image: `${IMAGE}-debug` })), false, 'another image');
    assert.equal(allowed(mountPod(['/var/lib/kubelet'], true, { ns: 'default' })), false, 'another namespace');
    assert.equal(
      allowed(mountPod(['/tmp', '/etc/localtime'], true, { container: 'other' })),
      true,
      'nothing sensitive',
    );
  });

  it('exemptions are derived per container with the canonical paths it mounts', () => {
    const spec = {
      volumes: [
        { name: 'sock', hostPath: { path: '/var/run/docker.sock' } },
        { name: 'etc', hostPath: { path: '/etc/' } },
        { name: 'tz', hostPath: { path: '/etc/localtime' } },
      ],
      containers: [
        {
          name: 'agent',
          image: `${IMAGE}:2@sha256:00`,
          volumeMounts: [
            { name: 'sock', mountPath: '/s', readOnly: true },
            { name: 'etc', mountPath: '/e' },
            { name: 'tz', mountPath: '/t' },
          ],
        },
        {
          name: 'sidecar',
          image: 'registry.example/sidecar',
          volumeMounts: [{ name: 'etc', mountPath: '/e', readOnly: true }],
        },
      ],
    };
    const w = {
      kind: 'DaemonSet',
      namespace: NS,
      name: 'agent',
      podMeta: {},
      podSpec: spec,
      classification: { class: 'middleware', component: 'test/agent', reason: '' },
    } as unknown as Workload;
    const mounts = workloadExemptions(w, 'baseline').filter((e) => e.check === HOST_MOUNTS_CHECK);
    assert.deepEqual(
      mounts.map((e) => [e.container, e.image, e.values]),
      [['agent', IMAGE, ['/etc', '/run/docker.sock']]],
    );
    assert.equal(
      evaluateVap(hostMountPolicy(mounts), undefined, { object: { ...mountPod([], true), spec } }).allowed,
      true,
    );
  });

  it('image repositories drop the tag and digest, and keep a registry port', () => {
    const cases: [string, string][] = [
      ['nginx', 'nginx'],
      ['nginx:1.27', 'nginx'],
      ['registry:5000/team/app', 'registry:5000/team/app'],
      ['registry:5000/team/app:v1', 'registry:5000/team/app'],
      ['ecr.aws/a/b@sha256:abc', 'ecr.aws/a/b'],
      ['ecr.aws/a/b:v2@sha256:abc', 'ecr.aws/a/b'],
    ];
    for (const [image, repo] of cases) assert.equal(imageRepository(image), repo, image);
  });
});
