import type { CheckRunError } from './checks/run.ts';
import type { Finding, Severity } from './checks/types.ts';
import type { PrivilegeSummary } from './inventory/privileges.ts';
import type { PssCoverage } from './pss/coverage.ts';
import type { StaleWaiver, Waiver } from './policy/waivers.ts';
import type { NodeFacts } from './inventory/nodes.ts';
import type { ResponsibilityRow } from './inventory/responsibility.ts';
import type { PathsReport } from './paths/index.ts';
import type { NetworkAnalysis } from './network/analyze.ts';
import type { HostFinding, PodWritableHostPath } from './host/types.ts';
import type { Classification, ClusterFacts, CoverageEntry, ObjectRef, Origin } from './model/types.ts';

export const SCHEMA_VERSION = 1;

export interface InventoryEntry {
  resource: ObjectRef;
  origin: Origin;
  classification: Classification;
  podCount: number;
  nodeCount: number;
  serviceAccount: string;
  images: string[];
  privileges: PrivilegeSummary;
}

export interface ScanSource {
  kind: 'cluster' | 'snapshot' | 'files';
  files?: string[];
  snapshot?: string;
  context?: string;
  demo?: string;
}

export interface ScanSummary {
  bySeverity: Record<Severity, number>;
  byStatus: { open: number; waived: number; 'waiver-expired': number };
  objects: number;
  workloads: number;
  pods: number;
  namespaces: number;
  nodes: number;
}

/** The public contract of a scan: versioned, documented by docs/scan-result.schema.json. */
export interface ScanResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'kubeseam'; version: string };
  scannedAt: string;
  source: ScanSource;
  cluster: ClusterFacts;
  coverage: {
    resources: CoverageEntry[];
    unknownKinds: { apiVersion: string; kind: string; count: number }[];
    notes: string[];
  };
  inventory: InventoryEntry[];
  /** Kubelet, OS and node image versions per node, skew against the control plane, node image age. */
  nodes: NodeFacts[];
  /** For each provider component: who must act to patch it. */
  responsibility: ResponsibilityRow[];
  findings: Finding[];
  /** Waivers that matched nothing (stale), and waivers past their date that still match findings (expired). */
  waivers: { stale: StaleWaiver[]; expired: Waiver[] };
  /** Pod Security coverage per namespace, would-break lists and label plans. */
  pss: PssCoverage;
  /** Attack paths from footholds to node root, cluster-admin and cloud identity, ranked; blast radius per component. */
  paths: PathsReport;
  /** Metadata-API exposure per workload and namespace, and the NetworkPolicies that would close it. */
  network: NetworkAnalysis;
  /** Node filesystem scans merged in (`scan --host-results DIR`): findings per node, and host paths pods can write. */
  host?: {
    nodes: { node: string; provider?: string; findings: HostFinding[] }[];
    podWritable: PodWritableHostPath[];
  };
  summary: ScanSummary;
  errors: CheckRunError[];
}
