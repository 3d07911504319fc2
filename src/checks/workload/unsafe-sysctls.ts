import { normalizeSysctlName, safeSysctlsAt, sysctlFamily } from '../../knowledge/sysctls.ts';
import { defineCheck } from '../types.ts';
import { isRecord, podSc } from '../util/pod.ts';

function clusterMinor(minor: string | undefined): number | undefined {
  const m = typeof minor === 'string' ? /^(\d+)/.exec(minor) : null;
  return m ? Number(m[1]) : undefined;
}

export default defineCheck({
  id: 'unsafe-sysctls',
  title: 'Pod sets sysctls outside the safe set',
  severity: 'medium',
  category: 'workload-isolation',
  target: 'podTemplate',
  references: ['pss:baseline', 'k8s:sysctls', 'nist-800-53:CM-7', 'nist-800-53:SC-39', 'mitre:T1611'],
  rationale:
    'Only a handful of sysctls are both namespaced and isolated from other pods; Kubernetes calls them safe and ' +
    'allows them everywhere. Any other sysctl runs only where the node’s kubelet allowlists it ' +
    '(`--allowed-unsafe-sysctls`), and then changes kernel behaviour beyond the pod’s own limits: IPC limits that pin ' +
    'node memory, network settings such as `route_localnet` that open node-local services. Node-level sysctls cannot ' +
    'be set from a pod at all: the kubelet rejects the pod (low severity, a broken or probing manifest). The safe set ' +
    'is taken at the cluster’s Kubernetes version when known.',
  remediation:
    'Remove the sysctl, or set it on dedicated nodes through node configuration (a node pool’s kubelet and sysctl ' +
    'settings) and schedule the workload there with a taint and toleration.',
  evaluate({ spec }, { model, report }) {
    const sysctls = podSc(spec)?.sysctls;
    if (!Array.isArray(sysctls)) return;
    const safe = safeSysctlsAt(clusterMinor(model.cluster.version?.minor));
    sysctls.forEach((s, i) => {
      if (!isRecord(s) || typeof s.name !== 'string') return;
      const name = normalizeSysctlName(s.name);
      if (safe.has(name)) return;
      const path = `spec.securityContext.sysctls[${i}].name`;
      const family = sysctlFamily(name);
      if (!family) {
        report({
          path,
          message: `sysctl ${name} is node-level and cannot be set from a pod`,
          severity: 'low',
          severityReason: 'the kubelet rejects pods that set node-level sysctls: the pod does not start',
        });
        return;
      }
      report({
        path,
        message: `sysctl ${name} is not in the safe set (${family.pattern}: ${family.why})`,
      });
    });
  },
});
