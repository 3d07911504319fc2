// Runs generated admission policies offline with a real CEL implementation (@bufbuild/cel, through
// src/rules/cel.ts, which rejects functions Kubernetes' CEL environment lacks), the way the API server
// (ValidatingAdmissionPolicy), Gatekeeper (K8sNativeValidation) and Kyverno (validate.cel) evaluate them: variables
// in order, then match conditions, then validations. Used by the tests, and usable to try policies on a snapshot.
//
// Objects are given to CEL as the API server gives them: unstructured JSON, without null fields (its decoder
// drops them), integers as CEL int.

import type { CelInput, CelValue } from '@bufbuild/cel';
import type { KubeObject } from '../../model/k8s.ts';
import { compileCel, toCel, type CompiledExpression } from '../../rules/cel.ts';
import { WORKLOAD_RESOURCES } from './common.ts';

/** What the admission request looks like to CEL. */
export interface AdmissionInput {
  object: unknown;
  oldObject?: unknown;
  operation?: 'CREATE' | 'UPDATE' | 'DELETE';
}

export interface PolicyVerdict {
  /** False when the policy does not apply (resource rules, namespace selector, match conditions). */
  matched: boolean;
  allowed: boolean;
  /** Failure messages, one per failed validation. */
  messages: string[];
  /** Audit annotations the policy would add, by key. */
  auditAnnotations: Record<string, string>;
}

const ROOTS = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables'];
const compiled = new Map<string, CompiledExpression>();

function compile(source: string): CompiledExpression {
  let hit = compiled.get(source);
  if (!hit) compiled.set(source, (hit = compileCel(source, ROOTS)));
  return hit;
}

const cleaned = new WeakMap<object, unknown>();

/** The object without null fields; cached per object, since every policy reads the same one. */
function withoutNulls(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const hit = cleaned.get(v);
  if (hit !== undefined) return hit;
  let out: unknown;
  if (Array.isArray(v)) out = v.map(withoutNulls);
  else {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) o[k] = withoutNulls(x);
    out = o;
  }
  cleaned.set(v, out);
  return out;
}

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

interface Named {
  name: string;
  expression: string;
}

const namedCache = new WeakMap<object, Named[]>();

/** `name` and `expression` of each entry; kept per list, since a policy is evaluated many times. */
function named(x: unknown): Named[] {
  if (!Array.isArray(x)) return [];
  let hit = namedCache.get(x);
  if (!hit)
    namedCache.set(x, (hit = x.map((v) => ({ name: str(record(v).name), expression: str(record(v).expression) }))));
  return hit;
}

/**
 * `variables` as Kubernetes gives them: each evaluated on first use, then kept for the rest of the request, so a
 * variable no expression reaches costs nothing (the host-path table when a pod has no hostPath volume).
 */
class LazyVariables extends Map<string, CelInput> {
  private readonly expressions = new Map<string, string>();
  private base: Record<string, CelInput> = {};

  constructor(variables: readonly Named[], preset: ReadonlyMap<string, CelInput>) {
    super(preset);
    for (const v of variables) this.expressions.set(v.name, v.expression);
  }

  withBase(base: Record<string, CelInput>): this {
    this.base = base;
    return this;
  }

  override get(key: string): CelInput | undefined {
    if (super.has(key)) return super.get(key);
    const expression = this.expressions.get(key);
    if (expression === undefined) return undefined;
    const bindings: Record<string, CelInput> = { ...this.base, variables: this };
    const value = compile(expression).evaluate(bindings) as CelInput;
    super.set(key, value);
    return value;
  }

  override has(key: string): boolean {
    return super.has(key) || this.expressions.has(key);
  }
}

function bind(
  base: Record<string, CelInput>,
  variables: readonly Named[],
  preset: ReadonlyMap<string, CelInput> = new Map(),
): Record<string, CelInput> {
  return { ...base, variables: new LazyVariables(variables, preset).withBase(base) };
}

