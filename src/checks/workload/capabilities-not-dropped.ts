import { RUNTIME_DEFAULT_CAPABILITIES, normalizeCapabilityName } from '../../knowledge/capabilities.ts';
import { defineCheck } from '../types.ts';
import { isWindowsPod } from '../util/pod.ts';

export default defineCheck({
  id: 'capabilities-not-dropped',
  title: 'Container does not drop all capabilities',
  severity: 'medium',
  category: 'pod-security',
  target: 'container',
  references: [
    'cis-k8s:5.2.8',
    'cis-k8s:5.2.10',
    'cis-eks:4.2.7',
    'cis-eks:4.2.9',
    'cis-aks:4.2.7',
    'cis-aks:4.2.9',
    'pss:restricted',
    'nist-800-53:AC-6',
  ],
  rationale:
    'Unless a container drops them, containerd and Docker give it 14 capabilities, among them NET_RAW (ARP/DNS ' +
    'spoofing of neighbours, and kernel bugs reachable only through raw sockets), DAC_OVERRIDE, SETUID/SETGID and ' +
    'MKNOD. Few applications use any of them. Severity is medium while NET_RAW is kept, low once it is dropped. ' +
    'Privileged containers are left to the privileged-container check: `drop` does not apply to them.',
  remediation:
    'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only what the process needs ' +
    '(usually nothing; NET_BIND_SERVICE for ports below 1024). This is what the restricted Pod Security Standard requires.',
  evaluate({ container, spec }, { report }) {
    if (isWindowsPod(spec) || container.securityContext?.privileged === true) return;
    const caps = container.securityContext?.capabilities;
    const drop = new Set(
      (Array.isArray(caps?.drop) ? caps.drop : []).filter((d) => typeof d === 'string').map(normalizeCapabilityName),
    );
    if (drop.has('ALL')) return;
    const kept = RUNTIME_DEFAULT_CAPABILITIES.filter((c) => !drop.has(c));
    const message = `container "${container.name ?? '?'}" does not drop ALL; it keeps ${kept.join(', ')}`;
    if (drop.has('NET_RAW')) {
      report({
        path: 'securityContext.capabilities.drop',
        message,
        severity: 'low',
        severityReason: 'NET_RAW is dropped; the remaining runtime defaults matter mostly together with host mounts',
      });
    } else {
      report({ path: 'securityContext.capabilities.drop', message });
    }
  },
});
