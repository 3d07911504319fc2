// The `rules:` section of kubeseam.yaml: validated field by field, expressions compiled at load time, every error one
// line with the file position of the offending value (`kubeseam.yaml:14:7: rule <id>: CEL parse error: …`).
import { isCollection, isMap, isNode, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { CHECKS } from '../checks/index.ts';
import { SEVERITIES, type Category, type Reference, type Severity } from '../checks/types.ts';
import { KubeseamError } from '../errors.ts';
import { resolveReference } from '../knowledge/frameworks.ts';
import { WORKLOAD_KINDS } from '../model/kinds.ts';
import type { ComponentClass } from '../model/types.ts';
import { CelCompileError, compileCel, VARIABLES, type CompiledExpression, type RuleTarget } from './cel.ts';
import type { CustomRule, RuleMatch } from './types.ts';

const CATEGORIES: Record<Category, true> = {
  'workload-isolation': true,
  'host-access': true,
  identity: true,
  rbac: true,
  'pod-security': true,
  network: true,
  'supply-chain': true,
  middleware: true,
  hygiene: true,
  secrets: true,
};
const CLASSES: Record<Exclude<ComponentClass, 'host'>, true> = {
  core: true,
  middleware: true,
  agent: true,
  workload: true,
};
const TARGETS: readonly RuleTarget[] = ['podTemplate', 'container', 'object'];
const RULE_KEYS = new Set([
  'id',
  'title',
  'severity',
  'category',
  'target',
  'match',
  'expression',
  'message',
  'messageExpression',
  'path',
  'remediation',
  'rationale',
  'references',
]);
const MATCH_KEYS = new Set(['kinds', 'namespaces', 'labels', 'class']);
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface RuleSourceOptions {
  /** The file's text, so CEL errors point at the exact character rather than at the start of the expression. */
  text?: string;
}

type PathKey = string | number;

/** Reads the value of `rules:` (a YAML node from the config loader, or plain data) into compiled custom rules. */
export function parseCustomRules(
  value: unknown,
  file: string,
  lineCounter?: LineCounter,
  options: RuleSourceOptions = {},
): CustomRule[] {
  const node = isNode(value) ? value : undefined;
  const data: unknown = node ? node.toJSON() : value;
  const nodeAt = (path: readonly PathKey[]): YamlNode | undefined => {
    if (!node) return undefined;
    if (path.length === 0) return node;
    const n: unknown = isCollection(node) ? node.getIn([...path], true) : undefined;
    return isNode(n) ? n : undefined;
  };
  /** Key node for a path that ends in a map key (to point at misspelt keys). */
  const keyAt = (path: readonly PathKey[]): YamlNode | undefined => {
    const parent = nodeAt(path.slice(0, -1));
    if (!parent || !isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1));
    return pair && isNode(pair.key) ? pair.key : undefined;
  };
  const where = (n: YamlNode | undefined): { file: string; line?: number; column?: number } => {
    const offset = n?.range?.[0];
    return offset === undefined || !lineCounter ? { file } : exactWhere(file, lineCounter, offset);
  };
  const fail = (path: readonly PathKey[], message: string, at?: YamlNode): never => {
    throw new KubeseamError('config', message, where(at ?? nodeAt(path) ?? nodeAt(path.slice(0, -1))));
  };

  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) return fail([], 'rules must be a list of rules');

  const seen = new Set<string>();
  const builtIn = new Set(CHECKS.map((c) => c.id));
  return data.map((raw: unknown, i: number): CustomRule => {
    const at = (...p: PathKey[]): PathKey[] => [i, ...p];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return fail(at(), `rules[${i}] must be a mapping`);
    const r = raw as Record<string, unknown>;

    const id = r.id;
    if (typeof id !== 'string' || !ID.test(id)) {
      return fail(at('id'), `rules[${i}].id must be a kebab-case name (a-z, 0-9 and -), got ${JSON.stringify(id)}`);
    }
    const err = (path: PathKey[], message: string, node?: YamlNode): never =>
      fail(path, `rule ${id}: ${message}`, node);
    if (builtIn.has(id)) err(at('id'), `id collides with the built-in check "${id}"; choose another id`);
    if (seen.has(id)) err(at('id'), 'id is defined twice');
    seen.add(id);
    for (const key of Object.keys(r)) {
      if (!RULE_KEYS.has(key))
        err(at(key), `unknown field "${key}" (expected one of: ${[...RULE_KEYS].join(', ')})`, keyAt(at(key)));
    }

    const str = (key: string, required: boolean): string | undefined => {
      const v = r[key];
      if (v === undefined || v === null) {
        if (required) err(at(), `${key} is required`);
        return undefined;
      }
      if (typeof v !== 'string' || (required && v.trim() === '')) err(at(key), `${key} must be a non-empty string`);
      return v as string;
    };
    const title = str('title', true)!;
    const severity = str('severity', true) as Severity;
    if (!SEVERITIES.includes(severity)) err(at('severity'), `severity must be one of ${SEVERITIES.join(', ')}`);
    const target = str('target', true) as RuleTarget;
    if (!TARGETS.includes(target)) err(at('target'), `target must be one of ${TARGETS.join(', ')}`);
    const category = (str('category', false) ?? 'hygiene') as Category;
    if (!(category in CATEGORIES)) err(at('category'), `category must be one of ${Object.keys(CATEGORIES).join(', ')}`);
    const path = str('path', false) ?? '';
    if (/\s/.test(path)) err(at('path'), 'path must be a field path such as spec.volumes or volumeMounts');

    const references: Reference[] = [];
    if (r.references !== undefined) {
      if (!Array.isArray(r.references)) err(at('references'), 'references must be a list such as [cis-k8s:5.2.12]');
      (r.references as unknown[]).forEach((ref, j) => {
        if (typeof ref !== 'string' || !resolveReference(ref)) {
          err(at('references', j), `unknown reference ${JSON.stringify(ref)} (see src/knowledge/frameworks.ts)`);
        }
        references.push(ref as Reference);
      });
    }

    const match = parseMatch(r.match, target, (p, m) => err(at('match', ...p), m));

    const compile = (key: 'expression' | 'messageExpression'): CompiledExpression | undefined => {
      const source = str(key, key === 'expression');
      if (source === undefined) return undefined;
      try {
        return compileCel(source, VARIABLES[target]);
      } catch (e) {
        if (!(e instanceof CelCompileError)) throw e;
        const n = nodeAt(at(key));
        const stage = e.stage === 'parse' ? 'CEL parse error' : 'CEL error';
        const offset = e.offset ?? 0;
        const exact =
          n && isScalar(n) && options.text !== undefined ? sourceOffset(n, source, options.text, offset) : undefined;
        const pos = exact !== undefined && lineCounter ? exactWhere(file, lineCounter, exact) : where(n);
        const rel = exact === undefined ? ` (at character ${offset + 1} of the ${key})` : '';
        throw new KubeseamError('config', `rule ${id}: ${stage}: ${e.message}${rel}`, pos);
      }
    };
    const expression = compile('expression')!;
    const messageExpression = compile('messageExpression');
    const message = str('message', messageExpression === undefined) ?? title;

    const rule: CustomRule = {
      id,
      title,
      severity,
      category,
      target,
      match,
      references,
      rationale: str('rationale', false) ?? title,
      remediation: str('remediation', false) ?? '',
      message,
      expression,
      path,
      origin: where(nodeAt(at())),
    };
    if (messageExpression) rule.messageExpression = messageExpression;
    return rule;
  });
}

