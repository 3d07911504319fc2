// Resource requests and limits as the API server will have them after admission: a LimitRange of type Container
// in the namespace fills missing limits from `default` and missing requests from `defaultRequest`, and a missing
// request defaults to the limit (plugin/pkg/admission/limitranger/admission.go; pkg/apis/core/v1/defaults.go).
import type { Model } from '../../model/build.ts';
import type { Container, KubeObject } from '../../model/k8s.ts';
import { isRecord } from './pod.ts';

export type ResourceName = 'cpu' | 'memory';

function has(rec: unknown, r: ResourceName): boolean {
  if (!isRecord(rec)) return false;
  const v = rec[r];
  return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
}

// Asked per container and resource: LimitRanges are grouped by namespace once per list, not scanned every time.
const byNamespace = new WeakMap<object, { size: number; index: Map<unknown, KubeObject[]> }>();

function limitRangesIn(model: Model, namespace: string): KubeObject[] {
  const list = model.byKind.get('LimitRange');
  if (!list) return [];
  let cached = byNamespace.get(list);
  if (!cached || cached.size !== list.length) {
    const index = new Map<unknown, KubeObject[]>();
    for (const { object } of list) {
      const ns = object.metadata.namespace ?? 'default';
      const l = index.get(ns);
      if (l) l.push(object);
      else index.set(ns, [object]);
    }
    byNamespace.set(list, (cached = { size: list.length, index }));
  }
  return cached.index.get(namespace) ?? [];
}

/** LimitRanges of the namespace that default the resource for containers: `default` (limits) or `defaultRequest`. */
export function limitRangeDefault(
  model: Model,
  namespace: string,
  r: ResourceName,
  field: 'default' | 'defaultRequest',
): string | undefined {
  for (const object of limitRangesIn(model, namespace)) {
    const spec = isRecord(object.spec) ? object.spec : {};
    for (const item of Array.isArray(spec.limits) ? spec.limits : []) {
      if (!isRecord(item) || item.type !== 'Container') continue;
      if (has(item[field], r)) return object.metadata.name ?? '?';
    }
  }
  return undefined;
}

export function hasLimit(c: Container, r: ResourceName): boolean {
  return has(isRecord(c.resources) ? c.resources.limits : undefined, r);
}

export function hasRequest(c: Container, r: ResourceName): boolean {
  return has(isRecord(c.resources) ? c.resources.requests : undefined, r);
}
