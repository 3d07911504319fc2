import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';

export default defineCheck({
  id: 'node-port-service',
  title: 'Service is published on a port of every node',
  severity: 'low',
  category: 'network',
  target: 'object',
  kinds: ['Service'],
  references: ['nist-800-53:SC-7', 'nist-800-53:CM-7', 'mitre:T1046', 'k8s:security-checklist'],
  rationale:
    'A `type: NodePort` Service listens on the same port (30000–32767) on every node, on all node addresses unless ' +
    'kube-proxy’s `nodePortAddresses` is set. Anyone who can reach any node reaches the service, bypassing the ' +
    'Ingress or load balancer where access control and TLS usually live; on nodes with public IPs that is the ' +
    'internet. Source-range restrictions of load balancers do not apply to a plain NodePort.',
  remediation:
    'Use `ClusterIP` behind an Ingress or Gateway, or a LoadBalancer with `loadBalancerSourceRanges`. If a NodePort ' +
    'is required, restrict node security groups, NSGs or firewall rules to the callers.',
  evaluate({ object }, { report }) {
    const spec = isRecord(object.spec) ? object.spec : {};
    if (spec.type !== 'NodePort') return;
    const ports = (Array.isArray(spec.ports) ? spec.ports : [])
      .map((p) => (isRecord(p) && typeof p.nodePort === 'number' ? String(p.nodePort) : undefined))
      .filter((p): p is string => p !== undefined);
    report({
      path: 'spec.type',
      message: `Service ${object.metadata.name ?? '?'} is a NodePort${ports.length > 0 ? ` (${ports.join(', ')})` : ''}: reachable on every node`,
    });
  },
});
