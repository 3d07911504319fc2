import { ensureClassified } from '../../inventory/classify.ts';
import { defineCheck } from '../types.ts';
import { dangerousPrivileges, unknownInKubeSystem } from '../../inventory/kube-system.ts';

export default defineCheck({
  id: 'unknown-privileged-kube-system',
  title: 'Privileged workload in kube-system that is no catalogued component',
  severity: 'high',
  category: 'middleware',
  target: 'podTemplate',
  references: ['cis-k8s:5.2.2', 'cis-k8s:5.7.1', 'nist-800-53:CM-8', 'nist-800-53:AC-6', 'mitre:T1611', 'mitre:T1610'],
  rationale:
    'kube-system is where privileged node agents are expected, so it is where one more privileged DaemonSet draws ' +
    'the least attention, and it is usually exempt from Pod Security admission. A privileged, host-namespace or ' +
    'node-credential-mounting workload there that matches no catalogued provider or core component has no provider ' +
    'vouching for it: it is an unreviewed customer or vendor agent, or a foothold.',
  remediation:
    'Identify the owner. A vendor agent belongs in its own namespace, with Pod Security admission at the level it ' +
    'needs and a documented exception; an unknown one is removed and investigated. If it is a provider component ' +
    'kubeseam does not know yet, report it so the catalog can learn it.',
  evaluate({ workload, spec }, { model, report }) {
    ensureClassified(model);
    if (!unknownInKubeSystem(workload)) return;
    for (const p of dangerousPrivileges(spec)) {
      report({ path: p.path, message: `${p.what} in kube-system, and the workload matches no catalogued component` });
    }
  },
});
