// NetworkPolicy cases: the examples of the Kubernetes "Network Policies" page
// (kubernetes/website content/en/docs/concepts/services-networking/network-policies.md and its
// service/networking/*.yaml samples), then edge cases. Each check says why it must hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../model/k8s.ts';
import {
  buildNetworkIndex,
  connectionVerdict,
  egressVerdict,
  ingressVerdict,
  type EgressDestination,
  type IngressSource,
  type NetworkIndex,
  type PodEndpoint,
} from './policy.ts';

const NAMESPACES: { name: string; labels: Record<string, string> }[] = [
  { name: 'default', labels: {} },
  { name: 'myproject', labels: { project: 'myproject' } },
  { name: 'alice', labels: { user: 'alice' } },
  { name: 'other', labels: {} },
  { name: 'frontend', labels: { namespace: 'frontend' } },
  { name: 'backend', labels: { namespace: 'backend' } },
  { name: 'kube-system', labels: {} },
];

function index(yamlText: string, defaultNamespace = 'default'): NetworkIndex {
  const policies = parseAllDocuments(yamlText)
    .map((d) => d.toJS() as unknown)
    .filter((o): o is KubeObject => typeof o === 'object' && o !== null);
  return buildNetworkIndex({ policies, namespaces: NAMESPACES, defaultNamespace });
}

const pod = (
  namespace: string,
  labels: Record<string, string> = {},
  extra: Partial<PodEndpoint> = {},
): PodEndpoint => ({
  namespace,
  labels,
  ...extra,
});

type Check = { why: string; allowed: boolean } & (
  { egress: { src: PodEndpoint; dst: EgressDestination } } | { ingress: { dst: PodEndpoint; src: IngressSource } }
);

interface Case {
  name: string;
  yaml: string;
  checks: Check[];
}

