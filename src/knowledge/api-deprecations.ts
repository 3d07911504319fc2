/**
 * API versions of built-in kinds that Kubernetes deprecated and stopped serving, from the Deprecated API Migration
 * Guide (kubernetes/website:content/en/docs/reference/using-api/deprecation-guide.md, one anchor per removal), plus
 * the Dynamic Resource Allocation versions whose lifecycle the guide does not list yet (their generated
 * `zz_generated.prerelease-lifecycle.go` in kubernetes/kubernetes staging/src/k8s.io/api/resource/).
 *
 * `removedIn` is the first minor that no longer serves the version. `deprecatedIn` is the first minor that warned;
 * where it was not read from a changelog it is `removedIn - 3`, the shortest window the deprecation policy allows
 * for beta versions (https://kubernetes.io/docs/reference/using-api/deprecation-policy/), and `deprecatedInferred`.
 */

export interface ApiDeprecation {
  /** `group/version`; the core group has none of these. */
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: number;
  deprecatedInferred?: boolean;
  /** First Kubernetes minor (1.<n>) that no longer serves this version. */
  removedIn: number;
  /** The version to migrate to, and the minor since which it is served; absent when the kind has no successor. */
  replacement?: { apiVersion: string; since: number };
  source: string;
  note?: string;
}

const GUIDE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';
const guide = (anchor: string): string => `${GUIDE}#${anchor}`;
const DRA_V1BETA1 =
  'kubernetes/kubernetes:staging/src/k8s.io/api/resource/v1beta1/zz_generated.prerelease-lifecycle.go';
const DRA_V1BETA2 =
  'kubernetes/kubernetes:staging/src/k8s.io/api/resource/v1beta2/zz_generated.prerelease-lifecycle.go';

type Row = [apiVersion: string, kinds: string[], removedIn: number, replacement: string, since: number, anchor: string];

