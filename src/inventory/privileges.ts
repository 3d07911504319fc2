import type { Container, PodSpec, Volume } from '../model/k8s.ts';

export interface HostPathMount {
  /** Host path of the volume, normalised (no trailing slash). */
  path: string;
  volume: string;
  /** Container and mount path; absent when the volume is declared but not mounted. */
  container?: string;
  mountPath?: string;
  readOnly: boolean;
  /** Template-relative path of the volume, for findings. */
  fieldPath: string;
  type?: string;
}

/** Privileges a pod template asks for, at a glance: what inventory, drift and attack paths compare. */
export interface PrivilegeSummary {
  privileged: string[];
  hostPID: boolean;
  hostIPC: boolean;
  hostNetwork: boolean;
  /** Added capabilities per container, upper-cased without the CAP_ prefix. */
  capabilities: { container: string; add: string[] }[];
  hostPaths: HostPathMount[];
  hostPorts: number[];
  automountToken: boolean;
  runsAsRoot: string[];
}

export function normalizeHostPath(p: string): string {
  let out = p.replace(/\/+/g, '/');
  if (out.length > 1) out = out.replace(/\/$/, '');
  return out;
}

export function normalizeCapability(c: string): string {
  return c.toUpperCase().replace(/^CAP_/, '');
}

export function allContainers(spec: PodSpec): { container: Container; type: string; index: number }[] {
  const out: { container: Container; type: string; index: number }[] = [];
  for (const type of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (typeof container === 'object' && container !== null) out.push({ container, type, index });
    });
  }
  return out;
}

function volumes(spec: PodSpec): Volume[] {
  return Array.isArray(spec.volumes) ? spec.volumes.filter((v) => typeof v === 'object' && v !== null) : [];
}

/** Host-path volumes with every container mount of each; a mount is read-only only if `readOnly: true`. */
export function hostPathMounts(spec: PodSpec): HostPathMount[] {
  const out: HostPathMount[] = [];
  volumes(spec).forEach((v, vi) => {
    const hp = v.hostPath;
    if (typeof hp !== 'object' || hp === null || typeof hp.path !== 'string') return;
    const base = {
      path: normalizeHostPath(hp.path),
      volume: v.name ?? '',
      fieldPath: `spec.volumes[${vi}].hostPath.path`,
      ...(typeof hp.type === 'string' ? { type: hp.type } : {}),
    };
    let mounted = false;
    for (const { container } of allContainers(spec)) {
      for (const m of Array.isArray(container.volumeMounts) ? container.volumeMounts : []) {
        if (typeof m !== 'object' || m === null || m.name !== v.name) continue;
        mounted = true;
        out.push({
          ...base,
          container: container.name ?? '',
          mountPath: m.mountPath ?? '',
          readOnly: m.readOnly === true,
        });
      }
    }
    if (!mounted) out.push({ ...base, readOnly: true });
  });
  return out;
}

export function summarizePrivileges(spec: PodSpec): PrivilegeSummary {
  const containers = allContainers(spec);
  const podRunAsNonRoot = spec.securityContext?.runAsNonRoot === true;
  const podUser = spec.securityContext?.runAsUser;
  return {
    privileged: containers
      .filter((c) => c.container.securityContext?.privileged === true)
      .map((c) => c.container.name ?? ''),
    hostPID: spec.hostPID === true,
    hostIPC: spec.hostIPC === true,
    hostNetwork: spec.hostNetwork === true,
    capabilities: containers
      .map((c) => ({
        container: c.container.name ?? '',
        add: (Array.isArray(c.container.securityContext?.capabilities?.add)
          ? c.container.securityContext.capabilities.add
          : []
        )
          .filter((x): x is string => typeof x === 'string')
          .map(normalizeCapability),
      }))
      .filter((c) => c.add.length > 0),
    hostPaths: hostPathMounts(spec),
    hostPorts: containers.flatMap((c) =>
      (Array.isArray(c.container.ports) ? c.container.ports : [])
        .map((p) => (typeof p === 'object' && p !== null ? p.hostPort : undefined))
        .filter((p): p is number => typeof p === 'number' && p > 0),
    ),
    automountToken: spec.automountServiceAccountToken !== false,
    runsAsRoot: containers
      .filter((c) => {
        const sc = c.container.securityContext;
        const nonRoot = sc?.runAsNonRoot ?? podRunAsNonRoot;
        const user = sc?.runAsUser ?? podUser;
        return user === 0 || (!nonRoot && user === undefined);
      })
      .map((c) => c.container.name ?? ''),
  };
}

/** Capabilities that alone give a container a reliable way onto the host (KubeHound CE_* edges). */
const ESCAPE_CAPABILITIES = new Set(['SYS_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH', 'BPF', 'ALL']);

/**
 * Why code running in this pod template is as good as root on its node, or undefined when it is not:
 * privileged, host PID, an escape capability, or a writable host path mount.
 */
export function nodeRootReason(s: PrivilegeSummary): string | undefined {
  if (s.privileged.length > 0) return `privileged container "${s.privileged[0] ?? ''}"`;
  if (s.hostPID && s.capabilities.some((c) => c.add.includes('SYS_PTRACE') || c.add.includes('SYS_ADMIN'))) {
    return 'host PID namespace with SYS_PTRACE or SYS_ADMIN';
  }
  const cap = s.capabilities.find((c) => c.add.some((a) => ESCAPE_CAPABILITIES.has(a)));
  if (cap) return `capability ${cap.add.find((a) => ESCAPE_CAPABILITIES.has(a)) ?? ''} on container "${cap.container}"`;
  const writable = s.hostPaths.find((h) => !h.readOnly && h.container !== undefined);
  if (writable) return `writable host path ${writable.path}`;
  return undefined;
}

/** Config maps and secrets a pod template reads: volumes, projected sources, env and envFrom. */
export function consumedConfig(spec: PodSpec): { configMaps: string[]; secrets: string[] } {
  const cms = new Set<string>();
  const secrets = new Set<string>();
  for (const v of volumes(spec)) {
    if (typeof v.configMap?.name === 'string') cms.add(v.configMap.name);
    if (typeof v.secret?.secretName === 'string') secrets.add(v.secret.secretName);
    for (const src of Array.isArray(v.projected?.sources) ? v.projected.sources : []) {
      if (typeof src !== 'object' || src === null) continue;
      if (typeof src.configMap?.name === 'string') cms.add(src.configMap.name);
      if (typeof src.secret?.name === 'string') secrets.add(src.secret.name);
    }
  }
  for (const { container } of allContainers(spec)) {
    for (const e of Array.isArray(container.env) ? container.env : []) {
      if (typeof e !== 'object' || e === null) continue;
      if (typeof e.valueFrom?.configMapKeyRef?.name === 'string') cms.add(e.valueFrom.configMapKeyRef.name);
      if (typeof e.valueFrom?.secretKeyRef?.name === 'string') secrets.add(e.valueFrom.secretKeyRef.name);
    }
    for (const e of Array.isArray(container.envFrom) ? container.envFrom : []) {
      if (typeof e !== 'object' || e === null) continue;
      if (typeof e.configMapRef?.name === 'string') cms.add(e.configMapRef.name);
      if (typeof e.secretRef?.name === 'string') secrets.add(e.secretRef.name);
    }
  }
  return { configMaps: [...cms].sort(), secrets: [...secrets].sort() };
}
