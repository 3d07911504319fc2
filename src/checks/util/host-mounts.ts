// Container mounts of hostPath volumes, with the field paths findings point at and the host path each one exposes.
// Builds on inventory/privileges.ts (normalisation, containers) and adds what checks need: indexes and subPath.
import { canonicalHostPath } from '../../knowledge/host-paths.ts';
import type { PodSpec, Volume } from '../../model/k8s.ts';
import { containersAt, isRecord, type ContainerAt } from './pod.ts';

export interface HostVolume {
  volume: Volume;
  name: string;
  index: number;
  /** Host path as written. */
  hostPath: string;
  /** Canonical form; undefined for a relative or Windows path. */
  canonical?: string;
  type?: string;
  /** Template-relative path of `hostPath.path`. */
  fieldPath: string;
}

export interface HostMount {
  volume: HostVolume;
  container: ContainerAt;
  mountIndex: number;
  /** Template-relative path of the volumeMount. */
  fieldPath: string;
  readOnly: boolean;
  mountPath: string;
  /** The host path the container sees: the volume path joined with a literal subPath. */
  exposedPath?: string;
}

export function hostVolumes(spec: PodSpec): HostVolume[] {
  const out: HostVolume[] = [];
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v, index) => {
    if (!isRecord(v) || !isRecord(v.hostPath) || typeof v.hostPath.path !== 'string') return;
    const hv: HostVolume = {
      volume: v,
      name: typeof v.name === 'string' ? v.name : '',
      index,
      hostPath: v.hostPath.path,
      fieldPath: `spec.volumes[${index}].hostPath.path`,
    };
    const canonical = canonicalHostPath(v.hostPath.path);
    if (canonical !== undefined) hv.canonical = canonical;
    if (typeof v.hostPath.type === 'string') hv.type = v.hostPath.type;
    out.push(hv);
  });
  return out;
}

export function hostMounts(spec: PodSpec): HostMount[] {
  const volumes = hostVolumes(spec);
  const out: HostMount[] = [];
  for (const c of containersAt(spec)) {
    const mounts = Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : [];
    mounts.forEach((m, mountIndex) => {
      if (!isRecord(m)) return;
      const volume = volumes.find((v) => v.name !== '' && v.name === m.name);
      if (!volume) return;
      const mount: HostMount = {
        volume,
        container: c,
        mountIndex,
        fieldPath: `${c.path}.volumeMounts[${mountIndex}]`,
        readOnly: m.readOnly === true,
        mountPath: typeof m.mountPath === 'string' ? m.mountPath : '',
      };
      const sub = typeof m.subPath === 'string' ? m.subPath : '';
      if (volume.canonical !== undefined) {
        // subPathExpr is expanded at run time: the exposed path is unknown, so the volume path stands for it.
        mount.exposedPath =
          sub && !sub.split('/').includes('..') ? canonicalHostPath(`${volume.canonical}/${sub}`) : volume.canonical;
      }
      out.push(mount);
    });
  }
  return out;
}