// From the docs page, "The NetworkPolicy resource".
const TEST_NETWORK_POLICY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-network-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - ipBlock:
        cidr: 172.17.0.0/16
        except:
        - 172.17.1.0/24
    - namespaceSelector:
        matchLabels:
          project: myproject
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 6379
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 5978
`;

const db = pod('default', { role: 'db' });
const frontend = pod('default', { role: 'frontend' });

const CASES: Case[] = [
  {
    name: 'docs: test-network-policy',
    yaml: TEST_NETWORK_POLICY,
    checks: [
      {
        ingress: { dst: db, src: { pod: frontend, port: 6379 } },
        allowed: true,
        why: 'role=frontend in the policy namespace, TCP 6379',
      },
      {
        ingress: { dst: db, src: { pod: pod('other', { role: 'frontend' }), port: 6379 } },
        allowed: false,
        why: 'a podSelector-only peer means the policy’s own namespace',
      },
      {
        ingress: { dst: db, src: { pod: pod('myproject', { any: 'pod' }), port: 6379 } },
        allowed: true,
        why: 'any pod in a namespace labelled project=myproject',
      },
      {
        ingress: { dst: db, src: { ip: '172.17.0.5', port: 6379 } },
        allowed: true,
        why: '172.17.0.0–172.17.0.255 is inside the cidr and outside the except',
      },
      { ingress: { dst: db, src: { ip: '172.17.1.5', port: 6379 } }, allowed: false, why: '172.17.1.0/24 is excepted' },
      {
        ingress: { dst: db, src: { ip: '172.17.2.0', port: 6379 } },
        allowed: true,
        why: '172.17.2.0–172.17.255.255 is allowed',
      },
      { ingress: { dst: db, src: { ip: '172.18.0.1', port: 6379 } }, allowed: false, why: 'outside 172.17.0.0/16' },
      { ingress: { dst: db, src: { pod: frontend, port: 6380 } }, allowed: false, why: 'only TCP 6379 is listed' },
      {
        ingress: { dst: db, src: { pod: frontend, port: 6379, protocol: 'UDP' } },
        allowed: false,
        why: 'the port entry is TCP',
      },
      {
        egress: { src: db, dst: { ip: '10.0.0.7', port: 5978 } },
        allowed: true,
        why: 'egress rule: 10.0.0.0/24 on TCP 5978',
      },
      { egress: { src: db, dst: { ip: '10.0.1.1', port: 5978 } }, allowed: false, why: 'outside 10.0.0.0/24' },
      { egress: { src: db, dst: { ip: '10.0.0.7', port: 5979 } }, allowed: false, why: 'wrong port' },
      {
        egress: { src: db, dst: { ip: '8.8.8.8', port: 53, protocol: 'UDP' } },
        allowed: false,
        why: 'isolated for egress and DNS is not allowed',
      },
      {
        egress: { src: db, dst: { pod: frontend, port: 80 } },
        allowed: false,
        why: 'egress lists only an ipBlock; pods are not matched by it without an IP',
      },
      {
        egress: { src: frontend, dst: { ip: '8.8.8.8', port: 443 } },
        allowed: true,
        why: 'role=frontend is not selected, so not isolated',
      },
      {
        ingress: { dst: frontend, src: { ip: '1.2.3.4', port: 80 } },
        allowed: true,
        why: 'role=frontend is not selected, so not isolated',
      },
      {
        ingress: { dst: pod('other', { role: 'db' }), src: { ip: '1.2.3.4', port: 6379 } },
        allowed: true,
        why: 'the policy only selects pods in its own namespace',
      },
    ],
  },
  {
    name: 'docs: default deny all ingress traffic',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`,
    checks: [
      {
        ingress: { dst: pod('default', { app: 'x' }), src: { pod: frontend, port: 80 } },
        allowed: false,
        why: 'every pod in the namespace is isolated for ingress',
      },
      {
        ingress: { dst: pod('default'), src: { ip: '10.1.1.1', port: 80, fromLocalNode: true } },
        allowed: true,
        why: 'connections from the pod’s own node are always allowed',
      },
      {
        egress: { src: pod('default', { app: 'x' }), dst: { ip: '8.8.8.8', port: 443 } },
        allowed: true,
        why: 'egress isolation is not changed',
      },
      {
        ingress: { dst: pod('other'), src: { ip: '10.1.1.1', port: 80 } },
        allowed: true,
        why: 'other namespaces are not affected',
      },
    ],
  },
  {
    name: 'docs: allow all ingress traffic (alongside default deny)',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-ingress
spec:
  podSelector: {}
  ingress:
  - {}
  policyTypes:
  - Ingress
`,
    checks: [
      {
        ingress: { dst: pod('default', { app: 'x' }), src: { ip: '203.0.113.9', port: 12345, protocol: 'UDP' } },
        allowed: true,
        why: 'an empty rule matches all sources and ports; policies are additive',
      },
    ],
  },
  {
    name: 'docs: default deny all egress traffic',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
spec:
  podSelector: {}
  policyTypes:
  - Egress
`,
    checks: [
      {
        egress: { src: pod('default', { app: 'x' }), dst: { ip: '169.254.169.254', port: 80 } },
        allowed: false,
        why: 'isolated for egress with no rules',
      },
      {
        egress: {
          src: pod('default'),
          dst: { pod: pod('kube-system', { 'k8s-app': 'kube-dns' }), port: 53, protocol: 'UDP' },
        },
        allowed: false,
        why: 'DNS too',
      },
      {
        ingress: { dst: pod('default'), src: { ip: '1.2.3.4', port: 80 } },
        allowed: true,
        why: 'ingress isolation is not changed',
      },
      {
        egress: { src: pod('default', {}, { hostNetwork: true }), dst: { ip: '169.254.169.254', port: 80 } },
        allowed: true,
        why: 'hostNetwork pods are not subject to NetworkPolicy',
      },
    ],
  },
  {
    name: 'docs: allow all egress traffic',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
spec:
  podSelector: {}
  egress:
  - {}
  policyTypes:
  - Egress
`,
    checks: [
      {
        egress: { src: pod('default'), dst: { ip: '169.254.169.254', port: 80 } },
        allowed: true,
        why: 'the empty rule allows every destination and port',
      },
      { egress: { src: pod('default'), dst: { ip: 'fd00:ec2::254', port: 80 } }, allowed: true, why: 'IPv6 too' },
    ],
  },
  {
    name: 'docs: default deny all ingress and all egress traffic',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`,
    checks: [
      {
        egress: { src: pod('default'), dst: { ip: '8.8.8.8', port: 443 } },
        allowed: false,
        why: 'isolated for egress',
      },
      {
        ingress: { dst: pod('default'), src: { ip: '8.8.8.8', port: 443 } },
        allowed: false,
        why: 'isolated for ingress',
      },
    ],
  },
  {
    name: 'docs: namespaceSelector and podSelector in one peer',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: one-peer
  namespace: default
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          user: alice
      podSelector:
        matchLabels:
          role: client
`,
    checks: [
      {
        ingress: { dst: pod('default'), src: { pod: pod('alice', { role: 'client' }), port: 80 } },
        allowed: true,
        why: 'role=client in a user=alice namespace',
      },
      {
        ingress: { dst: pod('default'), src: { pod: pod('default', { role: 'client' }), port: 80 } },
        allowed: false,
        why: 'the namespace must also be user=alice',
      },
      {
        ingress: { dst: pod('default'), src: { pod: pod('alice', { role: 'server' }), port: 80 } },
        allowed: false,
        why: 'the pod must also be role=client',
      },
    ],
  },
  {
    name: 'docs: namespaceSelector and podSelector as two peers',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: two-peers
  namespace: default
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          user: alice
    - podSelector:
        matchLabels:
          role: client
`,
    checks: [
      {
        ingress: { dst: pod('default'), src: { pod: pod('default', { role: 'client' }), port: 80 } },
        allowed: true,
        why: 'role=client in the local namespace',
      },
      {
        ingress: { dst: pod('default'), src: { pod: pod('alice', { role: 'server' }), port: 80 } },
        allowed: true,
        why: 'any pod in a user=alice namespace',
      },
      {
        ingress: { dst: pod('default'), src: { pod: pod('other', { role: 'client' }), port: 80 } },
        allowed: false,
        why: 'role=client elsewhere matches neither peer',
      },
    ],
  },
  {
    name: 'docs: targeting a range of ports (endPort)',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: multi-port-egress
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
    - Egress
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/24
      ports:
        - protocol: TCP
          port: 32000
          endPort: 32768
`,
    checks: [
      { egress: { src: db, dst: { ip: '10.0.0.9', port: 32000 } }, allowed: true, why: 'lower bound is inclusive' },
      { egress: { src: db, dst: { ip: '10.0.0.9', port: 32768 } }, allowed: true, why: 'upper bound is inclusive' },
      { egress: { src: db, dst: { ip: '10.0.0.9', port: 32769 } }, allowed: false, why: 'above endPort' },
      { egress: { src: db, dst: { ip: '10.0.0.9', port: 31999 } }, allowed: false, why: 'below port' },
      { egress: { src: db, dst: { ip: '10.0.0.9', port: 32100, protocol: 'UDP' } }, allowed: false, why: 'TCP only' },
    ],
  },
  {
    name: 'docs: targeting multiple namespaces by label, and a namespace by its name',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-namespaces
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: myapp
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchExpressions:
        - key: namespace
          operator: In
          values: ["frontend", "backend"]
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
    ports:
    - protocol: UDP
      port: 53
`,
    checks: [
      {
        egress: { src: pod('default', { app: 'myapp' }), dst: { pod: pod('backend'), port: 8080 } },
        allowed: true,
        why: 'namespace=backend is in the set',
      },
      {
        egress: { src: pod('default', { app: 'myapp' }), dst: { pod: pod('other'), port: 8080 } },
        allowed: false,
        why: 'other has no namespace label',
      },
      {
        egress: { src: pod('default', { app: 'myapp' }), dst: { pod: pod('kube-system'), port: 53, protocol: 'UDP' } },
        allowed: true,
        why: 'kubernetes.io/metadata.name is set on every namespace by the control plane',
      },
      {
        egress: { src: pod('default', { app: 'myapp' }), dst: { pod: pod('kube-system'), port: 53 } },
        allowed: false,
        why: 'only UDP 53 to kube-system',
      },
    ],
  },
  // Edge cases.
  {
    name: 'policyTypes defaulting: Egress only when egress rules exist',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: has-egress, namespace: default }
