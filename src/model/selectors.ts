// Label selectors exactly as Kubernetes evaluates them: metav1.LabelSelectorAsSelector
// (kubernetes/apimachinery pkg/apis/meta/v1/helpers.go) building requirements that
// pkg/labels/selector.go (NewRequirement, Requirement.Matches) validates and matches.
//
// Upstream: a nil selector is labels.Nothing() (matches nothing); a selector with no matchLabels and
// no matchExpressions is labels.Everything(); an invalid selector is an error, which we report and
// evaluate as matching nothing. What "absent" means is the caller's business: it differs by field
// (a NetworkPolicy peer without namespaceSelector means "the policy's own namespace").

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

export interface CompiledSelector {
  /** `nothing`: null/absent or invalid input; `everything`: `{}`; `requirements`: all must match. */
  kind: 'nothing' | 'everything' | 'requirements';
  requirements: Requirement[];
  /** Validation errors (as upstream NewRequirement / LabelSelectorAsSelector would return). */
  errors: string[];
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** validation.IsQualifiedName: `[prefix/]name`, prefix a DNS-1123 subdomain (≤253), name ≤63. */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split('/');
  let name: string;
  const errors: string[] = [];
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errors.push(`label key ${JSON.stringify(key)}: prefix part must be non-empty`);
    else if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      errors.push(`label key ${JSON.stringify(key)}: prefix part must be a DNS-1123 subdomain`);
    }
  } else {
    return [`label key ${JSON.stringify(key)}: a qualified name may contain at most one '/'`];
  }
  if (name.length === 0) errors.push(`label key ${JSON.stringify(key)}: name part must be non-empty`);
  else if (name.length > 63) errors.push(`label key ${JSON.stringify(key)}: name part must be at most 63 characters`);
  else if (!NAME_PART.test(name)) {
    errors.push(
      `label key ${JSON.stringify(key)}: name part must be alphanumeric, '-', '_' or '.', starting and ending alphanumeric`,
    );
  }
  return errors;
}

/** validation.IsValidLabelValue: empty, or ≤63 characters of the name-part alphabet. */
export function labelValueErrors(value: string): string[] {
  if (value.length > 63) return [`label value ${JSON.stringify(value)}: must be at most 63 characters`];
  if (!LABEL_VALUE.test(value)) return [`label value ${JSON.stringify(value)}: invalid characters`];
  return [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NOTHING: CompiledSelector = { kind: 'nothing', requirements: [], errors: [] };

/** metav1.LabelSelectorAsSelector, collecting every validation error instead of stopping at the first. */
export function compileSelector(selector: unknown): CompiledSelector {
  if (selector === undefined || selector === null) return NOTHING;
  if (!isRecord(selector)) return { kind: 'nothing', requirements: [], errors: ['selector must be an object'] };
  const errors: string[] = [];
  const requirements: Requirement[] = [];
  const { matchLabels, matchExpressions } = selector;

  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) errors.push('matchLabels must be a map of strings');
    else {
      for (const [key, value] of Object.entries(matchLabels)) {
        if (typeof value !== 'string') {
          errors.push(`matchLabels[${JSON.stringify(key)}] must be a string`);
          continue;
        }
        errors.push(...labelKeyErrors(key), ...labelValueErrors(value));
        // matchLabels become `key = value` (selection.Equals), which matches like `In` with one value.
        requirements.push({ key, operator: 'In', values: [value] });
      }
    }
  }

  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) errors.push('matchExpressions must be a list');
    else {
      matchExpressions.forEach((raw: unknown, i) => {
        const at = `matchExpressions[${i}]`;
        if (!isRecord(raw)) {
          errors.push(`${at} must be an object`);
          return;
        }
        const key = typeof raw.key === 'string' ? raw.key : '';
        if (typeof raw.key !== 'string') errors.push(`${at}.key must be a string`);
        else errors.push(...labelKeyErrors(key).map((e) => `${at}: ${e}`));
        const values: string[] = [];
        if (raw.values !== undefined && raw.values !== null) {
          if (!Array.isArray(raw.values)) errors.push(`${at}.values must be a list of strings`);
          else
            for (const v of raw.values as unknown[]) {
              if (typeof v === 'string') values.push(v);
              else errors.push(`${at}.values must contain only strings`);
            }
        }
        const op = raw.operator;
        if (op === 'In' || op === 'NotIn') {
          if (values.length === 0) errors.push(`${at}: for 'In', 'NotIn' operators, values set can't be empty`);
        } else if (op === 'Exists' || op === 'DoesNotExist') {
          if (values.length !== 0) errors.push(`${at}: values set must be empty for exists and does not exist`);
        } else {
          errors.push(`${at}: ${JSON.stringify(op)} is not a valid label selector operator`);
          return;
        }
        for (const v of values) errors.push(...labelValueErrors(v).map((e) => `${at}: ${e}`));
        requirements.push({ key, operator: op, values });
      });
    }
  }

  if (errors.length > 0) return { kind: 'nothing', requirements: [], errors };
  if (requirements.length === 0) return { kind: 'everything', requirements: [], errors: [] };
  return { kind: 'requirements', requirements, errors: [] };
}

function has(labels: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key) && typeof labels[key] === 'string';
}

/** labels.Requirement.Matches for the four LabelSelector operators. */
export function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  switch (r.operator) {
    case 'In':
      return has(labels, r.key) && r.values.includes(labels[r.key]!);
    case 'NotIn':
      // A missing key satisfies NotIn (case 4 of Requirement.Matches).
      return !has(labels, r.key) || !r.values.includes(labels[r.key]!);
    case 'Exists':
      return has(labels, r.key);
    case 'DoesNotExist':
      return !has(labels, r.key);
  }
}

export function compiledMatches(selector: CompiledSelector, labels: Record<string, string>): boolean {
  if (selector.kind === 'nothing') return false;
  if (selector.kind === 'everything') return true;
  return selector.requirements.every((r) => requirementMatches(r, labels));
}

/**
 * Whether a metav1.LabelSelector (untrusted input) selects an object with these labels.
 * null/undefined matches nothing; `{}` matches everything; an invalid selector matches nothing
 * (see `selectorErrors` for why).
 */
export function matchesSelector(selector: unknown, labels: Record<string, string>): boolean {
  return compiledMatches(compileSelector(selector), labels);
}

/** The validation errors of a selector; empty when it is valid (null/undefined is valid: it selects nothing). */
export function selectorErrors(selector: unknown): string[] {
  return compileSelector(selector).errors;
}

/** A human-readable form like labels.Selector.String(): `app=web,tier in (a,b),!legacy`. */
export function describeSelector(selector: CompiledSelector): string {
  if (selector.kind === 'nothing') return selector.errors.length > 0 ? '<invalid: selects nothing>' : '<none>';
  if (selector.kind === 'everything') return '<all>';
  return [...selector.requirements]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]!}` : `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
      }
    })
    .join(',');
}
