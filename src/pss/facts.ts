// The value lists the Pod Security Standards checks compare against, each with the policy minor it applies from
// and the upstream file that defines it. Kept as data so a test can validate them and docs can list them.

const POLICY = 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy';

export interface VersionedFact {
  readonly value: string;
  /** First policy minor (v1.N) the value is part of the list. */
  readonly since: number;
  readonly source: string;
}

/** Capabilities baseline lets a container add (capabilities_allowed_1_0). */
export const BASELINE_ADDABLE_CAPABILITIES: readonly VersionedFact[] = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
].map((value) => ({ value, since: 0, source: `${POLICY}/check_capabilities_baseline.go` }));

/** Safe sysctls: sysctlsAllowedV1Dot0, V1Dot27, V1Dot29, V1Dot32, V1Dot37. */
export const SAFE_SYSCTLS: readonly VersionedFact[] = (
  [
    ['kernel.shm_rmid_forced', 0],
    ['net.ipv4.ip_local_port_range', 0],
    ['net.ipv4.tcp_syncookies', 0],
    ['net.ipv4.ping_group_range', 0],
    ['net.ipv4.ip_unprivileged_port_start', 0],
    ['net.ipv4.ip_local_reserved_ports', 27],
    ['net.ipv4.tcp_keepalive_time', 29],
    ['net.ipv4.tcp_fin_timeout', 29],
    ['net.ipv4.tcp_keepalive_intvl', 29],
    ['net.ipv4.tcp_keepalive_probes', 29],
    ['net.ipv4.tcp_rmem', 32],
    ['net.ipv4.tcp_wmem', 32],
    ['net.ipv4.tcp_slow_start_after_idle', 37],
    ['net.ipv4.tcp_notsent_lowat', 37],
  ] as const
).map(([value, since]) => ({ value, since, source: `${POLICY}/check_sysctls.go` }));

/** SELinux types baseline allows ("" is the runtime default): selinuxAllowedTypes1_0, selinuxAllowedTypes1_31. */
export const ALLOWED_SELINUX_TYPES: readonly VersionedFact[] = (
  [
    ['', 0],
    ['container_t', 0],
    ['container_init_t', 0],
    ['container_kvm_t', 0],
    ['container_engine_t', 31],
  ] as const
).map(([value, since]) => ({ value, since, source: `${POLICY}/check_seLinuxOptions.go` }));

/**
 * Inline volume sources restricted allows. `image` was patched into the single 1.0 variant upstream (not versioned),
 * so it is allowed at every policy version, as upstream does.
 */
export const RESTRICTED_ALLOWED_VOLUME_TYPES: readonly VersionedFact[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
].map((value) => ({ value, since: 0, source: `${POLICY}/check_restrictedVolumes.go` }));

/** Inline volume sources restricted forbids, in upstream's switch order (the first set one names the type). */
export const RESTRICTED_FORBIDDEN_VOLUME_TYPES: readonly VersionedFact[] = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
].map((value) => ({ value, since: 0, source: `${POLICY}/check_restrictedVolumes.go` }));

/** The values of a versioned list that apply at a policy minor. */
export function valuesAt(facts: readonly VersionedFact[], minor: number): Set<string> {
  return new Set(facts.filter((f) => f.since <= minor).map((f) => f.value));
}