spec:
  podSelector: { matchLabels: { app: a } }
  egress:
  - to: [ { ipBlock: { cidr: 10.0.0.0/8 } } ]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ingress-only, namespace: default }
spec:
  podSelector: { matchLabels: { app: b } }
  ingress:
  - from: [ { podSelector: {} } ]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: empty-egress-list, namespace: default }
spec:
  podSelector: { matchLabels: { app: c } }
  egress: []
`,
    checks: [
      {
        egress: { src: pod('default', { app: 'a' }), dst: { ip: '8.8.8.8', port: 443 } },
        allowed: false,
        why: 'egress rules present → Egress defaulted in → isolated',
      },
      {
        egress: { src: pod('default', { app: 'a' }), dst: { ip: '10.2.3.4', port: 443 } },
        allowed: true,
        why: 'inside the allowed block',
      },
      {
        ingress: { dst: pod('default', { app: 'a' }), src: { ip: '8.8.8.8', port: 80 } },
        allowed: false,
        why: 'Ingress is always defaulted in, and there are no ingress rules',
      },
      {
        egress: { src: pod('default', { app: 'b' }), dst: { ip: '8.8.8.8', port: 443 } },
        allowed: true,
        why: 'no egress rules → policyTypes [Ingress] → not isolated for egress',
      },
      {
        egress: { src: pod('default', { app: 'c' }), dst: { ip: '8.8.8.8', port: 443 } },
        allowed: true,
        why: 'egress: [] has length 0 → no Egress type',
      },
      {
        ingress: { dst: pod('default', { app: 'b' }), src: { pod: pod('default', { x: 'y' }), port: 80 } },
        allowed: true,
        why: 'podSelector {} peer: all pods in the policy namespace',
      },
      {
        ingress: { dst: pod('default', { app: 'b' }), src: { pod: pod('other'), port: 80 } },
        allowed: false,
        why: 'but not pods of other namespaces',
      },
    ],
  },
  {
    name: 'an empty or absent to matches all destinations; absent ports match all ports',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: https-anywhere, namespace: default }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: []
    ports: [ { port: 443 } ]
  - to: [ { ipBlock: { cidr: 192.168.0.0/16 } } ]
  - ports: [ { protocol: UDP } ]
`,
    checks: [
      {
        egress: { src: pod('default'), dst: { ip: '1.2.3.4', port: 443 } },
        allowed: true,
        why: 'to: [] is all destinations; protocol defaults to TCP',
      },
      {
        egress: { src: pod('default'), dst: { pod: pod('other'), port: 443 } },
        allowed: true,
        why: 'all destinations include pods',
      },
      {
        egress: { src: pod('default'), dst: { ip: '1.2.3.4', port: 443, protocol: 'UDP' } },
        allowed: true,
        why: 'the third rule allows every UDP port anywhere',
      },
      {
        egress: { src: pod('default'), dst: { ip: '1.2.3.4', port: 80 } },
        allowed: false,
        why: 'no rule allows TCP 80 outside 192.168.0.0/16',
      },
      {
        egress: { src: pod('default'), dst: { ip: '192.168.7.7', port: 8443, protocol: 'SCTP' } },
        allowed: true,
        why: 'no ports → every port and protocol',
      },
    ],
  },
  {
    name: 'named ports resolve against the destination pod only',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: named, namespace: default }
