import type { PodView } from './pod-view.ts';

export type PssLevel = 'privileged' | 'baseline' | 'restricted';

/** A level a check belongs to: upstream registers checks only at baseline or restricted. */
export type CheckLevel = 'baseline' | 'restricted';

export interface PssViolation {
  /** Upstream check id, e.g. `hostNamespaces`. */
  check: string;
  /** Upstream ForbiddenReason, e.g. `host namespaces`. */
  reason: string;
  /** Upstream ForbiddenDetail, e.g. `hostNetwork=true`; may be empty. */
  detail: string;
  /** Fields that caused the violation, relative to the pod (`spec.hostNetwork`, `metadata.annotations["k"]`). */
  paths: string[];
}

/** What a failing check reports; `undefined` means the pod is allowed. */
export interface CheckFailure {
  reason: string;
  detail: string;
  paths: string[];
}

export type CheckPodFn = (pod: PodView) => CheckFailure | undefined;

export interface CheckVariant {
  /** First policy minor (v1.N) this variant applies to; it applies until the next variant's. */
  readonly minVersion: number;
  readonly evaluate: CheckPodFn;
  /** Baseline check ids this restricted variant replaces at the restricted level (upstream OverrideCheckIDs). */
  readonly overrides?: readonly string[];
  /** Why this variant exists, in a few words. */
  readonly note?: string;
}

export interface PssCheck {
  /** Upstream check id, e.g. `capabilities_restricted`. */
  readonly id: string;
  readonly level: CheckLevel;
  readonly title: string;
  /** Upstream file the semantics follow (repo + path). */
  readonly source: string;
  /** Ordered by strictly increasing minVersion. */
  readonly variants: readonly CheckVariant[];
}
