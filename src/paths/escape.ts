// How code running in a pod template gets onto its node: container escapes (KubeHound CE_*), writes into host
// folders that root on the node executes or reads (EXPLOIT_HOST_WRITE, host agent plugins), container runtime
// sockets (EXPLOIT_CONTAINERD_SOCK), and reads of the kubelet pod folders (TOKEN_STEAL, EXPLOIT_HOST_TRAVERSE).
//
// Stricter than inventory/privileges.ts nodeRootReason on purpose: a writable host path counts only when the
// knowledge base says writing there runs code as root (critical write severity, or a host service's plugin or
// configuration folder); SYS_PTRACE counts only with host PID. Other writable paths create no edge.
import { allContainers } from '../inventory/privileges.ts';
import { HOST_SERVICES, type HostServiceFact } from '../knowledge/host-services.ts';
import { canonicalHostPath, exposureOf, isWithin, type SensitiveHostPath } from '../knowledge/host-paths.ts';
import type { PodSpec } from '../model/k8s.ts';
import type { Provider } from '../model/types.ts';
import type { EdgeKind } from './types.ts';

export interface NodeRoute {
  kind: EdgeKind;
  /** node-root: root on the node; node-tokens: read the service-account tokens of pods on the node. */
  to: 'node-root' | 'node-tokens';
  weight: number;
  explanation: string;
  /** Field path relative to the pod spec (`containers[0].securityContext.privileged`). */
  path: string;
  /** var-log-symlink: the pod's identity must also read pod logs for the step to work. */
  needsLogRead?: boolean;
}

/** Capabilities that alone give a reliable escape (KubeHound CE_MODULE_LOAD, CE_PRIV_MOUNT via SYS_ADMIN). */
const ESCAPE_CAPABILITIES = new Set(['SYS_ADMIN', 'SYS_MODULE', 'ALL']);

function capsOf(c: { securityContext?: { capabilities?: { add?: unknown } } }): string[] {
  const add = c.securityContext?.capabilities?.add;
  return Array.isArray(add)
    ? add.filter((x): x is string => typeof x === 'string').map((x) => x.toUpperCase().replace(/^CAP_/, ''))
    : [];
}

function servicesFor(provider: Provider | 'unknown'): HostServiceFact[] {
  return HOST_SERVICES.filter(
    (s) => s.runsAsRoot && (provider === 'unknown' || s.provider === 'any' || s.provider === provider),
  );
}

/** A host service whose plugin or configuration folder the mounted path is in, or contains. */
function hostServiceHit(
  path: string,
  services: readonly HostServiceFact[],
): { service: HostServiceFact; folder: string; plugin: boolean } | undefined {
  const overlaps = (folder: string): boolean => {
    const f = canonicalHostPath(folder);
    return f !== undefined && (isWithin(path, f) || isWithin(f, path));
  };
  for (const plugin of [true, false]) {
    for (const service of services) {
      const folders = plugin ? (service.pluginPaths ?? []) : service.configPaths;
      const folder = folders.find(overlaps);
      if (folder !== undefined) return { service, folder, plugin };
    }
  }
  return undefined;
}

function entriesOf(path: string): SensitiveHostPath[] {
  const exp = exposureOf(path);
  if (exp === undefined) return [];
  return exp.within ? [exp.within, ...exp.covers] : exp.covers;
}

/** Every route from the template onto its node, strongest first within each kind. */
export function nodeRoutes(spec: PodSpec, provider: Provider | 'unknown'): NodeRoute[] {
  const out: NodeRoute[] = [];
  const containers = allContainers(spec);
  for (const { container, type, index } of containers) {
    const at = `${type}[${index}]`;
    const name = typeof container.name === 'string' ? container.name : at;
    if (container.securityContext?.privileged === true) {
      out.push({
        kind: 'escape-privileged',
        to: 'node-root',
        weight: 1,
        explanation: `container "${name}" is privileged: mount the host disk or nsenter into host PID 1 (CE_PRIV_MOUNT, CE_NSENTER)`,
        path: `${at}.securityContext.privileged`,
      });
    }
    if (container.securityContext?.windowsOptions?.hostProcess === true) {
      out.push({
        kind: 'escape-host-process',
        to: 'node-root',
        weight: 1,
        explanation: `container "${name}" is a Windows HostProcess container: it runs as a process on the node`,
        path: `${at}.securityContext.windowsOptions.hostProcess`,
      });
    }
    const caps = capsOf(container);
    const escapeCap = caps.find((c) => ESCAPE_CAPABILITIES.has(c));
    if (escapeCap !== undefined) {
      out.push({
        kind: 'escape-capability',
        to: 'node-root',
        weight: escapeCap === 'SYS_MODULE' ? 1 : 2,
        explanation:
          escapeCap === 'SYS_MODULE'
            ? `container "${name}" adds SYS_MODULE: load a kernel module (CE_MODULE_LOAD)`
            : `container "${name}" adds ${escapeCap}: mount-based escapes such as the cgroup v1 release_agent`,
        path: `${at}.securityContext.capabilities.add`,
      });
    }
    if (spec.hostPID === true && (caps.includes('SYS_PTRACE') || caps.includes('SYS_ADMIN') || caps.includes('ALL'))) {
      out.push({
        kind: 'escape-ptrace',
        to: 'node-root',
        weight: 1,
        explanation: `host PID namespace and ${caps.includes('SYS_PTRACE') ? 'SYS_PTRACE' : 'SYS_ADMIN'} on container "${name}": inject code into a root process of the node (CE_SYS_PTRACE)`,
        path: 'hostPID',
      });
    }
    if (caps.includes('DAC_READ_SEARCH')) {
      out.push({
        kind: 'host-read-tokens',
        to: 'node-tokens',
        weight: 2,
        explanation: `container "${name}" adds DAC_READ_SEARCH: open_by_handle_at reads any host file, including the kubelet pod folders`,
        path: `${at}.securityContext.capabilities.add`,
      });
    }
  }
  if (spec.securityContext?.windowsOptions?.hostProcess === true) {
    out.push({
      kind: 'escape-host-process',
      to: 'node-root',
      weight: 1,
      explanation: 'the pod is a Windows HostProcess pod: its containers run as processes on the node',
      path: 'securityContext.windowsOptions.hostProcess',
    });
  }
  out.push(...hostPathRoutes(spec, provider));
  return out;
}