spec:
  podSelector: { matchLabels: { app: client } }
  policyTypes: [Egress]
  egress:
  - to: [ { podSelector: { matchLabels: { app: api } } } ]
    ports: [ { port: metrics } ]
  - to: [ { ipBlock: { cidr: 169.254.169.254/32 } } ]
    ports: [ { port: http } ]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: named-ingress, namespace: default }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
  - ports: [ { port: web } ]
`,
    checks: [
      {
        egress: {
          src: pod('default', { app: 'client' }),
          dst: {
            pod: pod('default', { app: 'api' }, { ports: [{ name: 'metrics', containerPort: 9090 }] }),
            port: 9090,
          },
        },
        allowed: true,
        why: '“metrics” is container port 9090 on the destination',
      },
      {
        egress: {
          src: pod('default', { app: 'client' }),
          dst: {
            pod: pod('default', { app: 'api' }, { ports: [{ name: 'metrics', containerPort: 9090 }] }),
            port: 9091,
          },
        },
        allowed: false,
        why: 'the named port is 9090, not 9091',
      },
      {
        egress: {
          src: pod('default', { app: 'client' }),
          dst: {
            pod: pod('default', { app: 'api' }, { ports: [{ name: 'metrics', containerPort: 9090, protocol: 'UDP' }] }),
            port: 9090,
          },
        },
        allowed: false,
        why: 'the named port is UDP; the policy entry is TCP',
      },
      {
        egress: { src: pod('default', { app: 'client' }), dst: { ip: '169.254.169.254', port: 80 } },
        allowed: false,
        why: 'a named port cannot resolve for an ipBlock destination',
      },
      {
        ingress: {
          dst: pod('default', { app: 'api' }, { ports: [{ name: 'web', containerPort: 8080 }] }),
          src: { ip: '8.8.8.8', port: 8080 },
        },
        allowed: true,
        why: 'ingress named ports resolve against the selected pod',
      },
      {
        ingress: {
          dst: pod('default', { app: 'api' }, { ports: [{ name: 'web', containerPort: 8080 }] }),
          src: { ip: '8.8.8.8', port: 80 },
        },
        allowed: false,
        why: 'port 80 is not “web”',
      },
    ],
  },
  {
    name: 'IPv6 ipBlock with except, and IPv4-mapped addresses',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: v6, namespace: default }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: { cidr: "::/0", except: [ "fd00:ec2::254/128" ] }
    - ipBlock: { cidr: 0.0.0.0/0, except: [ 169.254.169.254/32 ] }
`,
    checks: [
      { egress: { src: pod('default'), dst: { ip: 'fd00:ec2::254', port: 80 } }, allowed: false, why: 'excepted /128' },
      {
        egress: { src: pod('default'), dst: { ip: 'fd00:ec2::23', port: 80 } },
        allowed: true,
        why: 'a different address in ::/0',
      },
      {
        egress: { src: pod('default'), dst: { ip: '2001:4860:4860::8888', port: 443 } },
        allowed: true,
        why: 'public IPv6',
      },
      {
        egress: { src: pod('default'), dst: { ip: '::ffff:169.254.169.254', port: 80 } },
        allowed: false,
        why: 'an IPv4-mapped address is the IPv4 address, which is excepted',
      },
      {
        egress: { src: pod('default'), dst: { ip: '169.254.169.253', port: 80 } },
        allowed: true,
        why: 'the except is a single /32',
      },
    ],
  },
  {
    name: 'allowed traffic is the union of all policies selecting the pod',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: a, namespace: default }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress: [ { to: [ { ipBlock: { cidr: 10.0.0.0/8 } } ], ports: [ { port: 443 } ] } ]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: b, namespace: default }
