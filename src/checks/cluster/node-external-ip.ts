import { isIP } from 'node:net';
import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';

/** Ranges that are not reachable from the internet: RFC 1918, CGNAT (RFC 6598), link-local, ULA (RFC 4193). */
function isPrivate(address: string): boolean {
  const v = isIP(address);
  if (v === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254)
    );
  }
  if (v === 6) {
    const first = address.toLowerCase().split(':')[0] ?? '';
    return first === '' || /^f[cd]/.test(first) || /^fe[89ab]/.test(first);
  }
  return true; // not an address at all: nothing to say
}

export default defineCheck({
  id: 'node-external-ip',
  title: 'Worker node has a public IP address',
  severity: 'medium',
  category: 'network',
  target: 'node',
  references: ['cis-eks:5.4.3', 'nist-800-53:SC-7', 'mitre:T1190', 'mitre:T1046'],
  rationale:
    'A node with a public address is one firewall rule away from the internet: the kubelet API (10250), every ' +
    'NodePort Service, hostPort and hostNetwork pods, and the provider agents listening on the node. Node security ' +
    'groups, NSGs and firewall rules drift, and default rules for node-to-node traffic are often broad. Managed ' +
    'providers support private nodes with egress through NAT, which is the recommended practice (CIS EKS 5.4.3, GKE ' +
    'private nodes, AKS node pools without node public IPs).',
  remediation:
    'Create node groups in private subnets without public IPs (EKS: managed node groups in private subnets, ' +
    '`MapPublicIpOnLaunch=false`; GKE: `--enable-private-nodes`; AKS: do not set `--enable-node-public-ip`) and ' +
    'send egress through a NAT gateway. Until then, restrict the node security group or NSG to the load balancers ' +
    'and the control plane.',
  evaluate(node, { report }) {
    const status = isRecord(node.object.status) ? node.object.status : {};
    const addresses = Array.isArray(status.addresses) ? status.addresses : [];
    addresses.forEach((a: unknown, i) => {
      if (!isRecord(a) || a.type !== 'ExternalIP' || typeof a.address !== 'string') return;
      if (isPrivate(a.address)) return;
      report({
        path: `status.addresses[${i}]`,
        message: `node ${node.object.metadata.name ?? '?'} has public address ${a.address}`,
      });
    });
  },
});
