// Kubelet settings that matter for node security, how a flag maps to a KubeletConfiguration field, the defaults the
// kubelet applies in each case, and where each provider keeps the kubelet's files.
//
// Precedence (as the kubelet applies it): the --config file, then the --config-dir drop-ins in lexical order, then
// command-line flags. Defaults differ: with a --config file the kubelet.config.k8s.io/v1beta1 defaults apply
// (anonymous auth off, Webhook authorization, read-only port 0); without one the "legacy" flag defaults apply
// (anonymous auth on, AlwaysAllow, read-only port 10255).

import type { Provider } from '../model/types.ts';

const V1BETA1_DEFAULTS = 'kubernetes/kubernetes:pkg/kubelet/apis/config/v1beta1/defaults.go';
const LEGACY_DEFAULTS = 'kubernetes/kubernetes:cmd/kubelet/app/options/options.go';
const KUBELET_CONFIG_DOCS = 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/';
const KUBELET_FLAGS_DOCS = 'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/';
const DROP_IN_DOCS = 'https://kubernetes.io/docs/tasks/administer-cluster/kubelet-config-file/#kubelet-conf-d';

export type KubeletValueType = 'bool' | 'string' | 'int' | 'duration';

export interface KubeletSetting {
  /** Stable key used in findings and in EffectiveKubelet.settings. */
  key: string;
  /** Flag name without dashes. */
  flag: string;
  /** Field path in KubeletConfiguration; absent for flag-only settings (`--kubeconfig`). */
  configPath?: string[];
  type: KubeletValueType;
  /** Value when neither flag nor config sets it and a --config file is used. */
  configDefault: string | number | boolean | null;
  /** Value when neither sets it and no --config file is used (the flag default). */
  legacyDefault: string | number | boolean | null;
  sources: string[];
}

