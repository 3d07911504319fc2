/**
 * Cloud metadata and credential endpoints that pods on managed Kubernetes nodes can reach, and the
 * protections the providers document for them. Each fact names its sources (URL or `owner/repo:path`);
 * facts we could not read first-hand in a primary source are marked `inferred: true`.
 *
 * Research notes: /work/shared/research/mcm-catalog.md §1.3 and §5.
 */
import type { Provider } from '../model/types.ts';

export interface SourcedFact {
  /** URLs or `owner/repo:path` references. */
  sources: string[];
  /** True when the fact is not stated in a primary source we read (recalled, or from third-party material). */
  inferred?: boolean;
  /** Caveats: conflicts between sources, defaults that vary, why a fact is inferred. */
  note?: string;
}

/**
 * What a pod gets by reaching the endpoint:
 * - `node-credentials`: the node's cloud identity (instance role, VM managed identity, node service account);
 * - `node-provisioning`: node provisioning data such as bootstrap secrets;
 * - `pod-credentials`: the pod's own workload identity (reachable by design).
 */
export type EndpointSensitivity = 'node-credentials' | 'node-provisioning' | 'pod-credentials';

export interface MetadataEndpoint extends SourcedFact {
  /** Stable id, kebab-case. */
  id: string;
  provider: Provider;
  name: string;
  address: string;
  family: 4 | 6;
  port: number;
  protocol: 'TCP';
  sensitivity: EndpointSensitivity;
  description: string;
  /**
   * Where the node may rewrite the request to before NetworkPolicy sees it (DNAT on some dataplanes).
   * A policy must cover these too to be sure of blocking the endpoint.
   */
  alsoEvaluatedAs?: { address: string; port: number; when: string }[];
  /** Other services on the same address that pods legitimately use (a blocking policy keeps them open). */
  sharedWith?: { protocol: 'TCP' | 'UDP'; port: number; purpose: string }[];
}

/** When a provider protection is in force, as far as Kubernetes objects can show it. */
export type ProtectionCondition =
  /** On every node of the provider's default images. */
  | { kind: 'always' }
  /** When the node carries this label with this value. */
  | { kind: 'nodeLabel'; key: string; value: string }
  /** When the node image version label (…YYYYMM.DD.n) is from this month or later. */
  | { kind: 'nodeImageOnOrAfter'; label: string; month: string }
  /** Node configuration that the Kubernetes API does not show; `default` is what a default node gets. */
  | { kind: 'nodeConfig'; setting: string; default: 'on' | 'off' | 'disputed' };

export interface ProviderProtection extends SourcedFact {
  id: string;
  provider: Provider;
  title: string;
  /** Endpoint ids it protects. */
  endpoints: string[];
  /**
   * - `blocks-connection`: the node drops the traffic;
   * - `blocks-credentials`: the connection succeeds but credentials cannot be obtained;
   * - `replaces-credentials`: the request is answered with the pod's own identity, not the node's.
   */
  effect: 'blocks-connection' | 'blocks-credentials' | 'replaces-credentials';
  /** Whether it also protects against hostNetwork pods. None of the documented ones do. */
  coversHostNetwork: boolean;
  applies: ProtectionCondition;
  description: string;
}

