// The policies generated for the demo clusters (examples/{eks,aks,gke}.snapshot.json), run with a real CEL
// implementation on every workload and pod of the snapshot: recognised provider and core components are admitted
// through their exemptions, customer workloads are denied exactly where the exact Pod Security evaluator (and the
// sensitive host mount rule) says so, and the bindings select only the target namespaces.
//
// Kyverno cannot run here, so its output is checked against the exemptions it must carry: every exemption has an
// exclusion in the one rule that judges its pods, no exclusion exists that no exemption asks for, customer
// workloads fall under rules that exclude nothing of theirs, and each pod is judged by exactly one rule.
// Semantics followed: kyverno/kyverno pkg/pss (images match container images with `*`/`?` wildcards; a
// restrictedField under spec.<list>[*] applies to that container list; an entry without images is pod-level).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildModel, type Model } from '../src/model/build.ts';
import type { KubeObject, PodSpec } from '../src/model/k8s.ts';
import type { Snapshot, Workload } from '../src/model/types.ts';
import {
  evaluateGatekeeper,
  evaluateKyvernoCelRule,
  evaluateVap,
  generatePolicies,
  HOST_MOUNTS_CHECK,
  sensitiveMount,
  type Exemption,
  type PolicyLevel,
  type PolicySet,
} from '../src/policy/generate/index.ts';
import { evaluatePod } from '../src/pss/index.ts';
import { snapshotObjects } from '../src/sources/snapshot.ts';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const PROVIDERS = ['eks', 'aks', 'gke'] as const;
const LEVELS: PolicyLevel[] = ['baseline', 'restricted'];

const models = new Map<string, Model>();

function model(provider: string): Model {
  const hit = models.get(provider);
  if (hit) return hit;
  const snap = JSON.parse(readFileSync(`${EXAMPLES}${provider}.snapshot.json`, 'utf8')) as Snapshot;
  const built = buildModel({
    objects: snapshotObjects(snap, { file: `examples/${provider}.snapshot.json` }),
    cluster: snap.cluster,
    coverage: snap.coverage,
    sourceKind: 'snapshot',
  });
  models.set(provider, built);
  return built;
}

const catalogued = (w: Workload): boolean =>
  w.classification?.component !== undefined && ['core', 'middleware', 'agent'].includes(w.classification.class);

/** What the policies must deny for a workload nothing exempts: upstream's verdict plus sensitive host mounts. */
function expectedDenials(w: Workload, level: PolicyLevel): string[] {
  const out = evaluatePod({ metadata: w.podMeta, spec: w.podSpec }, level).violations.map((v) => v.check);
  if (sensitiveMounts(w.podSpec)) out.push(HOST_MOUNTS_CHECK);
  return out.sort();
}

function sensitiveMounts(spec: PodSpec): boolean {
  const paths = new Map(
    (spec.volumes ?? []).flatMap((v) => (v.hostPath?.path ? [[v.name, v.hostPath.path] as const] : [])),
  );
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].some((c) =>
    (c.volumeMounts ?? []).some((m) => {
      const p = paths.get(m.name);
      return p !== undefined && sensitiveMount(p, m.readOnly !== true);
    }),
  );
}

const checkOf = (o: KubeObject): string => String(o.metadata.annotations?.['kubeseam.io/check']);

/** The checks whose policy denies the object, and whether the bindings selected it at all. */
function vapDenials(set: PolicySet, object: KubeObject, bound: boolean): { matched: boolean; denied: string[] } {
  let matched = false;
  const denied = set.files
    .filter((f) => {
      const v = evaluateVap(f.objects[0]!, bound ? f.objects[1] : undefined, { object });
      matched ||= v.matched;
      return v.matched && !v.allowed;
    })
    .map((f) => checkOf(f.objects[0]!))
    .sort();
  return { matched, denied };
}

function gatekeeperDenials(set: PolicySet, object: KubeObject): string[] {
  const [templates, constraints] = set.files.map((f) => f.objects);
  return templates!
    .filter((t, i) => {
      const c = constraints![i]!;
      // Judge every namespace: the namespace match is tested on the VAP bindings.
      const spec = c.spec as { match: Record<string, unknown> };
      const unscoped = { ...c, spec: { ...spec, match: { kinds: spec.match.kinds } } };
      return !evaluateGatekeeper(t, unscoped, { object }).allowed;
    })
    .map(checkOf)
    .sort();
}

