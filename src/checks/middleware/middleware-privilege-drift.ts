import { ensureClassified } from '../../inventory/classify.ts';
import { driftOf } from '../../inventory/drift.ts';
import { defineCheck } from '../types.ts';

export default defineCheck({
  id: 'middleware-privilege-drift',
  title: 'Provider middleware has privileges beyond how the provider ships it',
  severity: 'high',
  category: 'middleware',
  target: 'podTemplate',
  references: [
    'nist-800-53:CM-2',
    'nist-800-53:CM-3',
    'nist-800-53:SI-7',
    'cis-k8s:5.2.2',
    'mitre:T1611',
    'mitre:T1543',
  ],
  rationale:
    'Provider middleware already runs close to the node (privileged CNI and CSI agents, host mounts of kubelet ' +
    'state), so everyone accepts its privileges as shipped. A host path, capability, host namespace, privileged ' +
    'container or host port beyond the catalogued baseline is either tampering (someone with update rights on the ' +
    'DaemonSet turned a trusted agent into a way onto the node) or a customer override the provider never reviewed. ' +
    'Either way it hides among components nobody questions.',
  remediation:
    'Compare the object with the provider’s published manifest and remove what was added, or reinstall the add-on ' +
    'so the provider reconciles it. Find who changed it in the audit log, and restrict update and patch on ' +
    'DaemonSets and Deployments in the middleware namespaces to the provider’s identities.',
  evaluate({ workload }, { model, report }) {
    ensureClassified(model);
    for (const item of driftOf(workload)) report({ path: item.path, message: item.message });
  },
});
