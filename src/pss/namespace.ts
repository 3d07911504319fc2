// Namespace-level Pod Security helpers, pure functions of labels and pods.
// Label parsing follows upstream k8s.io/pod-security-admission api/helpers.go PolicyToEvaluate:
// - a missing label keeps the default (upstream's default configuration: privileged, latest);
// - an invalid enforce level evaluates as `restricted` (fail closed), an invalid audit or warn level as
//   `privileged` (fail open); an invalid version evaluates as `latest`; each invalid value is reported as an error
//   formatted as upstream's field error on metadata.labels[...].

import { evaluatePod, violationMessage } from './evaluate.ts';
import type { PssResult } from './evaluate.ts';
import type { PssVersion } from './version.ts';
import type { ObjectMeta, PodSpec } from '../model/k8s.ts';
import type { PssLevel, PssViolation } from './types.ts';
import { formatVersion, LATEST, tryParseLevel, tryParseVersion } from './version.ts';

export type PssMode = 'enforce' | 'audit' | 'warn';
export const PSS_MODES: readonly PssMode[] = ['enforce', 'audit', 'warn'];
export const PSS_LABEL_PREFIX = 'pod-security.kubernetes.io/';

export interface NamespaceModePolicy {
  /** The level evaluated for this mode (after upstream's fallbacks). */
  level: PssLevel;
  /** The version evaluated, as given: `latest` or `v1.N` (evaluatePod resolves `latest`). */
  version: string;
  /** True when the namespace sets this mode's level label (a version label alone changes nothing visible). */
  explicit: boolean;
  /** Upstream's field errors for this mode's labels, `; `-joined; absent when the labels are valid. */
  error?: string;
}

export type NamespacePolicy = Record<PssMode, NamespaceModePolicy>;

export interface PolicyDefaults {
  level: PssLevel;
  version: string;
}

/** Upstream PodSecurityConfiguration defaults: privileged at latest for every mode. */
export const DEFAULT_POLICY: Readonly<Record<PssMode, PolicyDefaults>> = {
  enforce: { level: 'privileged', version: 'latest' },
  audit: { level: 'privileged', version: 'latest' },
  warn: { level: 'privileged', version: 'latest' },
};

/** Upstream field.Invalid(...).Error() for a label. */
function labelError(label: string, value: string, detail: string): string {
  return `metadata.labels[${label}]: Invalid value: ${JSON.stringify(value)}: ${detail}`;
}

export function parseNamespacePolicy(
  labels: Record<string, string> | undefined,
  defaults: Readonly<Record<PssMode, PolicyDefaults>> = DEFAULT_POLICY,
): NamespacePolicy {
  const out = {} as NamespacePolicy;
  for (const mode of PSS_MODES) {
    const levelLabel = PSS_LABEL_PREFIX + mode;
    const versionLabel = `${levelLabel}-version`;
    const policy: NamespaceModePolicy = { ...defaults[mode], explicit: false };
    const errors: string[] = [];
    const level = labels?.[levelLabel];
    if (typeof level === 'string') {
      policy.explicit = true;
      const parsed = tryParseLevel(level);
      policy.level = parsed.level;
      if (parsed.error !== undefined) {
        errors.push(labelError(levelLabel, level, parsed.error));
        // Upstream fails open for audit and warn.
        if (mode !== 'enforce') policy.level = 'privileged';
      }
    }
    const version = labels?.[versionLabel];
    if (typeof version === 'string') {
      const parsed = tryParseVersion(version);
      policy.version = formatVersion(parsed.version);
      if (parsed.error !== undefined) errors.push(labelError(versionLabel, version, parsed.error));
    }
    if (errors.length > 0) policy.error = errors.join('; ');
    out[mode] = policy;
  }
  return out;
}

export interface PodEntry<R> {
  ref: R;
  pod: { metadata?: ObjectMeta; spec?: PodSpec };
}

export interface BrokenPod<R> {
  ref: R;
  violations: PssViolation[];
  /** Upstream-style message: `violates PodSecurity "restricted:latest": …`. */
  message: string;
}

/** The pods a namespace would reject if it enforced `level` at `version` (default latest), and why. */
export function wouldBreak<R>(
  pods: readonly PodEntry<R>[],
  level: PssLevel,
  version: PssVersion | string = LATEST,
): BrokenPod<R>[] {
  const text = typeof version === 'string' ? version : formatVersion(version);
  const broken: BrokenPod<R>[] = [];
  for (const { ref, pod } of pods) {
    const result: PssResult = evaluatePod(pod, level, text);
    if (!result.allowed) {
      broken.push({ ref, violations: result.violations, message: violationMessage(level, text, result.violations) });
    }
  }
  return broken;
}

/** The strictest level every pod is allowed at, at `version` (default latest). No pods: restricted. */
export function strictestAllowedLevel(
  pods: readonly PodEntry<unknown>[],
  version: PssVersion | string = LATEST,
): PssLevel {
  const text = typeof version === 'string' ? version : formatVersion(version);
  if (pods.every(({ pod }) => evaluatePod(pod, 'restricted', text).allowed)) return 'restricted';
  if (pods.every(({ pod }) => evaluatePod(pod, 'baseline', text).allowed)) return 'baseline';
  return 'privileged';
}
