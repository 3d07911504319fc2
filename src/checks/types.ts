import type { Container, ObjectMeta, PodSpec } from '../model/k8s.ts';
import type { Model, NamespaceInfo } from '../model/build.ts';
import type { ComponentClass, ObjectRef, Origin, Provider, SourcedObject, Workload } from '../model/types.ts';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const severityRank = (s: Severity): number => SEVERITIES.length - SEVERITIES.indexOf(s);

export type Category =
  | 'workload-isolation'
  | 'host-access'
  | 'identity'
  | 'rbac'
  | 'pod-security'
  | 'network'
  | 'supply-chain'
  | 'middleware'
  | 'hygiene'
  | 'secrets';

/** What a check is evaluated on. Normalized so a check is written once, not per workload kind. */
export type TargetKind = 'podTemplate' | 'container' | 'namespace' | 'cluster' | 'node' | 'object';

export interface PodTemplateSubject {
  workload: Workload;
  meta: ObjectMeta;
  spec: PodSpec;
}

export type ContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerSubject extends PodTemplateSubject {
  container: Container;
  containerType: ContainerType;
  index: number;
}

export interface NamespaceSubject {
  namespace: NamespaceInfo;
  workloads: Workload[];
}

export interface SubjectOf {
  podTemplate: PodTemplateSubject;
  container: ContainerSubject;
  namespace: NamespaceSubject;
  cluster: Model;
  node: SourcedObject;
  object: SourcedObject;
}

export interface ReportInput {
  /**
   * Field that is wrong, relative to the target: the pod template (`spec.hostPID`) for podTemplate checks,
   * the container (`securityContext.privileged`) for container checks, the object for the others.
   */
  path: string;
  message: string;
  /** Override for the check's severity, with the reason shown to users. */
  severity?: Severity;
  severityReason?: string;
  /** For cluster checks that report on another object than the subject. */
  resource?: ObjectRef;
  source?: SourcedObject;
}

export interface CheckContext {
  model: Model;
  /** The evaluation date (`--as-of`, default now): date-dependent facts use it, never the wall clock. */
  asOf: Date;
  report: (finding: ReportInput) => void;
}

/** A reference to a framework control, `framework:id`, resolved against src/knowledge/frameworks.ts. */
export type Reference =
  `${'cis-k8s' | 'cis-eks' | 'cis-aks' | 'cis-gke' | 'nist-800-53' | 'mitre' | 'pss' | 'k8s'}:${string}`;

export interface CheckDefinition<T extends TargetKind = TargetKind> {
  /** Stable kebab-case id equal to the file name; never changes meaning, never reused. */
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  target: T;
  /** For `object` targets: the kinds the check applies to. */
  kinds?: readonly string[];
  references: readonly Reference[];
  /** Markdown: why it matters. */
  rationale: string;
  /** Markdown: how to fix it. */
  remediation: string;
  evaluate(subject: SubjectOf[T], ctx: CheckContext): void;
}

/** Identity function that carries the types: the subject's type follows from `target`. */
export function defineCheck<T extends TargetKind>(def: CheckDefinition<T>): CheckDefinition<T> {
  return def;
}

// A registry holds checks of every target kind; evaluate's parameter is checked at definition time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = CheckDefinition<any>;

export type FindingStatus = 'open' | 'waived' | 'waiver-expired';

export interface Finding {
  checkId: string;
  severity: Severity;
  /** Why severity differs from the check's default (middleware baseline, context), when it does. */
  severityReason?: string;
  resource: ObjectRef;
  origin: Origin;
  path: string;
  message: string;
  status: FindingStatus;
  component?: { class: ComponentClass; provider?: Provider; component?: string };
  /** Stable across runs and line moves: check, resource, path. */
  fingerprint: string;
  waiver?: { justification: string; owner: string; expires: string };
}
