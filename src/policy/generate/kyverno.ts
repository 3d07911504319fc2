// Kyverno output: a ClusterPolicy (kyverno.io/v1) with `validate.podSecurity` rules, Kyverno's own evaluation of
// the upstream Pod Security library, and a ClusterPolicy with a `validate.cel` rule for sensitive host mounts.
//
// Kyverno exempts by control name, container image and field value (validate.podSecurity.exclude), not by
// container name, and its pod-level exclusions (hostNetwork, volumes, sysctls) apply to the whole pod whatever its
// images. So pod-level exemptions live in a rule of their own per workload, matched by the pod names the workload's
// controller gives its pods (`name`, `name-*`), and the namespace's rule skips those pods. Container-level
// exemptions name the image repository. Field paths and control names: kyverno/kyverno pkg/pss/utils/mapping.go.
// The per-rule `validate.failureAction` replaces the deprecated `spec.validationFailureAction` (Kyverno 1.13).

import { createHash } from 'node:crypto';
import type { KubeObject } from '../../model/k8s.ts';
import { inlineExemptions, podTemplateVariables } from './cel.ts';
import {
  ANNOTATION,
  celExemptionList,
  entriesFor,
  exemptionsAnnotation,
  fileComment,
  GENERATOR,
  HOST_MOUNTS_SOURCE,
  labels,
  levelLabel,
  summaryLines,
  WORKLOAD_RESOURCES,
} from './common.ts';
import { hostMountValidation, hostMountVariables } from './host-mounts.ts';
import { HOST_MOUNTS_CHECK, type Exemption, type PolicyFile, type PolicyLevel, type PolicyMode } from './types.ts';

