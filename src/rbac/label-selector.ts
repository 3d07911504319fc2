// metav1.LabelSelector evaluation for aggregationRule.clusterRoleSelectors, on the shared upstream-exact selector
// (src/model/selectors.ts, after k8s.io/apimachinery LabelSelectorAsSelector): an invalid selector is an error here,
// since the aggregation controller reports it rather than silently selecting nothing.
import { compiledMatches, compileSelector } from '../model/selectors.ts';

export type CompiledSelector = (labels: Readonly<Record<string, string>>) => boolean;

export type SelectorResult = { ok: true; matches: CompiledSelector } | { ok: false; error: string };

export function compileLabelSelector(raw: unknown): SelectorResult {
  const compiled = compileSelector(raw);
  const first = compiled.errors[0];
  if (first !== undefined) return { ok: false, error: first };
  return { ok: true, matches: (labels) => compiledMatches(compiled, labels) };
}
