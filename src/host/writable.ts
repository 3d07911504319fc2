// Join a node scan with a cluster scan: for each sensitive host path found on the node, the workloads whose writable
// hostPath mount covers it. Pure. Paths compare segment by segment after normalising (`/etcd` is not in `/etc`),
// with the node's own top-level links applied (`/var/run` → `/run`, `/lib` → `/usr/lib`).

import { posix } from 'node:path';
import type { Workload } from '../model/types.ts';
import { canonicalPath, sensitivePaths } from './analyze.ts';
import type { HostFacts, HostPathMount, HostScanResult, PodWritableHostPath, PodWriter } from './types.ts';

/** Where the CRI runtimes and most distributions point /var/run, applied when the node gave no alias of its own. */
const DEFAULT_ALIASES: Record<string, string> = { '/var/run': '/run' };

function normalize(path: string, aliases: Record<string, string>): string | undefined {
  if (!path.startsWith('/')) return undefined;
  return canonicalPath(posix.normalize(path), { ...DEFAULT_ALIASES, ...aliases });
}

/** True when `outer` is `inner` or a folder above it, comparing whole segments. */
export function pathCovers(outer: string, inner: string): boolean {
  if (outer === '/') return true;
  return inner === outer || inner.startsWith(`${outer}/`);
}

/** The node data writableByPods needs: a node scan result, or raw facts (sensitive paths are then computed). */
export type WritableInput = HostFacts | HostScanResult;

/**
 * For each sensitive host path on the node, the workloads whose writable hostPath mount covers it (`covers`: the
 * mount is the path or a folder above it) or lies inside it (`inside`: a folder within it is writable). Read-only
 * mounts are ignored. Only paths with at least one writer are returned, most severe first.
 */
export function writableByPods(node: WritableInput, hostPathMounts: HostPathMount[]): PodWritableHostPath[] {
  const scan = node.kind === 'KubeseamHostScan' ? node : undefined;
  const facts = scan ? scan.facts : (node as HostFacts);
  const sensitive = scan ? scan.sensitivePaths : sensitivePaths(facts);
  const nodeName = scan ? scan.node : facts.hostname;
  const aliases = facts.aliases;
  const writable = hostPathMounts
    .filter((m) => !m.readOnly)
    .map((m) => ({ mount: m, path: normalize(m.path, aliases) }))
    .filter((m): m is { mount: HostPathMount; path: string } => m.path !== undefined);
  const rank = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;
  const out: PodWritableHostPath[] = [];
  for (const s of sensitive) {
    const target = normalize(s.path, aliases) ?? s.path;
    const writers: PodWriter[] = [];
    for (const { mount, path } of writable) {
      const coverage = pathCovers(path, target) ? 'covers' : pathCovers(target, path) ? 'inside' : undefined;
      if (!coverage) continue;
      const w: PodWriter = { workload: mount.workload, mountPath: mount.path, coverage };
      if (mount.container !== undefined) w.container = mount.container;
      if (!writers.some((x) => sameRef(x, w) && x.mountPath === w.mountPath && x.container === w.container))
        writers.push(w);
    }
    if (writers.length === 0) continue;
    const entry: PodWritableHostPath = { ...s, writers };
    if (nodeName !== undefined) entry.node = nodeName;
    out.push(entry);
  }
  return out.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function sameRef(a: PodWriter, b: PodWriter): boolean {
  return (
    a.workload.kind === b.workload.kind &&
    a.workload.name === b.workload.name &&
    a.workload.namespace === b.workload.namespace &&
    a.workload.apiVersion === b.workload.apiVersion
  );
}

/**
 * The hostPath mounts of workloads (every container, init and ephemeral included), with the volume's path joined with
 * the mount's subPath. A mount is read-only only when the volumeMount says `readOnly: true`.
 */
export function hostPathMountsOf(workloads: Workload[]): HostPathMount[] {
  const out: HostPathMount[] = [];
  for (const w of workloads) {
    const spec = w.podSpec;
    const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
    const hostPaths = new Map<string, string>();
    for (const v of volumes) {
      const p = v.hostPath?.path;
      if (typeof v.name === 'string' && typeof p === 'string' && p !== '') hostPaths.set(v.name, p);
    }
    if (hostPaths.size === 0) continue;
    const containers = [
      ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
      ...(Array.isArray(spec.containers) ? spec.containers : []),
      ...(Array.isArray(spec.ephemeralContainers) ? spec.ephemeralContainers : []),
    ];
    for (const c of containers) {
      for (const m of Array.isArray(c.volumeMounts) ? c.volumeMounts : []) {
        const base = typeof m.name === 'string' ? hostPaths.get(m.name) : undefined;
        if (base === undefined) continue;
        const sub = typeof m.subPath === 'string' && m.subPath !== '' ? m.subPath : undefined;
        const mount: HostPathMount = {
          workload: w.ref,
          path: sub !== undefined ? posix.join(base, sub) : base,
          readOnly: m.readOnly === true,
        };
        if (typeof c.name === 'string') mount.container = c.name;
        out.push(mount);
      }
    }
  }
  return out;
}