// Removals from the migration guide; deprecatedIn defaults to removedIn - 3 (inferred) unless listed below.
const GUIDE_ROWS: Row[] = [
  // v1.32
  [
    'flowcontrol.apiserver.k8s.io/v1beta3',
    ['FlowSchema', 'PriorityLevelConfiguration'],
    32,
    'flowcontrol.apiserver.k8s.io/v1',
    29,
    'flowcontrol-resources-v132',
  ],
  // v1.29
  [
    'flowcontrol.apiserver.k8s.io/v1beta2',
    ['FlowSchema', 'PriorityLevelConfiguration'],
    29,
    'flowcontrol.apiserver.k8s.io/v1',
    29,
    'flowcontrol-resources-v129',
  ],
  // v1.27
  ['storage.k8s.io/v1beta1', ['CSIStorageCapacity'], 27, 'storage.k8s.io/v1', 24, 'csistoragecapacity-v127'],
  // v1.26
  [
    'flowcontrol.apiserver.k8s.io/v1beta1',
    ['FlowSchema', 'PriorityLevelConfiguration'],
    26,
    'flowcontrol.apiserver.k8s.io/v1beta2',
    23,
    'flowcontrol-resources-v126',
  ],
  ['autoscaling/v2beta2', ['HorizontalPodAutoscaler'], 26, 'autoscaling/v2', 23, 'horizontalpodautoscaler-v126'],
  // v1.25
  ['batch/v1beta1', ['CronJob'], 25, 'batch/v1', 21, 'cronjob-v125'],
  ['discovery.k8s.io/v1beta1', ['EndpointSlice'], 25, 'discovery.k8s.io/v1', 21, 'endpointslice-v125'],
  ['events.k8s.io/v1beta1', ['Event'], 25, 'events.k8s.io/v1', 19, 'event-v125'],
  ['autoscaling/v2beta1', ['HorizontalPodAutoscaler'], 25, 'autoscaling/v2', 23, 'horizontalpodautoscaler-v125'],
  ['policy/v1beta1', ['PodDisruptionBudget'], 25, 'policy/v1', 21, 'poddisruptionbudget-v125'],
  ['node.k8s.io/v1beta1', ['RuntimeClass'], 25, 'node.k8s.io/v1', 20, 'runtimeclass-v125'],
  // v1.22
  [
    'admissionregistration.k8s.io/v1beta1',
    ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    22,
    'admissionregistration.k8s.io/v1',
    16,
    'webhook-resources-v122',
  ],
  [
    'apiextensions.k8s.io/v1beta1',
    ['CustomResourceDefinition'],
    22,
    'apiextensions.k8s.io/v1',
    16,
    'customresourcedefinition-v122',
  ],
  ['apiregistration.k8s.io/v1beta1', ['APIService'], 22, 'apiregistration.k8s.io/v1', 10, 'apiservice-v122'],
  ['authentication.k8s.io/v1beta1', ['TokenReview'], 22, 'authentication.k8s.io/v1', 6, 'tokenreview-v122'],
  [
    'authorization.k8s.io/v1beta1',
    ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview'],
    22,
    'authorization.k8s.io/v1',
    6,
    'subjectaccessreview-resources-v122',
  ],
  [
    'certificates.k8s.io/v1beta1',
    ['CertificateSigningRequest'],
    22,
    'certificates.k8s.io/v1',
    19,
    'certificatesigningrequest-v122',
  ],
  ['coordination.k8s.io/v1beta1', ['Lease'], 22, 'coordination.k8s.io/v1', 14, 'lease-v122'],
  ['extensions/v1beta1', ['Ingress'], 22, 'networking.k8s.io/v1', 19, 'ingress-v122'],
  ['networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], 22, 'networking.k8s.io/v1', 19, 'ingress-v122'],
  [
    'rbac.authorization.k8s.io/v1beta1',
    ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    22,
    'rbac.authorization.k8s.io/v1',
    8,
    'rbac-resources-v122',
  ],
  ['scheduling.k8s.io/v1beta1', ['PriorityClass'], 22, 'scheduling.k8s.io/v1', 14, 'priorityclass-v122'],
  [
    'storage.k8s.io/v1beta1',
    ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    22,
    'storage.k8s.io/v1',
    19,
    'storage-resources-v122',
  ],
  // v1.16
  ['extensions/v1beta1', ['NetworkPolicy'], 16, 'networking.k8s.io/v1', 8, 'networkpolicy-v116'],
  ['extensions/v1beta1', ['DaemonSet', 'Deployment', 'ReplicaSet'], 16, 'apps/v1', 9, 'deployment-v116'],
  ['apps/v1beta1', ['Deployment', 'StatefulSet', 'ReplicaSet'], 16, 'apps/v1', 9, 'deployment-v116'],
  ['apps/v1beta2', ['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet'], 16, 'apps/v1', 9, 'deployment-v116'],
];

/** Deprecation minors read from the upstream notes (the guide gives removal only). */
const DEPRECATED_IN: Record<string, { minor: number; source: string }> = {
  // flowcontrol v1 GA in 1.29 deprecated v1beta3 (guide: v1 "available since v1.29").
  'flowcontrol.apiserver.k8s.io/v1beta3': { minor: 29, source: guide('flowcontrol-resources-v132') },
};

const fromGuide: ApiDeprecation[] = GUIDE_ROWS.map(([apiVersion, kinds, removedIn, replacement, since, anchor]) => {
  const dep = DEPRECATED_IN[apiVersion];
  return {
    apiVersion,
    kinds,
    deprecatedIn: dep?.minor ?? removedIn - 3,
    ...(dep ? {} : { deprecatedInferred: true }),
    removedIn,
    replacement: { apiVersion: replacement, since },
    source: guide(anchor),
  };
});

export const API_DEPRECATIONS: readonly ApiDeprecation[] = [
  ...fromGuide,
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: 21,
    removedIn: 25,
    source: guide('psp-v125'),
    note: 'no successor kind: migrate to Pod Security Admission or an admission policy engine',
  },
  {
    apiVersion: 'resource.k8s.io/v1alpha2',
    kinds: [
      'ResourceClass',
      'ResourceClaim',
      'ResourceClaimTemplate',
      'PodSchedulingContext',
      'ResourceClaimParameters',
      'ResourceClassParameters',
      'ResourceSlice',
    ],
    deprecatedIn: 31,
    removedIn: 31,
    replacement: { apiVersion: 'resource.k8s.io/v1', since: 34 },
    source: 'Azure/bicep-types-k8s:generated/v1.31.0/resource.k8s.io/v1alpha3/types.md',
    note: 'alpha: replaced by v1alpha3 in 1.31 without a deprecation period (generated API types list v1alpha2 up to 1.30, v1alpha3 from 1.31); classic DRA kinds have no replacement',
  },
  {
    apiVersion: 'resource.k8s.io/v1beta1',
    kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'],
    deprecatedIn: 35,
    removedIn: 38,
    replacement: { apiVersion: 'resource.k8s.io/v1', since: 34 },
    source: DRA_V1BETA1,
    note: 'generated lifecycle: introduced 1.32, deprecated 1.35, removed 1.38',
  },
  {
    apiVersion: 'resource.k8s.io/v1beta2',
    kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'],
    deprecatedIn: 36,
    removedIn: 39,
    replacement: { apiVersion: 'resource.k8s.io/v1', since: 34 },
    source: DRA_V1BETA2,
    note: 'generated lifecycle: introduced 1.33, deprecated 1.36, removed 1.39',
  },
];

