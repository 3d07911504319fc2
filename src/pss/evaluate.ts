// Evaluation of one pod at a level and policy version, as upstream policy/registry.go EvaluatePod and
// policy/checks.go AggregateCheckResults do it.

import type { ObjectMeta, PodSpec } from '../model/k8s.ts';
import { podView } from './pod-view.ts';
import { activeChecks, CHECKS, MAX_MINOR, overridersAt } from './registry.ts';
import type { CheckLevel, PssLevel, PssViolation } from './types.ts';
import { formatVersion, resolveMinor, tryParseVersion, VERSION_ERROR } from './version.ts';
import type { PssVersion } from './version.ts';

export interface PssResult {
  level: PssLevel;
  /** The policy version evaluated, resolved: `v1.N` (never `latest`). */
  version: string;
  allowed: boolean;
  /** Failed checks in upstream order. Empty when allowed. */
  violations: PssViolation[];
}

export interface PssCheckInfo {
  readonly id: string;
  readonly level: CheckLevel;
  readonly title: string;
  /** Upstream file the semantics follow. */
  readonly source: string;
  /** One entry per upstream variant: the version it applies from, and the baseline checks it replaces. */
  readonly versions: readonly { since: string; overrides: readonly string[]; note?: string }[];
}

/** The newest policy version any check defines; what `latest` evaluates as. */
export const PSS_LATEST: string = `v1.${MAX_MINOR}`;

export const PSS_CHECKS: readonly PssCheckInfo[] = CHECKS.map((c) => ({
  id: c.id,
  level: c.level,
  title: c.title,
  source: c.source,
  versions: c.variants.map((v) => ({
    since: `v1.${v.minVersion}`,
    overrides: v.overrides ?? [],
    ...(v.note === undefined ? {} : { note: v.note }),
  })),
}));

export class PssVersionError extends Error {
  constructor(readonly input: string) {
    super(`invalid Pod Security policy version ${JSON.stringify(input)}: ${VERSION_ERROR}`);
    this.name = 'PssVersionError';
  }
}

/** Parses `latest` or `v1.N` as upstream api.ParseVersion does; anything else throws PssVersionError. */
export function parsePssVersion(v: string): PssVersion {
  const { version, error } = tryParseVersion(v);
  if (error !== undefined) throw new PssVersionError(v);
  return version;
}

/** The `v1.N` a version evaluates as (`latest` and versions past the newest check clamp to PSS_LATEST). */
export function resolvePssVersion(v: string): string {
  return `v1.${resolveMinor(parsePssVersion(v), MAX_MINOR)}`;
}

/**
 * Evaluates a pod (or a pod template: metadata + spec) at a level and policy version (default `latest`).
 * `privileged` allows everything, as upstream. Throws PssVersionError on a malformed version.
 */
export function evaluatePod(
  pod: { metadata?: ObjectMeta; spec?: PodSpec },
  level: PssLevel,
  version: string = 'latest',
): PssResult {
  const minor = resolveMinor(parsePssVersion(version), MAX_MINOR);
  const resolved = `v1.${minor}`;
  if (level === 'privileged') return { level, version: resolved, allowed: true, violations: [] };
  const view = podView(pod);
  const violations: PssViolation[] = [];
  for (const { check, variant } of activeChecks(level, minor)) {
    const failure = variant.evaluate(view);
    if (failure) violations.push({ check: check.id, ...failure });
  }
  return { level, version: resolved, allowed: violations.length === 0, violations };
}

/**
 * Restricted checks that, at this version, replace the baseline check `checkId` at the restricted level (upstream
 * OverrideCheckIDs): a pod failing `hostPathVolumes` is reported at restricted as `restrictedVolumes`.
 */
export function overridingChecks(checkId: string, version: string = 'latest'): string[] {
  return overridersAt(checkId, resolveMinor(parsePssVersion(version), MAX_MINOR));
}

/** Upstream AggregateCheckResult.ForbiddenDetail: `host namespaces (hostNetwork=true), privileged (…)`. */
export function formatViolations(violations: readonly PssViolation[]): string {
  return violations.map((v) => (v.detail === '' ? v.reason : `${v.reason} (${v.detail})`)).join(', ');
}

/** Upstream's enforce message: `violates PodSecurity "restricted:latest": …`; the version is shown as given. */
export function violationMessage(level: PssLevel, version: PssVersion | string, violations: readonly PssViolation[]) {
  const shown = typeof version === 'string' ? version : formatVersion(version);
  return `violates PodSecurity ${JSON.stringify(`${level}:${shown}`)}: ${formatViolations(violations)}`;
}
