// Namespace-level facts for namespace checks: objects of a kind in a namespace, and whether the source could list them.
import type { Model } from '../../model/build.ts';

// Namespace checks ask once per namespace and kind: count each kind's objects per namespace once, not every time.
const counts = new WeakMap<object, { size: number; byNs: Map<unknown, number> }>();

export function countInNamespace(model: Model, kind: string, namespace: string): number {
  const list = model.byKind.get(kind);
  if (!list) return 0;
  let cached = counts.get(list);
  if (!cached || cached.size !== list.length) {
    const byNs = new Map<unknown, number>();
    for (const { object } of list) byNs.set(object.metadata.namespace, (byNs.get(object.metadata.namespace) ?? 0) + 1);
    counts.set(list, (cached = { size: list.length, byNs }));
  }
  return cached.byNs.get(namespace) ?? 0;
}

/**
 * False when a live or snapshot source tried to list the resource and could not (forbidden, failed): absence of
 * objects then says nothing. Files and snapshots without coverage entries are taken at their word.
 */
export function couldList(model: Model, group: string, resource: string): boolean {
  const entry = model.coverage.find((c) => c.group === group && c.resource === resource);
  return entry === undefined || entry.status === 'listed' || entry.status === 'not-served';
}

export function anyOfKinds(model: Model, kinds: readonly string[]): string | undefined {
  return kinds.find((k) => (model.byKind.get(k)?.length ?? 0) > 0);
}
