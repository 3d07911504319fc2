// Namespace-level facts for namespace checks: objects of a kind in a namespace, and whether the source could list them.
import type { Model } from '../../model/build.ts';

export function countInNamespace(model: Model, kind: string, namespace: string): number {
  let n = 0;
  for (const { object } of model.byKind.get(kind) ?? []) if (object.metadata.namespace === namespace) n++;
  return n;
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
