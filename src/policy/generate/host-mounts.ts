// What Pod Security does not cover: which sensitive host paths a container mounts writable (or, for a socket, at
// all). PSS baseline forbids every hostPath, so this only adds protection where hostPath is exempted: it pins an
// exempted middleware container to the sensitive paths it was observed to need, and catches customer workloads in
// namespaces left at privileged. The facts are src/knowledge/host-paths.ts; this module judges a mount the same way
// in TypeScript (to derive exemptions) and in CEL (in the policies), and a test holds the two together.

import {
  exposureOf,
  SENSITIVE_HOST_PATHS,
  worstExposure,
  type HostPathSeverity,
  type SensitiveHostPath,
} from '../../knowledge/host-paths.ts';
import { celString, exemptMatch, type CelVariable, SPEC } from './cel.ts';

const HIGH: ReadonlySet<HostPathSeverity> = new Set(['high', 'critical']);

/**
 * Distribution symlinks the canonical form replaces, as canonicalHostPath in src/knowledge/host-paths.ts does
 * (its list is private there; the host-mounts test checks both agree on every case it tries).
 */
export const HOST_PATH_ALIASES: readonly (readonly [from: string, to: string])[] = [
  ['/var/run', '/run'],
  ['/var/lock', '/run/lock'],
];

function socketHigh(e: SensitiveHostPath): boolean {
  return e.socket === true && HIGH.has(e.writeSeverity);
}

/**
 * True when mounting host path `path` is a sensitive mount: writable and exposing a path whose write severity is
 * high or critical (the most specific entry at or above it, or any entry below it), or exposing a socket whose
 * severity is high or critical whatever `readOnly` says (connect(2) works through a read-only bind mount).
 * A path with a `..` segment is judged sensitive: the API server rejects it, and a policy must not guess where it
 * leads. Relative (Windows) paths are not Linux host paths and are not judged.
 */
export function sensitiveMount(path: string, writable: boolean): boolean {
  if (typeof path !== 'string' || !path.startsWith('/')) return false;
  if (path.split('/').includes('..')) return true;
  const exposure = exposureOf(path);
  if (!exposure) return false;
  if (writable) {
    const worst = worstExposure(exposure, true);
    return worst !== undefined && HIGH.has(worst.severity);
  }
  return (exposure.within !== undefined && socketHigh(exposure.within)) || exposure.covers.some(socketHigh);
}

/**
 * The entries as the CEL sees them: canonical paths with a trailing slash, in string lists (Kubernetes checks that
 * literal lists and maps are homogeneous, cel.HomogeneousAggregateLiterals, so flags cannot sit beside paths).
 */
function pathList(filter: (e: SensitiveHostPath) => boolean): string {
  const paths = SENSITIVE_HOST_PATHS.filter(filter)
    .map((e) => (e.path === '/' ? '/' : `${e.path}/`))
    .sort();
  return `[${paths.map(celString).join(', ')}]`;
}

/** The CEL canonical form of host path `p` (a string expression): segments, then the distribution aliases. */
function canonical(raw: string): string {
  let out = raw;
  for (const [from, to] of [...HOST_PATH_ALIASES].reverse()) {
    out = `(${raw} == ${celString(from)} || ${raw}.startsWith(${celString(`${from}/`)}) ? ${celString(to)} + ${raw}.substring(${from.length}) : ${out})`;
  }
  return out;
}

/**
 * Variables judging every hostPath volume of the pod: the catalogued paths (`sensitivePaths`, and the `exactPaths`,
 * `writePaths` and `socketPaths` among them), `hostVolumes` (canonical path of each volume), `volumeExposure` (the
 * entries at or above and strictly below each path) and `sensitiveVolumes` (name, path, `rw` and `ro`: whether a
 * writable or a read-only mount of it is sensitive). Computed values are wrapped in dyn() so literal maps stay
 * homogeneous. Needs the podTemplateVariables.
 */
