// Linux capabilities a container can add, with what each lets a process in a container do and how bad that is.
// Names are as Kubernetes writes them: upper case, without the CAP_ prefix. The list covers every capability of
// Linux 6.x (capabilities(7)), so an unknown name is a typo or a runtime-specific extension, not a gap here.

export type CapabilitySeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface CapabilityFact {
  name: string;
  severity: CapabilitySeverity;
  /** What an attacker in the container gains, written for a security engineer. */
  why: string;
  /** In the default set containerd and Docker give every container unless it is dropped. */
  runtimeDefault: boolean;
  /** Makes a known escape or attack worse when combined with a pod setting: that setting and the severity then. */
  escalatesWith?: { setting: 'hostPID' | 'hostNetwork' | 'hostIPC'; severity: CapabilitySeverity; why: string };
  sources: string[];
}

const MAN = 'https://man7.org/linux/man-pages/man7/capabilities.7.html';
const CONTAINERD_DEFAULTS = 'containerd/containerd:pkg/oci/spec.go';
const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

export const CAPABILITIES: readonly CapabilityFact[] = [
  {
    name: 'ALL',
    severity: 'critical',
    why: 'Every capability at once: the container is privileged in all but device access and confinement profiles, and escapes through SYS_ADMIN, SYS_MODULE or SYS_PTRACE.',
    runtimeDefault: false,
    sources: [MAN, PSS],
  },
  {
    name: 'SYS_ADMIN',
    severity: 'critical',
    why: 'The "new root": mount filesystems (including cgroup v1, whose release_agent runs a host command), use bpf() and perf on older kernels, setns, and many device ioctls. Most published container escapes need only this capability.',
    runtimeDefault: false,
    sources: [MAN, 'https://unit42.paloaltonetworks.com/cve-2022-0492-cgroups/'],
  },
  {
    name: 'SYS_MODULE',
    severity: 'critical',
    why: 'Load and unload kernel modules: code runs in the host kernel, so the container owns the node.',
    runtimeDefault: false,
    sources: [MAN, 'https://kubehound.io/reference/attacks/CE_MODULE_LOAD/'],
  },
  {
    name: 'SYS_PTRACE',
    severity: 'high',
    why: 'Trace and inject code into processes the container can see, and read their memory (secrets, tokens). With hostPID that is every process on the node, including root daemons: inject into one and escape.',
    runtimeDefault: false,
    escalatesWith: {
      setting: 'hostPID',
      severity: 'critical',
      why: 'with hostPID the container can ptrace host processes and inject code into a root daemon',
    },
    sources: [MAN, 'https://kubehound.io/reference/attacks/CE_SYS_PTRACE/'],
  },
  {
    name: 'SYS_RAWIO',
    severity: 'high',
    why: 'Raw I/O: iopl/ioperm port access, /dev/mem and /dev/kmem where present, SG_IO on block devices: read and write host memory or disks below the filesystem.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'DAC_READ_SEARCH',
    severity: 'critical',
    why: 'Bypass read permission checks and call open_by_handle_at(2): the "Shocker" exploit opens any file of a host filesystem that has any bind mount in the container (such as /etc/hosts), reading host files such as /etc/shadow.',
    runtimeDefault: false,
    sources: [MAN, 'https://github.com/gabrtv/shocker'],
  },
  {
    name: 'DAC_OVERRIDE',
    severity: 'medium',
    why: 'Bypass read, write and execute permission checks on files the container can reach: in combination with any host mount, every file on it is writable whatever its mode.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'NET_ADMIN',
    severity: 'high',
    why: 'Configure interfaces, routes and iptables/nftables: redirect or intercept traffic of the pod network namespace (bypassing a service-mesh sidecar), and of the whole node with hostNetwork.',
    runtimeDefault: false,
    escalatesWith: {
      setting: 'hostNetwork',
      severity: 'critical',
      why: "with hostNetwork it rewrites the node's firewall and routes: intercept every pod's traffic or open the node to the network",
    },
    sources: [MAN],
  },
  {
    name: 'NET_RAW',
    severity: 'medium',
    why: 'Raw and packet sockets: ARP and DNS spoofing of neighbours, forged packets, and kernel bugs reachable only through them (CVE-2020-14386). It is in the runtime default set, so it stays unless dropped.',
    runtimeDefault: true,
    escalatesWith: {
      setting: 'hostNetwork',
      severity: 'high',
      why: "with hostNetwork it sniffs and spoofs on the node's interfaces, including traffic to the metadata API",
    },
    sources: [MAN, CONTAINERD_DEFAULTS, 'https://access.redhat.com/security/cve/cve-2020-14386'],
  },
  {
    name: 'BPF',
    severity: 'high',
    why: 'Load BPF programs and maps (Linux 5.8+): with PERFMON or NET_ADMIN attach them to trace any process or rewrite packets on the node, and read kernel memory.',
    runtimeDefault: false,
    sources: [MAN, 'https://lwn.net/Articles/820560/'],
  },
  {
    name: 'PERFMON',
    severity: 'medium',
    why: 'Use perf_event_open and BPF tracing programs (Linux 5.8+): observe other processes and the kernel, a side channel to secrets.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'SYS_BOOT',
    severity: 'high',
    why: 'reboot(2) and kexec_load(2): with seccomp disabled, boot a new kernel on the node; otherwise reboot the node (denial of service).',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'SYS_TIME',
    severity: 'high',
    why: 'Set the system clock, which is not namespaced: changes the time of the whole node, breaking certificate and token expiry checks and log correlation.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'MAC_ADMIN',
    severity: 'high',
    why: 'Change the Mandatory Access Control configuration (AppArmor, SELinux, Smack): load or replace profiles and disable the confinement of other containers.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'MAC_OVERRIDE',
    severity: 'high',
    why: 'Override Mandatory Access Control: the AppArmor or SELinux profile that should contain the container no longer applies.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'AUDIT_CONTROL',
    severity: 'high',
    why: 'Enable, disable and change kernel audit rules: blind the host audit trail that detection relies on.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'SYSLOG',
    severity: 'medium',
    why: 'Read and clear the kernel log: kernel addresses (a KASLR bypass for kernel exploits) and messages of other containers; clear traces.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'SYS_RESOURCE',
    severity: 'medium',
    why: 'Override resource limits and quotas, use reserved filesystem space: exhaust node resources other pods need.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'CHECKPOINT_RESTORE',
    severity: 'medium',
    why: 'Checkpoint/restore operations (Linux 5.9+): choose PIDs and read /proc/<pid>/map_files of visible processes.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'SYS_PACCT',
    severity: 'medium',
    why: 'Turn process accounting on or off and choose its file: write files as root or hide activity.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'AUDIT_READ',
    severity: 'low',
    why: 'Read the audit log through a multicast netlink socket: observe activity of the node.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'IPC_LOCK',
    severity: 'low',
    why: 'Lock memory (mlock): pin memory the kernel cannot reclaim, a denial-of-service lever.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'IPC_OWNER',
    severity: 'low',
    why: 'Bypass permission checks on System V IPC objects: read or change shared memory of processes in the same IPC namespace (all of the node with hostIPC).',
    runtimeDefault: false,
    escalatesWith: {
      setting: 'hostIPC',
      severity: 'high',
      why: 'with hostIPC it reads and writes the shared memory of every process on the node',
    },
    sources: [MAN],
  },
  {
    name: 'LINUX_IMMUTABLE',
    severity: 'low',
    why: 'Set the immutable and append-only file attributes: make planted files undeletable, or logs editable.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'SYS_NICE',
    severity: 'low',
    why: 'Raise scheduling priority and set real-time policies: starve other workloads on the node of CPU.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'SYS_TTY_CONFIG',
    severity: 'low',
    why: 'vhangup(2) and privileged terminal ioctls.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'LEASE',
    severity: 'low',
    why: 'Take file leases on files the process does not own: stall other processes that open them.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'WAKE_ALARM',
    severity: 'low',
    why: 'Set alarms that wake the system from suspend.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'BLOCK_SUSPEND',
    severity: 'low',
    why: 'Prevent the system from suspending.',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'NET_BROADCAST',
    severity: 'low',
    why: 'Broadcast and listen to multicast (unused by current kernels).',
    runtimeDefault: false,
    sources: [MAN],
  },
  {
    name: 'MKNOD',
    severity: 'low',
    why: 'Create device special files. The device cgroup still limits which devices can be opened, but a host mount plus MKNOD creates device nodes on the host.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'SETUID',
    severity: 'low',
    why: 'Change user IDs arbitrarily: a non-root process that keeps it becomes root. Needed only by programs that drop privileges themselves.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'SETGID',
    severity: 'low',
    why: 'Change group IDs arbitrarily, joining any group (such as the group that owns a mounted socket).',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'SETPCAP',
    severity: 'low',
    why: 'Change the capability bounding set and grant permitted capabilities to other threads.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'SETFCAP',
    severity: 'low',
    why: 'Set file capabilities: give a binary capabilities that any later process executing it receives.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'CHOWN',
    severity: 'low',
    why: 'Change the owner of any file the container can reach, including files on host mounts.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'FOWNER',
    severity: 'low',
    why: 'Bypass checks that require owning a file (chmod, utime, ACLs) on files the container can reach.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'FSETID',
    severity: 'low',
    why: 'Keep set-user-ID and set-group-ID bits when files are modified.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'KILL',
    severity: 'low',
    why: 'Send signals to processes of other users it can see: all of the node with hostPID.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'SYS_CHROOT',
    severity: 'low',
    why: 'chroot(2) and changing mount namespaces with setns: a building block of some escapes.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'AUDIT_WRITE',
    severity: 'low',
    why: 'Write records to the kernel audit log: forge audit entries.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS],
  },
  {
    name: 'NET_BIND_SERVICE',
    severity: 'info',
    why: 'Bind to ports below 1024. The restricted Pod Security Standard allows adding it; it matters only for services that impersonate well-known ports.',
    runtimeDefault: true,
    sources: [MAN, CONTAINERD_DEFAULTS, PSS],
  },
];