for (const provider of PROVIDERS) {
  describe(`policies for the ${provider} demo cluster`, () => {
    const m = model(provider);
    for (const level of LEVELS) {
      const vap = generatePolicies(m, { engine: 'vap', level, mode: 'enforce' });
      const gatekeeper = generatePolicies(m, { engine: 'gatekeeper', level, mode: 'audit' });
      const kyverno = generatePolicies(m, { engine: 'kyverno', level, mode: 'audit' });

      const inScope = (w: Workload): boolean => vap.namespaces.includes(w.namespace);

      it(`${level}: kube-system first, then every namespace where catalogued components run`, () => {
        const expected = new Set(m.workloads.filter(catalogued).map((w) => w.namespace));
        assert.equal(vap.namespaces[0], 'kube-system');
        assert.deepEqual(new Set(vap.namespaces), new Set(['kube-system', ...expected]));
      });

      it(`${level}: exemptions only for catalogued components, each with its component, source and reason`, () => {
        assert.ok(vap.exemptions.length > 0);
        const byName = new Map(m.workloads.map((w) => [`${w.kind}/${w.namespace}/${w.name}`, w]));
        for (const e of vap.exemptions) {
          const w = byName.get(`${e.workload.kind}/${e.namespace}/${e.workload.name}`);
          assert.ok(w && catalogued(w), `${e.reason}: not a catalogued workload`);
          assert.equal(e.component, w.classification?.component);
          assert.ok(
            e.sources.length > 0 && e.reason.includes(e.component) && e.reason.includes(e.sources[0]!),
            e.reason,
          );
          assert.ok(e.image !== '' && !e.image.includes('@'), `${e.reason}: image repository`);
        }
        assert.deepEqual(gatekeeper.exemptions, vap.exemptions, 'the engine does not change the exemptions');
      });

      it(`${level}: ValidatingAdmissionPolicy admits every catalogued workload and denies customers as upstream`, () => {
        let customersDenied = 0;
        for (const w of m.workloads) {
          const object = w.source.object;
          const what = `${w.kind} ${w.namespace}/${w.name} (${w.classification?.component ?? 'customer'})`;
          const bound = vapDenials(vap, object, true);
          // The bindings select exactly the target namespaces.
          assert.equal(bound.matched, inScope(w), what);
          if (catalogued(w) && inScope(w)) {
            assert.deepEqual(bound.denied, [], what);
            continue;
          }
          const want = expectedDenials(w, level);
          assert.deepEqual((bound.matched ? bound : vapDenials(vap, object, false)).denied, want, what);
          if (want.length > 0) customersDenied++;
        }
        assert.ok(customersDenied > 0, 'the demo has customer workloads the policies must stop');
      });

      // Pods and the other engines at one level: the restricted policies carry every baseline check's logic too.
      if (level === 'restricted')
        it(`${level}: running pods of catalogued components are admitted too`, () => {
          // One pod per workload (a controller's pods share its template): the workload whose name is the longest
          // prefix of the pod's (`fluentbit-gke-exporter-x` is not a pod of `fluentbit-gke`).
          const seen = new Set<Workload>();
          for (const so of m.byKind.get('Pod') ?? []) {
            const name = so.object.metadata.name ?? '';
            const w = m.workloads
              .filter((x) => x.namespace === so.object.metadata.namespace && name.startsWith(`${x.name}-`))
              .sort((a, b) => b.name.length - a.name.length)[0];
            if (w === undefined || seen.has(w) || !catalogued(w) || !inScope(w)) continue;
            seen.add(w);
            assert.deepEqual(vapDenials(vap, so.object, true).denied, [], name);
          }
          assert.ok(seen.size > 5, `${seen.size} pods tried`);
        });

      if (level === 'restricted')
        it(`${level}: Gatekeeper and Kyverno CEL decide as the ValidatingAdmissionPolicy`, () => {
          const rule = (kyverno.files[1]!.objects[0]!.spec as { rules: Record<string, unknown>[] }).rules[0]!;
          for (const w of m.workloads) {
            const object = w.source.object;
            const want: string[] = catalogued(w) && inScope(w) ? [] : expectedDenials(w, level);
            assert.deepEqual(gatekeeperDenials(gatekeeper, object), want, `${w.namespace}/${w.name}`);
            const verdict = evaluateKyvernoCelRule(rule, { object });
            assert.equal(verdict.matched, inScope(w));
            if (verdict.matched)
              assert.equal(verdict.allowed, !want.includes(HOST_MOUNTS_CHECK), `${w.namespace}/${w.name}`);
          }
        });
    }

    it('a given namespace list replaces the default, and customer namespaces get no exemptions', () => {
      const customer = m.workloads.find((w) => !catalogued(w) && w.namespace !== 'kube-system')!;
      const set = generatePolicies(m, {
        engine: 'vap',
        level: 'baseline',
        mode: 'audit',
        namespaces: [customer.namespace, 'kube-system'],
      });
      assert.deepEqual(set.namespaces, [customer.namespace, 'kube-system']);
      assert.ok(set.exemptions.every((e) => e.namespace === 'kube-system'));
      const binding = set.files[0]!.objects[1]!.spec as { validationActions: string[]; matchResources: unknown };
      assert.deepEqual(binding.validationActions, ['Audit', 'Warn']);
      assert.deepEqual(binding.matchResources, {
        namespaceSelector: {
          matchExpressions: [
            { key: 'kubernetes.io/metadata.name', operator: 'In', values: [customer.namespace, 'kube-system'] },
          ],
        },
      });
    });
  });
}

