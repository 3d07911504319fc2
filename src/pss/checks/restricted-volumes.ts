import { RESTRICTED_ALLOWED_VOLUME_TYPES, RESTRICTED_FORBIDDEN_VOLUME_TYPES } from '../facts.ts';
import { asArray, asRecord, asString, isSet, joinQuote, pluralize, sortedSet } from '../pod-view.ts';
import type { PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_restrictedVolumes.go
// Replaces hostPathVolumes at the restricted level (OverrideCheckIDs).
const ALLOWED = RESTRICTED_ALLOWED_VOLUME_TYPES.map((f) => f.value);
const FORBIDDEN = RESTRICTED_FORBIDDEN_VOLUME_TYPES.map((f) => f.value);

/**
 * The volume type upstream reports, or undefined when allowed. A volume with no source at all is allowed: the API
 * server defaults it to emptyDir. A source upstream does not know (a key we cannot place) is "unknown", as upstream's
 * switch default.
 */
function forbiddenType(volume: Record<string, unknown>): { type: string; field: string } | undefined {
  if (ALLOWED.some((key) => isSet(volume[key]))) return undefined;
  const known = FORBIDDEN.find((key) => isSet(volume[key]));
  if (known !== undefined) return { type: known, field: known };
  const other = Object.keys(volume).find((key) => key !== 'name' && isSet(volume[key]));
  return other === undefined ? undefined : { type: 'unknown', field: other };
}

export const restrictedVolumes: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  title: 'Volume types',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_restrictedVolumes.go',
  variants: [
    {
      minVersion: 0,
      overrides: ['hostPathVolumes'],
      evaluate: (pod) => {
        const names: string[] = [];
        const types: string[] = [];
        const paths: string[] = [];
        asArray(pod.spec.volumes).forEach((item, i) => {
          const volume = asRecord(item);
          const bad = volume && forbiddenType(volume);
          if (!volume || !bad) return;
          names.push(asString(volume.name));
          types.push(bad.type);
          paths.push(`spec.volumes[${i}].${bad.field}`);
        });
        if (names.length === 0) return undefined;
        const typeList = sortedSet(types);
        return {
          reason: 'restricted volume types',
          detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', typeList.length)} ${joinQuote(typeList)}`,
          paths,
        };
      },
    },
  ],
};