function exactWhere(
  file: string,
  lineCounter: LineCounter,
  offset: number,
): { file: string; line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { file, line, column: col };
}

/**
 * Offset in the file of character `target` of a scalar's value. The value is the source with quotes, escapes,
 * indentation and line folding removed, so the two are aligned character by character.
 */
function sourceOffset(node: YamlNode, content: string, text: string, target: number): number | undefined {
  const range = node.range;
  if (!range) return undefined;
  let start = range[0];
  const type = isScalar(node) ? node.type : undefined;
  if (type === 'BLOCK_FOLDED' || type === 'BLOCK_LITERAL') start = text.indexOf('\n', start) + 1;
  else if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') start += 1;
  const src = text.slice(start, range[1]);
  let i = 0;
  let j = 0;
  while (i < target && j < src.length) {
    if (content[i] === src[j]) {
      i++;
      j++;
    } else if (/\s/.test(content[i]!))
      i++; // a folded line break: one space in the value, newline + indent in the file
    else j++; // indentation, or an escape sequence in the file
  }
  while (j < src.length && src[j] !== content[target] && /\s/.test(src[j]!)) j++;
  return start + j;
}

function parseMatch(value: unknown, target: RuleTarget, fail: (path: PathKey[], message: string) => never): RuleMatch {
  const match: RuleMatch = { kinds: [], namespaces: ['*'], labels: {}, classes: [] };
  if (value === undefined || value === null) {
    if (target === 'object') fail([], 'match.kinds is required for target object');
    return match;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return fail([], 'match must be a mapping');
  const m = value as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if (!MATCH_KEYS.has(key))
      fail([key], `unknown match field "${key}" (expected one of: ${[...MATCH_KEYS].join(', ')})`);
  }
  const strings = (key: string): string[] | undefined => {
    const v = m[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) {
      fail([key], `match.${key} must be a list of names`);
    }
    return v as string[];
  };
  match.kinds = strings('kinds') ?? [];
  if (target === 'object' && (match.kinds.length === 0 || match.kinds.includes('*'))) {
    fail(['kinds'], 'match.kinds must name the object kinds for target object');
  }
  if (target !== 'object') {
    match.kinds.forEach((k, j) => {
      if (!WORKLOAD_KINDS.has(k)) {
        fail(['kinds', j], `${k} is not a workload kind (${[...WORKLOAD_KINDS].join(', ')}); use target: object`);
      }
    });
  }
  match.namespaces = strings('namespaces') ?? ['*'];
  const classes = strings('class') ?? [];
  classes.forEach((c, j) => {
    if (!(c in CLASSES)) fail(['class', j], `class must be one of ${Object.keys(CLASSES).join(', ')}`);
  });
  match.classes = classes as ComponentClass[];
  const labels = m.labels;
  if (labels !== undefined && labels !== null) {
    if (typeof labels !== 'object' || Array.isArray(labels)) fail(['labels'], 'match.labels must be a mapping');
    for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
      if (typeof v !== 'string') fail(['labels', k], `match.labels.${k} must be a string ("*" for any value)`);
      match.labels[k] = v;
    }
  }
  return match;
}

/**
 * Reads the `rules:` section of a whole kubeseam.yaml text; other sections are left to the config loader.
 * Useful on its own until the config loader calls parseCustomRules for its `rules:` key.
 */
export function parseCustomRulesText(text: string, file: string): CustomRule[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new KubeseamError('config', `invalid YAML: ${first.message.split('\n')[0]!}`, { file, line, column: col });
  }
  if (doc.contents === null) return [];
  if (!isMap(doc.contents)) throw new KubeseamError('config', 'expected a mapping at the top level', { file });
  return parseCustomRules(doc.get('rules', true), file, lineCounter, { text });
}
