// Pod Security Standards evaluated exactly as the upstream Pod Security Admission library
// (k8s.io/pod-security-admission, policy/ and api/) does, for every policy version v1.0 … PSS_LATEST and `latest`.

export {
  evaluatePod,
  formatViolations,
  overridingChecks,
  parsePssVersion,
  PSS_CHECKS,
  PSS_LATEST,
  PssVersionError,
  resolvePssVersion,
  violationMessage,
} from './evaluate.ts';
export type { PssCheckInfo, PssResult } from './evaluate.ts';
export {
  DEFAULT_POLICY,
  parseNamespacePolicy,
  PSS_LABEL_PREFIX,
  PSS_MODES,
  strictestAllowedLevel,
  wouldBreak,
} from './namespace.ts';
export type {
  BrokenPod,
  NamespaceModePolicy,
  NamespacePolicy,
  PodEntry,
  PolicyDefaults,
  PssMode,
} from './namespace.ts';
export type { PssLevel, PssViolation } from './types.ts';
export type { PssVersion } from './version.ts';