/** The deprecation entry for an object's apiVersion and kind, if that pair is deprecated or removed. */
export function deprecationOf(apiVersion: string, kind: string): ApiDeprecation | undefined {
  return API_DEPRECATIONS.find((d) => d.apiVersion === apiVersion && d.kinds.includes(kind));
}

/** Every kind that has a deprecated or removed version, for checks that target those kinds. */
export const DEPRECATED_KINDS: readonly string[] = [...new Set(API_DEPRECATIONS.flatMap((d) => d.kinds))].sort();

/**
 * API groups built into kube-apiserver (and the aggregator/extensions servers it embeds). Versions of other groups
 * come from CRDs or aggregated API servers that their owners version; only built-in prerelease versions say
 * something about how the control plane was configured. https://kubernetes.io/docs/reference/using-api/#api-groups
 */
export const BUILTIN_API_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

export type ApiStage = 'alpha' | 'beta' | 'ga';

/** `v1alpha1` → alpha, `v2beta2` → beta, `v1` → ga; Kubernetes version names per the API versioning rules. */
export function stageOf(version: string): ApiStage | undefined {
  if (/^v\d+alpha\d+$/.test(version)) return 'alpha';
  if (/^v\d+beta\d+$/.test(version)) return 'beta';
  if (/^v\d+$/.test(version)) return 'ga';
  return undefined;
}

/**
 * Beta group versions that upstream serves without any flag. Since 1.24 new beta APIs are off by default
 * (KEP-3136, https://github.com/kubernetes/enhancements/tree/master/keps/sig-architecture/3136-beta-apis-off-by-default);
 * betas that existed before, and new versions of them, stayed on until removed. Any other built-in beta served
 * by a cluster was turned on by its operator or provider.
 */
export const DEFAULT_ON_BETA: readonly { apiVersion: string; untilRemovedIn: number; source: string }[] = [
  ...API_DEPRECATIONS.filter(
    (d) => d.apiVersion.includes('beta') && d.removedIn <= 32 && !d.apiVersion.startsWith('resource.k8s.io/'),
  ).map((d) => ({ apiVersion: d.apiVersion, untilRemovedIn: d.removedIn, source: d.source })),
];

export function isDefaultOnBeta(apiVersion: string, clusterMinor: number | undefined): boolean {
  return DEFAULT_ON_BETA.some(
    (b) => b.apiVersion === apiVersion && (clusterMinor === undefined || clusterMinor < b.untilRemovedIn),
  );
}
