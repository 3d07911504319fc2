import type { PssLevel } from './types.ts';

// Policy level and version parsing as upstream k8s.io/pod-security-admission api/helpers.go does it
// (ParseLevel, ParseVersion, Version.Older).

/** A policy version: `latest`, or `v1.N`. Upstream only knows major version 1. */
export type PssVersion = { readonly latest: true } | { readonly latest: false; readonly minor: number };

export const LATEST: PssVersion = { latest: true };

/** Upstream versionRegexp: `v1.` then a minor without leading zeros. */
const VERSION_RE = /^v1\.([0-9]|[1-9][0-9]*)$/;

export const VERSION_ERROR = 'must be "latest" or "v1.x"';
export const LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];
export const LEVEL_ERROR = `must be one of ${LEVELS.join(', ')}`;

/** Upstream ParseVersion: on error the version is `latest` and the error is returned beside it. */
export function tryParseVersion(text: string): { version: PssVersion; error?: string } {
  if (text === 'latest') return { version: LATEST };
  const match = VERSION_RE.exec(text);
  const minor = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(minor)) return { version: LATEST, error: VERSION_ERROR };
  return { version: { latest: false, minor } };
}

/** Upstream ParseLevel: on error the level is `restricted` and the error is returned beside it. */
export function tryParseLevel(text: string): { level: PssLevel; error?: string } {
  return (LEVELS as readonly string[]).includes(text)
    ? { level: text as PssLevel }
    : { level: 'restricted', error: LEVEL_ERROR };
}

export function formatVersion(version: PssVersion): string {
  return version.latest ? 'latest' : `v1.${version.minor}`;
}

/** The policy minor evaluated: versions newer than the newest registered check, and `latest`, clamp to it. */
export function resolveMinor(version: PssVersion, maxMinor: number): number {
  return version.latest ? maxMinor : Math.min(version.minor, maxMinor);
}
