import type { Category, Reference, Severity } from '../checks/types.ts';
import type { ComponentClass } from '../model/types.ts';
import type { CompiledExpression, RuleTarget } from './cel.ts';

/** Which objects a rule applies to; every listed condition must hold. */
export interface RuleMatch {
  /** Workload kinds (podTemplate, container targets) or object kinds (object target). Empty: every workload kind. */
  kinds: string[];
  /** Namespace names or globs with `*`; `*` alone also matches cluster-scoped objects. */
  namespaces: string[];
  /** Labels the object must carry; the value `*` only requires the key. */
  labels: Record<string, string>;
  /** Component classes (workload, middleware, core, agent); empty: any. Objects that are not workloads have none. */
  classes: ComponentClass[];
}

/** A custom rule from the `rules:` section of kubeseam.yaml, validated and compiled. */
export interface CustomRule {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  target: RuleTarget;
  match: RuleMatch;
  references: Reference[];
  rationale: string;
  remediation: string;
  message: string;
  /** Optional CEL returning the message (like ValidatingAdmissionPolicy's messageExpression); `message` on failure. */
  messageExpression?: CompiledExpression;
  expression: CompiledExpression;
  /** Field path of the finding, relative to the target (`spec.volumes`, `volumeMounts`); empty: the target itself. */
  path: string;
  /** Where the rule was defined, for error messages. */
  origin: { file: string; line?: number; column?: number };
}