function truthy(expression: string, bindings: Record<string, CelInput>): boolean {
  const r = compile(expression).evaluate(bindings);
  if (typeof r !== 'boolean') throw new Error(`CEL expression did not return a bool: ${expression.slice(0, 80)}`);
  return r;
}

function message(v: Record<string, unknown>, bindings: Record<string, CelInput>): string {
  const expr = str(v.messageExpression);
  if (expr !== '') {
    const r: CelValue = compile(expr).evaluate(bindings);
    if (typeof r === 'string') return r;
  }
  return str(v.message) !== '' ? str(v.message) : `failed expression: ${str(v.expression)}`;
}

/** The plural resource and API group of the workload kinds the policies match. */
const KIND_RESOURCES: ReadonlyMap<string, { group: string; resource: string }> = new Map(
  WORKLOAD_RESOURCES.map((r) => [r.kind, { group: r.group, resource: r.resource }]),
);

function ruleMatches(rules: unknown, kind: string, operation: string): boolean {
  const target = KIND_RESOURCES.get(kind);
  if (!target) return false;
  const has = (values: unknown, v: string): boolean => list(values).some((x) => x === v || x === '*');
  return list(rules).some((r) => {
    const rule = record(r);
    return has(rule.apiGroups, target.group) && has(rule.resources, target.resource) && has(rule.operations, operation);
  });
}

/** Label selector semantics (matchLabels and matchExpressions, ANDed) over a label map. */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  const s = record(selector);
  for (const [k, v] of Object.entries(record(s.matchLabels))) if (labels[k] !== v) return false;
  return list(s.matchExpressions).every((x) => {
    const e = record(x);
    const key = str(e.key);
    const values = list(e.values).map(str);
    switch (e.operator) {
      case 'In':
        return key in labels && values.includes(labels[key]!);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]!);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false;
    }
  });
}

const requests = new Map<string, CelInput>();

function requestOf(input: AdmissionInput, kind: string, namespace: string): CelInput {
  const key = `${input.operation ?? 'CREATE'}\u0000${kind}\u0000${namespace}`;
  const hit = requests.get(key);
  if (hit !== undefined) return hit;
  const target = KIND_RESOURCES.get(kind) ?? { group: '', resource: '' };
  const request = toCel({
    operation: input.operation ?? 'CREATE',
    namespace,
    kind: { group: target.group, version: 'v1', kind },
    resource: { group: target.group, version: 'v1', resource: target.resource },
  });
  requests.set(key, request);
  return request;
}

function objectOf(input: AdmissionInput): { object: unknown; kind: string; namespace: string } {
  const object = withoutNulls(input.object);
  const meta = record(record(object).metadata);
  return { object, kind: str(record(object).kind), namespace: str(meta.namespace) };
}

/**
 * A ValidatingAdmissionPolicy and (optionally) one of its bindings on one request. The binding's namespace
 * selector is matched against `kubernetes.io/metadata.name`, the label every namespace carries.
 */
export function evaluateVap(policy: KubeObject, binding: KubeObject | undefined, input: AdmissionInput): PolicyVerdict {
  const spec = record(policy.spec);
  const { object, kind, namespace } = objectOf(input);
  const none: PolicyVerdict = { matched: false, allowed: true, messages: [], auditAnnotations: {} };
  const operation = input.operation ?? 'CREATE';
  if (!ruleMatches(record(spec.matchConstraints).resourceRules, kind, operation)) return none;
  const selector = record(record(binding?.spec).matchResources).namespaceSelector;
  if (binding && selector !== undefined && !selectorMatches(selector, { 'kubernetes.io/metadata.name': namespace })) {
    return none;
  }
  const base: Record<string, CelInput> = {
    object: toCel(object),
    oldObject: toCel(withoutNulls(input.oldObject ?? null)),
    request: requestOf(input, kind, namespace),
  };
  for (const mc of named(spec.matchConditions)) if (!truthy(mc.expression, base)) return none;
  const bindings = bind(base, named(spec.variables));
  const messages: string[] = [];
  for (const v of list(spec.validations).map(record)) {
    if (!truthy(str(v.expression), bindings)) messages.push(message(v, bindings));
  }
  const auditAnnotations: Record<string, string> = {};
  for (const a of list(spec.auditAnnotations).map(record)) {
    const r = compile(str(a.valueExpression)).evaluate(bindings);
    if (typeof r === 'string' && r !== '') auditAnnotations[str(a.key)] = r;
  }
  return { matched: true, allowed: messages.length === 0, messages, auditAnnotations };
}

