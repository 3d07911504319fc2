import { DEPRECATED_KINDS, deprecationOf, type ApiDeprecation } from '../../knowledge/api-deprecations.ts';
import { latestReleasedMinor, oldestSupportedMinor } from '../../knowledge/version-calendars.ts';
import { joinPath } from '../../model/paths.ts';
import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';
import { controlPlaneVersion } from '../util/cluster.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The apiVersion the object was last applied with, from kubectl's annotation (the server returns its own). */
function lastAppliedApiVersion(annotations: unknown, kind: string): string | undefined {
  if (!isRecord(annotations)) return undefined;
  const raw = annotations[LAST_APPLIED];
  if (typeof raw !== 'string' || raw.length > 1_000_000) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isRecord(parsed) && parsed.kind === kind && typeof parsed.apiVersion === 'string') return parsed.apiVersion;
  } catch {
    // Not JSON: nothing to say about it.
  }
  return undefined;
}

export default defineCheck({
  id: 'deprecated-api-in-use',
  title: 'Object is written with a deprecated or removed API version',
  severity: 'high',
  category: 'hygiene',
  target: 'object',
  kinds: DEPRECATED_KINDS,
  references: ['nist-800-53:CM-2', 'nist-800-53:CM-3', 'nist-800-53:SI-2'],
  rationale:
    'Kubernetes stops serving deprecated API versions after a few releases. Manifests, Helm charts and CI pipelines ' +
    'that still write a removed version fail to apply once the control plane is upgraded — and managed providers ' +
    'upgrade control planes on their own schedule at the end of support, so the failure arrives in the middle of an ' +
    'incident or a deploy. Teams then hold clusters back on unsupported versions to keep old manifests working, which ' +
    'is the larger security cost. Security tooling written against removed versions (PodSecurityPolicy) silently ' +
    'stops protecting anything.',
  remediation:
    'Change the manifests to the replacement version and review the notable field changes in the Deprecated API ' +
    'Migration Guide (https://kubernetes.io/docs/reference/using-api/deprecation-guide/); `kubectl convert` rewrites ' +
    'simple cases. For live objects flagged through the last-applied annotation, fix the source manifest and ' +
    're-apply. PodSecurityPolicy has no successor: enforce Pod Security Admission labels instead.',
  evaluate({ object }, ctx) {
    if (object.kind === 'Secret') return;
    const found: { apiVersion: string; path: string; dep: ApiDeprecation }[] = [];
    const own = deprecationOf(object.apiVersion, object.kind);
    if (own) found.push({ apiVersion: object.apiVersion, path: 'apiVersion', dep: own });
    const applied = lastAppliedApiVersion(object.metadata.annotations, object.kind);
    const appliedDep = applied && applied !== object.apiVersion ? deprecationOf(applied, object.kind) : undefined;
    if (applied && appliedDep) {
      found.push({ apiVersion: applied, path: joinPath('metadata.annotations', LAST_APPLIED), dep: appliedDep });
    }
    if (found.length === 0) return;
    const { asOf } = ctx;
    const cluster = controlPlaneVersion(ctx.model)?.minor;
    // Without a cluster version, judge against every supported Kubernetes: removed if no supported minor serves it.
    const removedBefore = cluster ?? oldestSupportedMinor(asOf);
    const deprecatedBy = cluster ?? latestReleasedMinor(asOf);
    const name = `${object.kind} ${object.metadata.name ?? '?'}`;
    for (const f of found) {
      const { dep } = f;
      const to = dep.replacement
        ? `migrate to ${dep.replacement.apiVersion} (served since 1.${dep.replacement.since})`
        : (dep.note ?? 'no successor');
      const via = f.path === 'apiVersion' ? '' : ' (last applied with it)';
      if (removedBefore !== undefined && dep.removedIn <= removedBefore) {
        ctx.report({
          path: f.path,
          message:
            `${name} uses ${f.apiVersion}${via}, not served since Kubernetes 1.${dep.removedIn}` +
            (cluster !== undefined
              ? ` (this cluster runs 1.${cluster})`
              : ` (no supported Kubernetes serves it; oldest supported 1.${removedBefore})`) +
            `: ${to}`,
        });
      } else if (deprecatedBy !== undefined && dep.deprecatedIn <= deprecatedBy) {
        ctx.report({
          path: f.path,
          severity: 'low',
          severityReason: `deprecated, still served until 1.${dep.removedIn}`,
          message: `${name} uses ${f.apiVersion}${via}, deprecated since 1.${dep.deprecatedIn} and removed in 1.${dep.removedIn}: ${to}`,
        });
      }
    }
  },
});
