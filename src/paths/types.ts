// Types of the attack graph: vertices (identities, workloads, configuration, targets), typed edges with the
// condition that creates them and evidence, and the paths found over them. See EDGES.md for the edge catalog.
import type { ComponentClass, ObjectRef, Provider } from '../model/types.ts';
import type { PolicyRule } from '../rbac/types.ts';

/** What an attacker ends up with. */
export type TargetKind = 'node-root' | 'cluster-admin' | 'cloud-identity';
export const TARGET_KINDS: readonly TargetKind[] = ['cluster-admin', 'node-root', 'cloud-identity'];

export type VertexKind =
  | 'anonymous'
  | 'authenticated'
  | 'user'
  | 'group'
  | 'serviceaccount'
  | 'workload'
  | 'configmap'
  | 'secret'
  | 'secrets'
  | 'hub'
  | TargetKind;

export interface Vertex {
  /** Stable id: `sa:ns:name`, `workload:ns/name`, `configmap:ns/name`, `node-root`… */
  id: string;
  kind: VertexKind;
  /** For people: `ServiceAccount ci/deployer`, `DaemonSet amazon-cloudwatch/fluent-bit`. Untrusted text. */
  label: string;
  namespace?: string;
  ref?: ObjectRef;
  /** Workloads: the classification class and catalog component. */
  class?: ComponentClass;
  component?: string;
  /**
   * Hubs are fan-out points ("any pod created in namespace N") that keep the edge count linear. They never start
   * or end a path; a path hop through one is shown as one step from its predecessor to its successor.
   */
  virtual?: boolean;
}

export type EdgeKind =
  // identity
  | 'member-of'
  | 'cluster-admin-grant'
  | 'namespace-admin-grant'
  | 'superuser-group'
  | 'rbac-bind'
  | 'rbac-escalate'
  | 'impersonate'
  | 'token-create'
  | 'secrets-read'
  | 'legacy-token'
  | 'webhook-write'
  // workload control
  | 'pod-create'
  | 'workload-write'
  | 'run-as'
  | 'privileged-pod'
  | 'pv-hostpath'
  | 'pss-relabel'
  | 'pod-exec'
  | 'pod-attach'
  | 'ephemeral-container'
  | 'pod-patch'
  | 'nodes-proxy'
  | 'exec-into'
  | 'config-write'
  | 'config-exec'
  | 'uses-token'
  // node
  | 'escape-privileged'
  | 'escape-host-process'
  | 'escape-ptrace'
  | 'escape-capability'
  | 'host-write'
  | 'host-agent-plugin'
  | 'host-socket'
  | 'host-read-tokens'
  | 'var-log-symlink'
  | 'node-tokens'
  | 'steal-token'
  // cloud
  | 'metadata-api'
  | 'node-cloud-identity';

/** Why an edge exists: an RBAC grant, a field of an object, a network verdict, or a plain note. */
export interface Evidence {
  type: 'rbac' | 'field' | 'network' | 'pss' | 'note';
  /** The object the evidence is in (binding, workload, namespace, config map, NetworkPolicy). */
  ref?: ObjectRef;
  /** Field path inside `ref`, when one field says it (`spec.template.spec.containers[0].securityContext.privileged`). */
  path?: string;
  /** RBAC: the role and rule that allow the step. */
  role?: ObjectRef;
  rule?: PolicyRule;
  /** One line for people. */
  text: string;
}

export interface Edge {
  from: number;
  to: number;
  kind: EdgeKind;
  /** Difficulty: 0 for membership, 1 for a direct step, 2–3 for steps that need more work or luck. */
  weight: number;
  /** One line: what the attacker does in this step. */
  explanation: string;
  evidence: Evidence[];
  /** Evidence items left out once the list reached its cap (the edge aggregates identical steps). */
  moreEvidence: number;
  /** The step depends on something kubeseam cannot see (node metadata options, unknown provider). */
  conditional?: boolean;
  /** The step is an over-approximation (e.g. a pod "may" share a node with the attacker's). */
  overApproximate?: boolean;
}

export interface AttackGraph {
  vertices: readonly Vertex[];
  edges: readonly Edge[];
  /** Edge indexes leaving / entering each vertex. */
  out: readonly (readonly number[])[];
  in: readonly (readonly number[])[];
  byId: ReadonlyMap<string, number>;
  /** Vertex indexes of the targets. */
  targets: Readonly<Record<TargetKind, number>>;
  /** Default entry points (each workload, each customer service account, authenticated, anonymous). */
  entries: readonly number[];
  provider: Provider | 'unknown';
  /** What the graph approximates or leaves out, for reports. */
  notes: string[];
}

export type EntryKind =
  'anonymous' | 'authenticated' | 'workload' | 'provider-workload' | 'serviceaccount' | 'user' | 'group' | 'other';

export interface PathHop {
  from: string;
  to: string;
  edge: EdgeKind;
  explanation: string;
  evidence: Evidence[];
  conditional?: boolean;
  overApproximate?: boolean;
}

export interface AttackPath {
  /** Stable: a hash of the hop keys (from, edge, to). */
  id: string;
  entry: string;
  entryKind: EntryKind;
  target: TargetKind;
  /** Hops as shown (steps through hubs merged). */
  length: number;
  /** Sum of edge weights: what the search minimised. */
  cost: number;
  /** 0–100: target impact × entry breadth, decayed by cost. */
  score: number;
  hops: PathHop[];
}

export interface TargetSummary {
  /** Entries that reach the target (including those reported under a broader entry). */
  entries: number;
  byEntryKind: Partial<Record<EntryKind, number>>;
  /** Cost of the cheapest path, when any. */
  cheapest?: number;
}

export interface PathsSummary {
  provider: Provider | 'unknown';
  graph: { vertices: number; edges: number; byKind: Partial<Record<EdgeKind, number>> };
  entriesEvaluated: number;
  targets: Record<TargetKind, TargetSummary>;
  /** Paths found before `limit`. */
  paths: number;
  /** Entries whose shortest route runs through a broader entry (any authenticated user, anonymous): not listed. */
  coveredByBroaderEntry: number;
  /** `from` values that matched no vertex. */
  unknownFrom: string[];
  notes: string[];
}

export interface PathsResult {
  paths: AttackPath[];
  summary: PathsSummary;
  /** Every vertex a listed path mentions, by id, for renderers. */
  vertices: Record<string, Pick<Vertex, 'kind' | 'label'>>;
}

export interface FindPathsOptions {
  /** Entry ids (`workload:ns/name`, `sa:ns:name`, `authenticated`, `anonymous`, `user:x`, `group:x`); default: all entries. */
  from?: string[];
  to?: TargetKind[];
  limit?: number;
}

export interface BlastRadius {
  component: string;
  provider?: Provider;
  class: ComponentClass;
  /** Workload vertex ids of the component. */
  workloads: string[];
  /** Targets reached, each with the cheapest path from one of the component's workloads. */
  targets: Partial<Record<TargetKind, AttackPath>>;
  /** Reached without over-approximate steps. */
  definite: ReachCounts;
  /** Reached when steps that may not hold (pods that may share a node) count too. */
  possible: ReachCounts;
}

export interface ReachCounts {
  serviceAccounts: number;
  workloads: number;
  /** Namespaces whose secrets can be read ('*' for every namespace). */
  secretNamespaces: string[];
}
