/**
 * Whether a privilege of a workload is part of how its provider ships it: the scan uses this to lower the
 * severity of findings on middleware working as shipped (accepted provider risk rather than customer mistake).
 */
import { findComponent } from '../knowledge/catalog/index.ts';
import { isUnknownBaseline } from '../knowledge/catalog/types.ts';
import type { Workload } from '../model/types.ts';
import { hostPathAllowed, hostPathCovers } from './drift.ts';
import { allContainers, normalizeCapability, normalizeHostPath } from './privileges.ts';

export type BaselinePrivilege =
  'privileged' | 'hostPID' | 'hostIPC' | 'hostNetwork' | 'capability' | 'hostPath' | 'hostPort';

/** Host path mounts of the workload at `path`, writable if any mount is. */
function liveWritable(w: Workload, path: string): boolean | undefined {
  const vols = new Set(
    (Array.isArray(w.podSpec.volumes) ? w.podSpec.volumes : [])
      .filter((v) => typeof v.hostPath?.path === 'string' && normalizeHostPath(v.hostPath.path) === path)
      .map((v) => v.name),
  );
  if (vols.size === 0) return undefined;
  let writable = false;
  for (const { container } of allContainers(w.podSpec))
    for (const m of Array.isArray(container.volumeMounts) ? container.volumeMounts : [])
      if (vols.has(m.name) && m.readOnly !== true) writable = true;
  return writable;
}

/**
 * True when the workload is recognised middleware or core and its catalog baseline includes the privilege.
 * `detail`: the capability (`NET_ADMIN`), the host port, the container name for `privileged` (any container when
 * absent), or the host path. For host paths writability matters: `/var/log:rw` or `/var/log:ro` say it; a bare
 * path takes the writability of the workload's own mounts of it.
 */
export function withinBaseline(w: Workload, kind: BaselinePrivilege, detail?: string): boolean {
  const cls = w.classification;
  if (!cls?.component || (cls.class !== 'middleware' && cls.class !== 'core' && cls.class !== 'agent')) return false;
  const component = findComponent(cls.component);
  if (!component || isUnknownBaseline(component.privileges)) return false;
  const b = component.privileges;
  const containers = b.containers;
  switch (kind) {
    case 'hostPID':
    case 'hostIPC':
    case 'hostNetwork':
      return b[kind];
    case 'privileged':
      return containers.some(
        (c) => c.privileged === true && (detail === undefined || c.name === detail || c.name === '*'),
      );
    case 'capability': {
      if (detail === undefined) return containers.some((c) => (c.capabilities ?? []).length > 0);
      const cap = normalizeCapability(detail);
      return containers.some((c) => (c.capabilities ?? []).includes(cap) || c.privileged === true);
    }
    case 'hostPort': {
      // A host-network pod binds node ports by design; its hostPorts are the API server's defaults.
      if (b.hostNetwork && w.podSpec.hostNetwork === true) return true;
      const port = Number(detail);
      return containers.some((c) =>
        detail === undefined ? (c.hostPorts ?? []).length > 0 : (c.hostPorts ?? []).includes(port),
      );
    }
    case 'hostPath': {
      if (detail === undefined) return containers.some((c) => (c.hostPaths ?? []).length > 0);
      const m = /^(.*):(ro|rw)$/.exec(detail);
      const path = normalizeHostPath(m ? m[1]! : detail);
      const readOnly = m ? m[2] === 'ro' : liveWritable(w, path) !== true;
      const all = containers.flatMap((c) => c.hostPaths ?? []);
      return all.some((h) => hostPathCovers(h.path, path)) && hostPathAllowed(all, path, readOnly);
    }
  }
}