/** Kyverno's control name of each upstream check id (PSS_control_name_to_ids, reversed). */
export const KYVERNO_CONTROLS: Readonly<Record<string, string>> = {
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
  // Not in Kyverno's table (upstream added it in 1.35); the control that names the field.
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

/** Container fields a container-level exclusion can name with values (PSS_controls in mapping.go). */
const CONTAINER_FIELDS: Readonly<Record<string, string>> = {
  privileged: 'securityContext.privileged',
  capabilities_baseline: 'securityContext.capabilities.add',
  hostPorts: 'ports[*].hostPort',
  procMount: 'securityContext.procMount',
};

/** Pod fields a pod-level exclusion names with values; the value decides the field for host namespaces. */
function podFields(e: Exemption): { restrictedField?: string; values?: string[] }[] {
  switch (e.check) {
    case 'hostNamespaces':
      return e.values.map((f) => ({ restrictedField: `spec.${f}`, values: ['true'] }));
    case 'hostPathVolumes':
      return [{ restrictedField: 'spec.volumes[*].hostPath', values: e.values }];
    case 'sysctls':
      return [{ restrictedField: 'spec.securityContext.sysctls[*].name', values: e.values }];
    default:
      return [{}];
  }
}

/** The image patterns of a repository: untagged, any tag, any digest (Kyverno matches images with wildcards). */
export function imagePatterns(repository: string): string[] {
  return [repository, `${repository}:*`, `${repository}@*`];
}

export interface KyvernoExclude {
  controlName: string;
  images?: string[];
  restrictedField?: string;
  values?: string[];
}

export function containerExclude(e: Exemption): KyvernoExclude {
  const field = CONTAINER_FIELDS[e.check];
  return {
    controlName: KYVERNO_CONTROLS[e.check] ?? e.check,
    images: imagePatterns(e.image),
    ...(field !== undefined && e.values.length > 0
      ? { restrictedField: `spec.${e.containerList}[*].${field}`, values: e.values }
      : {}),
  };
}

export function podExcludes(e: Exemption): KyvernoExclude[] {
  return podFields(e).map((f) => ({ controlName: KYVERNO_CONTROLS[e.check] ?? e.check, ...f }));
}

/** Rule names are at most 63 characters (the CRD's maxLength); a long one keeps a hash of the whole. */
export function ruleName(...parts: string[]): string {
  const name = parts.join('-');
  if (name.length <= 63) return name;
  return `${name.slice(0, 54)}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/** Pod names a workload's controller gives its pods. */
export function podNames(w: Exemption['workload']): string[] {
  return w.kind === 'Pod' ? [w.name] : [w.name, `${w.name}-*`];
}

interface Entry {
  exclude: KyvernoExclude;
  /** The exemptions the entry stands for. */
  from: Exemption[];
}

function addEntry(entries: Map<string, Entry>, exclude: KyvernoExclude, e: Exemption): void {
  const key = JSON.stringify(exclude);
  const hit = entries.get(key);
  if (hit) hit.from.push(e);
  else entries.set(key, { exclude, from: [e] });
}

type WorkloadName = Exemption['workload'];

/** A workload of a target namespace, exempted or not: Kyverno's name-based rules must know them all. */
export interface NamedWorkload extends WorkloadName {
  namespace: string;
}

function workloadKey(w: WorkloadName): string {
  return `${w.kind}/${w.name}`;
}

function excludeNames(ns: string, workloads: readonly WorkloadName[]): Record<string, unknown> {
  if (workloads.length === 0) return {};
  return {
    exclude: { any: [{ resources: { kinds: ['Pod'], namespaces: [ns], names: workloads.flatMap(podNames) } }] },
  };
}

function pssPolicy(
  level: PolicyLevel,
  mode: PolicyMode,
  namespaces: readonly string[],
  exemptions: readonly Exemption[],
  workloads: readonly NamedWorkload[],
): PolicyFile {
  const pss = exemptions.filter((e) => e.check !== HOST_MOUNTS_CHECK);
  const rules: Record<string, unknown>[] = [];
  const notes: NonNullable<PolicyFile['notes']> = [];
  const failureAction = mode === 'audit' ? 'Audit' : 'Enforce';
  // Rule names must be unique: `pss-a-b` + `c` and `pss-a` + `b-c` would meet, as would two kinds of one name.
  const used = new Set<string>();
  const uniqueName = (identity: string, ...parts: string[]): string => {
    let name = ruleName(...parts);
    if (used.has(name)) name = ruleName(...parts, createHash('sha256').update(identity).digest('hex').slice(0, 6));
    used.add(name);
    return name;
  };
  const validate = (exclude: Entry[], ruleIndex: number): Record<string, unknown> => {
    exclude.forEach((x, i) =>
      notes.push({
        path: [0, 'spec', 'rules', ruleIndex, 'validate', 'podSecurity', 'exclude', i],
        text: summaryLines(x.from).join('\n'),
      }),
    );
    return {
      failureAction,
      podSecurity: {
        level,
        version: 'latest',
        ...(exclude.length > 0 ? { exclude: exclude.map((x) => x.exclude) } : {}),
      },
    };
  };
  for (const ns of namespaces) {
    const inNs = pss.filter((e) => e.namespace === ns);
    const own = new Map<string, WorkloadName>();
    for (const e of inNs) if (e.scope === 'pod') own.set(workloadKey(e.workload), e.workload);
    // Workloads whose pod names extend an own-rule workload's (`fluentbit-gke-exporter-x` is `fluentbit-gke-*`)
    // get a rule of their own too, so no pod falls under another workload's pod-level exclusions.
    const known = [...own.values(), ...workloads.filter((w) => w.namespace === ns)];
    const ruled = new Map(own);
    for (const w of known) {
      if ([...own.values()].some((o) => w.name.startsWith(`${o.name}-`)))
        ruled.set(workloadKey(w), { kind: w.kind, name: w.name });
    }
    const ruledList = [...ruled.values()].sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind));
    const shared = new Map<string, Entry>();
    for (const e of inNs) if (!ruled.has(workloadKey(e.workload))) addEntry(shared, containerExclude(e), e);
    rules.push({
      name: uniqueName(ns, 'pss', ns),
      match: { any: [{ resources: { kinds: ['Pod'], namespaces: [ns] } }] },
      ...excludeNames(ns, ruledList),
      validate: validate([...shared.values()], rules.length),
    });
    for (const w of ruledList) {
      const entries = new Map<string, Entry>();
      for (const e of inNs) {
        if (workloadKey(e.workload) !== workloadKey(w)) continue;
        if (e.scope === 'pod') for (const x of podExcludes(e)) addEntry(entries, x, e);
        else addEntry(entries, containerExclude(e), e);
      }
      // Pods of another workload whose name extends this one (`node` and `node-windows`) have their own rule.
      const longer = ruledList.filter((o) => o !== w && o.name.startsWith(`${w.name}-`));
      rules.push({
        name: uniqueName(`${ns}/${workloadKey(w)}`, 'pss', ns, w.name),
        match: { any: [{ resources: { kinds: ['Pod'], namespaces: [ns], names: podNames(w) } }] },
        ...excludeNames(ns, longer),
        validate: validate([...entries.values()], rules.length),
      });
    }
  }
  const policy: KubeObject = {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: {
      name: `kubeseam-pss-${level}`,
      labels: labels(level, 'pss'),
      annotations: {
        [ANNOTATION.generatedBy]: GENERATOR,
        'policies.kyverno.io/title': `Pod Security ${levelLabel(level)} with exact provider exemptions`,
        'policies.kyverno.io/category': 'Pod Security Standards',
        'policies.kyverno.io/subject': 'Pod',
        ...exemptionsAnnotation(pss),
      },
    },
    spec: { background: true, emitWarning: mode === 'audit', rules },
  };
  return {
    name: `kyverno-pss-${level}.yaml`,
    comment: fileComment(
      `Pod Security "${levelLabel(level)}" through Kyverno validate.podSecurity.`,
      namespaces,
      mode,
      pss,
    ),
    objects: [policy],
    notes,
  };
}

function hostMountsPolicy(
  mode: PolicyMode,
  namespaces: readonly string[],
  exemptions: readonly Exemption[],
): PolicyFile {
  const mine = exemptions.filter((e) => e.check === HOST_MOUNTS_CHECK);
  const validation = hostMountValidation();
  const policy: KubeObject = {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: {
      name: 'kubeseam-sensitive-host-mounts',
      labels: labels(undefined, HOST_MOUNTS_CHECK),
      annotations: {
        [ANNOTATION.generatedBy]: GENERATOR,
        [ANNOTATION.checkSource]: HOST_MOUNTS_SOURCE,
        // The CEL already finds the pod template of every workload kind; Kyverno must not rewrite it.
        'pod-policies.kyverno.io/autogen-controllers': 'none',
        ...exemptionsAnnotation(mine),
      },
    },
    spec: {
      background: true,
      emitWarning: mode === 'audit',
      rules: [
        {
          name: 'sensitive-host-mounts',
          match: {
            any: [{ resources: { kinds: WORKLOAD_RESOURCES.map((r) => r.kind), namespaces: [...namespaces] } }],
          },
          validate: {
            failureAction: mode === 'audit' ? 'Audit' : 'Enforce',
            cel: {
              variables: [
                ...podTemplateVariables('object'),
                inlineExemptions(celExemptionList(entriesFor(mine, HOST_MOUNTS_CHECK))),
                ...hostMountVariables(),
              ],
              expressions: [validation],
            },
          },
        },
      ],
    },
  };
  return {
    name: 'kyverno-sensitive-host-mounts.yaml',
    comment: fileComment(
      'Writable mounts of sensitive host paths, and runtime sockets (not covered by Pod Security), as Kyverno CEL.',
      namespaces,
      mode,
      mine,
    ),
    objects: [policy],
  };
}

export function kyvernoFiles(
  level: PolicyLevel,
  mode: PolicyMode,
  namespaces: readonly string[],
  exemptions: readonly Exemption[],
  workloads: readonly NamedWorkload[] = [],
): PolicyFile[] {
  return [pssPolicy(level, mode, namespaces, exemptions, workloads), hostMountsPolicy(mode, namespaces, exemptions)];
}
