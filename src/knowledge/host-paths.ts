// Host paths whose exposure to a container matters, with why and how much, read-only and writable.
// A hostPath volume exposes an entry when it mounts the entry itself, a folder inside it (the most specific entry
// at or above the mounted path applies), or a folder above it: mounting `/var` exposes `/var/lib/kubelet/pods`.
// Paths are compared on normalised absolute paths, segment by segment, so `/etcd` is not inside `/etc`.

import { posix } from 'node:path';

export type HostPathSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface SensitiveHostPath {
  /** Canonical absolute path: normalised, no trailing slash, `/run` rather than `/var/run`. */
  path: string;
  /** Severity when the path, a folder inside it, or a folder above it is mounted read-only. */
  readSeverity: HostPathSeverity;
  /** Severity when it is mounted writable. */
  writeSeverity: HostPathSeverity;
  /** What a container gains, written for a security engineer. */
  why: string;
  /**
   * A Unix socket (or a folder whose point is a socket): `readOnly` does not protect, because connect(2) works
   * through a read-only bind mount. Its read severity equals its write severity.
   */
  socket?: boolean;
  /**
   * Applies to the path itself (and folders above it) but not to folders inside it: `/` is the whole node, a folder
   * of `/` that no other entry names is not.
   */
  exactOnly?: boolean;
  /** The provider whose nodes have this path, when it is provider-specific. */
  provider?: 'eks' | 'aks' | 'gke';
  /** Matching KubeHound attack, when there is one. */
  kubehoundAttack?: string;
  sources: string[];
}

const HOSTPATH_DOCS = 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath';
const KH = (attack: string): string => `https://kubehound.io/reference/attacks/${attack}/`;
const FHS = 'https://refspecs.linuxfoundation.org/FHS_3.0/fhs/index.html';
const GCE_CONFIGURE = 'kubernetes/kubernetes:cluster/gce/gci/configure-helper.sh';
const AKS_KUBELET = 'Azure/AgentBaker:parts/linux/cloud-init/artifacts/kubelet.service';