spec:
  podSelector: { matchExpressions: [ { key: app, operator: Exists } ] }
  policyTypes: [Egress]
  egress: [ { ports: [ { port: 80 } ] } ]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: elsewhere, namespace: other }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [ {} ]
`,
    checks: [
      {
        egress: { src: pod('default', { app: 'web' }), dst: { ip: '10.1.2.3', port: 443 } },
        allowed: true,
        why: 'policy a',
      },
      {
        egress: { src: pod('default', { app: 'web' }), dst: { ip: '8.8.8.8', port: 80 } },
        allowed: true,
        why: 'policy b',
      },
      {
        egress: { src: pod('default', { app: 'web' }), dst: { ip: '8.8.8.8', port: 443 } },
        allowed: false,
        why: 'neither allows 443 outside 10/8; the allow-all in another namespace does not apply',
      },
      {
        egress: { src: pod('default', { tier: 'x' }), dst: { ip: '8.8.8.8', port: 443 } },
        allowed: true,
        why: 'selected by neither policy',
      },
    ],
  },
  {
    name: 'hostNetwork pods are neither isolated nor matched by selector peers',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: to-agents, namespace: default }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress: [ { to: [ { namespaceSelector: {}, podSelector: { matchLabels: { app: agent } } } ] } ]
`,
    checks: [
      {
        egress: { src: pod('default'), dst: { pod: pod('kube-system', { app: 'agent' }), port: 8080 } },
        allowed: true,
        why: 'a pod-network agent pod is matched',
      },
      {
        egress: {
          src: pod('default'),
          dst: { pod: pod('kube-system', { app: 'agent' }, { hostNetwork: true }), port: 8080 },
        },
        allowed: false,
        why: 'a hostNetwork agent is node traffic (most common implementation)',
      },
      {
        egress: { src: pod('default', {}, { hostNetwork: true }), dst: { ip: '8.8.8.8', port: 25 } },
        allowed: true,
        why: 'a hostNetwork source is not isolated',
      },
      {
        ingress: { dst: pod('default', {}, { hostNetwork: true }), src: { ip: '8.8.8.8', port: 22 } },
        allowed: true,
        why: 'a hostNetwork destination is not isolated',
      },
    ],
  },
  {
    name: 'invalid policies allow nothing where they are invalid',
    yaml: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: bad, namespace: default }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [ {} ]
  - to: [ { ipBlock: { cidr: 0.0.0.0/0 }, podSelector: {} } ]
  - to: [ { ipBlock: { cidr: 10.0.0.0/8, except: [ 11.0.0.0/8 ] } } ]
  - to: [ { podSelector: { matchExpressions: [ { key: app, operator: Equals, values: [x] } ] } } ]
  - ports: [ { protocol: ICMP } ]
  - ports: [ { port: http, endPort: 90 } ]
  - to: [ { ipBlock: { cidr: 192.168.0.0/16 } } ]
    ports: [ { port: 80, endPort: 79 } ]
