// The image gate's allow list: a YAML list of catalog ids (`eks/kubelet`), unit names (`my-agent.service`) or
// executable paths (`/opt/vendor/bin/agent`); `*` matches within a name. Accepted shapes: a bare list, or
// `{ allow: [...] }` where items may also be `{ id | unit | exe: ..., reason: ... }`.

import { parse as parseYaml } from 'yaml';
import { KubeseamError } from '../errors.ts';

export interface AllowEntry {
  pattern: string;
  kind: 'id' | 'unit' | 'exe' | 'any';
  reason?: string;
}

export interface AllowList {
  entries: AllowEntry[];
}

function kindOf(pattern: string): AllowEntry['kind'] {
  if (pattern.startsWith('/')) return 'exe';
  if (/^(eks|aks|gke|any)\//.test(pattern)) return 'id';
  if (/\.(service|socket|timer|path)$/.test(pattern)) return 'unit';
  return 'any';
}

/** Parse allow-list text; `file` names it in errors. */
export function parseAllowList(text: string, file = 'allow list'): AllowList {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new KubeseamError('input', `invalid YAML: ${e instanceof Error ? e.message.split('\n')[0]! : ''}`, { file });
  }
  if (doc === null || doc === undefined) return { entries: [] };
  const items: unknown = typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>).allow : doc;
  if (!Array.isArray(items))
    throw new KubeseamError('input', 'expected a list, or a mapping with an `allow` list', { file });
  const entries: AllowEntry[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item.trim() !== '') {
      entries.push({ pattern: item.trim(), kind: kindOf(item.trim()) });
      continue;
    }
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      const o = item as Record<string, unknown>;
      const reason = typeof o.reason === 'string' ? o.reason : undefined;
      for (const kind of ['id', 'unit', 'exe'] as const) {
        const v = o[kind];
        if (typeof v === 'string' && v.trim() !== '') {
          const entry: AllowEntry = { pattern: v.trim(), kind };
          if (reason !== undefined) entry.reason = reason;
          entries.push(entry);
        }
      }
      continue;
    }
    throw new KubeseamError('input', `unsupported allow-list item: ${JSON.stringify(item)}`, { file });
  }
  return { entries };
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

/** True when the allow list names the service by catalog id, unit name or executable path. */
export function isAllowed(
  allow: AllowList | undefined,
  subject: { catalogId?: string; unit?: string; exe?: string; name?: string },
): boolean {
  if (!allow) return false;
  for (const e of allow.entries) {
    const re = globToRegExp(e.pattern);
    const candidates: (string | undefined)[] =
      e.kind === 'id'
        ? [subject.catalogId]
        : e.kind === 'unit'
          ? [subject.unit]
          : e.kind === 'exe'
            ? [subject.exe]
            : [subject.catalogId, subject.unit, subject.exe, subject.name];
    if (candidates.some((c) => c !== undefined && re.test(c))) return true;
  }
  return false;
}
