/**
 * Privilege a recognised component has beyond its catalogued baseline: a host namespace, a privileged container,
 * an added capability, a host path that is new or made writable, a host port. Each item names what was added and
 * the field, relative to the pod template (`spec.containers[1].securityContext.capabilities.add[0]`), so a finding
 * points at the exact line.
 *
 * Containers are compared with the baseline container of the same name (a `*` baseline applies to all);
 * a container the baseline does not list has no privileges in the baseline. Ephemeral (debug) containers count.
 */
import { findComponent } from '../knowledge/catalog/index.ts';
import {
  isUnknownBaseline,
  type CatalogComponent,
  type ContainerBaseline,
  type HostPathBaseline,
} from '../knowledge/catalog/types.ts';
import type { Container, PodSpec } from '../model/k8s.ts';
import type { Workload } from '../model/types.ts';
import { canonicalHostPath } from '../knowledge/host-paths.ts';
import { normalizeCapability, normalizeHostPath } from './privileges.ts';

export type DriftKind =
  'hostNetwork' | 'hostPID' | 'hostIPC' | 'privileged' | 'capability' | 'hostPath' | 'writableHostPath' | 'hostPort';

export interface DriftItem {
  kind: DriftKind;
  /** The host namespace, capability, host path or port that was added. */
  detail: string;
  container?: string;
  /** Field path relative to the pod template. */
  path: string;
  message: string;
}

const CONTAINER_TYPES = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** True when `base` is `path` or one of its parents. */
export function hostPathCovers(base: string, path: string): boolean {
  // Canonical forms (`/var/run` is `/run`) for Unix paths; Windows paths compare as written, case-insensitively.
  const b = canonicalHostPath(base) ?? normalizeHostPath(base);
  const p = canonicalHostPath(path) ?? normalizeHostPath(path);
  return (
    b === p ||
    b === '/' ||
    p.startsWith(`${b}/`) ||
    (b.includes('\\') && p.toLowerCase().startsWith(`${b.toLowerCase()}\\`))
  );
}

/** Whether a baseline list allows this host path with this writability. */
export function hostPathAllowed(list: readonly HostPathBaseline[], path: string, readOnly: boolean): boolean {
  return list.some((h) => hostPathCovers(h.path, path) && (readOnly || !h.readOnly));
}

function baselineFor(containers: readonly ContainerBaseline[], name: string): ContainerBaseline | undefined {
  return containers.find((c) => c.name === name) ?? containers.find((c) => c.name === '*');
}

function hostPathVolumes(spec: PodSpec): Map<string, { path: string; index: number }> {
  const out = new Map<string, { path: string; index: number }>();
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v, index) => {
    if (typeof v !== 'object' || v === null || typeof v.name !== 'string') return;
    const p = v.hostPath?.path;
    if (typeof p === 'string') out.set(v.name, { path: normalizeHostPath(p), index });
  });
  return out;
}

export function computeDrift(spec: PodSpec, component: CatalogComponent): DriftItem[] {
  const b = component.privileges;
  if (isUnknownBaseline(b)) return [];
  const items: DriftItem[] = [];
  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[ns] === true && !b[ns]) {
      items.push({
        kind: ns,
        detail: ns,
        path: `spec.${ns}`,
        message: `${ns} is true; ${component.id} ships without it`,
      });
    }
  }
  const allPaths = b.containers.flatMap((c) => c.hostPaths ?? []);
  const volumes = hostPathVolumes(spec);
  const reportedVolumes = new Set<number>();

  for (const type of CONTAINER_TYPES) {
    const list = spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((c: Container, i) => {
      if (typeof c !== 'object' || c === null) return;
      const name = typeof c.name === 'string' ? c.name : '';
      const at = `spec.${type}[${i}]`;
      const base = baselineFor(b.containers, name);
      const known = base !== undefined;
      const who = known ? `container ${name}` : `container ${name}, which ${component.id} does not ship,`;
      const sc = c.securityContext;
      if (sc?.privileged === true && base?.privileged !== true) {
        items.push({
          kind: 'privileged',
          detail: 'privileged',
          container: name,
          path: `${at}.securityContext.privileged`,
          message: `${who} is privileged beyond the ${component.id} baseline`,
        });
      }
      const adds = Array.isArray(sc?.capabilities?.add) ? sc.capabilities.add : [];
      adds.forEach((cap, j) => {
        if (typeof cap !== 'string') return;
        const norm = normalizeCapability(cap);
        // A privileged baseline container already holds every capability.
        if (base?.privileged === true || (base?.capabilities ?? []).includes(norm)) return;
        items.push({
          kind: 'capability',
          detail: norm,
          container: name,
          path: `${at}.securityContext.capabilities.add[${j}]`,
          message: `${who} adds capability ${norm}, not in the ${component.id} baseline`,
        });
      });
      (Array.isArray(c.ports) ? c.ports : []).forEach((p, j) => {
        // With hostNetwork the API server defaults hostPort to containerPort, and the pod binds node ports anyway.
        if (spec.hostNetwork === true) return;
        const hp = p.hostPort;
        if (typeof hp !== 'number' || hp <= 0 || (base?.hostPorts ?? []).includes(hp)) return;
        items.push({
          kind: 'hostPort',
          detail: String(hp),
          container: name,
          path: `${at}.ports[${j}].hostPort`,
          message: `${who} binds host port ${hp}, not in the ${component.id} baseline`,
        });
      });
      (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).forEach((m, k) => {
        const v = typeof m.name === 'string' ? volumes.get(m.name) : undefined;
        if (!v) return;
        const readOnly = m.readOnly === true;
        const own = base?.hostPaths ?? [];
        if (hostPathAllowed(own, v.path, readOnly)) return;
        const mountAt = `${at}.volumeMounts[${k}]`;
        if (!readOnly && hostPathAllowed(own, v.path, true)) {
          items.push({
            kind: 'writableHostPath',
            detail: v.path,
            container: name,
            path: `${mountAt}.readOnly`,
            message: `${who} mounts host path ${v.path} writable; ${component.id} ships it read-only`,
          });
          return;
        }
        if (!allPaths.some((h) => hostPathCovers(h.path, v.path))) {
          // A host path the component never mounts: one item at the volume, however many containers mount it.
          if (reportedVolumes.has(v.index)) return;
          reportedVolumes.add(v.index);
          items.push({
            kind: 'hostPath',
            detail: v.path,
            container: name,
            path: `spec.volumes[${v.index}].hostPath.path`,
            message: `host path ${v.path}${readOnly ? '' : ' (writable)'} is not in the ${component.id} baseline`,
          });
          return;
        }
        if (!readOnly && !hostPathAllowed(allPaths, v.path, false)) {
          items.push({
            kind: 'writableHostPath',
            detail: v.path,
            container: name,
            path: `${mountAt}.readOnly`,
            message: `${who} mounts host path ${v.path} writable; ${component.id} ships it read-only`,
          });
          return;
        }
        items.push({
          kind: 'hostPath',
          detail: v.path,
          container: name,
          path: mountAt,
          message: `${who} mounts host path ${v.path}${readOnly ? '' : ' writable'}, which ${component.id} mounts in other containers only`,
        });
      });
    });
  }
  return items;
}

/** Drift of a classified workload against its catalog entry; empty for anything not recognised. */
export function driftOf(w: Workload): DriftItem[] {
  const id = w.classification?.component;
  const component = id ? findComponent(id) : undefined;
  return component ? computeDrift(w.podSpec, component) : [];
}
