/**
 * Container registries that providers publish their cluster components from. The catalog writes image patterns
 * as `{registry-id}/path`, so a component is recognised only when its image comes from one of these, and a
 * workload named like middleware but pulling from elsewhere stands out.
 *
 * A pattern is a regular expression matched at the start of the normalised repository (`host/path`, no tag):
 * where a host is shared by many publishers (gcr.io, public.ecr.aws), the pattern includes the publisher's path.
 *
 * Research notes: /work/shared/research/mcm-catalog.yaml `imageRegistryHints`.
 */
import type { Provider } from '../model/types.ts';

export interface Registry {
  id: string;
  /** `kubernetes` for the upstream project's registries, which every provider also pulls from. */
  owner: Provider | 'kubernetes';
  /** Regular expression for the repository prefix, without anchors. */
  pattern: string;
  description: string;
  sources: string[];
  inferred?: boolean;
  note?: string;
}

const EKS_ADDON_IMAGES = 'awsdocs/amazon-eks-user-guide:latest/ug/workloads/add-ons-images.adoc';

/** Amazon EKS add-on registry accounts by region: 602401143452 serves every region not listed. */
export const EKS_ADDON_ACCOUNTS: readonly {
  account: string;
  regions: string[];
  sources: string[];
  inferred?: boolean;
  note?: string;
}[] = [
  { account: '602401143452', regions: ['*'], sources: [EKS_ADDON_IMAGES] },
  { account: '877085696533', regions: ['af-south-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '800184023465', regions: ['ap-east-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '900889452093', regions: ['ap-south-2'], sources: [EKS_ADDON_IMAGES] },
  { account: '296578399912', regions: ['ap-southeast-3'], sources: [EKS_ADDON_IMAGES] },
  { account: '491585149902', regions: ['ap-southeast-4'], sources: [EKS_ADDON_IMAGES] },
  { account: '761377655185', regions: ['ca-west-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '918309763551', regions: ['cn-north-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '961992271922', regions: ['cn-northwest-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '900612956339', regions: ['eu-central-2'], sources: [EKS_ADDON_IMAGES] },
  { account: '590381155156', regions: ['eu-south-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '455263428931', regions: ['eu-south-2'], sources: [EKS_ADDON_IMAGES] },
  { account: '066635153087', regions: ['il-central-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '558608220178', regions: ['me-south-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '759879836304', regions: ['me-central-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '151742754352', regions: ['us-gov-east-1'], sources: [EKS_ADDON_IMAGES] },
  { account: '013241004608', regions: ['us-gov-west-1'], sources: [EKS_ADDON_IMAGES] },
  ...(
    [
      ['151610086707', 'ap-southeast-5'],
      ['121268973566', 'ap-southeast-7'],
      ['730335286997', 'mx-central-1'],
      ['533267051163', 'ap-east-2'],
    ] as const
  ).map(([account, region]) => ({
    account,
    regions: [region],
    sources: ['https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring-ecr-repository-gdu-agent.html'],
    inferred: true,
    note: 'Newer regions, read from the GuardDuty EKS add-on registry table (the same add-on accounts), not from the EKS add-on image list',
  })),
];

const accounts = EKS_ADDON_ACCOUNTS.map((a) => a.account).join('|');

export const REGISTRIES: readonly Registry[] = [
  {
    id: 'eks-addon-ecr',
    owner: 'eks',
    pattern: `(?:${accounts})\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?`,
    description: 'Amazon EKS add-on images in the regional EKS ECR accounts (<account>.dkr.ecr.<region>.amazonaws.com)',
    sources: [EKS_ADDON_IMAGES, 'aws/amazon-vpc-cni-k8s:config/master/aws-k8s-cni.yaml'],
  },
  {
    id: 'aws-public-ecr',
    owner: 'eks',
    pattern:
      'public\\.ecr\\.aws/(?:eks|eks-distro|ebs-csi-driver|efs-csi-driver|csi-components|aws-observability|cloudwatch-agent|mountpoint-s3-csi-driver)',
    description: 'AWS-owned aliases of the ECR Public Gallery that EKS components are published under',
    sources: [
      EKS_ADDON_IMAGES,
      'kubernetes-sigs/aws-ebs-csi-driver:deploy/kubernetes/base/node.yaml',
      'kubernetes-sigs/aws-efs-csi-driver:deploy/kubernetes/base/node-daemonset.yaml',
      'awslabs/mountpoint-s3-csi-driver:deploy/kubernetes/base/node.yaml',
      'aws-samples/amazon-cloudwatch-container-insights:k8s-deployment-manifest-templates/deployment-mode/daemonset/container-insights-monitoring/fluent-bit/fluent-bit.yaml',
    ],
  },
  {
    id: 'mcr',
    owner: 'aks',
    pattern: 'mcr\\.microsoft\\.com',
    description:
      'Microsoft Artifact Registry; only Microsoft publishes there, AKS components live under /oss, /aks, /containernetworking, /azuremonitor…',
    sources: [
      'kubernetes-sigs/azuredisk-csi-driver:deploy/csi-azuredisk-node.yaml',
      'Azure/azure-container-networking:cns/azure-cns.yaml',
      'MicrosoftDocs/azure-aks-docs:articles/aks/use-labels.md',
    ],
    note: 'MCR also serves Microsoft images unrelated to AKS: a registry match alone does not make a component',
  },
  {
    id: 'microsoft-ghcr',
    owner: 'aks',
    pattern: 'ghcr\\.io/microsoft',
    description: 'Microsoft organisation on GitHub Container Registry (Retina upstream images)',
    sources: ['microsoft/retina:deploy/standard/manifests/controller/helm/retina/values.yaml'],
    inferred: true,
    note: 'Upstream Retina images; the AKS add-on pulls from MCR',
  },
  {
    id: 'gke',
    owner: 'gke',
    pattern: 'gke\\.gcr\\.io',
    description: 'GKE system images',
    sources: [
      'GoogleCloudPlatform/gcs-fuse-csi-driver:deploy/base/node/node.yaml',
      'kubernetes-sigs/gcp-compute-persistent-disk-csi-driver:deploy/kubernetes/base/node_linux/node.yaml',
      'falcosecurity/plugins:plugins/k8saudit/rules/k8s_audit_rules.yaml',
    ],
  },
  {
    id: 'gke-release',
    owner: 'gke',
    pattern: '(?:gcr\\.io/gke-release|[a-z0-9-]+-artifactregistry\\.gcr\\.io/gke-release/gke-release)',
    description: 'GKE release project on gcr.io, and its regional Artifact Registry mirrors',
    sources: ['GoogleCloudPlatform/container-engine-accelerators:cmd/nvidia_gpu/device-plugin.yaml'],
    note: 'The regional mirror form is inferred from public GKE image lists',
  },
  {
    id: 'google-containers',
    owner: 'gke',
    pattern: '(?:gcr\\.io/google[-_]containers)',
    description: 'Google-owned legacy gcr.io project for Kubernetes and GKE add-on images',
    sources: [
      'GoogleCloudPlatform/netd:netd.yaml',
      'GoogleCloudPlatform/k8s-stackdriver:event-exporter/example/event-exporter.yaml',
    ],
  },
  {
    id: 'k8s',
    owner: 'kubernetes',
    pattern: '(?:registry\\.k8s\\.io|k8s\\.gcr\\.io)',
    description: 'The Kubernetes project registry (and its legacy name)',
    sources: [
      'kubernetes-sigs/secrets-store-csi-driver:deploy/secrets-store-csi-driver.yaml',
      'kubernetes/node-problem-detector:deployment/node-problem-detector.yaml',
    ],
  },
];

export function findRegistry(id: string): Registry | undefined {
  return REGISTRIES.find((r) => r.id === id);
}

/** Replaces `{registry-id}` with the registry's pattern; throws on an unknown id so bad catalog data fails tests. */
export function expandImagePattern(template: string): string {
  return template.replace(/\{([a-z0-9-]+)\}/g, (_m, id: string) => {
    const r = findRegistry(id);
    if (!r) throw new Error(`unknown registry {${id}} in image pattern ${template}`);
    return r.pattern;
  });
}

const compiled = new Map<string, RegExp>();

/** Whole-repository regular expression for a catalog image pattern (cached). */
export function imagePatternRegExp(template: string): RegExp {
  let re = compiled.get(template);
  if (!re) {
    re = new RegExp(`^(?:${expandImagePattern(template)})$`);
    compiled.set(template, re);
  }
  return re;
}

/** The registry a normalised repository comes from, if it is one of the known ones. */
export function registryOf(repository: string): Registry | undefined {
  return REGISTRIES.find((r) => new RegExp(`^(?:${r.pattern})/`).test(repository));
}
