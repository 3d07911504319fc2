// CEL for custom rules, restricted to what Kubernetes CEL offers so a rule can move to a ValidatingAdmissionPolicy.
// Implementation: @bufbuild/cel (standard library + the strings extension). Kubernetes' environment is
// kubernetes/kubernetes:staging/src/k8s.io/apiserver/pkg/cel/environment/base.go (standard CEL, ext.Strings v2,
// plus Kubernetes libraries in staging/src/k8s.io/apiserver/pkg/cel/library/); functions outside the intersection
// are rejected when the rule is loaded, not when it first meets an object.
import { celEnv, isCelError, parse, plan, type CelInput, type CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

export type RuleTarget = 'podTemplate' | 'container' | 'object';
export type RuleVariable = 'object' | 'spec' | 'container' | 'workload';

/** Variables a rule's expression can read, per target. */
export const VARIABLES: Record<RuleTarget, readonly RuleVariable[]> = {
  object: ['object'],
  podTemplate: ['object', 'spec', 'workload'],
  container: ['object', 'spec', 'container', 'workload'],
};

const env = celEnv({ funcs: strings });
type Expr = ReturnType<typeof parse>['expr'];

/** Function names and call forms the environment implements: `f(x)` (global) and `x.f()` (member). */
const FORMS = new Map<string, { global: boolean; member: boolean }>();
for (const f of env.funcs) {
  const form = FORMS.get(f.name) ?? { global: false, member: false };
  if (f.target) form.member = true;
  else form.global = true;
  FORMS.set(f.name, form);
}
// Operators the planner implements itself (short-circuit logic, conditional, index, macro helper).
for (const op of ['_&&_', '_||_', '_?_:_', '_[_]', '@not_strictly_false'])
  FORMS.set(op, { global: true, member: false });

// Kubernetes library functions (staging/src/k8s.io/apiserver/pkg/cel/library: lists, regex, urls, ip, cidr, quantity,
// semver, format, authz; cel-go ext.Sets) that this implementation does not provide: named in the error, so the
// author knows the rule is valid Kubernetes CEL but not runnable here.
const KUBERNETES_ONLY = new Set([
  'isSorted',
  'sum',
  'min',
  'max',
  'find',
  'findAll',
  'url',
  'isURL',
  'getScheme',
  'getHost',
  'getHostname',
  'getPort',
  'getEscapedPath',
  'getQuery',
  'ip',
  'isIP',
  'cidr',
  'isCIDR',
  'quantity',
  'isQuantity',
  'semver',
  'isSemver',
  'sets.contains',
  'sets.equivalent',
  'sets.intersects',
  'authorizer',
  'optional.of',
  'optional.none',
  'optional.ofNonZeroValue',
]);
// Type names are identifiers in CEL (`type(x) == string`).
const TYPE_NAMES = new Set(['bool', 'bytes', 'double', 'int', 'uint', 'string', 'list', 'map', 'null_type', 'type']);

/** A rule expression that does not compile; `offset` is the character in the expression where it went wrong. */
export class CelCompileError extends Error {
  readonly stage: 'parse' | 'check';
  readonly offset: number | undefined;
  constructor(stage: 'parse' | 'check', message: string, offset: number | undefined) {
    super(message);
    this.name = 'CelCompileError';
    this.stage = stage;
    this.offset = offset;
  }
}

export interface CompiledExpression {
  source: string;
  /** Evaluates with the given bindings; CEL errors (missing field, no overload) are thrown as Error. */
  evaluate(bindings: Partial<Record<RuleVariable, CelInput>>): CelValue;
}

function offsetOf(parsed: ReturnType<typeof parse>, e: Expr): number | undefined {
  return parsed.sourceInfo?.positions[String(e.id)];
}

/** Checks names and functions against the environment; CEL itself only finds these at evaluation time. */
function checkExpr(parsed: ReturnType<typeof parse>, root: Expr, variables: readonly string[]): void {
  const fail = (e: Expr, message: string): never => {
    throw new CelCompileError('check', message, offsetOf(parsed, e));
  };
  const walk = (e: Expr, scope: ReadonlySet<string>): void => {
    const k = e.exprKind;
    switch (k.case) {
      case 'identExpr':
        if (!scope.has(k.value.name) && !TYPE_NAMES.has(k.value.name)) {
          fail(e, `undeclared reference to '${k.value.name}' (this target can read: ${variables.join(', ')})`);
        }
        return;
      case 'selectExpr':
        if (k.value.operand) walk(k.value.operand, scope);
        return;
      case 'callExpr': {
        const { target, args } = k.value;
        let fn = k.value.function;
        let receiver = target;
        // `strings.quote(s)` parses as a member call on an identifier; it is a namespaced global function.
        if (target?.exprKind.case === 'identExpr' && !scope.has(target.exprKind.value.name)) {
          const qualified = `${target.exprKind.value.name}.${fn}`;
          if (FORMS.has(qualified) || KUBERNETES_ONLY.has(qualified)) {
            fn = qualified;
            receiver = undefined;
          }
        }
        const form = FORMS.get(fn);
        if (!form) {
          if (KUBERNETES_ONLY.has(fn))
            fail(e, `function '${fn}' is a Kubernetes CEL library function kubeseam does not implement`);
          fail(e, `undeclared function '${fn}'`);
        } else if (receiver && !form.member) {
          fail(e, `'${fn}' is not a method: call it as ${fn}(…)`);
        } else if (!receiver && !form.global) {
          fail(e, `'${fn}' is a method: call it as value.${fn}(…)`);
        }
        if (receiver) walk(receiver, scope);
        for (const a of args) walk(a, scope);
        return;
      }
      case 'listExpr':
        for (const el of k.value.elements) walk(el, scope);
        return;
      case 'structExpr':
        if (k.value.messageName) fail(e, `message construction (${k.value.messageName}{…}) is not available`);
        for (const entry of k.value.entries) {
          if (entry.keyKind.case === 'mapKey') walk(entry.keyKind.value, scope);
          if (entry.value) walk(entry.value, scope);
        }
        return;
      case 'comprehensionExpr': {
        const c = k.value;
        if (c.iterRange) walk(c.iterRange, scope);
        if (c.accuInit) walk(c.accuInit, scope);
        const inner = new Set([...scope, c.iterVar, c.accuVar, ...(c.iterVar2 ? [c.iterVar2] : [])]);
        if (c.loopCondition) walk(c.loopCondition, inner);
        if (c.loopStep) walk(c.loopStep, inner);
        if (c.result) walk(c.result, new Set([...scope, c.accuVar]));
        return;
      }
      default:
        return; // constants
    }
  };
  walk(root, new Set(variables));
}

/**
 * Parses and checks an expression for the given variables. Throws CelCompileError with the offending offset.
 * Source positions: the parser reports `{ location: { start: { offset } } }` on syntax errors.
 */
export function compileCel(source: string, variables: readonly string[]): CompiledExpression {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (e) {
    const err = e as { rawMessage?: unknown; message?: unknown; location?: { start?: { offset?: unknown } } };
    const raw = typeof err.rawMessage === 'string' ? err.rawMessage : String(err.message);
    const offset = err.location?.start?.offset;
    throw new CelCompileError(
      'parse',
      raw.replace(/^<input>:\d+:\d+: /, ''),
      typeof offset === 'number' ? offset : undefined,
    );
  }
  checkExpr(parsed, parsed.expr, variables);
  const program = plan(env, parsed);
  return {
    source,
    evaluate(bindings) {
      const r = program(bindings);
      if (isCelError(r)) throw new Error(`CEL evaluation error: ${r.message}`);
      return r;
    },
  };
}

const converted = new WeakMap<object, CelInput>();

/**
 * JSON-shaped Kubernetes data as CEL values: maps for objects, integers as CEL int (Kubernetes schemas declare them
 * int64, so `spec.replicas + 1` works as in an admission policy), other numbers as double. Cached per object, since
 * every rule reads the same pod specs.
 */
export function toCel(v: unknown): CelInput {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (typeof v !== 'object') return null;
  const hit = converted.get(v);
  if (hit !== undefined) return hit;
  let out: CelInput;
  if (Array.isArray(v)) out = v.map(toCel);
  else {
    const m = new Map<string, CelInput>();
    for (const [key, val] of Object.entries(v)) if (val !== undefined) m.set(key, toCel(val));
    out = m;
  }
  converted.set(v, out);
  return out;
}

/** A short name of a CEL result's type, for error messages. */
export function celTypeName(v: CelValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof Uint8Array) return 'bytes';
  return 'a list, map or message';
}