export const KUBELET_SETTINGS: readonly KubeletSetting[] = [
  {
    key: 'anonymousAuth',
    flag: 'anonymous-auth',
    configPath: ['authentication', 'anonymous', 'enabled'],
    type: 'bool',
    configDefault: false,
    legacyDefault: true,
    sources: [V1BETA1_DEFAULTS, LEGACY_DEFAULTS],
  },
  {
    key: 'webhookAuthentication',
    flag: 'authentication-token-webhook',
    configPath: ['authentication', 'webhook', 'enabled'],
    type: 'bool',
    configDefault: true,
    legacyDefault: false,
    sources: [V1BETA1_DEFAULTS, LEGACY_DEFAULTS],
  },
  {
    key: 'authorizationMode',
    flag: 'authorization-mode',
    configPath: ['authorization', 'mode'],
    type: 'string',
    configDefault: 'Webhook',
    legacyDefault: 'AlwaysAllow',
    sources: [V1BETA1_DEFAULTS, LEGACY_DEFAULTS],
  },
  {
    key: 'clientCAFile',
    flag: 'client-ca-file',
    configPath: ['authentication', 'x509', 'clientCAFile'],
    type: 'string',
    configDefault: null,
    legacyDefault: null,
    sources: [KUBELET_CONFIG_DOCS],
  },
  {
    key: 'readOnlyPort',
    flag: 'read-only-port',
    configPath: ['readOnlyPort'],
    type: 'int',
    configDefault: 0,
    legacyDefault: 10255,
    sources: [V1BETA1_DEFAULTS, LEGACY_DEFAULTS],
  },
  {
    key: 'protectKernelDefaults',
    flag: 'protect-kernel-defaults',
    configPath: ['protectKernelDefaults'],
    type: 'bool',
    configDefault: false,
    legacyDefault: false,
    sources: [KUBELET_CONFIG_DOCS],
  },
  {
    key: 'rotateCertificates',
    flag: 'rotate-certificates',
    configPath: ['rotateCertificates'],
    type: 'bool',
    configDefault: false,
    legacyDefault: false,
    sources: [KUBELET_CONFIG_DOCS],
  },
  {
    key: 'serverTLSBootstrap',
    flag: 'rotate-server-certificates',
    configPath: ['serverTLSBootstrap'],
    type: 'bool',
    configDefault: false,
    legacyDefault: false,
    sources: [KUBELET_CONFIG_DOCS, KUBELET_FLAGS_DOCS],
  },
  {
    key: 'tlsCertFile',
    flag: 'tls-cert-file',
    configPath: ['tlsCertFile'],
    type: 'string',
    configDefault: null,
    legacyDefault: null,
    sources: [KUBELET_CONFIG_DOCS],
  },
  {
    key: 'tlsPrivateKeyFile',
    flag: 'tls-private-key-file',
    configPath: ['tlsPrivateKeyFile'],
    type: 'string',
    configDefault: null,
    legacyDefault: null,
    sources: [KUBELET_CONFIG_DOCS],
  },
  {
    key: 'streamingConnectionIdleTimeout',
    flag: 'streaming-connection-idle-timeout',
    configPath: ['streamingConnectionIdleTimeout'],
    type: 'duration',
    configDefault: '4h0m0s',
    legacyDefault: '4h0m0s',
    sources: [V1BETA1_DEFAULTS],
  },
  {
    key: 'makeIPTablesUtilChains',
    flag: 'make-iptables-util-chains',
    configPath: ['makeIPTablesUtilChains'],
    type: 'bool',
    configDefault: true,
    legacyDefault: true,
    sources: [V1BETA1_DEFAULTS],
  },
  {
    key: 'staticPodPath',
    flag: 'pod-manifest-path',
    configPath: ['staticPodPath'],
    type: 'string',
    configDefault: null,
    legacyDefault: null,
    sources: [KUBELET_CONFIG_DOCS],
  },
  {
    key: 'volumePluginDir',
    flag: 'volume-plugin-dir',
    configPath: ['volumePluginDir'],
    type: 'string',
    configDefault: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec/',
    legacyDefault: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec/',
    sources: [V1BETA1_DEFAULTS, KUBELET_FLAGS_DOCS],
  },
  {
    key: 'kubeconfig',
    flag: 'kubeconfig',
    type: 'string',
    configDefault: null,
    legacyDefault: null,
    sources: [KUBELET_FLAGS_DOCS],
  },
  {
    key: 'bootstrapKubeconfig',
    flag: 'bootstrap-kubeconfig',
    type: 'string',
    configDefault: null,
    legacyDefault: null,
    sources: [KUBELET_FLAGS_DOCS],
  },
  {
    key: 'certDir',
    flag: 'cert-dir',
    type: 'string',
    configDefault: '/var/lib/kubelet/pki',
    legacyDefault: '/var/lib/kubelet/pki',
    sources: [KUBELET_FLAGS_DOCS],
  },
  {
    key: 'imageCredentialProviderConfig',
    flag: 'image-credential-provider-config',
    type: 'string',
    configDefault: null,
    legacyDefault: null,
    sources: [KUBELET_FLAGS_DOCS],
  },
  {
    key: 'imageCredentialProviderBinDir',
    flag: 'image-credential-provider-bin-dir',
    type: 'string',
    configDefault: null,
    legacyDefault: null,
    sources: [KUBELET_FLAGS_DOCS],
  },
];

/** Flags that take no value when written without `=` (Go pflag booleans). */
export const KUBELET_BOOL_FLAGS: ReadonlySet<string> = new Set(
  KUBELET_SETTINGS.filter((s) => s.type === 'bool').map((s) => s.flag),
);

export type KubeletFileKind = 'config' | 'config-dir' | 'env-file' | 'kubeconfig' | 'client-ca' | 'pki-dir';

/** Where a provider's node image keeps a kubelet file, and the mode it is written with. */
export interface KubeletFileLocation {
  provider: Provider;
  kind: KubeletFileKind;
  path: string;
  /** Mode the provider writes the file with, when the source shows it. */
  shippedMode?: number;
  sources: string[];
  inferred?: boolean;
  note?: string;
}