/** Kyverno's control names (pkg/pss/utils/mapping.go, PSS_control_name_to_ids), written out independently. */
const CONTROL: Record<string, string> = {
  allowPrivilegeEscalation: 'Privilege Escalation',
  appArmorProfile: 'AppArmor',
  capabilities_baseline: 'Capabilities',
  capabilities_restricted: 'Capabilities',
  hostNamespaces: 'Host Namespaces',
  hostPathVolumes: 'HostPath Volumes',
  hostPorts: 'Host Ports',
  hostProbesAndHostLifecycle: 'Host Probes / Lifecycle Hooks',
  privileged: 'Privileged Containers',
  procMount: '/proc Mount Type',
  procMount_restricted: '/proc Mount Type',
  restrictedVolumes: 'Volume Types',
  runAsNonRoot: 'Running as Non-root',
  runAsUser: 'Running as Non-root user',
  seLinuxOptions: 'SELinux',
  seccompProfile_baseline: 'Seccomp',
  seccompProfile_restricted: 'Seccomp',
  sysctls: 'Sysctls',
  windowsHostProcess: 'HostProcess',
};

interface Exclude {
  controlName: string;
  images?: string[];
  restrictedField?: string;
  values?: string[];
}
interface Filter {
  resources: { kinds: string[]; namespaces?: string[]; names?: string[] };
}
interface Rule {
  name: string;
  match: { any: Filter[] };
  exclude?: { any: Filter[] };
  validate: { podSecurity: { level: string; version: string; exclude?: Exclude[] } };
}

