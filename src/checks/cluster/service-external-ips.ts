import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';

export default defineCheck({
  id: 'service-external-ips',
  title: 'Service claims external IPs',
  severity: 'medium',
  category: 'network',
  target: 'object',
  kinds: ['Service'],
  references: ['nist-800-53:SC-7', 'nist-800-53:AC-4', 'mitre:T1040', 'k8s:security-checklist'],
  rationale:
    'kube-proxy routes traffic for a Service’s `externalIPs` to its pods on every node, for any address the Service ' +
    'names, with no check that the creator owns it. Anyone who can create or patch a Service can therefore capture ' +
    'cluster traffic to an arbitrary IP, such as an external API or DNS server (CVE-2020-8554, unfixed by design). ' +
    'Legitimate uses are rare on managed clusters, where load balancers provide external addresses.',
  remediation:
    'Remove `spec.externalIPs` and use a LoadBalancer or Ingress. Block the field cluster-wide with the ' +
    'DenyServiceExternalIPs admission plugin where available, or an admission policy (`kubeseam policy`).',
  evaluate({ object }, { report }) {
    const spec = isRecord(object.spec) ? object.spec : {};
    const ips = Array.isArray(spec.externalIPs)
      ? spec.externalIPs.filter((ip): ip is string => typeof ip === 'string')
      : [];
    if (ips.length === 0) return;
    report({
      path: 'spec.externalIPs',
      message: `Service ${object.metadata.name ?? '?'} claims external IP(s) ${ips.join(', ')}`,
    });
  },
});
