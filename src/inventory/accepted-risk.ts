// Severity in context: a privilege that provider middleware ships with is accepted provider risk, reported as
// inventory at `info`, while the same setting on a customer workload, or beyond the catalogued baseline, keeps its
// severity. The reason is always written on the finding.
import type { Finding } from '../checks/types.ts';
import { isControlPlaneIdentity, providerRbacOwner } from '../knowledge/control-plane-identities.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { Model } from '../model/build.ts';
import { parsePath } from '../model/paths.ts';
import { formatRef } from '../model/refs.ts';
import type { Workload } from '../model/types.ts';
import { withinBaseline, type BaselinePrivilege } from './baseline.ts';

/** Checks whose subject is a privilege the catalog baseline describes. */
const BASELINE_KIND: Readonly<Record<string, BaselinePrivilege>> = {
  'privileged-container': 'privileged',
  'host-pid': 'hostPID',
  'host-ipc': 'hostIPC',
  'host-network': 'hostNetwork',
  'added-capabilities': 'capability',
  'sensitive-host-path': 'hostPath',
  'writable-host-path': 'hostPath',
  'host-path-type-creates': 'hostPath',
  'host-port': 'hostPort',
  'host-port-all-interfaces': 'hostPort',
};

/** Checks about the component itself (drift, impersonation, advisories, supply chain): never lowered. */
const NEVER_LOWERED = new Set([
  'middleware-privilege-drift',
  'middleware-impersonation',
  'middleware-advisory',
  'unknown-privileged-kube-system',
  'customer-workload-in-kube-system',
  'image-mutable-tag',
  'literal-credential-in-env',
  'privileged-config-writable',
  'public-group-binding',
]);

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

interface SubjectLike {
  kind?: string;
  name?: string;
  namespace?: string;
}

/**
 * Who owns an RBAC object: the provider when its name says so, or provider middleware when every subject bound to
 * it (through this binding, or through every binding of this role) is a middleware service account or a
 * control-plane identity. Undefined when a customer identity is involved.
 */
function rbacOwner(
  bindingsByRole: () => Map<string, KubeObject[]>,
  obj: KubeObject,
  middlewareAccounts: Map<string, string>,
): string | undefined {
  const name = obj.metadata.name ?? '';
  const subjectOwner = (subjects: SubjectLike[]): string | undefined => {
    if (subjects.length === 0) return undefined;
    const owners = subjects.map((s) =>
      s.kind === 'ServiceAccount'
        ? middlewareAccounts.get(`${s.namespace ?? obj.metadata.namespace ?? ''}/${s.name ?? ''}`)
        : isControlPlaneIdentity({ kind: s.kind ?? '', name: s.name ?? '' })
          ? 'the control plane'
          : undefined,
    );
    return owners.every((o) => o !== undefined) ? [...new Set(owners)].join(', ') : undefined;
  };
  if (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') {
    const subjects = Array.isArray(obj.subjects) ? (obj.subjects as SubjectLike[]) : [];
    return (
      subjectOwner(subjects) ??
      (providerRbacOwner(name) && subjectOwner(subjects) !== undefined ? providerRbacOwner(name) : undefined)
    );
  }
  const bindings = (bindingsByRole().get(roleKey(obj.kind, name)) ?? []).filter(
    (b) => obj.kind === 'ClusterRole' || b.metadata.namespace === obj.metadata.namespace,
  );
  if (bindings.length === 0) return providerRbacOwner(name);
  const subjects = bindings.flatMap((b) => (Array.isArray(b.subjects) ? (b.subjects as SubjectLike[]) : []));
  return subjectOwner(subjects);
}

const roleKey = (kind: unknown, name: unknown): string => JSON.stringify([kind, name]);

/** RoleBindings then ClusterRoleBindings by the role they refer to, in model order. */
function indexBindingsByRole(model: Model): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const { object } of model.byKind.get(kind) ?? []) {
      const ref = object.roleRef as { kind?: unknown; name?: unknown } | undefined;
      if (typeof ref?.kind !== 'string' || typeof ref.name !== 'string') continue;
      const key = roleKey(ref.kind, ref.name);
      const list = out.get(key);
      if (list) list.push(object);
      else out.set(key, [object]);
    }
  }
  return out;
}

function valueAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const seg of parsePath(path)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** The detail withinBaseline needs, read from the field the finding points at. */
function detailOf(w: Workload, kind: BaselinePrivilege, f: Finding): string | undefined {
  const obj = w.source.object;
  if (kind === 'capability' || kind === 'hostPath' || kind === 'hostPort') {
    const v = valueAt(obj, f.path);
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    if (kind === 'hostPath') {
      const p = valueAt(obj, f.path.replace(/\.hostPath(\.path)?$/, '') + '.hostPath.path');
      return typeof p === 'string' ? p : undefined;
    }
    return undefined;
  }
  if (kind === 'privileged') {
    const name = valueAt(obj, f.path.replace(/\.securityContext\.privileged$/, '.name'));
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

export function applyProviderContext(findings: Finding[], model: Model): void {
  const byRef = new Map<string, Workload>();
  const middlewareAccounts = new Map<string, string>();
  for (const w of model.workloads) {
    byRef.set(formatRef(w.ref), w);
    const c = w.classification;
    if (c?.component && (c.class === 'middleware' || c.class === 'core' || c.class === 'agent')) {
      middlewareAccounts.set(`${w.namespace}/${w.serviceAccountName}`, c.component);
    }
  }
  const rbacObjects = new Map<string, KubeObject>();
  for (const kind of RBAC_KINDS) {
    for (const so of model.byKind.get(kind) ?? []) {
      const md = so.object.metadata;
      rbacObjects.set(`${kind}/${md.namespace ?? ''}/${md.name ?? ''}`, so.object);
    }
  }
  // Built on the first RBAC finding: every Role and ClusterRole finding asks for the bindings that refer to it.
  let byRole: Map<string, KubeObject[]> | undefined;
  const bindingsByRole = (): Map<string, KubeObject[]> => (byRole ??= indexBindingsByRole(model));
  for (const f of findings) {
    if (NEVER_LOWERED.has(f.checkId) || f.status !== 'open') continue;
    if (RBAC_KINDS.has(f.resource.kind)) {
      const obj = rbacObjects.get(`${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`);
      const owner = obj ? rbacOwner(bindingsByRole, obj, middlewareAccounts) : undefined;
      if (owner) {
        f.severity = 'info';
        f.severityReason = `RBAC that ships with ${owner}: accepted provider risk`;
      }
      continue;
    }
    const w = byRef.get(formatRef(f.resource));
    const cls = w?.classification;
    if (!w || !cls?.component || (cls.class !== 'middleware' && cls.class !== 'core' && cls.class !== 'agent')) {
      continue;
    }
    const kind = BASELINE_KIND[f.checkId];
    if (kind) {
      if (!withinBaseline(w, kind, detailOf(w, kind, f))) continue; // beyond the baseline: a real finding
      f.severityReason = `as shipped by the provider (${cls.component}): accepted provider risk`;
    } else {
      f.severityReason = `set by the provider in ${cls.component}, not by the customer: accepted provider risk`;
    }
    f.severity = 'info';
  }
}
