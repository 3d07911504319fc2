// Lookups by namespace and name over one kind's list of objects. Analyzers ask once per workload; a linear `find`
// per question is quadratic on a large cluster (25,000 workloads × 30,000 service accounts), so each list gets an
// index on first use, rebuilt only if the list changes length.
import type { SourcedObject } from './types.ts';

interface NamespacedIndex {
  size: number;
  byNs: Map<string, Map<string, SourcedObject>>;
  /** Objects without `metadata.namespace` (cluster-scoped), when no default namespace applies. */
  cluster: Map<string, SourcedObject>;
}

const indexes = new WeakMap<readonly SourcedObject[], Map<string, NamespacedIndex>>();

function build(list: readonly SourcedObject[], defaultNamespace: string | undefined): NamespacedIndex {
  const byNs = new Map<string, Map<string, SourcedObject>>();
  const cluster = new Map<string, SourcedObject>();
  for (const so of list) {
    const md = so.object.metadata;
    const ns: unknown = defaultNamespace === undefined ? md.namespace : (md.namespace ?? defaultNamespace);
    const name: unknown = md.name;
    if (typeof name !== 'string') continue;
    let names: Map<string, SourcedObject> | undefined;
    if (ns === undefined) names = cluster;
    else if (typeof ns === 'string') {
      names = byNs.get(ns);
      if (!names) byNs.set(ns, (names = new Map<string, SourcedObject>()));
    } else continue;
    if (!names.has(name)) names.set(name, so); // the first, as `find` would return
  }
  return { size: list.length, byNs, cluster };
}

/**
 * The first object of `list` whose `metadata.namespace` (or `defaultNamespace` when it has none) and
 * `metadata.name` are these: the same answer as `list.find(...)` comparing with `===`, in constant time after the
 * first call. Namespace undefined asks for an object without one.
 */
export function findNamespaced(
  list: readonly SourcedObject[] | undefined,
  namespace: string | undefined,
  name: string,
  defaultNamespace?: string,
): SourcedObject | undefined {
  if (!list || list.length === 0) return undefined;
  let perMode = indexes.get(list);
  if (!perMode) indexes.set(list, (perMode = new Map<string, NamespacedIndex>()));
  const mode = defaultNamespace === undefined ? 'exact' : `default:${defaultNamespace}`;
  let index = perMode.get(mode);
  if (!index || index.size !== list.length) {
    index = build(list, defaultNamespace);
    perMode.set(mode, index);
  }
  return (namespace === undefined ? index.cluster : index.byNs.get(namespace))?.get(name);
}
