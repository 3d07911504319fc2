/**
 * Published security advisories about provider middleware and host agents, with the versions they affect and
 * how the fix reaches a cluster. Matching is by image tag (semver-like, provider build suffixes allowed), by node
 * image date, or by a spec signature the fix removed. A tag that cannot be read as a version never matches:
 * kubeseam does not guess.
 *
 * Research notes: /work/shared/research/mcm-catalog.md §1.
 */
import type { Provider } from '../model/types.ts';
import { imagePatternRegExp } from './registries.ts';

export type AdvisorySeverity = 'critical' | 'high' | 'medium' | 'low';

/**
 * How the fix reaches the cluster: `provider` rolls it out; `addon-update` needs the add-on (or chart) updated to
 * a fixed version; `node-image-upgrade` needs nodes upgraded or reimaged to a fixed node image.
 */
export type PatchPath = 'provider' | 'addon-update' | 'node-image-upgrade';

export type VersionScheme = 'semver' | 'ciprod-date';

/** Affected when `introduced` <= version < `fixed` (either bound optional). */
export interface VersionRange {
  introduced?: string;
  fixed?: string;
}

export type AdvisoryMatcher =
  | {
      kind: 'image';
      /** Repository patterns, as in the catalog (`{registry-id}/path`). */
      repositories: string[];
      scheme: VersionScheme;
      affected: VersionRange[];
      /** Restrict to workloads recognised as these catalog components. */
      components?: string[];
      patchPath: PatchPath;
    }
  | {
      kind: 'node-image';
      provider: Provider;
      /** Node label holding the node image version. */
      label: string;
      /** Node images built before this date (YYYY-MM-DD) are affected. */
      before: string;
      /** Only when one of these catalog components runs in the cluster. */
      whenComponents?: string[];
      patchPath: PatchPath;
    }
  | {
      kind: 'host-path';
      components: string[];
      /** The host path whose mount the fix removed. */
      hostPath: string;
      patchPath: PatchPath;
    };

export interface Advisory {
  id: string;
  aliases?: string[];
  title: string;
  summary: string;
  severity: AdvisorySeverity;
  published: string;
  providers: Provider[];
  /** Catalog components concerned (for reports; matchers decide). */
  components: string[];
  /** Human-readable fixed versions. */
  fixed: string;
  matchers: AdvisoryMatcher[];
  sources: string[];
  inferred?: boolean;
  note?: string;
}

const FLUENT_BIT_TENABLE = 'https://www.tenable.com/security/research/tra-2024-17';
const INGRESS_NGINX = 'https://github.com/kubernetes/kubernetes/issues/131009';

