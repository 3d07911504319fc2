// What the kube-system checks share: which workloads the catalog does not know, and which of their privileges
// make them dangerous there.
import { classificationDetail } from './classify.ts';
import { exposureOf, worstExposure } from '../knowledge/host-paths.ts';
import type { PodSpec } from '../model/k8s.ts';
import type { Workload } from '../model/types.ts';

export const SYSTEM_NAMESPACE = 'kube-system';

/** A customer workload in kube-system that resembles nothing catalogued (impersonation has its own check). */
export function unknownInKubeSystem(w: Workload): boolean {
  if (w.namespace !== SYSTEM_NAMESPACE || w.classification?.class !== 'workload') return false;
  return classificationDetail(w)?.match.kind === 'none';
}

export interface PrivilegeField {
  path: string;
  what: string;
}

/** Privileged containers, host namespaces, and host paths kubeseam rates high or critical. */
export function dangerousPrivileges(spec: PodSpec): PrivilegeField[] {
  const out: PrivilegeField[] = [];
  for (const ns of ['hostPID', 'hostIPC', 'hostNetwork'] as const)
    if (spec[ns] === true) out.push({ path: `spec.${ns}`, what: `${ns}: true` });
  for (const type of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (c.securityContext?.privileged === true)
        out.push({
          path: `spec.${type}[${i}].securityContext.privileged`,
          what: `privileged container ${c.name ?? ''}`,
        });
    });
  }
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((v, i) => {
    const p = v.hostPath?.path;
    if (typeof p !== 'string') return;
    const writable = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].some((c) =>
      (c.volumeMounts ?? []).some((m) => m.name === v.name && m.readOnly !== true),
    );
    const exp = exposureOf(p);
    const worst = exp ? worstExposure(exp, writable) : undefined;
    if (worst && (worst.severity === 'critical' || worst.severity === 'high'))
      out.push({
        path: `spec.volumes[${i}].hostPath.path`,
        what: `${writable ? 'writable' : 'read-only'} host path ${p} (${worst.entry.path})`,
      });
  });
  return out;
}