export const METADATA_ENDPOINTS: readonly MetadataEndpoint[] = [
  {
    id: 'aws-imds',
    provider: 'eks',
    name: 'EC2 Instance Metadata Service',
    address: '169.254.169.254',
    family: 4,
    port: 80,
    protocol: 'TCP',
    sensitivity: 'node-credentials',
    description: 'Node IAM role credentials, instance identity and user data (the nodeadm NodeConfig on AL2023).',
    sources: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html',
      'awslabs/amazon-eks-ami:nodeadm/internal/aws/imds/imds.go',
      'aws/aws-eks-best-practices:latest/bpg/security/iam.adoc',
    ],
  },
  {
    id: 'aws-imds-ipv6',
    provider: 'eks',
    name: 'EC2 Instance Metadata Service (IPv6)',
    address: 'fd00:ec2::254',
    family: 6,
    port: 80,
    protocol: 'TCP',
    sensitivity: 'node-credentials',
    description:
      'The IPv6 IMDS endpoint on Nitro instances; served only when HttpProtocolIpv6 is enabled (default disabled).',
    sources: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html',
    ],
  },
  {
    id: 'eks-pod-identity-agent',
    provider: 'eks',
    name: 'EKS Pod Identity Agent',
    address: '169.254.170.23',
    family: 4,
    port: 80,
    protocol: 'TCP',
    sensitivity: 'pod-credentials',
    description:
      'Node-local agent that exchanges a pod’s projected service account token for the IAM role associated with that service account.',
    sources: [
      'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html',
      'aws/eks-pod-identity-agent:configuration/config.go',
    ],
    note: 'Port 80: pods receive AWS_CONTAINER_CREDENTIALS_FULL_URI=http://169.254.170.23/v1/credentials.',
  },
  {
    id: 'eks-pod-identity-agent-ipv6',
    provider: 'eks',
    name: 'EKS Pod Identity Agent (IPv6)',
    address: 'fd00:ec2::23',
    family: 6,
    port: 80,
    protocol: 'TCP',
    sensitivity: 'pod-credentials',
    description: 'The agent’s IPv6 listener.',
    sources: [
      'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html',
      'aws/eks-pod-identity-agent:configuration/config.go',
    ],
  },
  {
    id: 'azure-imds',
    provider: 'aks',
    name: 'Azure Instance Metadata Service',
    address: '169.254.169.254',
    family: 4,
    port: 80,
    protocol: 'TCP',
    sensitivity: 'node-credentials',
    description: 'VM metadata and managed identity tokens, including the kubelet (agent pool) identity.',
    sources: [
      'https://learn.microsoft.com/en-us/azure/virtual-machines/instance-metadata-service',
      'Azure/AgentBaker:parts/linux/cloud-init/artifacts/ensure_imds_restriction.sh',
    ],
  },
  {
    id: 'azure-wireserver',
    provider: 'aks',
    name: 'Azure WireServer',
    address: '168.63.129.16',
    family: 4,
    port: 80,
    protocol: 'TCP',
    sensitivity: 'node-provisioning',
    description: 'Platform channel for the VM agent; serves extension settings and provisioning data.',
    sharedWith: [
      { protocol: 'UDP', port: 53, purpose: 'Azure-provided DNS' },
      { protocol: 'TCP', port: 53, purpose: 'Azure-provided DNS' },
    ],
    sources: [
      'MicrosoftDocs/azure-docs:articles/virtual-network/what-is-ip-address-168-63-129-16.md',
      'Azure/AgentBaker:parts/linux/cloud-init/artifacts/block_wireserver.sh',
    ],
  },
  {
    id: 'azure-hostgaplugin',
    provider: 'aks',
    name: 'Azure HostGAPlugin',
    address: '168.63.129.16',
    family: 4,
    port: 32526,
    protocol: 'TCP',
    sensitivity: 'node-provisioning',
    description:
      'Host guest-agent plugin on the WireServer address; the 2024 "WireServing" research recovered the kubelet TLS bootstrap token through it.',
    sources: [
      'https://cloud.google.com/blog/topics/threat-intelligence/escalating-privileges-azure-kubernetes-services/',
      'Azure/AgentBaker:parts/linux/cloud-init/artifacts/block_wireserver.sh',
      'wiz-sec/open-cvdb:vulnerabilities/wireserving-credentials-azure-kubernetes.yaml',
    ],
  },
  {
    id: 'gce-metadata',
    provider: 'gke',
    name: 'Compute Engine metadata server',
    address: '169.254.169.254',
    family: 4,
    port: 80,
    protocol: 'TCP',
    sensitivity: 'node-credentials',
    description:
      'metadata.google.internal: the node service account token, instance attributes (kube-env on nodes without Workload Identity).',
    sources: [
      'https://cloud.google.com/compute/docs/metadata/querying-metadata',
      'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata',
    ],
    alsoEvaluatedAs: [
      {
        address: '169.254.169.252',
        port: 988,
        when: 'Workload Identity node on the iptables dataplane: the node DNATs 169.254.169.254:80 to the GKE metadata server before policy is evaluated',
      },
    ],
    note: 'The DNAT detail comes from public repositories describing GKE nodes, not from a Google page we read.',
  },
  {
    id: 'gce-metadata-ipv6',
    provider: 'gke',
    name: 'Compute Engine metadata server (IPv6)',
    address: 'fd20:ce::254',
    family: 6,
    port: 80,
    protocol: 'TCP',
    sensitivity: 'node-credentials',
    description: 'The metadata server’s IPv6 address on IPv6-enabled instances.',
    sources: ['https://cloud.google.com/compute/docs/metadata/querying-metadata'],
    inferred: true,
    note: 'Listed as GCP’s IPv6 metadata address by many public SSRF deny-lists; not confirmed in a Google page we read.',
  },
  {
    id: 'gke-metadata-server',
    provider: 'gke',
    name: 'GKE metadata server (Workload Identity Federation for GKE)',
    address: '169.254.169.252',
    family: 4,
    port: 988,
    protocol: 'TCP',
    sensitivity: 'pod-credentials',
    description:
      'gke-metadata-server DaemonSet (hostNetwork) on nodes with Workload Identity; answers pods’ metadata requests with the token of the pod’s own Kubernetes service account.',
    sources: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy',
      'https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity',
    ],
    inferred: true,
    note: 'The network-policy page’s instruction to allow 169.254.169.252/32 port 988 is recalled, and corroborated by public manifests; we did not read the page itself.',
  },
];

