import { CHECKS } from './checks/index.ts';
import { runChecks } from './checks/run.ts';
import { SEVERITIES, severityRank, type AnyCheck, type Finding, type Severity } from './checks/types.ts';
import { applyProviderContext } from './inventory/accepted-risk.ts';
import { applyWaivers, type Waiver } from './policy/waivers.ts';
import type { HostScanResult } from './host/types.ts';
import { hostPathMountsOf, writableByPods } from './host/writable.ts';
import { nodeFacts } from './inventory/nodes.ts';
import { summarizePrivileges } from './inventory/privileges.ts';
import { responsibilityRows } from './inventory/responsibility.ts';
import { networkAnalysis } from './network/analyze.ts';
import { pathsSection } from './paths/index.ts';
import { classify } from './analyze.ts';
import type { Model } from './model/build.ts';
import { pssCoverage } from './pss/coverage.ts';
import { formatRef } from './model/refs.ts';
import type { Classification, Workload } from './model/types.ts';
import { SCHEMA_VERSION, type InventoryEntry, type ScanResult, type ScanSource } from './result.ts';
import { VERSION } from './version.ts';

export interface ScanOptions {
  source: ScanSource;
  /** Evaluation time for date-dependent facts; defaults to now. */
  asOf?: Date;
  /** Pod Security policy version for coverage (default: the cluster minor, else latest). */
  pssVersion?: string;
  /** Restrict to these check ids (built-in and extra). */
  checks?: readonly string[];
  /** Checks beyond the built-in ones: custom rules from kubeseam.yaml. */
  extraChecks?: readonly AnyCheck[];
  /** Node filesystem scans (`kubeseam host` results) to merge: which pods can write where on each node. */
  hostResults?: readonly HostScanResult[];
  /** Documented exceptions from kubeseam.yaml. */
  waivers?: readonly Waiver[];
}

const CLASS_ORDER: Record<Classification['class'], number> = { workload: 0, middleware: 1, core: 2, agent: 3, host: 4 };

/** Findings a security engineer acts on first: severity, then customer workloads before provider components. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1) ||
    CLASS_ORDER[a.component?.class ?? 'workload'] - CLASS_ORDER[b.component?.class ?? 'workload'] ||
    formatRef(a.resource).localeCompare(formatRef(b.resource)) ||
    a.checkId.localeCompare(b.checkId) ||
    a.path.localeCompare(b.path)
  );
}

const UNCLASSIFIED: Classification = { class: 'workload', reason: 'not classified' };

function inventoryOf(w: Workload): InventoryEntry {
  const images = new Set<string>();
  for (const t of ['initContainers', 'containers'] as const) {
    for (const c of Array.isArray(w.podSpec[t]) ? w.podSpec[t] : [])
      if (typeof c.image === 'string') images.add(c.image);
  }
  return {
    resource: w.ref,
    origin: w.origin,
    classification: w.classification ?? UNCLASSIFIED,
    podCount: w.podCount,
    nodeCount: w.nodeCount,
    serviceAccount: w.serviceAccountName,
    images: [...images],
    privileges: summarizePrivileges(w.podSpec),
  };
}

/** Runs every analyzer over the model. Pure: the same model and options give the same result. */
export function scan(model: Model, options: ScanOptions): ScanResult {
  const asOf = options.asOf ?? new Date();
  classify(model);
  const all: readonly AnyCheck[] = [...CHECKS, ...(options.extraChecks ?? [])];
  const checks = options.checks ? all.filter((c) => options.checks?.includes(c.id)) : all;
  const run = runChecks(model, checks, { asOf });
  applyProviderContext(run.findings, model);
  const waived = applyWaivers(run.findings, options.waivers ?? [], { asOf });
  const findings = waived.findings.sort(compareFindings);
  const errors = run.errors;

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus = { open: 0, waived: 0, 'waiver-expired': 0 };
  for (const f of findings) {
    if (f.status !== 'waived') bySeverity[f.severity]++;
    byStatus[f.status]++;
  }
  const notes: string[] = [];
  for (const c of model.coverage) {
    if (c.status === 'forbidden' || c.status === 'failed') {
      notes.push(`${c.resource}${c.group ? '.' + c.group : ''}: ${c.status}; analyzers that need it are incomplete`);
    }
  }
  for (const u of model.unknownKinds)
    notes.push(`${u.kind} (${u.apiVersion}): ${u.count} object(s) of a kind kubeseam does not analyze`);

  const host = options.hostResults?.length
    ? {
        nodes: options.hostResults.map((h) => ({
          node: h.node ?? h.root,
          ...(h.provider.provider !== 'unknown' ? { provider: h.provider.provider } : {}),
          findings: h.findings,
        })),
        podWritable: (() => {
          const mounts = hostPathMountsOf(model.workloads);
          return options.hostResults.flatMap((h) => writableByPods(h, mounts));
        })(),
      }
    : undefined;

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'kubeseam', version: VERSION },
    scannedAt: asOf.toISOString(),
    source: options.source,
    cluster: model.cluster,
    coverage: { resources: model.coverage, unknownKinds: model.unknownKinds, notes },
    inventory: model.workloads.map(inventoryOf),
    nodes: nodeFacts(model, asOf),
    responsibility: responsibilityRows(model),
    findings,
    waivers: { stale: waived.stale, expired: waived.expired },
    pss: pssCoverage(model, options.pssVersion),
    paths: pathsSection(model),
    network: networkAnalysis(model),
    ...(host ? { host } : {}),
    summary: {
      bySeverity,
      byStatus,
      objects: model.objects.length,
      workloads: model.workloads.length,
      pods: model.byKind.get('Pod')?.length ?? 0,
      namespaces: model.namespaces.size,
      nodes: model.nodes.length,
    },
    errors,
  };
}
