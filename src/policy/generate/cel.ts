// CEL building blocks shared by the ValidatingAdmissionPolicy, Gatekeeper and Kyverno-CEL outputs: the variables that
// find the pod template in any workload kind, and the exemption match. Only standard CEL, has(), macros and the
// strings extension (split, join, substring) are used: all of them are in Kubernetes' CEL environment
// (kubernetes/kubernetes:staging/src/k8s.io/apiserver/pkg/cel/environment/base.go) and in @bufbuild/cel, so the
// tests run the very expressions the API server runs.

/** A CEL variable of a ValidatingAdmissionPolicy (`spec.variables[]`) or of a Gatekeeper K8sNativeValidation source. */
export interface CelVariable {
  name: string;
  expression: string;
}

/** A CEL string literal. */
export function celString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

export function celList(values: readonly string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}

/** `has(b.x) && has(b.x.y)`: the field is set, each step guarded (a missing key is an error in CEL). */
export function present(base: string, path: string): string {
  const parts = path.split('.');
  return parts.map((_, i) => `has(${base}.${parts.slice(0, i + 1).join('.')})`).join(' && ');
}

export const SPEC = 'variables.podSpec';
export const META = 'variables.podMeta';

/**
 * Variables that expose the pod template of a Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet,
 * ReplicationController, Job or CronJob the same way, so each check is written once. `object` is the admitted
 * object (`variables.anyObject` under Gatekeeper, which also covers DELETE).
 */
export function podTemplateVariables(object: string): CelVariable[] {
  const cronSpec = `${object}.spec.jobTemplate.spec.template`;
  const cronGuard = present(object, 'spec.jobTemplate.spec.template');
  const tmplGuard = present(object, 'spec.template');
  const pick = (field: 'spec' | 'metadata'): string =>
    `${object}.kind == 'Pod' ? (has(${object}.${field}) ? ${object}.${field} : {}) : ` +
    `${object}.kind == 'CronJob' ? (${cronGuard} && has(${cronSpec}.${field}) ? ${cronSpec}.${field} : {}) : ` +
    `(${tmplGuard} && has(${object}.spec.template.${field}) ? ${object}.spec.template.${field} : {})`;
  const list = (name: string): string => `(has(${SPEC}.${name}) ? ${SPEC}.${name} : [])`;
  return [
    { name: 'podMeta', expression: pick('metadata') },
    { name: 'podSpec', expression: pick('spec') },
    // Upstream visits init containers, then containers, then ephemeral containers (policy/visitor.go).
    {
      name: 'containers',
      expression: `${list('initContainers')} + ${list('containers')} + ${list('ephemeralContainers')}`,
    },
    // Not `namespace`: a CEL reserved word, which the API server refuses as a variable name.
    {
      name: 'objectNamespace',
      expression: `has(${object}.metadata) && has(${object}.metadata.namespace) ? ${object}.metadata.namespace : ''`,
    },
  ];
}

/**
 * True when container `c` matches an entry of `variables.exemptions`: same namespace, same container name, and an
 * image of the entry's repository (the repository itself, `repo:tag` or `repo@digest`, never `repo-other`).
 * `extra` adds a condition on the entry `e` (the host path of a mount).
 */
export function exemptMatch(c: string, extra?: string): string {
  const image =
    `has(${c}.image) && (${c}.image == e.image || ${c}.image.startsWith(e.image + ':') || ` +
    `${c}.image.startsWith(e.image + '@'))`;
  const parts = [`e.namespace == variables.objectNamespace`, `has(${c}.name) && e.container == ${c}.name`, image];
  if (extra !== undefined) parts.push(extra);
  return `variables.exemptions.exists(e, ${parts.join(' && ')})`;
}

/**
 * A constant list of CEL maps, one entry a line, each after one `//` comment line saying why it exists (several
 * reasons are joined on that line: @bufbuild/cel's parser rejects two comment lines in a row).
 */
export function celEntries(entries: readonly { fields: Record<string, string>; comment: string }[]): string {
  if (entries.length === 0) return '[]';
  const lines = entries.map((e, i) => {
    const fields = Object.entries(e.fields)
      .map(([k, v]) => `${celString(k)}: ${celString(v)}`)
      .join(', ');
    const comment = `  // ${e.comment.split('\n').join(' | ')}`;
    return `${comment}\n  {${fields}}${i < entries.length - 1 ? ',' : ''}`;
  });
  return `[\n${lines.join('\n')}\n]`;
}

/** The exemptions variable of a policy carrying its exemptions inline. */
export function inlineExemptions(list: string): CelVariable {
  return { name: 'exemptions', expression: list };
}

/** The exemptions variable of a Gatekeeper template: the constraint's `spec.parameters.exemptions`. */
export const PARAMS_EXEMPTIONS: CelVariable = {
  name: 'exemptions',
  expression: 'variables.params != null && has(variables.params.exemptions) ? variables.params.exemptions : []',
};
