// Facts read from one node's filesystem (src/host/read.ts) and what the pure analysis makes of them
// (src/host/analyze.ts). HostFacts holds no file contents beyond parsed configuration: never key material, never
// tokens (command-line values of secret-looking flags are redacted at read time).

import type { ObjectRef, Provider } from '../model/types.ts';

export type HostSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export type FileType = 'file' | 'dir' | 'symlink' | 'socket' | 'other';

/** Why a path was looked at; a path can have several roles. */
export type FileRole =
  | 'unit'
  | 'unit-drop-in'
  | 'unit-exec'
  | 'env-file'
  | 'kubelet-config'
  | 'kubelet-config-drop-in'
  | 'kubeconfig'
  | 'client-ca'
  | 'tls-cert'
  | 'private-key'
  | 'pki-dir'
  | 'static-pods'
  | 'volume-plugins'
  | 'credential-provider'
  | 'cni-config'
  | 'cni-bin'
  | 'npd-config'
  | 'plugin-script'
  | 'agent-path'
  | 'ancestor'
  | 'walk';

/** lstat of one path inside the root. `path` is absolute as seen from the node (`/etc/kubernetes`), never prefixed by the root. */
export interface FileFact {
  path: string;
  exists: boolean;
  type?: FileType;
  uid?: number;
  gid?: number;
  /** Permission bits including setuid/setgid/sticky (`mode & 0o7777`). */
  mode?: number;
  size?: number;
  /** Raw symlink target, when `type` is `symlink`. */
  linkTarget?: string;
  /** The symlink resolved inside the root (chroot semantics), when it resolves. */
  resolved?: string;
  roles: FileRole[];
  /** Catalog ids whose configuration or plugins live here. */
  services?: string[];
  error?: string;
}

/** One `[Section]` → key → values (repeated keys keep every value, in order; an empty assignment resets). */
export type UnitDirectives = Record<string, Record<string, string[]>>;

export interface ExecCommand {
  /** Raw value after the prefixes. */
  raw: string;
  /** systemd executable prefixes: `-` (ignore failure), `@`, `:`, `+` (full privileges), `!`, `!!`. */
  prefixes: string;
  /** Words after `$VAR`/`${VAR}` expansion from Environment= and EnvironmentFile=. */
  argv: string[];
  /** Variables referenced but not defined. */
  unresolved: string[];
}

export interface EnvironmentFileFact {
  path: string;
  optional: boolean;
  found: boolean;
  /** Only variables that an Exec line references: environment files may hold credentials. */
  values: Record<string, string>;
}

export interface SystemdUnitFact {
  name: string;
  /** The fragment path that systemd would load (first in precedence order). */
  path: string;
  /** Folder the fragment was found in (`/etc/systemd/system`…). */
  folder: string;
  /** Symlinked to /dev/null. */
  masked: boolean;
  /** The fragment is a symlink (linked unit or alias) to this resolved path. */
  linkedTo?: string;
  /** Drop-in files applied, in the order systemd applies them. */
  dropIns: string[];
  /** `.wants`/`.requires` symlinks that enable the unit. */
  enabledBy: string[];
  directives: UnitDirectives;
  execStart: ExecCommand[];
  execStartPre: ExecCommand[];
  user?: string;
  environmentFiles: EnvironmentFileFact[];
}

export interface ProcessUids {
  real: number;
  effective: number;
  saved: number;
  fs: number;
}

export interface HostProcessFact {
  pid: number;
  /** Target of /proc/<pid>/exe, as the node sees it; absent when it could not be read (kernel thread, EACCES). */
  exe?: string;
  exeError?: string;
  /** NUL-separated arguments, with secret-looking flag values redacted. */
  cmdline: string[];
  comm?: string;
  uids?: ProcessUids;
  /** CapEff as the kernel prints it (hex). */
  capEff?: string;
  /** CapEff decoded to names (upper case, no CAP_ prefix); `ALL` when every known bit is set. */
  capabilities?: string[];
  /** Namespace links (`mnt:[4026531841]`) by namespace name. */
  namespaces: Record<string, string>;
  /** cgroup path (v2 unified line, or the v1 `name=systemd` line). */
  cgroup?: string;
  /** Parent pid from status (0 for PID 1 and kernel threads' parent). */
  ppid?: number;
}

export interface NpdRuleFact {
  /** Path as written in the config. */
  path: string;
  /** Absolute path it resolves to on the node (relative paths resolve against the plugin's working directory, `/`). */
  resolved: string;
  args: string[];
  relative: boolean;
}

/** A Node Problem Detector custom-plugin monitor config (`"plugin": "custom"`). */
export interface NpdPluginConfigFact {
  path: string;
  source?: string;
  rules: NpdRuleFact[];
  error?: string;
}

