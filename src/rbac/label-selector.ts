// metav1.LabelSelector evaluation as LabelSelectorAsSelector builds it (k8s.io/apimachinery
// pkg/apis/meta/v1/helpers.go and pkg/labels/selector.go): matchLabels and matchExpressions are ANDed; an empty
// selector matches everything; In/NotIn need values, Exists/DoesNotExist must have none; other operators are errors.

export type CompiledSelector = (labels: Readonly<Record<string, string>>) => boolean;

export type SelectorResult = { ok: true; matches: CompiledSelector } | { ok: false; error: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function compileLabelSelector(raw: unknown): SelectorResult {
  // A nil selector selects nothing; inside clusterRoleSelectors an entry is a value, so `null` is the only nil.
  if (raw === null || raw === undefined) return { ok: true, matches: () => false };
  if (!isRecord(raw)) return { ok: false, error: 'selector is not an object' };
  const tests: CompiledSelector[] = [];

  if (raw.matchLabels !== undefined && raw.matchLabels !== null) {
    if (!isRecord(raw.matchLabels)) return { ok: false, error: 'matchLabels is not a map' };
    for (const [key, value] of Object.entries(raw.matchLabels)) {
      if (typeof value !== 'string') return { ok: false, error: `matchLabels[${key}] is not a string` };
      tests.push((labels) => labels[key] === value);
    }
  }

  if (raw.matchExpressions !== undefined && raw.matchExpressions !== null) {
    if (!Array.isArray(raw.matchExpressions)) return { ok: false, error: 'matchExpressions is not a list' };
    for (const expr of raw.matchExpressions) {
      const compiled = compileRequirement(expr);
      if (!compiled.ok) return compiled;
      tests.push(compiled.matches);
    }
  }

  return { ok: true, matches: (labels) => tests.every((t) => t(labels)) };
}

function compileRequirement(expr: unknown): SelectorResult {
  if (!isRecord(expr) || typeof expr.key !== 'string' || expr.key.length === 0) {
    return { ok: false, error: 'matchExpressions entry without a key' };
  }
  const key = expr.key;
  const values = Array.isArray(expr.values)
    ? expr.values
    : expr.values === undefined || expr.values === null
      ? []
      : null;
  if (values === null || values.some((v) => typeof v !== 'string')) {
    return { ok: false, error: `values of ${key} are not a list of strings` };
  }
  const set = new Set(values as string[]);
  switch (expr.operator) {
    case 'In':
      if (set.size === 0) return { ok: false, error: `operator In on ${key} needs values` };
      return { ok: true, matches: (labels) => Object.hasOwn(labels, key) && set.has(labels[key] ?? '') };
    case 'NotIn':
      if (set.size === 0) return { ok: false, error: `operator NotIn on ${key} needs values` };
      // selector.go: NotIn matches when the label is absent or its value is not in the set.
      return { ok: true, matches: (labels) => !Object.hasOwn(labels, key) || !set.has(labels[key] ?? '') };
    case 'Exists':
      if (set.size !== 0) return { ok: false, error: `operator Exists on ${key} takes no values` };
      return { ok: true, matches: (labels) => Object.hasOwn(labels, key) };
    case 'DoesNotExist':
      if (set.size !== 0) return { ok: false, error: `operator DoesNotExist on ${key} takes no values` };
      return { ok: true, matches: (labels) => !Object.hasOwn(labels, key) };
    default:
      return { ok: false, error: `unknown operator ${JSON.stringify(expr.operator)} on ${key}` };
  }
}
