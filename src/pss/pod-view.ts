// Read-only accessors over an untrusted pod, shaped like the upstream helpers the checks rely on.
// Upstream: k8s.io/pod-security-admission policy/visitor.go (visitContainers) and policy/helpers.go
// (joinQuote, pluralize, relaxPolicyForUserNamespacePod).

export type Json = Record<string, unknown>;

export function asRecord(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Go reads a missing string field as "": so do we (a value of another type is treated as missing). */
export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A Go pointer field is set when the key is present and not null. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export interface ContainerRef {
  /** Container as given (an object; fields may be missing). */
  readonly container: Json;
  /** Name as Go reads it: "" when missing. */
  readonly name: string;
  /** Path of the container relative to the pod, e.g. `spec.initContainers[0]`. */
  readonly path: string;
}

export interface PodView {
  readonly metadata: Json;
  readonly spec: Json;
  /** spec.securityContext when it is an object. */
  readonly podSecurityContext: Json | undefined;
  /** Init containers, then containers, then ephemeral containers: upstream visitContainers order. */
  readonly containers: readonly ContainerRef[];
  /** metadata.annotations with only string values kept. */
  readonly annotations: ReadonlyMap<string, string>;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export function podView(pod: { metadata?: unknown; spec?: unknown }): PodView {
  const metadata = asRecord(pod.metadata) ?? {};
  const spec = asRecord(pod.spec) ?? {};
  const containers: ContainerRef[] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(spec[list]).forEach((item, i) => {
      const container = asRecord(item);
      if (container) containers.push({ container, name: asString(container.name), path: `spec.${list}[${i}]` });
    });
  }
  const annotations = new Map<string, string>();
  for (const [key, value] of Object.entries(asRecord(metadata.annotations) ?? {})) {
    if (typeof value === 'string') annotations.set(key, value);
  }
  return { metadata, spec, podSecurityContext: asRecord(spec.securityContext), containers, annotations };
}

export function securityContext(ref: ContainerRef): Json | undefined {
  return asRecord(ref.container.securityContext);
}

/** `metadata.annotations["key"]`, the path format findings use. */
export function annotationPath(key: string): string {
  return `metadata.annotations[${JSON.stringify(key)}]`;
}

/** Upstream joinQuote: `"a", "b"` with no escaping of the items. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Go's %q for the plain strings seen in pod fields (JSON escaping agrees with it there). */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** Sorted, de-duplicated: what upstream's sets.NewString(...).List() yields (byte order for ASCII). */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** `container "a"` / `containers "a", "b"`. */
export function containerList(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Upstream relaxPolicyForUserNamespacePod: the pod runs in a user namespace (`hostUsers: false`). */
export function inUserNamespace(view: PodView): boolean {
  return view.spec.hostUsers === false;
}

/** Upstream's Windows relaxation test: `spec.os.name == "windows"`. */
export function isWindowsPod(view: PodView): boolean {
  return asRecord(view.spec.os)?.name === 'windows';
}