export interface ParsedConfigFile {
  path: string;
  found: boolean;
  /** The parsed document (JSON or YAML); absent when missing or unparsable. */
  value?: Record<string, unknown>;
  error?: string;
}

/** Where the kubelet's settings come from on this node. */
export interface KubeletSourcesFact {
  /** `process` when a kubelet process was found, `unit` when only kubelet.service was, `none` otherwise. */
  from: 'process' | 'unit' | 'none';
  argv: string[];
  unresolved: string[];
  /** The file `--config` names, or the provider's default location when no flag says. */
  config?: ParsedConfigFile;
  /** `--config-dir` drop-ins, sorted as the kubelet merges them. */
  configDropIns: ParsedConfigFile[];
  /** True when `config` came from `--config` (or the process/unit argv), false when it is a provider default guess. */
  configFromFlag: boolean;
}

export interface ReadNote {
  path: string;
  message: string;
}

export interface HostFacts {
  kind: 'KubeseamHostFacts';
  /** The folder read as the node's root, as given. */
  root: string;
  hostname?: string;
  osRelease: Record<string, string>;
  /** Provider cue paths that exist (`/etc/eks`, `/var/lib/waagent`…). */
  markers: string[];
  /** Top-level symlinks (`/lib` → `/usr/lib`, `/var/run` → `/run`) used to canonicalise host paths. */
  aliases: Record<string, string>;
  units: SystemdUnitFact[];
  processes: HostProcessFact[];
  /** `ok`, `absent` (no proc folder), or `partial` (a cap was hit or entries were unreadable). */
  processStatus: 'ok' | 'absent' | 'partial';
  npdConfigs: NpdPluginConfigFact[];
  kubelet: KubeletSourcesFact;
  files: FileFact[];
  /** Non-fatal problems: unreadable files, caps reached. */
  notes: ReadNote[];
}

export interface HostFinding {
  id: string;
  severity: HostSeverity;
  /** The node path (file, folder, unit or exe) the finding is about. */
  path: string;
  message: string;
  why: string;
  /** Catalog ids involved. */
  services?: string[];
  /** Benchmarks or documents behind the check. */
  references?: string[];
}

export type HostServiceClass = 'catalog' | 'os' | 'allowed' | 'unknown';

/** One service in the node inventory: an enabled or running unit, or a host process outside any known unit. */
export interface HostServiceEntry {
  kind: 'unit' | 'process';
  name: string;
  path?: string;
  exe?: string;
  user?: string;
  runsAsRoot: boolean;
  enabled: boolean;
  running: boolean;
  class: HostServiceClass;
  catalogId?: string;
  provider?: Provider | 'any';
  pids?: number[];
  capabilities?: string[];
  /** Installed from a pod (outside Pod Security) according to the catalog. */
  installedByPod?: boolean;
}

export interface ProviderGuess {
  provider: Provider | 'unknown';
  evidence: string[];
  osId?: string;
  osVersion?: string;
}

export type SettingOrigin = 'flag' | 'config' | 'config-drop-in' | 'default' | 'legacy-default';

export interface EffectiveSetting {
  value: unknown;
  origin: SettingOrigin;
  /** File or flag that set it. */
  from?: string;
}

export interface EffectiveKubelet {
  from: KubeletSourcesFact['from'];
  configFile?: string;
  settings: Record<string, EffectiveSetting>;
  /** Paths the kubelet uses that the permission checks look at, by role. */
  files: { path: string; role: FileRole }[];
}

/** A sensitive host folder or file that exists on the node: configuration or code a root agent consumes. */
export interface SensitiveHostPathFact {
  path: string;
  severity: HostSeverity;
  why: string;
  services: string[];
}

export interface HostAnalysis {
  provider: ProviderGuess;
  inventory: HostServiceEntry[];
  kubelet?: EffectiveKubelet;
  sensitivePaths: SensitiveHostPathFact[];
  findings: HostFinding[];
}

/** The versioned JSON that `kubeseam host --format json` prints: one node. */
export interface HostScanResult extends HostAnalysis {
  kind: 'KubeseamHostScan';
  schemaVersion: 1;
  tool: { name: string; version: string };
  scannedAt: string;
  node?: string;
  root: string;
  summary: Record<HostSeverity, number>;
  facts: HostFacts;
}

/** A hostPath volume mount of a workload (from a cluster scan). */
export interface HostPathMount {
  workload: ObjectRef;
  /** Host path (the volume's `hostPath.path`, joined with `subPath` when one is set). */
  path: string;
  readOnly: boolean;
  container?: string;
}

export interface PodWriter {
  workload: ObjectRef;
  mountPath: string;
  container?: string;
  /** `covers`: the mount is the folder or above it; `inside`: the mount is a folder inside it. */
  coverage: 'covers' | 'inside';
}

export interface PodWritableHostPath extends SensitiveHostPathFact {
  node?: string;
  writers: PodWriter[];
}
