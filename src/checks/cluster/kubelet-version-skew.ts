import { KUBELET_SKEW_SOURCE, maxKubeletSkew, minorOfVersion } from '../../knowledge/version-calendars.ts';
import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';
import { controlPlaneVersion } from '../util/cluster.ts';

export default defineCheck({
  id: 'kubelet-version-skew',
  title: 'Node kubelet version lags or leads the control plane',
  severity: 'high',
  category: 'hygiene',
  target: 'node',
  references: ['nist-800-53:SI-2', 'nist-800-53:CM-2', 'k8s:security-checklist'],
  rationale:
    'Managed providers upgrade the control plane, but worker nodes keep the kubelet, container runtime, kernel and ' +
    'provider agents of the node image they booted from until the customer rolls the node group or node pool. A ' +
    'kubelet older than the control plane misses the node-side fixes of every release in between; beyond the ' +
    `supported skew (3 minor versions since 1.28, 2 before: ${KUBELET_SKEW_SOURCE}) the combination is untested and ` +
    'the provider will not support it. A kubelet newer than the API server is never supported.',
  remediation:
    'Upgrade the node groups after every control-plane upgrade: EKS `aws eks update-nodegroup-version` (or a new AMI ' +
    'in the launch template, Karpenter drift), AKS `az aks nodepool upgrade`, GKE `gcloud container clusters upgrade ' +
    '--node-pool`. Enable node auto-upgrade where the provider offers it, and keep nodes within one minor of the ' +
    'control plane.',
  evaluate(node, { model, report }) {
    const cp = controlPlaneVersion(model);
    if (!cp) return;
    const info =
      isRecord(node.object.status) && isRecord(node.object.status.nodeInfo) ? node.object.status.nodeInfo : {};
    const kubelet = typeof info.kubeletVersion === 'string' ? info.kubeletVersion : undefined;
    const minor = minorOfVersion(kubelet);
    if (!kubelet || minor === undefined) return;
    const skew = cp.minor - minor;
    const name = node.object.metadata.name ?? '?';
    const path = 'status.nodeInfo.kubeletVersion';
    const versions = `kubelet ${kubelet} on node ${name}, control plane ${cp.gitVersion}`;
    if (skew < 0) {
      report({ path, message: `${versions}: a kubelet newer than the API server is not supported` });
      return;
    }
    const max = maxKubeletSkew(cp.minor);
    if (skew > max) {
      report({
        path,
        message: `${versions}: ${skew} minor versions behind, beyond the supported skew of ${max}`,
      });
      return;
    }
    if (skew > 0) {
      report({
        path,
        severity: skew === 1 ? 'info' : 'low',
        severityReason: `within the supported skew of ${max} minor versions`,
        message:
          `${versions}: ${skew} minor version(s) behind. The provider upgraded the control plane; node images ` +
          '(kubelet, runtime, kernel, node agents) wait on the customer to roll the node group',
      });
    }
  },
});