/**
 * A Gatekeeper ConstraintTemplate (K8sNativeValidation) with one of its constraints on one request: the constraint
 * matches by kind and namespace, `variables.anyObject` is the object (oldObject on DELETE) and `variables.params`
 * the constraint's `spec.parameters`, as frameworks/constraint/pkg/client/drivers/k8scel binds them.
 */
export function evaluateGatekeeper(template: KubeObject, constraint: KubeObject, input: AdmissionInput): PolicyVerdict {
  const none: PolicyVerdict = { matched: false, allowed: true, messages: [], auditAnnotations: {} };
  const { object, kind, namespace } = objectOf(input);
  const cspec = record(constraint.spec);
  const match = record(cspec.match);
  const target = KIND_RESOURCES.get(kind);
  const kindOk = list(match.kinds).some((k) => {
    const m = record(k);
    return list(m.kinds).includes(kind) && target !== undefined && list(m.apiGroups).includes(target.group);
  });
  if (!kindOk) return none;
  if (match.namespaces !== undefined && !list(match.namespaces).includes(namespace)) return none;
  const code = list(record(list(record(template.spec).targets)[0]).code)
    .map(record)
    .find((c) => c.engine === 'K8sNativeValidation');
  const source = record(code?.source);
  const anyObject = input.operation === 'DELETE' ? withoutNulls(input.oldObject ?? null) : object;
  const base: Record<string, CelInput> = {
    object: toCel(object),
    oldObject: toCel(withoutNulls(input.oldObject ?? null)),
    request: requestOf(input, kind, namespace),
  };
  const preset = new Map<string, CelInput>([
    ['anyObject', toCel(anyObject)],
    ['params', toCel(cspec.parameters === undefined ? null : withoutNulls(cspec.parameters))],
  ]);
  const bindings = bind(base, named(source.variables), preset);
  const messages: string[] = [];
  for (const v of list(source.validations).map(record)) {
    if (!truthy(str(v.expression), bindings)) messages.push(message(v, bindings));
  }
  return { matched: true, allowed: messages.length === 0, messages, auditAnnotations: {} };
}

/** One `validate.cel` rule of a Kyverno ClusterPolicy on one request; `match` by kind and namespace. */
export function evaluateKyvernoCelRule(rule: Record<string, unknown>, input: AdmissionInput): PolicyVerdict {
  const none: PolicyVerdict = { matched: false, allowed: true, messages: [], auditAnnotations: {} };
  const { object, kind, namespace } = objectOf(input);
  const matched = list(record(rule.match).any).some((f) => {
    const r = record(record(f).resources);
    return list(r.kinds).includes(kind) && (r.namespaces === undefined || list(r.namespaces).includes(namespace));
  });
  if (!matched) return none;
  const cel = record(record(rule.validate).cel);
  const base: Record<string, CelInput> = {
    object: toCel(object),
    oldObject: toCel(withoutNulls(input.oldObject ?? null)),
    request: requestOf(input, kind, namespace),
  };
  const bindings = bind(base, named(cel.variables));
  const messages: string[] = [];
  for (const v of list(cel.expressions).map(record)) {
    if (!truthy(str(v.expression), bindings)) messages.push(message(v, bindings));
  }
  return { matched: true, allowed: messages.length === 0, messages, auditAnnotations: {} };
}
