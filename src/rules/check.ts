// Custom rules become ordinary checks: they run in runChecks (src/checks/run.ts) with the built-in ones, get the same
// paths, origins and fingerprints, and every renderer shows them once it is given their definitions.
import type { CelInput } from '@bufbuild/cel';
import {
  defineCheck,
  type AnyCheck,
  type CheckContext,
  type ContainerSubject,
  type PodTemplateSubject,
} from '../checks/types.ts';
import type { Model } from '../model/build.ts';
import type { ComponentClass, SourcedObject, Workload } from '../model/types.ts';
import { celTypeName, toCel, type RuleVariable } from './cel.ts';
import type { CustomRule, RuleMatch } from './types.ts';

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

interface Matcher {
  kind: (kind: string) => boolean;
  namespace: (ns: string | undefined) => boolean;
  labels: (labels: Record<string, string> | undefined) => boolean;
  cls: (c: ComponentClass | undefined) => boolean;
}

function matcherOf(m: RuleMatch): Matcher {
  const ns = m.namespaces.map(globToRegExp);
  return {
    kind: (kind) => m.kinds.length === 0 || m.kinds.includes(kind),
    // A cluster-scoped object has no namespace: only the `*` pattern takes it.
    namespace: (n) => m.namespaces.some((p, i) => p === '*' || (n !== undefined && n !== '' && ns[i]!.test(n))),
    labels: (labels) =>
      Object.entries(m.labels).every(([k, v]) => typeof labels?.[k] === 'string' && (v === '*' || labels[k] === v)),
    cls: (c) => m.classes.length === 0 || (c !== undefined && m.classes.includes(c)),
  };
}

function workloadBinding(w: Workload): CelInput {
  return new Map<string, CelInput>([
    ['kind', w.kind],
    ['namespace', w.namespace],
    ['name', w.name],
    ['class', w.classification?.class ?? 'workload'],
  ]);
}

/** Evaluates a rule on one subject and reports at most one finding; CEL errors propagate to runChecks' guard. */
function run(rule: CustomRule, bindings: Partial<Record<RuleVariable, CelInput>>, ctx: CheckContext): void {
  const verdict = rule.expression.evaluate(bindings);
  if (typeof verdict !== 'boolean') {
    throw new Error(`rule ${rule.id}: expression returned ${celTypeName(verdict)}, expected bool`);
  }
  if (!verdict) return;
  let message = rule.message;
  if (rule.messageExpression) {
    // As in ValidatingAdmissionPolicy: a messageExpression that fails or is not a string falls back to message.
    try {
      const m = rule.messageExpression.evaluate(bindings);
      if (typeof m === 'string' && m.trim() !== '') message = m;
    } catch {
      /* keep the static message */
    }
  }
  ctx.report({ path: rule.path, message });
}

const workloadIndex = new WeakMap<Model, Map<SourcedObject, Workload>>();
function workloadOf(model: Model, so: SourcedObject): Workload | undefined {
  let idx = workloadIndex.get(model);
  if (!idx) {
    idx = new Map(model.workloads.map((w) => [w.source, w]));
    workloadIndex.set(model, idx);
  }
  return idx.get(so);
}

function checkFor(rule: CustomRule): AnyCheck {
  const m = matcherOf(rule.match);
  const meta = {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    references: rule.references,
    rationale: rule.rationale,
    remediation: rule.remediation,
  };
  const workloadMatches = (w: Workload): boolean =>
    m.kind(w.kind) && m.namespace(w.namespace) && m.labels(w.labels) && m.cls(w.classification?.class ?? 'workload');

  switch (rule.target) {
    case 'podTemplate':
      return defineCheck({
        ...meta,
        target: 'podTemplate',
        evaluate({ workload, spec }: PodTemplateSubject, ctx) {
          if (!workloadMatches(workload)) return;
          run(
            rule,
            { object: toCel(workload.source.object), spec: toCel(spec), workload: workloadBinding(workload) },
            ctx,
          );
        },
      });
    case 'container':
      return defineCheck({
        ...meta,
        target: 'container',
        evaluate({ workload, spec, container }: ContainerSubject, ctx) {
          if (!workloadMatches(workload)) return;
          run(
            rule,
            {
              object: toCel(workload.source.object),
              spec: toCel(spec),
              container: toCel(container),
              workload: workloadBinding(workload),
            },
            ctx,
          );
        },
      });
    case 'object':
      return defineCheck({
        ...meta,
        target: 'object',
        kinds: rule.match.kinds,
        evaluate(so: SourcedObject, ctx) {
          const md = so.object.metadata;
          if (!m.namespace(md.namespace) || !m.labels(md.labels)) return;
          if (rule.match.classes.length) {
            const w = workloadOf(ctx.model, so);
            if (!w || !m.cls(w.classification?.class ?? 'workload')) return;
          }
          run(rule, { object: toCel(so.object) }, ctx);
        },
      });
  }
}

/** One check per custom rule, for runChecks and for the renderers' `checks` option. */
export function customRuleChecks(rules: readonly CustomRule[]): AnyCheck[] {
  return rules.map(checkFor);
}
