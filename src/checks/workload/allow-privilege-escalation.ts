import { defineCheck } from '../types.ts';
import { isWindowsPod } from '../util/pod.ts';

export default defineCheck({
  id: 'allow-privilege-escalation',
  title: 'Container allows privilege escalation',
  severity: 'medium',
  category: 'pod-security',
  target: 'container',
  references: [
    'cis-k8s:5.2.6',
    'cis-eks:4.2.5',
    'cis-aks:4.2.5',
    'pss:restricted',
    'nist-800-53:AC-6(10)',
    'mitre:T1068',
  ],
  rationale:
    'Unless `allowPrivilegeEscalation` is false, the container runs without the `no_new_privs` flag: a set-user-ID ' +
    'binary in the image (su, sudo, mount, ping on some images) or file capabilities turn a non-root foothold into ' +
    'root in the container, the first step of most escapes. Kubernetes defaults it to true.',
  remediation:
    'Set `securityContext.allowPrivilegeEscalation: false` on every container. It is required by the restricted Pod ' +
    'Security Standard and breaks only programs that rely on set-user-ID binaries.',
  evaluate({ container, spec }, { report }) {
    // Privileged containers and CAP_SYS_ADMIN always escalate; the API rejects false for them and other checks report them.
    if (isWindowsPod(spec) || container.securityContext?.privileged === true) return;
    const value = container.securityContext?.allowPrivilegeEscalation;
    if (value === false) return;
    report({
      path: 'securityContext.allowPrivilegeEscalation',
      message: `container "${container.name ?? '?'}" ${value === true ? 'sets allowPrivilegeEscalation: true' : 'does not set allowPrivilegeEscalation: false (defaults to true)'}`,
    });
  },
});
