import { capabilityFact, normalizeCapabilityName } from '../../knowledge/capabilities.ts';
import { defineCheck } from '../types.ts';
import { isWindowsPod } from '../util/pod.ts';

export default defineCheck({
  id: 'added-capabilities',
  title: 'Container adds Linux capabilities',
  severity: 'high',
  category: 'workload-isolation',
  target: 'container',
  references: [
    'cis-k8s:5.2.9',
    'cis-eks:4.2.8',
    'cis-aks:4.2.8',
    'pss:baseline',
    'k8s:linux-kernel-security-constraints',
    'nist-800-53:AC-6',
    'mitre:T1611',
  ],
  rationale:
    'Each added capability hands the container a piece of root’s power over the kernel, and several are escapes on ' +
    'their own: SYS_ADMIN (cgroup release_agent, mounts), SYS_MODULE (kernel modules), DAC_READ_SEARCH ' +
    '(open_by_handle_at, "Shocker"), SYS_PTRACE with hostPID (inject into host processes). Severity follows the ' +
    'capability (kubeseam’s capability knowledge, with the reason for each) and rises when a pod setting makes it worse.',
  remediation:
    'Remove capabilities the process does not use from `securityContext.capabilities.add`, and drop the rest with ' +
    '`drop: ["ALL"]`. Prefer a narrower mechanism (NET_BIND_SERVICE instead of root for low ports; a CSI driver ' +
    'instead of SYS_ADMIN mounts). For provider middleware that needs one, document it as a waiver.',
  evaluate({ container, spec }, { report }) {
    if (isWindowsPod(spec)) return;
    const caps = container.securityContext?.capabilities;
    const add: unknown[] = Array.isArray(caps?.add) ? caps.add : [];
    // containerd applies `drop` after `add` (internal/cri/opts/spec_linux.go): a capability both added and dropped
    // by name is not granted. `drop: [ALL]` is applied first, so it does not cancel explicit adds.
    const dropped = new Set(
      (Array.isArray(caps?.drop) ? caps.drop : []).filter((d) => typeof d === 'string').map(normalizeCapabilityName),
    );
    add.forEach((raw, i) => {
      if (typeof raw !== 'string') return;
      const name = normalizeCapabilityName(raw);
      if (dropped.has(name) && name !== 'ALL') return;
      const path = `securityContext.capabilities.add[${i}]`;
      const who = `container "${container.name ?? '?'}" adds ${name}`;
      const fact = capabilityFact(name);
      if (!fact) {
        report({
          path,
          message: `${who}, which is not a Linux capability kubeseam knows`,
          severity: 'medium',
          severityReason: 'unknown capability name: a typo, or a runtime extension to review by hand',
        });
        return;
      }
      const esc = fact.escalatesWith;
      if (esc && spec[esc.setting] === true) {
        report({
          path,
          message: `${who} and the pod sets ${esc.setting}`,
          severity: esc.severity,
          severityReason: `${name} ${esc.why}`,
        });
        return;
      }
      report({ path, message: who, severity: fact.severity, severityReason: `${name}: ${fact.why}` });
    });
  },
});