function hostPathRoutes(spec: PodSpec, provider: Provider | 'unknown'): NodeRoute[] {
  const out: NodeRoute[] = [];
  const services = servicesFor(provider);
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  const containers = allContainers(spec);
  volumes.forEach((v, vi) => {
    if (typeof v !== 'object' || v === null) return;
    const hp = v.hostPath;
    if (typeof hp !== 'object' || hp === null || typeof hp.path !== 'string') return;
    const path = canonicalHostPath(hp.path);
    if (path === undefined) return;
    const field = `volumes[${vi}].hostPath.path`;
    // The mount that gives the most: writable beats read-only. Unmounted volumes give nothing.
    let mounted = false;
    let writable = false;
    for (const { container } of containers) {
      for (const m of Array.isArray(container.volumeMounts) ? container.volumeMounts : []) {
        if (typeof m !== 'object' || m === null || m.name !== v.name) continue;
        mounted = true;
        if (m.readOnly !== true) writable = true;
      }
    }
    if (!mounted) return;
    const entries = entriesOf(path);
    if (writable) {
      const hit = hostServiceHit(path, services);
      if (hit) {
        out.push({
          kind: 'host-agent-plugin',
          to: 'node-root',
          weight: 1,
          explanation: `writable host path ${path} reaches ${hit.folder}, the ${hit.plugin ? 'plugin folder' : 'configuration'} ${hit.service.name} ${hit.plugin ? 'executes' : 'reads'} as root`,
          path: field,
        });
      } else {
        const critical = entries.find((e) => e.writeSeverity === 'critical' && e.socket !== true);
        if (critical) {
          out.push({
            kind: 'host-write',
            to: 'node-root',
            weight: 1,
            explanation: `writable host path ${path} exposes ${critical.path}: write what root on the node runs (EXPLOIT_HOST_WRITE)`,
            path: field,
          });
        }
      }
      if (entries.some((e) => e.kubehoundAttack === 'CE_VAR_LOG_SYMLINK')) {
        out.push({
          kind: 'var-log-symlink',
          to: 'node-tokens',
          weight: 2,
          explanation: `writable host path ${path} covers /var/log: a symlink in a pod log folder, read back through the kubelet log endpoint, reads host files as root (CE_VAR_LOG_SYMLINK)`,
          path: field,
          needsLogRead: true,
        });
      }
    }
    // connect(2) works through a read-only bind mount: a runtime socket is root whether or not readOnly is set.
    // The containerd socket first: it is what EKS, AKS and GKE nodes run today.
    const sockets = entries.filter((e) => e.socket === true && e.writeSeverity === 'critical');
    const socket = sockets.find((e) => e.path === '/run/containerd/containerd.sock') ?? sockets[0];
    if (socket) {
      out.push({
        kind: 'host-socket',
        to: 'node-root',
        weight: 1,
        explanation: `host path ${path} exposes the socket ${socket.path}: start a privileged container through the runtime (EXPLOIT_CONTAINERD_SOCK)`,
        path: field,
      });
    }
    if (entries.some((e) => e.kubehoundAttack === 'TOKEN_STEAL')) {
      out.push({
        kind: 'host-read-tokens',
        to: 'node-tokens',
        weight: 1,
        explanation: `host path ${path} exposes the kubelet pod folders: read the service-account tokens of every pod on the node (TOKEN_STEAL, EXPLOIT_HOST_TRAVERSE)`,
        path: field,
      });
    }
  });
  return out;
}
