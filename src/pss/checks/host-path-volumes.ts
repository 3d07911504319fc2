import { asArray, asRecord, asString, isSet, joinQuote, pluralize } from '../pod-view.ts';
import type { PssCheck } from '../types.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_hostPathVolumes.go
export const hostPathVolumes: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  title: 'HostPath volumes',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_hostPathVolumes.go',
  variants: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const names: string[] = [];
        const paths: string[] = [];
        asArray(pod.spec.volumes).forEach((item, i) => {
          const volume = asRecord(item);
          if (!volume || !isSet(volume.hostPath)) return;
          names.push(asString(volume.name));
          paths.push(`spec.volumes[${i}].hostPath`);
        });
        if (names.length === 0) return undefined;
        return {
          reason: 'hostPath volumes',
          detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`,
          paths,
        };
      },
    },
  ],
};