const BY_NAME = new Map(CAPABILITIES.map((c) => [c.name, c]));

/** `CAP_SYS_ADMIN`, `sys_admin` and `SYS_ADMIN` name the same capability. */
export function normalizeCapabilityName(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}

export function capabilityFact(name: string): CapabilityFact | undefined {
  return BY_NAME.get(normalizeCapabilityName(name));
}

/** The runtime default set: what a container has unless `drop` removes it. */
export const RUNTIME_DEFAULT_CAPABILITIES: readonly string[] = CAPABILITIES.filter((c) => c.runtimeDefault).map(
  (c) => c.name,
);

/**
 * Every Linux capability, indexed by its bit number, names without CAP_.
 * Source: torvalds/linux:include/uapi/linux/capability.h (Linux 6.x).
 */
export const LINUX_CAPABILITY_BITS: readonly string[] = [
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'KILL',
  'SETGID',
  'SETUID',
  'SETPCAP',
  'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_ADMIN',
  'NET_RAW',
  'IPC_LOCK',
  'IPC_OWNER',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_CHROOT',
  'SYS_PTRACE',
  'SYS_PACCT',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_NICE',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'MKNOD',
  'LEASE',
  'AUDIT_WRITE',
  'AUDIT_CONTROL',
  'SETFCAP',
  'MAC_OVERRIDE',
  'MAC_ADMIN',
  'SYSLOG',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
  'AUDIT_READ',
  'PERFMON',
  'BPF',
  'CHECKPOINT_RESTORE',
];
