// The control plane version as the checks that depend on it read it.
import type { Model } from '../../model/build.ts';
import { refOf } from '../../model/refs.ts';
import type { ObjectRef, SourcedObject } from '../../model/types.ts';
import { minorOfVersion } from '../../knowledge/version-calendars.ts';
import { isRecord } from './pod.ts';

export interface ControlPlaneVersion {
  gitVersion: string;
  minor: number;
  /** Where the version was read: discovery (`/version`), or a kube-apiserver static pod's image tag. */
  from: 'discovery' | 'kube-apiserver-pod';
  pod?: { ref: ObjectRef; source: SourcedObject; path: string };
}

const KUBE_APISERVER_IMAGE = /(?:^|\/)kube-apiserver(?:-[a-z0-9]+)?:(v1\.\d+\.\d+\S*)$/;

/**
 * The control plane version: what discovery reported, else the image tag of a kube-apiserver static pod (kubeadm and
 * other self-managed control planes run one per control-plane node; a file scan of their manifests has no discovery).
 * With several API servers mid-upgrade, the oldest decides.
 */
export function controlPlaneVersion(model: Model): ControlPlaneVersion | undefined {
  const v = model.cluster.version;
  const gitVersion = typeof v?.gitVersion === 'string' ? v.gitVersion : undefined;
  const minor = minorOfVersion(gitVersion) ?? minorOfVersion(v);
  if (minor !== undefined) return { gitVersion: gitVersion ?? `v1.${minor}`, minor, from: 'discovery' };
  let found: ControlPlaneVersion | undefined;
  for (const so of model.byKind.get('Pod') ?? []) {
    const md = so.object.metadata;
    if (md.namespace !== 'kube-system') continue;
    const spec = isRecord(so.object.spec) ? so.object.spec : {};
    const containers = Array.isArray(spec.containers) ? spec.containers : [];
    containers.forEach((c: unknown, i) => {
      if (!isRecord(c) || typeof c.image !== 'string') return;
      const m = KUBE_APISERVER_IMAGE.exec(c.image);
      const tag = m?.[1];
      const podMinor = minorOfVersion(tag);
      if (!tag || podMinor === undefined || (found && found.minor <= podMinor)) return;
      found = {
        gitVersion: tag,
        minor: podMinor,
        from: 'kube-apiserver-pod',
        pod: { ref: refOf(so.object), source: so, path: `spec.containers[${i}].image` },
      };
    });
  }
  return found;
}
