import type { CheckRunError } from './checks/run.ts';
import type { Finding, Severity } from './checks/types.ts';
import type { PrivilegeSummary } from './inventory/privileges.ts';
import type { PssCoverage } from './pss/coverage.ts';
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
  findings: Finding[];
  /** Pod Security coverage per namespace, would-break lists and label plans. */
  pss: PssCoverage;
  summary: ScanSummary;
  errors: CheckRunError[];
}