export function hostMountVariables(): CelVariable[] {
  const segments = `v.hostPath.path.split('/').filter(s, s != '' && s != '.')`;
  const within = `variables.sensitivePaths.filter(p, v.slash.startsWith(p) && (!(p in variables.exactPaths) || v.slash == p))`;
  const below = `variables.sensitivePaths.filter(p, !v.slash.startsWith(p) && p.startsWith(v.slash))`;
  // The most specific entry the path is in: no other entry it is in is longer.
  const mostSpecificIn = (list: string): string =>
    `v.within.exists(p, p in variables.${list} && v.within.all(q, size(q) <= size(p)))`;
  return [
    { name: 'sensitivePaths', expression: pathList(() => true) },
    { name: 'exactPaths', expression: pathList((e) => e.exactOnly === true) },
    { name: 'writePaths', expression: pathList((e) => HIGH.has(e.writeSeverity)) },
    { name: 'socketPaths', expression: pathList(socketHigh) },
    {
      name: 'hostVolumeSegments',
      expression:
        `has(${SPEC}.volumes) ? ${SPEC}.volumes.filter(v, has(v.hostPath) && has(v.hostPath.path)).map(v, ` +
        `{'name': dyn(has(v.name) ? v.name : ''), 'abs': dyn(v.hostPath.path.startsWith('/')), ` +
        `'up': dyn(${segments}.exists(s, s == '..')), 'raw': dyn('/' + ${segments}.join('/'))}) : []`,
    },
    {
      name: 'hostVolumes',
      expression:
        `variables.hostVolumeSegments.map(v, {'name': v.name, 'abs': v.abs, 'up': v.up, 'path': dyn(${canonical('v.raw')})})` +
        `.map(v, {'name': v.name, 'abs': v.abs, 'up': v.up, 'path': v.path, 'slash': dyn(v.path == '/' ? '/' : v.path + '/')})`,
    },
    {
      name: 'volumeExposure',
      expression: `variables.hostVolumes.map(v, {'name': v.name, 'abs': v.abs, 'up': v.up, 'path': v.path, 'within': dyn(${within}), 'below': dyn(${below})})`,
    },
    {
      name: 'sensitiveVolumes',
      expression:
        `variables.volumeExposure.map(v, {'name': v.name, 'path': v.path, ` +
        `'rw': dyn(v.abs && (v.up || ${mostSpecificIn('writePaths')} || v.below.exists(p, p in variables.writePaths))), ` +
        `'ro': dyn(v.abs && (v.up || ${mostSpecificIn('socketPaths')} || v.below.exists(p, p in variables.socketPaths)))})`,
    },
  ];
}

/** Mount `m` of container `c` is sensitive and not exempted for that container and path. */
function badMount(c: string, m: string): string {
  const writable = `(!has(${m}.readOnly) || ${m}.readOnly != true)`;
  return (
    `has(${m}.name) && variables.sensitiveVolumes.exists(v, v.name == ${m}.name && (${writable} ? v.rw : v.ro) && ` +
    `!${exemptMatch(c, 'e.path == v.path')})`
  );
}

export function hostMountValidation(): { expression: string; messageExpression: string } {
  const bad = (m: string): string => badMount('c', m);
  const offenders = `variables.containers.filter(c, has(c.volumeMounts) && c.volumeMounts.exists(m, ${bad('m')}))`;
  const pathsOf = `c.volumeMounts.filter(m, ${bad('m')}).map(m, variables.sensitiveVolumes.filter(v, v.name == m.name)[0].path)`;
  return {
    expression: `variables.containers.all(c, !has(c.volumeMounts) || c.volumeMounts.all(m, !(${bad('m')})))`,
    messageExpression:
      `'mounts sensitive host paths writable (or a runtime socket): ' + ` +
      `${offenders}.map(c, (has(c.name) ? c.name : '') + ' (' + ${pathsOf}.join(', ') + ')').join('; ')`,
  };
}