const EKS_KUBELET = 'awslabs/amazon-eks-ami:nodeadm/internal/kubelet';
const AKS_CSE = 'Azure/AgentBaker:parts/linux/cloud-init/artifacts/cse_config.sh';
const GCE_HELPER = 'kubernetes/kubernetes:cluster/gce/gci/configure-helper.sh';

export const KUBELET_FILE_LOCATIONS: readonly KubeletFileLocation[] = [
  {
    provider: 'eks',
    kind: 'config',
    path: '/etc/kubernetes/kubelet/config.json',
    shippedMode: 0o644,
    sources: [`${EKS_KUBELET}/config.go`],
  },
  {
    provider: 'eks',
    kind: 'config-dir',
    path: '/etc/kubernetes/kubelet/config.json.d',
    sources: [`${EKS_KUBELET}/config.go`],
    note: 'Written (40-nodeadm.conf) when the NodeConfig carries kubelet config, kubelet 1.29+.',
  },
  {
    provider: 'eks',
    kind: 'env-file',
    path: '/etc/eks/kubelet/environment',
    shippedMode: 0o644,
    sources: [`${EKS_KUBELET}/environment.go`],
  },
  {
    provider: 'eks',
    kind: 'kubeconfig',
    path: '/var/lib/kubelet/kubeconfig',
    shippedMode: 0o644,
    sources: [`${EKS_KUBELET}/kubeconfig.go`],
  },
  {
    provider: 'eks',
    kind: 'client-ca',
    path: '/etc/kubernetes/pki/ca.crt',
    shippedMode: 0o644,
    sources: [`${EKS_KUBELET}/cert.go`],
  },
  { provider: 'aks', kind: 'env-file', path: '/etc/default/kubelet', shippedMode: 0o600, sources: [AKS_CSE] },
  {
    provider: 'aks',
    kind: 'config',
    path: '/etc/default/kubeletconfig.json',
    shippedMode: 0o600,
    sources: [AKS_CSE],
    note: 'Only when the node pool uses a kubelet config file (KUBELET_CONFIG_FILE_ENABLED); flags otherwise.',
  },
  { provider: 'aks', kind: 'client-ca', path: '/etc/kubernetes/certs/ca.crt', shippedMode: 0o600, sources: [AKS_CSE] },
  { provider: 'aks', kind: 'kubeconfig', path: '/var/lib/kubelet/kubeconfig', shippedMode: 0o644, sources: [AKS_CSE] },
  {
    provider: 'gke',
    kind: 'config',
    path: '/home/kubernetes/kubelet-config.yaml',
    sources: ['kubernetes/kubernetes:cluster/gce/gci/configure.sh', GCE_HELPER],
  },
  { provider: 'gke', kind: 'env-file', path: '/etc/default/kubelet', sources: [GCE_HELPER] },
  {
    provider: 'gke',
    kind: 'kubeconfig',
    path: '/var/lib/kubelet/kubeconfig',
    sources: [GCE_HELPER],
    inferred: true,
    note: 'Written by create-kubelet-kubeconfig; the path is inferred from the helper.',
  },
  { provider: 'gke', kind: 'pki-dir', path: '/var/lib/kubelet/pki', sources: [GCE_HELPER] },
];

/** Every provider's default kubelet config file, tried in this order when no --config flag is visible. */
export function defaultKubeletConfigPaths(provider?: Provider): string[] {
  return KUBELET_FILE_LOCATIONS.filter(
    (l) => l.kind === 'config' && (provider === undefined || l.provider === provider),
  )
    .map((l) => l.path)
    .concat(provider === undefined ? ['/var/lib/kubelet/config.yaml'] : []);
}

export type KubeletCheckSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface KubeletCheck {
  id: string;
  title: string;
  severity: KubeletCheckSeverity;
  /** CIS Kubernetes Benchmark recommendation numbers (generic node section / EKS benchmark), as kube-bench names them. */
  cis: string[];
  why: string;
  remediation: string;
  sources: string[];
}

const CIS = 'https://www.cisecurity.org/benchmark/kubernetes';
const KUBE_BENCH_CIS = 'aquasecurity/kube-bench:cfg/cis-1.10/node.yaml';
const KUBE_BENCH_EKS = 'aquasecurity/kube-bench:cfg/eks-1.5.0/node.yaml';
const KUBELET_AUTH = 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/';

