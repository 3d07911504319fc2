// Which check variants run for a level and policy minor, as upstream policy/registry.go decides it:
// each check's newest variant with minVersion <= the minor; restricted runs every baseline check except those a
// restricted variant at that minor overrides (OverrideCheckIDs), then the restricted checks; baseline ids first,
// then restricted ids, each sorted, so messages come out in upstream's order.

import { allowPrivilegeEscalation } from './checks/allow-privilege-escalation.ts';
import { appArmorProfile } from './checks/app-armor-profile.ts';
import { capabilitiesBaseline } from './checks/capabilities-baseline.ts';
import { capabilitiesRestricted } from './checks/capabilities-restricted.ts';
import { hostNamespaces } from './checks/host-namespaces.ts';
import { hostPathVolumes } from './checks/host-path-volumes.ts';
import { hostPorts } from './checks/host-ports.ts';
import { hostProbesAndHostLifecycle } from './checks/host-probes-and-host-lifecycle.ts';
import { privileged } from './checks/privileged.ts';
import { procMount } from './checks/proc-mount.ts';
import { procMountRestricted } from './checks/proc-mount-restricted.ts';
import { restrictedVolumes } from './checks/restricted-volumes.ts';
import { runAsNonRoot } from './checks/run-as-non-root.ts';
import { runAsUser } from './checks/run-as-user.ts';
import { seLinuxOptions } from './checks/se-linux-options.ts';
import { seccompProfileBaseline } from './checks/seccomp-profile-baseline.ts';
import { seccompProfileRestricted } from './checks/seccomp-profile-restricted.ts';
import { sysctls } from './checks/sysctls.ts';
import { windowsHostProcess } from './checks/windows-host-process.ts';
import type { CheckLevel, CheckVariant, PssCheck } from './types.ts';

/** Every check, in upstream evaluation order (baseline ids sorted, then restricted ids sorted). */
export const CHECKS: readonly PssCheck[] = orderChecks([
  allowPrivilegeEscalation,
  appArmorProfile,
  capabilitiesBaseline,
  capabilitiesRestricted,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seLinuxOptions,
  seccompProfileBaseline,
  seccompProfileRestricted,
  sysctls,
  windowsHostProcess,
]);

/** Upstream maxVersion: the newest minVersion of any variant; `latest` and newer versions evaluate as this. */
export const MAX_MINOR = Math.max(...CHECKS.flatMap((c) => c.variants.map((v) => v.minVersion)));

function orderChecks(checks: PssCheck[]): PssCheck[] {
  // Code-unit order equals Go's byte order for these ASCII ids.
  const byId = (a: PssCheck, b: PssCheck): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const level = (l: CheckLevel): PssCheck[] => checks.filter((c) => c.level === l).sort(byId);
  return [...level('baseline'), ...level('restricted')];
}

export function variantAt(check: PssCheck, minor: number): CheckVariant | undefined {
  let found: CheckVariant | undefined;
  for (const variant of check.variants) if (variant.minVersion <= minor) found = variant;
  return found;
}

export interface ActiveCheck {
  readonly check: PssCheck;
  readonly variant: CheckVariant;
}

const cache = new Map<string, readonly ActiveCheck[]>();

/** The checks evaluated at a level ('baseline' or 'restricted') and resolved policy minor, in order. */
export function activeChecks(level: CheckLevel, minor: number): readonly ActiveCheck[] {
  const key = `${level}:${minor}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const active: ActiveCheck[] = [];
  for (const check of CHECKS) {
    const variant = variantAt(check, minor);
    if (variant) active.push({ check, variant });
  }
  let result = active.filter((a) => a.check.level === 'baseline');
  if (level === 'restricted') {
    const overridden = new Set(
      active.flatMap((a) => (a.check.level === 'restricted' ? (a.variant.overrides ?? []) : [])),
    );
    result = active.filter((a) => a.check.level === 'restricted' || !overridden.has(a.check.id));
  }
  cache.set(key, result);
  return result;
}

/** Restricted checks that replace `checkId` at the restricted level at this minor (empty when none). */
export function overridersAt(checkId: string, minor: number): string[] {
  return activeChecks('restricted', minor)
    .filter((a) => a.variant.overrides?.includes(checkId) === true)
    .map((a) => a.check.id);
}

/** Fails fast on a registry upstream would reject (policy/registry.go validateChecks). */
export function validateRegistry(checks: readonly PssCheck[]): string[] {
  const errors: string[] = [];
  const levels = new Map<string, CheckLevel>();
  for (const check of checks) {
    if (levels.has(check.id)) errors.push(`multiple checks registered for ID ${check.id}`);
    levels.set(check.id, check.level);
    if (check.variants.length === 0) errors.push(`check ${check.id}: empty`);
    let last = -1;
    for (const v of check.variants) {
      if (!Number.isInteger(v.minVersion) || v.minVersion <= last) {
        errors.push(`check ${check.id}: versions must be strictly increasing`);
      }
      last = v.minVersion;
    }
  }
  for (const check of checks) {
    for (const v of check.variants) {
      for (const id of v.overrides ?? []) {
        if (check.level !== 'restricted') errors.push(`check ${check.id}: only restricted checks may set overrides`);
        else if (levels.get(id) !== 'baseline') errors.push(`check ${check.id}: overrides non-baseline check ${id}`);
      }
    }
  }
  return errors;
}
