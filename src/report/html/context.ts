// What every view of the HTML report needs from a scan result: check lookup, the class and namespace of a finding,
// labels for providers, classes and severities, and the middleware components with their workloads and findings.
import { CHECKS, findCheck } from '../../checks/index.ts';
import { SEVERITIES, type AnyCheck, type Finding, type Severity } from '../../checks/types.ts';
import { findComponent, type CatalogComponent } from '../../knowledge/catalog/index.ts';
import { formatRef } from '../../model/refs.ts';
import type { ObjectRef } from '../../model/types.ts';
import type { BlastRadius } from '../../paths/types.ts';
import type { InventoryEntry, ScanResult } from '../../result.ts';

/** A finding's class for filtering: the component class, or `cluster` for RBAC, namespace and cluster objects. */
export type FindingClass = 'workload' | 'middleware' | 'core' | 'agent' | 'host' | 'cluster';

export const CLASS_LABEL: Record<FindingClass, string> = {
  workload: 'Customer workload',
  middleware: 'Provider middleware',
  core: 'Kubernetes core',
  agent: 'Provider agent',
  host: 'Host service',
  cluster: 'Cluster configuration',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export function providerLabel(p: string | undefined): string {
  return p === 'eks' ? 'Amazon EKS' : p === 'aks' ? 'Azure AKS' : p === 'gke' ? 'Google GKE' : 'Unknown provider';
}

export function refKey(r: { kind: string; namespace?: string | undefined; name: string }): string {
  return formatRef(r);
}

/** `Kind namespace/name` for people. */
export function refLabel(r: { kind: string; namespace?: string | undefined; name: string }): string {
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}

export function findingClass(f: Finding): FindingClass {
  return f.component?.class ?? 'cluster';
}

/** The namespace a finding is about: the resource's, a Namespace's own name, or `(cluster)`. */
export function findingNamespace(f: Finding): string {
  if (f.resource.namespace) return f.resource.namespace;
  if (f.resource.kind === 'Namespace') return f.resource.name;
  return '(cluster)';
}

export interface ComponentView {
  id: string;
  name: string;
  provider?: string;
  class: 'middleware' | 'core' | 'agent';
  catalog?: CatalogComponent;
  workloads: InventoryEntry[];
  blast?: BlastRadius;
  findings: Finding[];
}

export interface ReportContext {
  result: ScanResult;
  lookup: (id: string) => AnyCheck | undefined;
  /** Checks that ran: the caller's list (built-in plus custom rules) when given, else the built-in registry. */
  checks: readonly AnyCheck[];
  /** Findings that count: open and expired waivers. */
  open: Finding[];
  components: ComponentView[];
  inventoryByRef: Map<string, InventoryEntry>;
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) out[f.severity]++;
  return out;
}

export function buildContext(result: ScanResult, ran?: readonly AnyCheck[]): ReportContext {
  const lookup = (id: string): AnyCheck | undefined => ran?.find((c) => c.id === id) ?? findCheck(id);
  const open = result.findings.filter((f) => f.status !== 'waived');
  const inventoryByRef = new Map(result.inventory.map((e) => [refKey(e.resource), e]));

  const components = new Map<string, ComponentView>();
  for (const e of result.inventory) {
    const c = e.classification;
    if (!c.component || (c.class !== 'middleware' && c.class !== 'core' && c.class !== 'agent')) continue;
    let v = components.get(c.component);
    if (!v) {
      const catalog = findComponent(c.component);
      v = {
        id: c.component,
        name: catalog?.name ?? c.component,
        ...(c.provider ? { provider: c.provider } : {}),
        class: c.class,
        ...(catalog ? { catalog } : {}),
        workloads: [],
        findings: [],
      };
      const blast = result.paths.blastRadius.find((b) => b.component === c.component);
      if (blast) v.blast = blast;
      components.set(c.component, v);
    }
    v.workloads.push(e);
  }
  for (const f of result.findings) {
    const id = f.component?.component;
    if (id) components.get(id)?.findings.push(f);
  }
  const order: Record<string, number> = { middleware: 0, agent: 1, core: 2 };
  const list = [...components.values()].sort(
    (a, b) => (order[a.class] ?? 3) - (order[b.class] ?? 3) || a.name.localeCompare(b.name),
  );

  const checks = ran ?? CHECKS;
  return { result, lookup, checks, open, components: list, inventoryByRef };
}

export function sameRef(a: ObjectRef | undefined, b: ObjectRef | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.kind === b.kind &&
    a.name === b.name &&
    (a.namespace ?? '') === (b.namespace ?? '')
  );
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