export const PROVIDER_PROTECTIONS: readonly ProviderProtection[] = [
  {
    id: 'eks-imds-hop-limit',
    provider: 'eks',
    title: 'IMDSv2 required with response hop limit 1',
    endpoints: ['aws-imds', 'aws-imds-ipv6'],
    effect: 'blocks-credentials',
    coversHostNetwork: false,
    applies: {
      kind: 'nodeConfig',
      setting: 'EC2 metadata options HttpTokens=required and HttpPutResponseHopLimit=1 on the node',
      default: 'disputed',
    },
    description:
      'With IMDSv2 required and hop limit 1, the token response cannot reach a container behind an extra network hop, so pods without host networking get no node credentials. The TCP connection itself still succeeds.',
    sources: [
      'awsdocs/amazon-eks-user-guide:latest/ug/nodes/al2023.adoc',
      'awsdocs/amazon-eks-user-guide:latest/ug/nodes/launch-templates.adoc',
      'aws/aws-eks-best-practices:latest/bpg/security/iam.adoc',
    ],
    note: 'al2023.adoc: AL2023 requires IMDSv2 and managed node groups default to hop count 1. launch-templates.adoc: the default launch template sets the hop limit "automatically" in a note about setting it to 2; the best-practices guide says eksctl and the official CloudFormation templates set 2 (with IMDSv1 enabled). Check each node group.',
  },
  {
    id: 'aks-wireserver-block',
    provider: 'aks',
    title: 'Node iptables FORWARD drop of TCP 80 to WireServer',
    endpoints: ['azure-wireserver'],
    effect: 'blocks-connection',
    coversHostNetwork: false,
    applies: { kind: 'always' },
    description:
      'AKS Linux nodes drop forwarded (pod) TCP traffic to 168.63.129.16:80; the host reaches it through the OUTPUT chain, so hostNetwork pods are not covered. UDP (DNS) stays open.',
    sources: ['Azure/AgentBaker:parts/linux/cloud-init/artifacts/block_wireserver.sh'],
    note: 'Applies to AgentBaker-built Linux node images; Windows nodes were not checked.',
  },
  {
    id: 'aks-hostgaplugin-block',
    provider: 'aks',
    title: 'Node iptables FORWARD drop of TCP 32526 to HostGAPlugin',
    endpoints: ['azure-hostgaplugin'],
    effect: 'blocks-connection',
    coversHostNetwork: false,
    applies: { kind: 'nodeImageOnOrAfter', label: 'kubernetes.azure.com/node-image-version', month: '2024-07' },
    description:
      'Added after the WireServing disclosure: forwarded (pod) TCP traffic to 168.63.129.16:32526 is dropped. Older node images blocked only port 80.',
    sources: [
      'Azure/AgentBaker:parts/linux/cloud-init/artifacts/block_wireserver.sh',
      'https://github.com/Azure/AgentBaker/pull/4470',
      'https://github.com/Azure/AKS/issues/4503',
      'https://cloud.google.com/blog/topics/threat-intelligence/escalating-privileges-azure-kubernetes-services/',
    ],
    inferred: true,
    note: 'The exact first fixed node image is not documented; 2024-07 follows the AgentBaker change (2024-06-04) and the AKS release of 2024-07-16.',
  },
  {
    id: 'aks-imds-restriction',
    provider: 'aks',
    title: 'AKS IMDS restriction',
    endpoints: ['azure-imds'],
    effect: 'blocks-connection',
    coversHostNetwork: false,
    applies: {
      kind: 'nodeConfig',
      setting: 'AKS IMDS restriction (ENABLE_IMDS_RESTRICTION on the node)',
      default: 'off',
    },
    description:
      'Opt-in: the node drops forwarded TCP traffic to 169.254.169.254:80 whose source is not the node IP. Off by default, so by default pods can request the kubelet identity’s tokens.',
    sources: ['Azure/AgentBaker:parts/linux/cloud-init/artifacts/ensure_imds_restriction.sh'],
  },
  {
    id: 'gke-workload-identity',
    provider: 'gke',
    title: 'Workload Identity Federation for GKE (GKE metadata server)',
    endpoints: ['gce-metadata', 'gce-metadata-ipv6'],
    effect: 'replaces-credentials',
    coversHostNetwork: false,
    applies: { kind: 'nodeLabel', key: 'iam.gke.io/gke-metadata-server-enabled', value: 'true' },
    description:
      'On node pools with the GKE metadata server, pods’ requests to 169.254.169.254 are answered by gke-metadata-server with the pod’s own identity; the node service account and sensitive instance metadata are not exposed. hostNetwork pods still reach the Compute Engine metadata server.',
    sources: [
      'https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity',
      'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata',
    ],
    note: 'The node label is what the gke-metadata-server DaemonSet selects and what Google’s examples use as a nodeSelector.',
  },
];

export function endpointsFor(provider: Provider | 'unknown'): MetadataEndpoint[] {
  return METADATA_ENDPOINTS.filter((e) => provider === 'unknown' || e.provider === provider);
}

export function protectionsFor(provider: Provider | 'unknown'): ProviderProtection[] {
  return PROVIDER_PROTECTIONS.filter((p) => provider === 'unknown' || p.provider === provider);
}
