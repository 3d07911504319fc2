// Exemptions derived from the model: every container of a recognised catalog component (middleware, core, agent)
// that breaks a check at the chosen level, precise to namespace, container name and image repository. Customer
// workloads get none: they are what the policies are for.
//
// Attribution follows the exact evaluator (src/pss): a check that fails on the pod with its containers removed is a
// pod-level violation (every container of the workload is exempted together); a check that fails only with a
// container present is that container's. The CEL of each check is split the same way (pss-cel.ts).

import { classify } from '../../analyze.ts';
import { canonicalHostPath } from '../../knowledge/host-paths.ts';
import { findComponent } from '../../knowledge/catalog/index.ts';
import { isUnknownBaseline } from '../../knowledge/catalog/types.ts';
import { withinBaseline, type BaselinePrivilege } from '../../inventory/baseline.ts';
import { normalizeCapability } from '../../inventory/privileges.ts';
import type { Model } from '../../model/build.ts';
import type { Container, PodSpec } from '../../model/k8s.ts';
import type { Workload } from '../../model/types.ts';
import { evaluatePod } from '../../pss/index.ts';
import {
  BASELINE_ADDABLE_CAPABILITIES,
  RESTRICTED_ALLOWED_VOLUME_TYPES,
  SAFE_SYSCTLS,
  valuesAt,
} from '../../pss/facts.ts';
import { MAX_MINOR } from '../../pss/registry.ts';
import { sensitiveMount } from './host-mounts.ts';
import { HOST_MOUNTS_CHECK, type ContainerList, type Exemption, type PolicyLevel } from './types.ts';

const LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

interface ContainerEntry {
  list: ContainerList;
  container: Container;
  name: string;
}

function containersOf(spec: PodSpec): ContainerEntry[] {
  const out: ContainerEntry[] = [];
  for (const list of LISTS) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    for (const c of items) {
      if (typeof c === 'object' && c !== null)
        out.push({ list, container: c, name: typeof c.name === 'string' ? c.name : '' });
    }
  }
  return out;
}

/** The image repository as written: `registry/path/name`, without `:tag` or `@digest`. */
export function imageRepository(image: unknown): string {
  if (typeof image !== 'string') return '';
  let rest = image.trim();
  const at = rest.indexOf('@');
  if (at >= 0) rest = rest.slice(0, at);
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) rest = rest.slice(0, colon);
  return rest;
}

function isCatalogued(w: Workload): boolean {
  const c = w.classification;
  return c?.component !== undefined && (c.class === 'core' || c.class === 'middleware' || c.class === 'agent');
}

/**
 * Namespaces the policies bind to: the given list (order kept, duplicates dropped), or the namespaces where
 * catalogued components run, kube-system first, then by name. kube-system alone when nothing is recognised.
 */
export function targetNamespaces(model: Model, given?: readonly string[]): string[] {
  if (given !== undefined && given.length > 0) return [...new Set(given.filter((n) => n !== ''))];
  classify(model);
  const found = new Set(model.workloads.filter(isCatalogued).map((w) => w.namespace));
  found.delete('kube-system');
  return ['kube-system', ...[...found].sort()];
}

function emptyContainers(spec: PodSpec): PodSpec {
  return { ...spec, initContainers: [], containers: [], ephemeralContainers: [] };
}

function hostPathVolumes(spec: PodSpec): { name: string; path: string }[] {
  return (Array.isArray(spec.volumes) ? spec.volumes : []).flatMap((v) =>
    typeof v === 'object' && v !== null && typeof v.hostPath?.path === 'string'
      ? [{ name: typeof v.name === 'string' ? v.name : '', path: v.hostPath.path }]
      : [],
  );
}

function canonical(path: string): string {
  return canonicalHostPath(path) ?? path;
}

function strings(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : [];
}

const ADDABLE = valuesAt(BASELINE_ADDABLE_CAPABILITIES, MAX_MINOR);
const SAFE = valuesAt(SAFE_SYSCTLS, MAX_MINOR);
const ALLOWED_VOLUMES = new Set(RESTRICTED_ALLOWED_VOLUME_TYPES.map((f) => f.value));

/** The offending values of a pod-level violation, for engines that exempt by value. */
function podValues(check: string, spec: PodSpec): string[] {
  switch (check) {
    case 'hostNamespaces':
      return (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => spec[f] === true);
    case 'hostPathVolumes':
      // As written: value-matching engines (Kyverno) compare the field itself.
      return [...new Set(hostPathVolumes(spec).map((v) => v.path))].sort();
    case 'restrictedVolumes':
      return [
        ...new Set(
          (Array.isArray(spec.volumes) ? spec.volumes : []).flatMap((v) =>
            typeof v === 'object' && v !== null && !Object.keys(v).some((k) => ALLOWED_VOLUMES.has(k) && v[k] != null)
              ? Object.keys(v).filter((k) => k !== 'name' && v[k] != null)
              : [],
          ),
        ),
      ].sort();
    case 'sysctls':
      return (Array.isArray(spec.securityContext?.sysctls) ? spec.securityContext.sysctls : [])
        .map((s) => (typeof s?.name === 'string' ? s.name : ''))
        .filter((n) => !SAFE.has(n));
    default:
      return [];
  }
}

/** The offending values of a container-level violation. */
function containerValues(check: string, c: Container): string[] {
  const sc = c.securityContext;
  switch (check) {
    case 'privileged':
      return ['true'];
    case 'capabilities_baseline':
      return strings(sc?.capabilities?.add).filter((a) => !ADDABLE.has(a));
    case 'capabilities_restricted':
      return strings(sc?.capabilities?.add).filter((a) => a !== 'NET_BIND_SERVICE');
    case 'hostPorts':
      return (Array.isArray(c.ports) ? c.ports : [])
        .map((p) => p?.hostPort)
        .filter((p): p is number => typeof p === 'number' && p !== 0)
        .map(String);
    case 'procMount':
    case 'procMount_restricted':
      return typeof sc?.procMount === 'string' ? [sc.procMount] : [];
    default:
      return [];
  }
}

