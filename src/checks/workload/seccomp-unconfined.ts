import { defineCheck } from '../types.ts';
import { containersAt, effectiveField, isRecord, isWindowsPod } from '../util/pod.ts';

export default defineCheck({
  id: 'seccomp-unconfined',
  title: 'Seccomp is explicitly disabled (Unconfined)',
  severity: 'high',
  category: 'pod-security',
  target: 'podTemplate',
  references: ['cis-k8s:5.7.2', 'pss:baseline', 'k8s:seccomp', 'nist-800-53:CM-7', 'nist-800-53:SC-39', 'mitre:T1611'],
  rationale:
    'The runtime’s default seccomp profile blocks about 50 rarely used system calls (keyctl, add_key, unshare, ' +
    'kexec_load, open_by_handle_at, bpf, userfaultfd …) through which many kernel exploits and container escapes ' +
    'go. `seccompProfile.type: Unconfined` removes that filter on purpose. The finding points at the field that decides.',
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod spec, or a `Localhost` profile built for ' +
    'the workload (for example with the Security Profiles Operator) when the default blocks a call it needs.',
  evaluate({ spec }, { report }) {
    if (isWindowsPod(spec)) return;
    const byPath = new Map<string, string[]>();
    for (const c of containersAt(spec)) {
      // Privileged containers run without seccomp whatever the profile; the privileged-container check reports them.
      if (c.container.securityContext?.privileged === true) continue;
      const profile = effectiveField(spec, c, 'seccompProfile');
      if (!profile || !isRecord(profile.value) || profile.value.type !== 'Unconfined') continue;
      const path = `${profile.path}.type`;
      byPath.set(path, [...(byPath.get(path) ?? []), c.name]);
    }
    for (const [path, names] of byPath) {
      report({ path, message: `seccomp is Unconfined for ${names.map((n) => `"${n}"`).join(', ')}` });
    }
  },
});
