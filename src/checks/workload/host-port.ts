import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

export default defineCheck({
  id: 'host-port',
  title: 'Container binds a port on the node',
  severity: 'medium',
  category: 'network',
  target: 'container',
  references: ['cis-k8s:5.2.13', 'pss:baseline', 'nist-800-53:SC-7', 'nist-800-53:CM-7', 'mitre:T1046'],
  rationale:
    'A `hostPort` publishes the container on the node’s own addresses. The port is reachable from wherever the node is ' +
    '(other VPC/VNet hosts, sometimes the internet), outside the Service and Ingress path where access is usually ' +
    'controlled, and some CNIs apply NetworkPolicy only to pod addresses. It also pins one pod per node per port.',
  remediation:
    'Remove `hostPort` and expose the container through a Service (ClusterIP behind an Ingress, or a LoadBalancer with ' +
    '`loadBalancerSourceRanges`). A node agent that must listen on the node should bind to `127.0.0.1` (`hostIP`).',
  evaluate({ container, spec }, { report }) {
    const ports = Array.isArray(container.ports) ? container.ports : [];
    ports.forEach((p, i) => {
      if (!isRecord(p) || typeof p.hostPort !== 'number' || p.hostPort <= 0) return;
      const where = `container "${container.name ?? '?'}" binds node port ${p.hostPort}/${typeof p.protocol === 'string' ? p.protocol : 'TCP'}`;
      if (typeof p.hostIP === 'string' && LOOPBACK.test(p.hostIP)) {
        report({
          path: `ports[${i}].hostPort`,
          message: `${where} on ${p.hostIP}`,
          severity: 'low',
          severityReason: 'bound to the node loopback address: reachable only from the node and hostNetwork pods',
        });
      } else if (spec.hostNetwork === true) {
        report({
          path: `ports[${i}].hostPort`,
          message: where,
          severity: 'low',
          severityReason: 'the pod uses hostNetwork, so it listens on the node anyway (see host-network)',
        });
      } else {
        report({ path: `ports[${i}].hostPort`, message: where });
      }
    });
  },
});