`,
    checks: [
      {
        egress: { src: pod('default'), dst: { ip: '8.8.8.8', port: 80 } },
        allowed: false,
        why: 'an empty peer, ipBlock+selector, and a bad protocol are all invalid',
      },
      {
        egress: { src: pod('default'), dst: { ip: '10.0.0.1', port: 80 } },
        allowed: false,
        why: 'an except outside the cidr invalidates the ipBlock',
      },
      {
        egress: { src: pod('default'), dst: { pod: pod('default', { app: 'x' }), port: 80 } },
        allowed: false,
        why: 'an invalid selector selects nothing',
      },
      {
        egress: { src: pod('default'), dst: { ip: '192.168.1.1', port: 80 } },
        allowed: false,
        why: 'endPort below port is invalid',
      },
    ],
  },
];

for (const c of CASES) {
  test(c.name, () => {
    const idx = index(c.yaml);
    for (const check of c.checks) {
      const v =
        'egress' in check
          ? egressVerdict(idx, check.egress.src, check.egress.dst)
          : ingressVerdict(idx, check.ingress.dst, check.ingress.src);
      assert.equal(v.allowed, check.allowed, `${check.why}\n    verdict: ${v.reason}`);
    }
  });
}

test('verdicts name the basis and the policies responsible', () => {
  const idx = index(TEST_NETWORK_POLICY);
  const allowed = egressVerdict(idx, db, { ip: '10.0.0.7', port: 5978 });
  assert.equal(allowed.basis, 'allowed-by-policy');
  assert.deepEqual(allowed.policies, [
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'default', name: 'test-network-policy' },
  ]);
  assert.equal(allowed.matches[0]!.rule, 0);
  assert.equal(allowed.matches[0]!.peer, 0);
  assert.match(
    allowed.reason,
    /default\/test-network-policy egress\[0\] to\[0\] ipBlock 10\.0\.0\.0\/24 \(no except\), TCP\/5978/,
  );

  const denied = egressVerdict(idx, db, { ip: '169.254.169.254', port: 80 });
  assert.equal(denied.basis, 'denied');
  assert.equal(denied.isolated, true);
  assert.deepEqual(
    denied.policies.map((p) => p.name),
    ['test-network-policy'],
  );

  const open = egressVerdict(idx, frontend, { ip: '169.254.169.254', port: 80 });
  assert.equal(open.basis, 'not-isolated');
  assert.deepEqual(open.policies, []);
  assert.match(open.reason, /no NetworkPolicy in namespace default selects the pod/);

  const host = egressVerdict(idx, { ...db, hostNetwork: true }, { ip: '169.254.169.254', port: 80 });
  assert.equal(host.basis, 'host-network');
});

test('implementation-defined aspects are reported as notes', () => {
  const idx = index(CASES.find((c) => c.name.startsWith('named ports'))!.yaml);
  const v = egressVerdict(idx, pod('default', { app: 'client' }), { ip: '169.254.169.254', port: 80 });
  assert.match(v.notes.join('\n'), /named port "http" resolves only against a destination pod/);
  const idx2 = index(CASES.find((c) => c.name.startsWith('hostNetwork pods'))!.yaml);
  const h = egressVerdict(idx2, pod('default'), {
    pod: pod('kube-system', { app: 'agent' }, { hostNetwork: true }),
    port: 1,
  });
  assert.match(h.notes.join('\n'), /hostNetwork pod/);
});

test('index issues point at the invalid fields', () => {
  const idx = index(CASES.find((c) => c.name.startsWith('invalid policies'))!.yaml);
  const paths = idx.issues.map((i) => i.path);
  assert.ok(paths.includes('spec.egress[0].to[0]'), paths.join(', '));
  assert.ok(paths.includes('spec.egress[1].to[0]'));
  assert.ok(
    paths.includes('spec.egress[2].ipBlock.except[0]') || paths.includes('spec.egress[2].to[0].ipBlock.except[0]'),
  );
  assert.ok(paths.includes('spec.egress[3].to[0].podSelector'));
  assert.ok(paths.includes('spec.egress[4].ports[0].protocol'));
  assert.ok(paths.includes('spec.egress[5].ports[0].endPort'));
  assert.ok(paths.includes('spec.egress[6].ports[0].endPort'));
  assert.ok(idx.issues.every((i) => i.policy?.name === 'bad'));
});

test('a policy without a namespace is evaluated in the default namespace and flagged', () => {
  const idx = index(CASES.find((c) => c.name === 'docs: default deny all egress traffic')!.yaml, 'team-a');
  assert.equal(idx.policies[0]!.namespace, 'team-a');
  assert.equal(idx.issues[0]!.path, 'metadata.namespace');
  assert.equal(egressVerdict(idx, pod('team-a'), { ip: '1.1.1.1', port: 53 }).allowed, false);
  assert.equal(egressVerdict(idx, pod('default'), { ip: '1.1.1.1', port: 53 }).allowed, true);
});

test('objects that are not networking.k8s.io/v1 NetworkPolicies are skipped', () => {
  const idx = buildNetworkIndex({
    policies: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } },
      {
        apiVersion: 'extensions/v1beta1',
        kind: 'NetworkPolicy',
        metadata: { name: 'old', namespace: 'default' },
        spec: { podSelector: {} },
      },
    ],
    namespaces: NAMESPACES,
  });
  assert.equal(idx.policies.length, 0);
  assert.equal(idx.issues.length, 1);
  assert.match(idx.issues[0]!.message, /not networking\.k8s\.io\/v1/);
});

test('namespaces missing from the input still carry kubernetes.io/metadata.name', () => {
  const idx = index(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: to-monitoring, namespace: default }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [ { to: [ { namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } } } ] } ]
`);
  assert.equal(egressVerdict(idx, pod('default'), { pod: pod('monitoring'), port: 9090 }).allowed, true);
  assert.equal(egressVerdict(idx, pod('default'), { pod: pod('other'), port: 9090 }).allowed, false);
});