/** Kyverno's wildcard match: `*` any run of characters, `?` one character. */
function wildcard(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

function selects(f: Filter, namespace: string, pod: string): boolean {
  const r = f.resources;
  return (
    r.kinds.includes('Pod') &&
    (r.namespaces ?? [namespace]).some((n) => wildcard(n, namespace)) &&
    (r.names === undefined || r.names.some((n) => wildcard(n, pod)))
  );
}

/** The rules that judge a pod: matched by one filter and excluded by none. */
function rulesFor(rules: Rule[], namespace: string, pod: string): Rule[] {
  return rules.filter(
    (r) =>
      r.match.any.some((f) => selects(f, namespace, pod)) &&
      !(r.exclude?.any ?? []).some((f) => selects(f, namespace, pod)),
  );
}

/** A pod name the workload's controller could give (Kyverno sees generated names at validation). */
function podName(w: { kind: string; name: string }): string {
  return w.kind === 'Pod' ? w.name : `${w.name}-7d9f8b6c4-x2k9q`;
}

/** Whether an exclusion entry covers the exemption, as Kyverno applies entries. */
function covers(x: Exclude, e: Exemption): boolean {
  if (x.controlName !== CONTROL[e.check]) return false;
  if (e.scope === 'pod') {
    if (x.images !== undefined) return false;
    if (x.restrictedField === undefined) return true;
    // Host namespaces: one entry per field; the others list every offending value.
    if (e.check === 'hostNamespaces')
      return x.values?.includes('true') === true && e.values.some((f) => x.restrictedField === `spec.${f}`);
    return e.values.every((v) => x.values?.includes(v) === true);
  }
  const image = `${e.image}:1.2.3`;
  if (
    !(x.images ?? []).some((p) => wildcard(p, image)) ||
    !(x.images ?? []).some((p) => wildcard(p, `${e.image}@sha256:ab`))
  )
    return false;
  if (x.restrictedField === undefined) return true;
  return (
    x.restrictedField.startsWith(`spec.${e.containerList}[*].`) && e.values.every((v) => x.values?.includes(v) === true)
  );
}

for (const provider of PROVIDERS) {
  describe(`Kyverno policy for the ${provider} demo cluster`, () => {
    const m = model(provider);
    for (const level of ['baseline', 'restricted'] as PolicyLevel[]) {
      const set = generatePolicies(m, { engine: 'kyverno', level, mode: 'enforce' });
      const policy = set.files[0]!.objects[0]!;
      const rules = (policy.spec as { rules: Rule[] }).rules;
      const pss = set.exemptions.filter((e) => e.check !== HOST_MOUNTS_CHECK);

      it(`${level}: every exemption is excluded in the one rule that judges its pods`, () => {
        assert.ok(pss.length > 0);
        for (const e of pss) {
          const judged = rulesFor(rules, e.namespace, podName(e.workload));
          assert.equal(judged.length, 1, `${e.reason}: judged by ${judged.map((r) => r.name).join(', ')}`);
          assert.ok(
            (judged[0]!.validate.podSecurity.exclude ?? []).some((x) => covers(x, e)),
            `${e.reason} in rule ${judged[0]!.name}`,
          );
        }
      });

      it(`${level}: no exclusion that no exemption asks for`, () => {
        for (const r of rules) {
          for (const x of r.validate.podSecurity.exclude ?? []) {
            const wanted = pss.filter(
              (e) => rulesFor([r], e.namespace, podName(e.workload)).length === 1 && covers(x, e),
            );
            assert.ok(wanted.length > 0, `${r.name}: ${JSON.stringify(x)}`);
            for (const p of x.images ?? []) {
              assert.ok(
                wanted.some((e) => p === e.image || p === `${e.image}:*` || p === `${e.image}@*`),
                `${r.name}: image ${p}`,
              );
            }
          }
        }
      });

      it(`${level}: customer workloads in the target namespaces are judged by a rule that exempts nothing of theirs`, () => {
        const customers = m.workloads.filter((w) => !catalogued(w) && set.namespaces.includes(w.namespace));
        assert.ok(customers.length > 0, 'the demo runs customer workloads in kube-system');
        for (const w of customers) {
          const judged = rulesFor(rules, w.namespace, podName(w));
          assert.equal(judged.length, 1, `${w.namespace}/${w.name}`);
          const images = [...(w.podSpec.initContainers ?? []), ...(w.podSpec.containers ?? [])].map(
            (c) => c.image ?? '',
          );
          for (const x of judged[0]!.validate.podSecurity.exclude ?? []) {
            assert.ok(x.images !== undefined, `${w.namespace}/${w.name}: no pod-level exclusion may apply`);
            assert.ok(
              !images.some((i) => x.images!.some((p) => wildcard(p, i))),
              `${w.namespace}/${w.name}: ${JSON.stringify(x)}`,
            );
          }
        }
      });

      it(`${level}: every target namespace has its rule, at the level and version asked`, () => {
        for (const ns of set.namespaces) assert.equal(rulesFor(rules, ns, 'any-pod-abc12').length, 1, ns);
        for (const r of rules)
          assert.deepEqual([r.validate.podSecurity.level, r.validate.podSecurity.version], [level, 'latest']);
        assert.equal(rulesFor(rules, 'not-a-target', 'any-pod').length, 0);
      });
    }
  });
}
