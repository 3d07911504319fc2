import { defineCheck } from '../types.ts';
import { containersAt, containerSc, effectiveField, isRecord, isWindowsPod, podSc } from '../util/pod.ts';

export default defineCheck({
  id: 'seccomp-profile-unset',
  title: 'No seccomp profile is set',
  severity: 'medium',
  category: 'pod-security',
  target: 'podTemplate',
  references: ['cis-k8s:5.7.2', 'pss:restricted', 'k8s:seccomp', 'nist-800-53:CM-7', 'nist-800-53:SC-39'],
  rationale:
    'Kubernetes runs containers without seccomp (Unconfined) unless the pod asks for a profile or the kubelet is ' +
    'configured with `seccompDefault: true`, which is off by default and not guaranteed on managed node images. ' +
    'The runtime default profile blocks system calls used by many kernel exploits at almost no compatibility cost.',
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod spec (it applies to every container). The ' +
    'restricted Pod Security Standard requires it.',
  evaluate({ spec }, { report }) {
    if (isWindowsPod(spec)) return;
    const all = containersAt(spec).filter((c) => c.container.securityContext?.privileged !== true);
    const unset = all.filter((c) => {
      const p = effectiveField(spec, c, 'seccompProfile');
      return !p || !isRecord(p.value) || typeof p.value.type !== 'string' || p.value.type === '';
    });
    if (unset.length === 0) return;
    const podUnset = !isRecord(podSc(spec)?.seccompProfile);
    const noContainerSets = all.every((c) => containerSc(c.container)?.seccompProfile === undefined);
    if (unset.length === all.length && podUnset && noContainerSets) {
      report({
        path: 'spec.securityContext.seccompProfile',
        message: `no seccomp profile for any container (${unset.map((c) => `"${c.name}"`).join(', ')}): they run Unconfined unless the kubelet sets seccompDefault`,
      });
      return;
    }
    for (const c of unset) {
      report({
        path: `${c.path}.securityContext.seccompProfile`,
        message: `no seccomp profile for "${c.name}"`,
      });
    }
  },
});
