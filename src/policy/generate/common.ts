// Pieces every engine's output shares: names, labels, the admitted kinds, exemption entries and their comments.

import { activeChecks, MAX_MINOR } from '../../pss/registry.ts';
import { VERSION } from '../../version.ts';
import { celEntries } from './cel.ts';
import { BASELINE_TEXT } from './exemptions.ts';
import { HOST_MOUNTS_CHECK, type Exemption, type PolicyLevel, type PolicyMode } from './types.ts';

export const GENERATOR = `kubeseam ${VERSION}`;
export const ANNOTATION = {
  generatedBy: 'kubeseam.io/generated-by',
  check: 'kubeseam.io/check',
  checkSource: 'kubeseam.io/check-source',
  exemptions: 'kubeseam.io/exemptions',
} as const;

/** Kubernetes workload kinds, with their API group and plural resource. */
export const WORKLOAD_RESOURCES: readonly { group: string; kind: string; resource: string }[] = [
  { group: '', kind: 'Pod', resource: 'pods' },
  { group: '', kind: 'ReplicationController', resource: 'replicationcontrollers' },
  { group: 'apps', kind: 'DaemonSet', resource: 'daemonsets' },
  { group: 'apps', kind: 'Deployment', resource: 'deployments' },
  { group: 'apps', kind: 'ReplicaSet', resource: 'replicasets' },
  { group: 'apps', kind: 'StatefulSet', resource: 'statefulsets' },
  { group: 'batch', kind: 'CronJob', resource: 'cronjobs' },
  { group: 'batch', kind: 'Job', resource: 'jobs' },
];

/** `seccompProfile_restricted` → `seccomp-profile-restricted`. */
export function kebab(id: string): string {
  return id
    .replace(/_/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/** `seccompProfile_restricted` → `SeccompProfileRestricted`. */
export function pascal(id: string): string {
  return kebab(id)
    .split('-')
    .map((w) => (w === '' ? '' : w[0]!.toUpperCase() + w.slice(1)))
    .join('');
}

/** The Pod Security checks of `level` at the newest version, in upstream order, with the file each follows. */
export function checksFor(level: PolicyLevel): { id: string; source: string }[] {
  return activeChecks(level, MAX_MINOR).map((a) => ({ id: a.check.id, source: a.check.source }));
}

export const HOST_MOUNTS_SOURCE = 'kubeseam src/knowledge/host-paths.ts (sensitive host paths, with a source per path)';

export function labels(level: PolicyLevel | undefined, check: string): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'kubeseam',
    ...(level !== undefined ? { 'kubeseam.io/level': level } : {}),
    'kubeseam.io/check': kebab(check),
  };
}

/** The label of a level at the newest version, as messages show it (`baseline:latest`). */
export function levelLabel(level: PolicyLevel): string {
  return `${level}:latest`;
}

/** One exemption entry as policies carry it: several workloads may share it (a sidecar image in two DaemonSets). */
export interface ExemptionEntry {
  namespace: string;
  container: string;
  image: string;
  /** The host path, for the host mount check (one entry a path: literal maps must be homogeneous in Kubernetes CEL). */
  path?: string;
  /** The exemptions that call for it. */
  from: Exemption[];
}

/** The entries of one check: one per namespace, container and image (and host path), reasons merged. */
export function entriesFor(exemptions: readonly Exemption[], check: string): ExemptionEntry[] {
  const out = new Map<string, ExemptionEntry>();
  for (const e of exemptions) {
    if (e.check !== check) continue;
    for (const path of check === HOST_MOUNTS_CHECK ? e.values : [undefined]) {
      const key = JSON.stringify([e.namespace, e.container, e.image, path ?? '']);
      const hit = out.get(key);
      if (hit) hit.from.push(e);
      else
        out.set(key, {
          namespace: e.namespace,
          container: e.container,
          image: e.image,
          ...(path !== undefined ? { path } : {}),
          from: [e],
        });
    }
  }
  return [...out.values()];
}

/** Why an entry exists: each exemption's reason, one a line. */
export function entryComment(entry: ExemptionEntry): string {
  return [...new Set(entry.from.map((e) => e.reason))].join('\n');
}

export function entryFields(entry: ExemptionEntry): Record<string, string> {
  return {
    namespace: entry.namespace,
    container: entry.container,
    image: entry.image,
    ...(entry.path !== undefined ? { path: entry.path } : {}),
  };
}

/** The constant CEL list of a check's entries, each after a comment with its reason. */
export function celExemptionList(entries: readonly ExemptionEntry[]): string {
  return celEntries(entries.map((e) => ({ fields: entryFields(e), comment: entryComment(e) })));
}

/**
 * One line per workload and check (the containers of a pod-level exemption share it), in the order given: what
 * the header comments and the exemptions annotation show a reviewer.
 */
export function summaryLines(exemptions: readonly Exemption[]): string[] {
  const groups = new Map<string, { first: Exemption; containers: string[] }>();
  for (const e of exemptions) {
    const key = JSON.stringify([
      e.check,
      e.namespace,
      e.workload,
      e.scope,
      e.values,
      e.baseline,
      e.scope === 'pod' ? '' : e.container,
    ]);
    const hit = groups.get(key);
    if (hit) hit.containers.push(e.container);
    else groups.set(key, { first: e, containers: [e.container] });
  }
  return [...groups.values()].map(({ first: e, containers }) => {
    const what = e.values.length > 0 ? `${e.check} (${e.values.join(', ')})` : e.check;
    const who = `${containers.length === 1 ? 'container' : 'containers'} ${containers.join(', ')}`;
    return (
      `${e.component} (${e.componentClass}) ${e.workload.kind} ${e.namespace}/${e.workload.name}, ${who}: ${what}` +
      `${e.scope === 'pod' ? ' [pod-level]' : ''}, ${BASELINE_TEXT[e.baseline]}; source: ${e.sources[0] ?? 'catalog'}`
    );
  });
}

/** The exemptions annotation: one line a workload and check, absent when there are none. */
export function exemptionsAnnotation(exemptions: readonly Exemption[]): Record<string, string> {
  if (exemptions.length === 0) return {};
  return { [ANNOTATION.exemptions]: summaryLines(exemptions).join('\n') };
}

export function modeText(mode: PolicyMode): string {
  return mode === 'audit'
    ? 'Audit mode: violations are reported, nothing is denied. Enforce once the reports stay empty.'
    : 'Enforce mode: violating objects are denied.';
}

/** The header of a file: what it enforces, where, and the exemptions it carries. */
export function fileComment(
  what: string,
  namespaces: readonly string[],
  mode: PolicyMode,
  exemptions: readonly Exemption[],
): string {
  const lines = [what, `Namespaces: ${namespaces.join(', ')}.`, modeText(mode)];
  if (exemptions.length === 0) lines.push('No exemptions.');
  else {
    lines.push(`Exemptions (${exemptions.length} containers), derived from the scanned cluster; review each:`);
    for (const l of summaryLines(exemptions)) lines.push(`- ${l}`);
  }
  return lines.join('\n');
}