/** Whether the catalog baseline of the component includes what the exemption allows. */
function baselineOf(w: Workload, check: string, container: string, values: string[]): Exemption['baseline'] {
  const component = findComponent(w.classification?.component ?? '');
  if (!component || isUnknownBaseline(component.privileges)) return 'not-recorded';
  const all = (kind: BaselinePrivilege, details: readonly (string | undefined)[]): Exemption['baseline'] =>
    details.every((d) => withinBaseline(w, kind, d)) ? 'within' : 'beyond';
  switch (check) {
    case 'privileged':
      return all('privileged', [container]);
    case 'hostNamespaces':
      return values.every((f) => withinBaseline(w, f as BaselinePrivilege)) ? 'within' : 'beyond';
    case 'capabilities_baseline':
      return all('capability', values.map(normalizeCapability));
    case 'hostPorts':
      return all('hostPort', values);
    case 'hostPathVolumes':
      return all('hostPath', values);
    case 'restrictedVolumes':
      return values.length > 0 && values.every((v) => v === 'hostPath')
        ? all(
            'hostPath',
            hostPathVolumes(w.podSpec).map((v) => canonical(v.path)),
          )
        : 'not-recorded';
    case HOST_MOUNTS_CHECK:
      return all('hostPath', values);
    default:
      return 'not-recorded';
  }
}

export const BASELINE_TEXT: Record<Exemption['baseline'], string> = {
  within: 'as the provider ships it',
  beyond: 'BEYOND the catalogued baseline: review before enforcing',
  'not-recorded': 'the catalog does not record this setting',
};

function sourcesOf(w: Workload): string[] {
  const component = findComponent(w.classification?.component ?? '');
  if (!component) return [];
  const privileges = isUnknownBaseline(component.privileges) ? [] : component.privileges.sources;
  return [...new Set([...privileges, ...component.sources])];
}

function exemption(
  w: Workload,
  entry: ContainerEntry,
  check: string,
  scope: Exemption['scope'],
  values: string[],
): Exemption {
  const cls = w.classification!;
  const image = imageRepository(entry.container.image);
  const baseline = baselineOf(w, check, entry.name, values);
  const sources = sourcesOf(w);
  const what = values.length > 0 ? `${check} (${values.join(', ')})` : check;
  return {
    check,
    namespace: w.namespace,
    workload: { kind: w.kind, name: w.name },
    containerList: entry.list,
    container: entry.name,
    image,
    scope,
    values,
    component: cls.component!,
    componentClass: cls.class as Exemption['componentClass'],
    sources,
    baseline,
    reason:
      `${cls.component!} (${cls.class}) ${w.kind} ${w.namespace}/${w.name}, container ${entry.name} (${image}): ` +
      `${what}${scope === 'pod' ? ' [pod-level]' : ''}, ${BASELINE_TEXT[baseline]}; source: ${sources[0] ?? 'catalog'}`,
  };
}

/** Exemptions of one workload for the Pod Security checks at `level` and for sensitive host mounts. */
export function workloadExemptions(w: Workload, level: PolicyLevel): Exemption[] {
  const spec = w.podSpec;
  const entries = containersOf(spec);
  const out: Exemption[] = [];
  const podLevel = evaluatePod({ metadata: w.podMeta, spec: emptyContainers(spec) }, level);
  const podChecks = new Set(podLevel.violations.map((v) => v.check));
  for (const v of podLevel.violations) {
    const values = podValues(v.check, spec);
    for (const e of entries) out.push(exemption(w, e, v.check, 'pod', values));
  }
  for (const e of entries) {
    const alone = evaluatePod(
      { metadata: w.podMeta, spec: { ...emptyContainers(spec), [e.list]: [e.container] } },
      level,
    );
    for (const v of alone.violations) {
      if (!podChecks.has(v.check))
        out.push(exemption(w, e, v.check, 'container', containerValues(v.check, e.container)));
    }
  }
  const volumes = new Map(hostPathVolumes(spec).map((v) => [v.name, v.path]));
  for (const e of entries) {
    const paths = new Set<string>();
    for (const m of Array.isArray(e.container.volumeMounts) ? e.container.volumeMounts : []) {
      const path = typeof m?.name === 'string' ? volumes.get(m.name) : undefined;
      if (path !== undefined && sensitiveMount(path, m.readOnly !== true)) paths.add(canonical(path));
    }
    if (paths.size > 0) out.push(exemption(w, e, HOST_MOUNTS_CHECK, 'container', [...paths].sort()));
  }
  return out;
}

/**
 * Every exemption the model calls for at `level`, for catalogued workloads in `namespaces`, sorted by namespace,
 * check, workload and container so generated files diff well.
 */
export function deriveExemptions(model: Model, level: PolicyLevel, namespaces: readonly string[]): Exemption[] {
  classify(model);
  const scope = new Set(namespaces);
  const out = model.workloads
    .filter((w) => isCatalogued(w) && scope.has(w.namespace))
    .flatMap((w) => workloadExemptions(w, level));
  const nsOrder = new Map(namespaces.map((n, i) => [n, i]));
  return out.sort(
    (a, b) =>
      (nsOrder.get(a.namespace) ?? 0) - (nsOrder.get(b.namespace) ?? 0) ||
      a.check.localeCompare(b.check) ||
      a.workload.name.localeCompare(b.workload.name) ||
      a.workload.kind.localeCompare(b.workload.kind) ||
      a.container.localeCompare(b.container),
  );
}