export const KUBELET_CHECKS: readonly KubeletCheck[] = [
  {
    id: 'kubelet-anonymous-auth',
    title: 'Kubelet accepts anonymous requests',
    severity: 'high',
    cis: ['4.2.1', 'EKS 3.2.1'],
    why: 'Requests to the kubelet API (port 10250) without credentials are served as system:anonymous; with AlwaysAllow that is exec into every pod on the node.',
    remediation: 'Set authentication.anonymous.enabled: false (or --anonymous-auth=false).',
    sources: [CIS, KUBE_BENCH_CIS, KUBE_BENCH_EKS, KUBELET_AUTH],
  },
  {
    id: 'kubelet-authorization-always-allow',
    title: 'Kubelet authorizes every request',
    severity: 'critical',
    cis: ['4.2.2', 'EKS 3.2.2'],
    why: 'AlwaysAllow lets any authenticated (or, with anonymous auth, any) caller exec, read logs and proxy through the kubelet.',
    remediation: 'Set authorization.mode: Webhook and authentication.webhook.enabled: true.',
    sources: [CIS, KUBE_BENCH_CIS, KUBE_BENCH_EKS, KUBELET_AUTH],
  },
  {
    id: 'kubelet-client-ca-missing',
    title: 'Kubelet has no client CA',
    severity: 'medium',
    cis: ['4.2.3', 'EKS 3.2.3'],
    why: 'Without a client CA the kubelet cannot authenticate the API server by certificate; callers fall back to tokens or anonymous.',
    remediation: 'Set authentication.x509.clientCAFile to the cluster CA.',
    sources: [CIS, KUBE_BENCH_CIS, KUBE_BENCH_EKS],
  },
  {
    id: 'kubelet-read-only-port',
    title: 'Kubelet read-only port is open',
    severity: 'medium',
    cis: ['4.2.4', 'EKS 3.2.4'],
    why: 'Port 10255 serves pod specs (environment variables, images, volumes) and metrics with no authentication to anything that reaches the node.',
    remediation: 'Set readOnlyPort: 0 (or --read-only-port=0).',
    sources: [CIS, KUBE_BENCH_CIS, KUBE_BENCH_EKS],
  },
  {
    id: 'kubelet-streaming-timeout-disabled',
    title: 'Kubelet streaming connections never time out',
    severity: 'low',
    cis: ['4.2.5', 'EKS 3.2.5'],
    why: 'Idle exec/attach/port-forward streams stay open forever, which helps an attacker keep access and exhausts the node.',
    remediation: 'Leave streamingConnectionIdleTimeout at its default (4h) or set a non-zero value.',
    sources: [CIS, KUBE_BENCH_EKS],
  },
  {
    id: 'kubelet-protect-kernel-defaults',
    title: 'Kubelet does not protect kernel defaults',
    severity: 'low',
    cis: ['4.2.6 (CIS 1.6)'],
    why: 'With protectKernelDefaults the kubelet refuses to start when kernel tunables differ from what it expects, instead of silently changing them.',
    remediation: 'Set protectKernelDefaults: true and tune the sysctls the kubelet checks.',
    sources: [CIS, 'aquasecurity/kube-bench:cfg/cis-1.6/node.yaml'],
  },
  {
    id: 'kubelet-iptables-util-chains',
    title: 'Kubelet does not manage its iptables chains',
    severity: 'low',
    cis: ['4.2.6', 'EKS 3.2.6'],
    why: 'The kubelet keeps the KUBE-FIREWALL drop rules for martian packets only when it manages its iptables utility chains.',
    remediation: 'Leave makeIPTablesUtilChains at its default (true).',
    sources: [CIS, KUBE_BENCH_CIS, KUBE_BENCH_EKS],
  },
  {
    id: 'kubelet-client-cert-rotation-disabled',
    title: 'Kubelet client certificate is not rotated',
    severity: 'medium',
    cis: ['4.2.10'],
    why: 'A kubelet client certificate that never rotates stays valid until it expires: a stolen node credential keeps working.',
    remediation: 'Set rotateCertificates: true (or --rotate-certificates).',
    sources: [CIS, KUBE_BENCH_CIS],
  },
  {
    id: 'kubelet-serving-cert-self-signed',
    title: 'Kubelet serves a self-signed certificate',
    severity: 'low',
    cis: ['4.2.9', '4.2.11'],
    why: 'Without serverTLSBootstrap or a provided serving certificate, the kubelet self-signs: clients cannot verify it and a man in the middle can answer for the node.',
    remediation: 'Set serverTLSBootstrap: true (certificates from the cluster CA) or tlsCertFile/tlsPrivateKeyFile.',
    sources: [CIS, KUBE_BENCH_CIS],
  },
  {
    id: 'kubelet-file-permissions',
    title: 'Kubelet file is writable or readable by non-root users',
    severity: 'high',
    cis: ['4.1.1', '4.1.5', '4.1.7', '4.1.9', 'EKS 3.1.1', 'EKS 3.1.3'],
    why: 'Whoever can write the kubelet unit, flags, config or kubeconfig runs code or chooses credentials for the kubelet (root); a readable private key is the node identity.',
    remediation: 'chmod 644 (or stricter) configuration and certificates, 600 private keys; no group or world write.',
    sources: [CIS, KUBE_BENCH_CIS, KUBE_BENCH_EKS],
  },
  {
    id: 'kubelet-file-ownership',
    title: 'Kubelet file is not owned by root:root',
    severity: 'medium',
    cis: ['4.1.2', '4.1.6', '4.1.8', '4.1.10', 'EKS 3.1.2', 'EKS 3.1.4'],
    why: 'The owner of a file can change its mode and contents: a kubelet file owned by another user is that user’s way to root.',
    remediation: 'chown root:root the file.',
    sources: [CIS, KUBE_BENCH_CIS, KUBE_BENCH_EKS],
  },
  {
    id: 'kubelet-config-unreadable',
    title: 'Kubelet configuration file is missing or unparsable',
    severity: 'info',
    cis: [],
    why: 'The kubelet names a configuration file that could not be read here: the effective configuration was computed from flags and defaults only.',
    remediation: 'Check the path and run the scan with read access to it.',
    sources: [KUBELET_CONFIG_DOCS, DROP_IN_DOCS],
  },
];

