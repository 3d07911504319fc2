import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';

const ANY_ADDRESS = new Set(['', '0.0.0.0', '::', '[::]']);

export default defineCheck({
  id: 'host-port-all-interfaces',
  title: 'Host port listens on every node address',
  severity: 'medium',
  category: 'network',
  target: 'container',
  references: ['cis-k8s:5.2.13', 'nist-800-53:SC-7', 'nist-800-53:AC-4', 'mitre:T1190'],
  rationale:
    'A `hostPort` without `hostIP`, or with `0.0.0.0`/`::`, is published on every address of the node: private, ' +
    'public (nodes with public IPs, as in some AKS and GKE node pools), and any secondary interface. The service is ' +
    'then reachable from networks nobody intended, bypassing load-balancer source ranges and ingress controls.',
  remediation:
    'Set `hostIP` to the one address the port is for (`127.0.0.1` for node-local agents), or remove `hostPort` and use ' +
    'a Service. Restrict node security groups / NSGs / firewall rules to the expected sources.',
  evaluate({ container, spec }, { report }) {
    // With hostNetwork the process binds itself; hostIP is not used (the host-network check covers that case).
    if (spec.hostNetwork === true) return;
    const ports = Array.isArray(container.ports) ? container.ports : [];
    ports.forEach((p, i) => {
      if (!isRecord(p) || typeof p.hostPort !== 'number' || p.hostPort <= 0) return;
      const ip = typeof p.hostIP === 'string' ? p.hostIP.trim() : '';
      if (!ANY_ADDRESS.has(ip)) return;
      report({
        path: `ports[${i}].hostIP`,
        message: `container "${container.name ?? '?'}" publishes node port ${p.hostPort} on all node addresses (hostIP ${ip === '' ? 'unset' : ip})`,
      });
    });
  },
});