export const ADVISORIES: readonly Advisory[] = [
  {
    id: 'GCP-2023-047',
    title: 'GKE Fluent Bit and Cloud Service Mesh privilege escalation',
    summary:
      'fluentbit-gke mounted /var/lib/kubelet/pods, exposing every pod’s projected token on the node; with the excess RBAC that Anthos Service Mesh’s istio-cni-node kept, a compromised logging container could reach cluster-admin',
    severity: 'medium',
    published: '2023-12-14',
    providers: ['gke'],
    components: ['gke/fluentbit-gke', 'gke/istio-cni-node'],
    fixed: 'GKE releases from 2023-12-14 remove the pod-directory mount from fluentbit-gke',
    matchers: [
      {
        kind: 'host-path',
        components: ['gke/fluentbit-gke'],
        hostPath: '/var/lib/kubelet/pods',
        patchPath: 'provider',
      },
    ],
    sources: [
      'https://cloud.google.com/anthos/clusters/docs/security-bulletins#gcp-2023-047',
      'https://unit42.paloaltonetworks.com/google-kubernetes-engine-privilege-escalation-fluentbit-anthos/',
      'cloud-native-security-news/cloud-native-security-news:2024-01-08_Unit42_GKE_k8s-escalation.md',
    ],
    note: 'Fixed GKE versions per minor were not read; the matcher uses the spec signature the fix removed',
  },
  {
    id: 'CVE-2024-4323',
    aliases: ['Linguistic Lumberjack'],
    title: 'Fluent Bit HTTP server memory corruption (Linguistic Lumberjack)',
    summary:
      'Heap overflow in the embedded HTTP server’s /api/v1/traces handler: denial of service, information disclosure, possibly code execution by anyone who can reach the monitoring port',
    severity: 'critical',
    published: '2024-05-20',
    providers: ['eks', 'aks', 'gke'],
    components: [],
    fixed: 'Fluent Bit 3.0.4',
    matchers: [
      {
        kind: 'image',
        repositories: ['docker\\.io/fluent/fluent-bit', 'cr\\.fluentbit\\.io/fluent/fluent-bit'],
        scheme: 'semver',
        affected: [{ introduced: '2.0.7', fixed: '3.0.4' }],
        patchPath: 'addon-update',
      },
    ],
    sources: [
      FLUENT_BIT_TENABLE,
      'https://github.com/aws/aws-for-fluent-bit/issues/826',
      'https://github.com/wolfi-dev/advisories/pull/4973',
    ],
    note: 'AWS for Fluent Bit (based on Fluent Bit 1.9) is not affected (aws/aws-for-fluent-bit#826); GKE’s fluent-bit builds are not matched because no bulletin with GKE versions was read',
  },
  {
    id: 'WIRESERVING-2024',
    title: 'AKS TLS bootstrap credentials reachable through WireServer/HostGAPlugin (WireServing)',
    summary:
      'On Azure CNI clusters with Azure Network Policy Manager, pods could reach HostGAPlugin on 168.63.129.16:32526 and recover provisioning data including the kubelet TLS bootstrap token, then act as a node',
    severity: 'high',
    published: '2024-08-19',
    providers: ['aks'],
    components: ['aks/azure-npm'],
    fixed:
      'AKS release 2024-07-16 (NPM iptables rules) and the port 32526 FORWARD block in node provisioning (AKS release 2024-08-27)',
    matchers: [
      {
        kind: 'node-image',
        provider: 'aks',
        label: 'kubernetes.azure.com/node-image-version',
        before: '2024-08-27',
        whenComponents: ['aks/azure-npm'],
        patchPath: 'node-image-upgrade',
      },
    ],
    sources: [
      'https://cloud.google.com/blog/topics/threat-intelligence/escalating-privileges-azure-kubernetes-services/',
      'https://github.com/Azure/AKS/issues/4503',
      'https://github.com/Azure/AgentBaker/pull/4470',
      'https://github.com/Azure/AKS/pull/4517',
    ],
    inferred: true,
    note: 'The 32526 block is applied by node provisioning scripts; a node image dated before the 2024-08-27 release is used as a proxy for nodes provisioned without it. hostNetwork pods are never covered by the block.',
  },
  {
    id: 'CVE-2021-27075',
    title: 'Azure VM extension protected settings readable by unprivileged users',
    summary:
      'An unprivileged process could decrypt VM extension protected settings through the WireServer certificates endpoint; on AKS these include provisioning secrets',
    severity: 'medium',
    published: '2021-03-09',
    providers: ['aks'],
    components: [],
    fixed: 'AKS node image 2020.10.15',
    matchers: [
      {
        kind: 'node-image',
        provider: 'aks',
        label: 'kubernetes.azure.com/node-image-version',
        before: '2020-10-15',
        patchPath: 'node-image-upgrade',
      },
    ],
    sources: ['wiz-sec/open-cvdb:vulnerabilities/cve-2021-27075.yaml'],
  },
  {
    id: 'CVE-2021-38647',
    aliases: ['OMIGOD', 'CVE-2021-38648', 'CVE-2021-38645', 'CVE-2021-38649'],
    title: 'OMI remote code execution and privilege escalation (OMIGOD) in the Container Insights agent image',
    summary:
      'OMI before 1.6.8-1 allowed unauthenticated code execution as root and local privilege escalation; the Container Insights agent image (omsagent) bundled OMI until release ciprod06112021',
    severity: 'high',
    published: '2021-09-14',
    providers: ['aks'],
    components: ['aks/ama-logs', 'aks/ama-logs-rs'],
    fixed: 'OMI 1.6.8-1; the agent image stopped installing OMI in ciprod06112021',
    matchers: [
      {
        kind: 'image',
        repositories: ['{mcr}/azuremonitor/containerinsights/ciprod'],
        scheme: 'ciprod-date',
        affected: [{ fixed: '2021.06.11' }],
        patchPath: 'provider',
      },
    ],
    sources: [
      'wiz-sec/open-cvdb:vulnerabilities/omigod.yaml',
      'wiz-sec/open-cvdb:vulnerabilities/cve-2022-29149.yaml',
      'microsoft/Docker-Provider:kubernetes/linux/setup.sh',
    ],
    inferred: true,
    note: 'Whether OMI listened on a network port inside the container is not verified; severity kept below OMIGOD’s critical rating for that reason',
  },
  {
    id: 'CVE-2025-1974',
    aliases: ['IngressNightmare', 'CVE-2025-1097', 'CVE-2025-1098', 'CVE-2025-24514'],
    title: 'ingress-nginx admission controller remote code execution (IngressNightmare)',
    summary:
      'Unauthenticated configuration injection through the admission webhook leads to code execution in the controller, whose service account reads every Secret by default',
    severity: 'critical',
    published: '2025-03-24',
    providers: ['aks'],
    components: ['aks/app-routing-nginx'],
    fixed: 'ingress-nginx v1.11.5 and v1.12.1',
    matchers: [
      {
        kind: 'image',
        repositories: ['{mcr}/oss/(?:v2/)?kubernetes/ingress/nginx-ingress-controller'],
        scheme: 'semver',
        affected: [{ fixed: '1.11.5' }, { introduced: '1.12.0', fixed: '1.12.1' }],
        components: ['aks/app-routing-nginx'],
        patchPath: 'provider',
      },
      {
        kind: 'image',
        repositories: ['{k8s}/ingress-nginx/controller(?:-chroot)?'],
        scheme: 'semver',
        affected: [{ fixed: '1.11.5' }, { introduced: '1.12.0', fixed: '1.12.1' }],
        patchPath: 'addon-update',
      },
    ],
    sources: [INGRESS_NGINX, 'https://github.com/Azure/AKS/issues/4892', 'https://github.com/Azure/AKS/issues/4891'],
    note: 'Provider rebuilds can carry backported fixes under an older tag; AKS rolled the fix out to the application routing add-on automatically',
  },
  {
    id: 'CVE-2023-2878',
    title: 'Secrets Store CSI driver logs service account tokens',
    summary:
      'With TokenRequests configured on the CSIDriver and log level 2 or higher, the driver logs pods’ service account tokens, which can be exchanged for cloud vault access',
    severity: 'medium',
    published: '2023-06-02',
    providers: ['aks'],
    components: ['aks/aks-secrets-store-csi-driver'],
    fixed: 'secrets-store-csi-driver v1.3.3',
    matchers: [
      {
        kind: 'image',
        repositories: ['{mcr}/oss/(?:v2/)?kubernetes-csi/secrets-store/driver', '{k8s}/csi-secrets-store/driver'],
        scheme: 'semver',
        affected: [{ fixed: '1.3.3' }],
        patchPath: 'provider',
      },
    ],
    sources: [
      'https://github.com/kubernetes/kubernetes/issues/118419',
      'https://github.com/Azure/secrets-store-csi-driver-provider-azure/issues/1117',
    ],
  },
  {
    id: 'CVE-2024-3744',
    title: 'Azure File CSI driver logs service account tokens',
    summary:
      'With TokenRequests configured on the CSIDriver and log level 2 or higher, the driver logs service account tokens usable for workload identity federation',
    severity: 'medium',
    published: '2024-05-08',
    providers: ['aks'],
    components: ['aks/csi-azurefile-node'],
    fixed: 'azure-file-csi-driver v1.29.4 and v1.30.1',
    matchers: [
      {
        kind: 'image',
        repositories: ['{mcr}/(?:oss/(?:v2/)?kubernetes-csi|k8s/csi)/azurefile-csi'],
        scheme: 'semver',
        affected: [{ fixed: '1.29.4' }, { introduced: '1.30.0', fixed: '1.30.1' }],
        patchPath: 'provider',
      },
    ],
    sources: ['https://github.com/kubernetes/kubernetes/issues/124759', 'https://github.com/Azure/AKS/issues/4276'],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Versions

/** Build and platform suffixes providers append to upstream versions; anything else makes the tag unreadable. */
const KNOWN_SUFFIX =
  /^(?:[-_.+](?:(?:eksbuild|eks-build|eks|gke|aks|hotfix|patch|build|amd64|arm64|linux|windows)[a-z0-9._-]*|r\d+))?$/i;

/** Numeric version of a tag under a scheme, or undefined when the tag is not a version kubeseam can read. */
export function parseVersion(tag: string, scheme: VersionScheme): number[] | undefined {
  if (scheme === 'ciprod-date') {
    // Container Insights tags: ciprodMMDDYYYY (e.g. ciprod06112021) → [2021, 6, 11].
    const m = /^ciprod(\d{2})(\d{2})(\d{4})(?:[-.].*)?$/.exec(tag);
    if (!m) return undefined;
    return [Number(m[3]), Number(m[1]), Number(m[2])];
  }
  const m = /^v?(\d+(?:\.\d+){1,3})(.*)$/.exec(tag);
  if (!m || !KNOWN_SUFFIX.test(m[2]!)) return undefined;
  return m[1]!.split('.').map(Number);
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Range bounds are written as plain dotted versions (`1.11.5`, `2021.06.11`). */
function bound(v: string): number[] {
  return v.split('.').map(Number);
}

export function inRanges(version: readonly number[], ranges: readonly VersionRange[]): boolean {
  return ranges.some(
    (r) =>
      (r.introduced === undefined || compareVersions(version, bound(r.introduced)) >= 0) &&
      (r.fixed === undefined || compareVersions(version, bound(r.fixed)) < 0),
  );
}

export interface ImageAdvisoryMatch {
  advisory: Advisory;
  matcher: Extract<AdvisoryMatcher, { kind: 'image' }>;
  version: string;
}

/**
 * Advisories affecting an image, given its normalised repository and tag and the catalog component of the
 * workload running it (if recognised). Digest-only and unreadable tags never match.
 */
export function matchImageAdvisories(
  repository: string,
  tag: string | undefined,
  component?: string,
): ImageAdvisoryMatch[] {
  if (tag === undefined) return [];
  const out: ImageAdvisoryMatch[] = [];
  for (const advisory of ADVISORIES) {
    for (const matcher of advisory.matchers) {
      if (matcher.kind !== 'image') continue;
      if (matcher.components && (component === undefined || !matcher.components.includes(component))) continue;
      if (!matcher.repositories.some((r) => imagePatternRegExp(r).test(repository))) continue;
      const v = parseVersion(tag, matcher.scheme);
      if (v && inRanges(v, matcher.affected)) {
        out.push({ advisory, matcher, version: tag });
        break;
      }
    }
  }
  return out;
}

/** Build date of a node image version: AKS `…-202410.09.0` or the older `…-2020.10.15`; undefined otherwise. */
export function nodeImageDate(version: string): string | undefined {
  const m = /(20\d{2})(\d{2})\.(\d{2})\.\d+$/.exec(version) ?? /(20\d{2})\.(\d{2})\.(\d{2})$/.exec(version);
  if (!m) return undefined;
  const [mo, d] = [Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