test('a pod-to-pod connection needs the source egress and the destination ingress', () => {
  const idx = index(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-in, namespace: backend }
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
  - from: [ { namespaceSelector: { matchLabels: { namespace: frontend } } } ]
    ports: [ { port: 8080 } ]
`);
  const fe = pod('frontend', { app: 'web' });
  const be = pod('backend', { app: 'api' });
  assert.equal(connectionVerdict(idx, fe, be, { port: 8080 }).allowed, true);
  const wrongPort = connectionVerdict(idx, fe, be, { port: 9090 });
  assert.equal(wrongPort.allowed, false);
  assert.equal(wrongPort.egress.allowed, true, 'the source is not isolated for egress');
  assert.equal(wrongPort.ingress.allowed, false);
  assert.equal(connectionVerdict(idx, pod('other'), be, { port: 8080 }).allowed, false);
});

test('the verdict is the same whatever the order of policies', () => {
  const docs = CASES.find((c) => c.name.startsWith('allowed traffic is the union'))!.yaml.split(/^---$/m);
  const forward = index(docs.join('\n---\n'));
  const backward = index([...docs].reverse().join('\n---\n'));
  for (const [ip, port] of [
    ['10.1.2.3', 443],
    ['8.8.8.8', 80],
    ['8.8.8.8', 443],
  ] as const) {
    const a = egressVerdict(forward, pod('default', { app: 'web' }), { ip, port });
    const b = egressVerdict(backward, pod('default', { app: 'web' }), { ip, port });
    assert.equal(a.allowed, b.allowed);
    assert.deepEqual(new Set(a.policies.map((p) => p.name)), new Set(b.policies.map((p) => p.name)));
  }
});