export const SENSITIVE_HOST_PATHS: readonly SensitiveHostPath[] = [
  {
    path: '/',
    exactOnly: true,
    readSeverity: 'critical',
    writeSeverity: 'critical',
    why: 'The whole node: kubelet credentials, every pod token and secret volume, the container runtime socket, and (writable) every binary and unit file root runs.',
    kubehoundAttack: 'EXPLOIT_HOST_WRITE',
    sources: [HOSTPATH_DOCS, KH('EXPLOIT_HOST_WRITE'), KH('EXPLOIT_HOST_READ')],
  },
  {
    path: '/etc',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: 'Host configuration: password hashes, SSH host keys, kubelet and runtime configuration. Writable: cron, systemd units, sudoers, ld.so.preload and SSH authorized keys give root on the node.',
    kubehoundAttack: 'EXPLOIT_HOST_WRITE',
    sources: [FHS, KH('EXPLOIT_HOST_WRITE')],
  },
  {
    path: '/etc/kubernetes',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    why: 'Kubelet kubeconfig and client certificates, the cluster CA, AKS `azure.json` (cloud credentials), and on self-managed control planes admin.conf and static pod manifests.',
    sources: [AKS_KUBELET, 'https://kubernetes.io/docs/setup/best-practices/certificates/'],
  },
  {
    path: '/etc/kubernetes/manifests',
    readSeverity: 'medium',
    writeSeverity: 'critical',
    why: 'Static pod manifests: the kubelet runs any pod written here, privileged if asked, without admission control.',
    sources: ['https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/'],
  },
  {
    path: '/etc/cni/net.d',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: 'CNI network configuration, often with a kubeconfig and token of the CNI (Calico writes one here). Writable: the plugin chain the runtime executes as root for every new pod, and every pod’s network.',
    sources: ['https://www.cni.dev/docs/spec/', 'aws/amazon-vpc-cni-k8s:config/master/aws-k8s-cni.yaml'],
  },
  {
    path: '/opt/cni/bin',
    readSeverity: 'low',
    writeSeverity: 'critical',
    why: 'CNI plugin binaries, executed as root by the container runtime whenever a pod starts: replace one and own the node.',
    sources: ['https://www.cni.dev/docs/spec/', 'Azure/azure-container-networking:cns/azure-cns.yaml'],
  },
  {
    path: '/etc/node-problem-detector.d',
    readSeverity: 'low',
    writeSeverity: 'critical',
    provider: 'aks',
    why: 'AKS Node Problem Detector configuration and plugin scripts, run as root by a host service: writing one is code execution on the node.',
    sources: [
      'Azure/AgentBaker:e2e/validators.go',
      'kubernetes/node-problem-detector:pkg/custompluginmonitor/types/types.go',
    ],
  },
  {
    path: '/home/kubernetes',
    readSeverity: 'high',
    writeSeverity: 'critical',
    provider: 'gke',
    why: 'GKE Container-Optimized OS kubelet home: kubelet, containerd helper and CNI binaries (`bin`), kubelet configuration. Writable: replace a binary root executes.',
    sources: [GCE_CONFIGURE],
  },
  {
    path: '/home/kubernetes/node-problem-detector',
    readSeverity: 'low',
    writeSeverity: 'critical',
    provider: 'gke',
    why: 'GKE Node Problem Detector configuration, read by the host service that runs monitor plugins as root.',
    sources: [GCE_CONFIGURE],
  },
  {
    path: '/home/kubernetes/npd-custom-plugins',
    readSeverity: 'low',
    writeSeverity: 'critical',
    provider: 'gke',
    why: 'GKE Node Problem Detector custom plugin configuration: each rule names a program (`path`, `args`) the host service runs as root.',
    sources: [GCE_CONFIGURE, 'kubernetes/node-problem-detector:pkg/custompluginmonitor/types/types.go'],
  },
  {
    path: '/home',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: 'User home folders: SSH keys, kubeconfigs and cloud CLI credentials of node users; on GKE COS also /home/kubernetes.',
    sources: [FHS],
  },
  {
    path: '/root',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: "Root's home: SSH keys, shell history, kubeconfigs and cloud credentials. Writable: authorized_keys and shell profiles.",
    sources: [FHS],
  },
  {
    path: '/boot',
    readSeverity: 'medium',
    writeSeverity: 'critical',
    why: 'Kernel images, initramfs and boot configuration: writable means a persistent implant at the next boot.',
    sources: [FHS],
  },
  {
    path: '/proc',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: "The host's procfs: every process's environment and command line (secrets), /proc/<pid>/root into other containers' filesystems. Writable: /proc/sys/kernel/core_pattern runs a host command as root, /proc/sysrq-trigger.",
    kubehoundAttack: 'CE_UMH_CORE_PATTERN',
    sources: [KH('CE_UMH_CORE_PATTERN'), 'https://man7.org/linux/man-pages/man5/proc.5.html'],
  },
  {
    path: '/sys',
    readSeverity: 'medium',
    writeSeverity: 'critical',
    why: "The host's sysfs: hardware and kernel details. Writable: uevent_helper and cgroup release_agent run host commands as root; device and kernel settings change.",
    sources: [
      'https://man7.org/linux/man-pages/man5/sysfs.5.html',
      'https://unit42.paloaltonetworks.com/cve-2022-0492-cgroups/',
    ],
  },
  {
    path: '/sys/fs/cgroup',
    readSeverity: 'low',
    writeSeverity: 'critical',
    why: 'The cgroup hierarchy. Read-only it shows the node’s workloads (monitoring agents mount it). Writable: cgroup v1 release_agent runs a host command as root, and limits of other pods change.',
    sources: ['https://unit42.paloaltonetworks.com/cve-2022-0492-cgroups/'],
  },
  {
    path: '/sys/fs/bpf',
    readSeverity: 'medium',
    writeSeverity: 'high',
    why: 'Pinned BPF programs and maps of the CNI and network-policy agents (Cilium, VPC CNI, Dataplane V2): writable lets a pod rewrite policy and routing state.',
    sources: ['https://docs.cilium.io/en/stable/network/kubernetes/requirements/#mounted-ebpf-filesystem'],
  },
  {
    path: '/sys/kernel/debug',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: 'debugfs: kernel internals and tracing (kprobes). Writable controls change kernel behaviour.',
    sources: ['https://docs.kernel.org/filesystems/debugfs.html'],
  },
  {
    path: '/sys/kernel/security',
    readSeverity: 'medium',
    writeSeverity: 'critical',
    why: 'securityfs: loaded AppArmor and IMA policy. Writable: unload or replace the profiles that confine other containers.',
    sources: ['https://docs.kernel.org/admin-guide/LSM/apparmor.html'],
  },
  {
    path: '/dev',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: 'Host devices: disks (raw read of the host filesystem), memory, kmsg. The device cgroup limits an unprivileged container, not a privileged one.',
    kubehoundAttack: 'CE_PRIV_MOUNT',
    sources: [HOSTPATH_DOCS, KH('CE_PRIV_MOUNT')],
  },
  {
    path: '/run',
    readSeverity: 'medium',
    writeSeverity: 'high',
    why: 'Runtime state of host daemons (`/var/run` is a symlink to it): sockets of the container runtime and agents, lock and PID files.',
    sources: [FHS],
  },
  {
    path: '/run/docker.sock',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    socket: true,
    why: 'The Docker API: start a privileged container with the host root mounted. Read-only mounts do not stop connect(2).',
    kubehoundAttack: 'EXPLOIT_CONTAINERD_SOCK',
    sources: [HOSTPATH_DOCS, 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
  },
  {
    path: '/run/containerd/containerd.sock',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    socket: true,
    why: 'The containerd API: run a privileged container, or exec into any container on the node. Read-only mounts do not stop connect(2).',
    kubehoundAttack: 'EXPLOIT_CONTAINERD_SOCK',
    sources: [KH('EXPLOIT_CONTAINERD_SOCK')],
  },
  {
    path: '/run/crio/crio.sock',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    socket: true,
    why: 'The CRI-O API: create containers and exec into any container on the node. Read-only mounts do not stop connect(2).',
    sources: ['https://github.com/cri-o/cri-o/blob/main/docs/crio.conf.5.md'],
  },
  {
    path: '/run/k3s/containerd/containerd.sock',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    socket: true,
    why: 'The containerd API as k3s runs it: run a privileged container on the node. Read-only mounts do not stop connect(2).',
    sources: ['https://docs.k3s.io/advanced#configuring-containerd'],
  },
  {
    path: '/run/dockershim.sock',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    socket: true,
    why: 'The CRI endpoint of dockershim (Kubernetes before 1.24): create and exec into containers. Read-only mounts do not stop connect(2).',
    sources: ['https://kubernetes.io/blog/2022/02/17/dockershim-faq/'],
  },
  {
    path: '/run/cri-dockerd.sock',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    socket: true,
    why: 'The CRI endpoint of cri-dockerd: create and exec into containers. Read-only mounts do not stop connect(2).',
    sources: ['https://mirantis.github.io/cri-dockerd/usage/install/'],
  },
  {
    path: '/run/xtables.lock',
    readSeverity: 'info',
    writeSeverity: 'low',
    why: 'The iptables lock file shared by kube-proxy and CNI agents; holding it delays rule updates on the node.',
    sources: ['kubernetes/kubernetes:cluster/gce/manifests/kube-proxy.manifest'],
  },
  {
    path: '/var/lib/kubelet',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    why: 'Kubelet state: its kubeconfig and client certificate (node identity), and every pod’s volumes including projected service-account tokens.',
    kubehoundAttack: 'TOKEN_STEAL',
    sources: [
      KH('TOKEN_STEAL'),
      'https://unit42.paloaltonetworks.com/google-kubernetes-engine-privilege-escalation-fluentbit-anthos/',
    ],
  },
  {
    path: '/var/lib/kubelet/pods',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    why: 'Every pod’s volumes on the node, including `kube-api-access-*/token` and mounted Secrets: harvest the service-account tokens of all pods on the node (the GKE fluentbit escalation, GCP-2023-047).',
    kubehoundAttack: 'TOKEN_STEAL',
    sources: [KH('TOKEN_STEAL'), 'https://cloud.google.com/kubernetes-engine/security-bulletins#gcp-2023-047'],
  },
  {
    path: '/var/lib/kubelet/pki',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    why: 'Kubelet client and serving certificates and keys: act as the node (`system:node:<name>`) against the API server.',
    sources: ['https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/', AKS_KUBELET],
  },
  {
    path: '/var/lib/kubelet/plugins',
    readSeverity: 'medium',
    writeSeverity: 'high',
    why: 'CSI driver sockets and state: a writable mount lets a pod replace a driver socket the kubelet calls to mount volumes.',
    sources: ['https://kubernetes-csi.github.io/docs/deploying.html'],
  },
  {
    path: '/var/lib/kubelet/plugins_registry',
    readSeverity: 'medium',
    writeSeverity: 'high',
    why: 'Kubelet plugin registration: a pod that can create a socket here registers itself as a CSI or device plugin the kubelet trusts.',
    sources: ['https://kubernetes-csi.github.io/docs/node-driver-registrar.html'],
  },
  {
    path: '/var/lib/kubelet/device-plugins',
    readSeverity: 'high',
    writeSeverity: 'high',
    socket: true,
    why: 'The kubelet device-plugin socket: register a fake device plugin whose allocations add host devices and mounts to the pods that request it. Read-only mounts do not stop connect(2).',
    sources: ['https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/device-plugins/'],
  },
  {
    path: '/var/lib/kubelet/pod-resources',
    readSeverity: 'low',
    writeSeverity: 'low',
    socket: true,
    why: 'The kubelet pod-resources socket: lists pods and the devices assigned to them on the node.',
    sources: [
      'https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/device-plugins/#monitoring-device-plugin-resources',
    ],
  },
  {
    path: '/var/lib/kubelet/seccomp',
    readSeverity: 'low',
    writeSeverity: 'high',
    why: 'Localhost seccomp profiles: writable lets a pod weaken the syscall filter of every pod that uses one.',
    sources: ['https://kubernetes.io/docs/tutorials/security/seccomp/'],
  },
  {
    path: '/var/lib/kube-proxy',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: 'kube-proxy kubeconfig with its credentials; writable changes the node’s service routing.',
    sources: ['kubernetes/kubernetes:cluster/gce/manifests/kube-proxy.manifest'],
  },
  {
    path: '/var/lib/docker',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: 'Docker storage: every container’s filesystem, image layers and config (environment variables). Writable: alter images and containers the daemon runs.',
    sources: ['https://docs.docker.com/engine/storage/drivers/'],
  },
  {
    path: '/var/lib/containerd',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: 'containerd content store and snapshots: every image and container filesystem on the node. Writable: tamper with images other pods run.',
    sources: ['https://github.com/containerd/containerd/blob/main/docs/ops.md'],
  },
  {
    path: '/var/lib/etcd',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    why: 'etcd data on self-managed control-plane nodes: every Secret of the cluster, unencrypted unless encryption at rest is on.',
    sources: ['https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/'],
  },
  {
    path: '/var/lib/waagent',
    readSeverity: 'critical',
    writeSeverity: 'critical',
    provider: 'aks',
    why: 'Azure Linux agent state: goal state, certificates and extension settings including protected settings (AKS node provisioning secrets) and ovf-env.xml.',
    sources: [
      'Azure/WALinuxAgent:init/ubuntu/walinuxagent.service',
      'https://learn.microsoft.com/en-us/azure/virtual-machines/extensions/agent-linux',
    ],
  },
  {
    path: '/var/lib/cloud',
    readSeverity: 'high',
    writeSeverity: 'critical',
    why: 'cloud-init instance data including user data: node bootstrap arguments and sometimes credentials.',
    sources: ['https://cloudinit.readthedocs.io/en/latest/reference/base_config_reference.html'],
  },
  {
    path: '/opt/azure',
    readSeverity: 'low',
    writeSeverity: 'critical',
    provider: 'aks',
    why: 'AKS node provisioning and kubelet helper scripts (`/opt/azure/containers`), run as root by systemd units.',
    sources: ['Azure/AgentBaker:parts/linux/cloud-init/artifacts/aks-node-controller.service'],
  },
  {
    path: '/opt/bin',
    readSeverity: 'low',
    writeSeverity: 'critical',
    provider: 'aks',
    why: 'AKS kubelet and bootstrap binaries (`/opt/bin/kubelet`), executed as root.',
    sources: [AKS_KUBELET],
  },
  {
    path: '/etc/eks',
    readSeverity: 'low',
    writeSeverity: 'critical',
    provider: 'eks',
    why: 'EKS node configuration: bootstrap scripts, kubelet environment, and the ECR image credential provider binary the kubelet executes as root.',
    sources: ['awslabs/amazon-eks-ami:templates/al2023/provisioners/install-worker.sh'],
  },
  {
    path: '/etc/amazon',
    readSeverity: 'low',
    writeSeverity: 'high',
    provider: 'eks',
    why: 'AWS agent configuration (SSM agent, EFS utilities) read by daemons that run as root.',
    sources: [
      'aws/amazon-ssm-agent:packaging/linux/amazon-ssm-agent.service',
      'kubernetes-sigs/aws-efs-csi-driver:deploy/kubernetes/base/node-daemonset.yaml',
    ],
  },
  {
    path: '/var/log',
    readSeverity: 'low',
    writeSeverity: 'high',
    why: 'Host and pod logs. Read-only: logs may hold secrets. Writable: a symlink planted under /var/log is followed by the kubelet log endpoint (`kubectl logs`, /logs/), reading any host file as root.',
    kubehoundAttack: 'CE_VAR_LOG_SYMLINK',
    sources: [KH('CE_VAR_LOG_SYMLINK'), 'https://www.aquasec.com/blog/kubernetes-security-pod-escape-log-mounts/'],
  },
  {
    path: '/lib/modules',
    readSeverity: 'low',
    writeSeverity: 'critical',
    why: 'Kernel modules of the running kernel: writable lets a pod plant a module the host loads as kernel code.',
    kubehoundAttack: 'CE_MODULE_LOAD',
    sources: [KH('CE_MODULE_LOAD')],
  },
  {
    path: '/usr',
    readSeverity: 'low',
    writeSeverity: 'critical',
    why: 'System binaries and libraries (`/usr/bin`, `/usr/lib/systemd`): writable means replacing code root runs.',
    sources: [FHS],
  },
  {
    path: '/usr/src',
    readSeverity: 'low',
    writeSeverity: 'medium',
    why: 'Kernel headers that security and tracing agents compile modules and eBPF probes against: writable poisons what they build.',
    sources: [FHS],
  },
  {
    path: '/etc/ssl/certs',
    readSeverity: 'info',
    writeSeverity: 'high',
    why: 'Trusted CA certificates: public when read; writable adds a CA the node trusts, enabling TLS interception.',
    sources: [FHS],
  },
  {
    path: '/etc/pki',
    readSeverity: 'info',
    writeSeverity: 'high',
    why: 'Trusted CA certificates (RHEL family): writable adds a CA the node trusts.',
    sources: [FHS],
  },
  {
    path: '/etc/ca-certificates',
    readSeverity: 'info',
    writeSeverity: 'high',
    why: 'Trusted CA configuration (Debian family): writable adds a CA the node trusts.',
    sources: [FHS],
  },
  {
    path: '/etc/localtime',
    readSeverity: 'info',
    writeSeverity: 'low',
    why: 'The node time zone, commonly mounted by agents; no secret.',
    sources: [FHS],
  },
  {
    path: '/etc/machine-id',
    readSeverity: 'info',
    writeSeverity: 'medium',
    why: 'The node machine id, used by log and monitoring agents to identify the host; writable confuses journald and agents.',
    sources: ['https://www.freedesktop.org/software/systemd/man/latest/machine-id.html'],
  },
  {
    path: '/etc/os-release',
    readSeverity: 'info',
    writeSeverity: 'low',
    why: 'The node OS identification, read by agents; no secret.',
    sources: ['https://www.freedesktop.org/software/systemd/man/latest/os-release.html'],
  },
];

/** Symlinks of every common distribution that a hostPath may use: `/var/run` → `/run`. */
const ALIASES: readonly [from: string, to: string][] = [
  ['/var/run', '/run'],
  ['/var/lock', '/run/lock'],
];

/**
 * The canonical absolute form of a host path: `.` and `..` resolved, slashes collapsed, no trailing slash,
 * distribution symlinks replaced. Undefined for a relative or non-Unix path (Windows hostPaths).
 */
export function canonicalHostPath(p: string): string | undefined {
  if (typeof p !== 'string' || !p.startsWith('/')) return undefined;
  let out = posix.normalize(p);
  if (out.length > 1) out = out.replace(/\/+$/, '');
  for (const [from, to] of ALIASES) {
    if (out === from || out.startsWith(`${from}/`)) {
      out = to + out.slice(from.length);
      break;
    }
  }
  return out;
}

/** True when `child` is `parent` or inside it, on canonical paths: `/etc/x` is within `/etc`, `/etcd` is not. */
export function isWithin(child: string, parent: string): boolean {
  if (parent === '/') return child.startsWith('/');
  return child === parent || child.startsWith(`${parent}/`);
}

export interface HostPathExposure {
  /** Canonical path the exposure was computed for. */
  path: string;
  /** The most specific entry at or above the path: the path is that entry or a folder inside it. */
  within?: SensitiveHostPath;
  /** Entries strictly inside the path: mounting their parent exposes them too. */
  covers: SensitiveHostPath[];
}

export function exposureOf(hostPath: string): HostPathExposure | undefined {
  const path = canonicalHostPath(hostPath);
  if (path === undefined) return undefined;
  let within: SensitiveHostPath | undefined;
  const covers: SensitiveHostPath[] = [];
  for (const e of SENSITIVE_HOST_PATHS) {
    if (isWithin(path, e.path)) {
      if (e.exactOnly === true && path !== e.path) continue;
      if (!within || e.path.length > within.path.length) within = e;
    } else if (isWithin(e.path, path)) {
      covers.push(e);
    }
  }
  return within ? { path, within, covers } : { path, covers };
}

const RANK: Record<HostPathSeverity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function severityOfEntry(e: SensitiveHostPath, writable: boolean): HostPathSeverity {
  return writable || e.socket === true ? e.writeSeverity : e.readSeverity;
}

/**
 * The entry that makes an exposure worst, and its severity, for a read-only or writable mount. Among entries of
 * equal severity the one the path is within wins, then the shallowest covered one, then list order.
 */
export function worstExposure(
  exp: HostPathExposure,
  writable: boolean,
): { entry: SensitiveHostPath; severity: HostPathSeverity; covered: boolean } | undefined {
  let best: { entry: SensitiveHostPath; severity: HostPathSeverity; covered: boolean } | undefined;
  if (exp.within) best = { entry: exp.within, severity: severityOfEntry(exp.within, writable), covered: false };
  // Shallowest first, then in list order (stable sort): the most general statement explains a parent mount best.
  const depth = (e: SensitiveHostPath): number => e.path.split('/').length;
  const covered = [...exp.covers].sort((a, b) => depth(a) - depth(b));
  for (const e of covered) {
    const severity = severityOfEntry(e, writable);
    if (!best || RANK[severity] > RANK[best.severity]) best = { entry: e, severity, covered: true };
  }
  return best;
}