/** Most permissive mode accepted for each kind of kubelet file (CIS EKS/GKE accept 644 where the generic text says 600). */
export const KUBELET_FILE_MAX_MODE: Readonly<Record<'config' | 'private-key' | 'dir', number>> = {
  config: 0o644,
  'private-key': 0o600,
  dir: 0o755,
};

export function kubeletCheck(id: string): KubeletCheck | undefined {
  return KUBELET_CHECKS.find((c) => c.id === id);
}

export function kubeletSetting(key: string): KubeletSetting | undefined {
  return KUBELET_SETTINGS.find((s) => s.key === key);
}

/**
 * How each provider's kubelet authenticates to the API server. Client-certificate rotation only matters where the
 * kubelet holds a client certificate; EKS kubelets use an exec credential (an IAM token), so the rotation check does
 * not apply there.
 */
export const KUBELET_CLIENT_CREDENTIAL: readonly {
  provider: Provider;
  credential: 'exec-token' | 'client-certificate';
  sources: string[];
  inferred?: boolean;
  note?: string;
}[] = [
  {
    provider: 'eks',
    credential: 'exec-token',
    sources: [`${EKS_KUBELET}/kubeconfig.go`, `${EKS_KUBELET}/kubeconfig-hybrid.yaml.tpl`],
    inferred: true,
    note: 'The hybrid template shows an aws-iam-authenticator exec user; the EC2 template is inferred to do the same.',
  },
  { provider: 'aks', credential: 'client-certificate', sources: [AKS_CSE] },
  { provider: 'gke', credential: 'client-certificate', sources: [GCE_HELPER] },
];
