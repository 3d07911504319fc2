import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointsFor } from '../knowledge/metadata-endpoints.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { ObjectRef, Provider } from '../model/types.ts';
import { generateMetadataBlockPolicy, metadataExposure, type ExposureWorkload } from './metadata.ts';
import { buildNetworkIndex, connectionVerdict, egressVerdict } from './policy.ts';

const NAMESPACES = [
  { name: 'apps', labels: {} },
  { name: 'shop', labels: {} },
  { name: 'kube-system', labels: {} },
];

const ref = (namespace: string, name: string): ObjectRef => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace,
  name,
});

function workload(namespace: string, name: string, extra: Partial<ExposureWorkload> = {}): ExposureWorkload {
  return { ref: ref(namespace, name), namespace, labels: { app: name }, ...extra };
}

function np(namespace: string, name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

const ALLOW_ALL_EGRESS = (ns: string): KubeObject =>
  np(ns, 'allow-all-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] });

function exposureOf(provider: Provider, policies: KubeObject[], workloads: ExposureWorkload[]) {
  const index = buildNetworkIndex({ policies, namespaces: NAMESPACES });
  return metadataExposure({ provider, workloads, index });
}

function endpoint(result: ReturnType<typeof exposureOf>, workloadName: string, endpointId: string) {
  const w = result.workloads.find((x) => x.ref.name === workloadName);
  assert.ok(w, workloadName);
  const e = w.endpoints.find((x) => x.endpoint === endpointId);
  assert.ok(e, endpointId);
  return e;
}

test('without policies every pod reaches IMDS; on EKS the hop-limit protection makes it conditional', () => {
  const r = exposureOf('eks', [], [workload('apps', 'web')]);
  const imds = endpoint(r, 'web', 'aws-imds');
  assert.equal(imds.reachable, true);
  assert.equal(imds.exposed, 'conditional');
  assert.match(imds.reasons[0]!, /no egress NetworkPolicy selects the pod/);
  assert.match(imds.reasons.join('\n'), /HttpPutResponseHopLimit=1.*default disputed/);
  // The pod identity agent has no provider protection: it is reachable by design.
  assert.equal(endpoint(r, 'web', 'eks-pod-identity-agent').exposed, 'yes');
  assert.deepEqual(
    r.workloads[0]!.endpoints.map((e) => e.endpoint),
    endpointsFor('eks').map((e) => e.id),
  );
});

test('hostNetwork pods bypass NetworkPolicy and every provider protection', () => {
  const r = exposureOf(
    'eks',
    [np('apps', 'deny-all', { podSelector: {}, policyTypes: ['Egress'] })],
    [workload('apps', 'agent', { hostNetwork: true }), workload('apps', 'web')],
  );
  const agent = endpoint(r, 'agent', 'aws-imds');
  assert.equal(agent.reachable, true);
  assert.equal(agent.exposed, 'yes');
  assert.match(agent.reasons[0]!, /host network bypasses NetworkPolicy/);
  assert.equal(agent.protections[0]!.status, 'not-applied');
  assert.match(agent.protections[0]!.why, /does not cover hostNetwork pods/);
  const web = endpoint(r, 'web', 'aws-imds');
  assert.equal(web.reachable, false);
  assert.equal(web.exposed, 'no');
  assert.deepEqual(
    web.policies.map((p) => p.name),
    ['deny-all'],
  );
});

test('a policy allowing 0.0.0.0/0 without an except is named as the reason', () => {
  const r = exposureOf(
    'aks',
    [
      np('shop', 'internet', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
      }),
    ],
    [workload('shop', 'cart')],
  );
  const imds = endpoint(r, 'cart', 'azure-imds');
  assert.equal(imds.exposed, 'yes', 'AKS IMDS restriction is opt-in, off by default');
  assert.match(imds.reasons[0]!, /shop\/internet egress\[0\] to\[0\] ipBlock 0\.0\.0\.0\/0 \(no except\)/);
  assert.deepEqual(
    imds.policies.map((p) => p.name),
    ['internet'],
  );
  assert.match(imds.reasons.join('\n'), /off by default/);
});

test('AKS: WireServer port 80 is always blocked for pods; HostGAPlugin 32526 depends on the node image', () => {
  const label = 'kubernetes.azure.com/node-image-version';
  const r = exposureOf(
    'aks',
    [],
    [
      workload('apps', 'old', { nodeLabels: { [label]: 'AKSUbuntu-2204gen2containerd-202403.13.0' } }),
      workload('apps', 'new', { nodeLabels: { [label]: 'AKSUbuntu-2204gen2containerd-202409.23.0' } }),
      workload('apps', 'unknown'),
      workload('apps', 'host', {
        hostNetwork: true,
        nodeLabels: { [label]: 'AKSUbuntu-2204gen2containerd-202409.23.0' },
      }),
    ],
  );
  assert.equal(endpoint(r, 'old', 'azure-wireserver').exposed, 'no');
  assert.match(endpoint(r, 'old', 'azure-wireserver').reasons.join('\n'), /provider protection .*applies/);
  assert.equal(endpoint(r, 'old', 'azure-hostgaplugin').exposed, 'yes');
  assert.match(endpoint(r, 'old', 'azure-hostgaplugin').reasons.join('\n'), /predates 2024-07/);
  assert.equal(endpoint(r, 'new', 'azure-hostgaplugin').exposed, 'no');
  assert.equal(endpoint(r, 'unknown', 'azure-hostgaplugin').exposed, 'conditional');
  assert.equal(endpoint(r, 'host', 'azure-wireserver').exposed, 'yes', 'the FORWARD rule does not see host traffic');
  assert.equal(endpoint(r, 'host', 'azure-hostgaplugin').exposed, 'yes');
});

test('GKE: Workload Identity nodes replace node credentials; the label decides', () => {
  const wi = { 'iam.gke.io/gke-metadata-server-enabled': 'true' };
  const r = exposureOf(
    'gke',
    [],
    [
      workload('apps', 'wi', { nodeLabels: wi }),
      workload('apps', 'legacy', { nodeLabels: { 'cloud.google.com/gke-nodepool': 'pool-1' } }),
      workload('apps', 'unknown'),
      workload('apps', 'host', { hostNetwork: true, nodeLabels: wi }),
    ],
  );
  assert.equal(endpoint(r, 'wi', 'gce-metadata').exposed, 'no');
  assert.match(
    endpoint(r, 'wi', 'gce-metadata').reasons.join('\n'),
    /node has iam\.gke\.io\/gke-metadata-server-enabled=true/,
  );
  assert.equal(endpoint(r, 'legacy', 'gce-metadata').exposed, 'yes');
  assert.equal(endpoint(r, 'unknown', 'gce-metadata').exposed, 'conditional');
  assert.equal(endpoint(r, 'host', 'gce-metadata').exposed, 'yes', 'hostNetwork pods bypass the GKE metadata server');
  // The DNAT target is evaluated too.
  assert.match(endpoint(r, 'legacy', 'gce-metadata').reasons.join('\n'), /169\.254\.169\.252:988/);
});

test('GKE: a policy that excepts only 169.254.169.254 still reaches the metadata server after DNAT', () => {
  const r = exposureOf(
    'gke',
    [
      np('apps', 'no-254', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
      }),
    ],
    [workload('apps', 'web', { nodeLabels: {} })],
  );
  const e = endpoint(r, 'web', 'gce-metadata');
  assert.equal(e.reachable, true);
  assert.match(e.reasons[0]!, /169\.254\.169\.254:80 denied/);
  assert.match(e.reasons[1]!, /169\.254\.169\.252:988 allowed .*which does not except 169\.254\.169\.252/);
});

test('per-namespace summary counts workloads by exposure', () => {
  const r = exposureOf(
    'eks',
    [np('shop', 'deny-all', { podSelector: {}, policyTypes: ['Egress'] })],
    [workload('apps', 'a'), workload('apps', 'b', { hostNetwork: true }), workload('shop', 'c'), workload('shop', 'd')],
  );
  assert.deepEqual(
    r.namespaces.map((n) => n.namespace),
    ['apps', 'shop'],
  );
  const apps = r.namespaces[0]!;
  assert.equal(apps.workloads, 2);
  assert.equal(apps.hostNetworkWorkloads, 1);
  assert.equal(apps.egressIsolatedWorkloads, 0);
  assert.equal(apps.exposedWorkloads, 1, 'the hostNetwork workload');
  assert.equal(apps.conditionalWorkloads, 1, 'the pod-network workload behind the hop limit');
  assert.deepEqual(apps.byEndpoint['aws-imds'], { yes: 1, no: 0, conditional: 1 });
  const shop = r.namespaces[1]!;
  assert.equal(shop.egressIsolatedWorkloads, 2);
  assert.equal(shop.exposedWorkloads, 0);
  assert.deepEqual(shop.byEndpoint['aws-imds'], { yes: 0, no: 2, conditional: 0 });
});

// The generated policy: every metadata endpoint blocked, everything else kept.
for (const provider of ['eks', 'aks', 'gke', 'unknown'] as const) {
  test(`${provider}: the generated policy blocks every metadata endpoint and keeps other egress`, () => {
    const policy = generateMetadataBlockPolicy('apps', provider);
    const index = buildNetworkIndex({ policies: [policy], namespaces: NAMESPACES });
    assert.deepEqual(index.issues, [], 'the generated policy is valid');
    const web = { namespace: 'apps', labels: { app: 'web' } };
    const db = { namespace: 'apps', labels: { app: 'db' }, ports: [{ name: 'pg', containerPort: 5432 }] };

    for (const e of endpointsFor(provider)) {
      for (const t of [{ address: e.address, port: e.port }, ...(e.alsoEvaluatedAs ?? [])]) {
        const v = egressVerdict(index, web, { ip: t.address, port: t.port, protocol: e.protocol });
        assert.equal(v.allowed, false, `${e.id} at ${t.address}:${t.port}: ${v.reason}`);
      }
      // A hostNetwork pod is not affected: NetworkPolicy cannot protect it.
      assert.equal(egressVerdict(index, { ...web, hostNetwork: true }, { ip: e.address, port: e.port }).allowed, true);
    }
    const result = metadataExposure({
      provider,
      index,
      workloads: [workload('apps', 'web'), workload('shop', 'other')],
    });
    assert.ok(endpoint(result, 'web', endpointsFor(provider)[0]!.id));
    for (const e of result.workloads.find((w) => w.ref.name === 'web')!.endpoints) {
      assert.equal(e.reachable, false, e.endpoint);
      assert.equal(e.exposed, 'no', e.endpoint);
    }
    assert.ok(
      result.workloads.find((w) => w.ref.name === 'other')!.endpoints.every((e) => e.reachable),
      'other namespaces are untouched',
    );

    const keeps: [string, { ip: string; port: number; protocol?: string }][] = [
      ['public IPv4 HTTPS', { ip: '8.8.8.8', port: 443 }],
      ['public IPv6 HTTPS', { ip: '2001:4860:4860::8888', port: 443 }],
      ['NodeLocal DNSCache on a link-local address', { ip: '169.254.20.10', port: 53, protocol: 'UDP' }],
      ['a neighbour of the metadata address', { ip: '169.254.169.253', port: 80 }],
      ['a VPC address', { ip: '10.0.12.7', port: 5432 }],
    ];
    for (const [what, dst] of keeps) assert.equal(egressVerdict(index, web, dst).allowed, true, what);

    const kubeDns = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
    assert.equal(egressVerdict(index, web, { pod: kubeDns, port: 53, protocol: 'UDP' }).allowed, true, 'cluster DNS');
    assert.equal(
      egressVerdict(index, web, { pod: kubeDns, port: 53, protocol: 'TCP' }).allowed,
      true,
      'cluster DNS over TCP',
    );
    assert.equal(
      egressVerdict(index, web, { pod: { namespace: 'shop', labels: {} }, port: 8080 }).allowed,
      true,
      'pods in other namespaces',
    );
    assert.equal(connectionVerdict(index, web, db, { port: 5432 }).allowed, true, 'pods in the same namespace');
    assert.equal(egressVerdict(index, web, { pod: db, port: 6379 }).allowed, true, 'any port to pods');
  });
}

test('AKS: the generated policy keeps Azure DNS on the WireServer address', () => {
  const index = buildNetworkIndex({ policies: [generateMetadataBlockPolicy('apps', 'aks')], namespaces: NAMESPACES });
  const web = { namespace: 'apps', labels: {} };
  assert.equal(egressVerdict(index, web, { ip: '168.63.129.16', port: 53, protocol: 'UDP' }).allowed, true);
  assert.equal(egressVerdict(index, web, { ip: '168.63.129.16', port: 53, protocol: 'TCP' }).allowed, true);
  assert.equal(egressVerdict(index, web, { ip: '168.63.129.16', port: 80 }).allowed, false);
  assert.equal(egressVerdict(index, web, { ip: '168.63.129.16', port: 32526 }).allowed, false);
  assert.equal(
    egressVerdict(index, web, { ip: '168.63.129.16', port: 443 }).allowed,
    false,
    'only the DNS ports are re-allowed',
  );
});

test('policies are additive: an allow-all egress policy keeps the endpoints reachable despite the generated one', () => {
  const index = buildNetworkIndex({
    policies: [ALLOW_ALL_EGRESS('apps'), generateMetadataBlockPolicy('apps', 'eks')],
    namespaces: NAMESPACES,
  });
  const r = metadataExposure({ provider: 'eks', index, workloads: [workload('apps', 'web')] });
  const imds = endpoint(r, 'web', 'aws-imds');
  assert.equal(imds.reachable, true);
  assert.deepEqual(
    imds.policies.map((p) => p.name),
    ['allow-all-egress'],
  );
  assert.match(imds.reasons[0]!, /apps\/allow-all-egress egress\[0\] has no 'to'/);
});

test('allowEndpoints leaves chosen credential endpoints reachable', () => {
  const policy = generateMetadataBlockPolicy('apps', 'eks', {
    allowEndpoints: ['eks-pod-identity-agent', 'eks-pod-identity-agent-ipv6'],
  });
  const index = buildNetworkIndex({ policies: [policy], namespaces: NAMESPACES });
  const web = { namespace: 'apps', labels: {} };
  assert.equal(egressVerdict(index, web, { ip: '169.254.170.23', port: 80 }).allowed, true);
  assert.equal(egressVerdict(index, web, { ip: 'fd00:ec2::23', port: 80 }).allowed, true);
  assert.equal(egressVerdict(index, web, { ip: '169.254.169.254', port: 80 }).allowed, false);
  assert.equal(egressVerdict(index, web, { ip: 'fd00:ec2::254', port: 80 }).allowed, false);
});

test('the generated policy selects all pods, declares Egress and explains itself', () => {
  const policy = generateMetadataBlockPolicy('apps', 'gke');
  assert.equal(policy.kind, 'NetworkPolicy');
  assert.equal(policy.metadata.namespace, 'apps');
  const spec = policy.spec as {
    podSelector: unknown;
    policyTypes: string[];
    egress: { to: { ipBlock?: { cidr: string; except?: string[] } }[] }[];
  };
  assert.deepEqual(spec.podSelector, {});
  assert.deepEqual(spec.policyTypes, ['Egress']);
  const v4 = spec.egress[0]!.to.find((p) => p.ipBlock?.cidr === '0.0.0.0/0')!.ipBlock!;
  assert.deepEqual(new Set(v4.except), new Set(['169.254.169.254/32', '169.254.169.252/32']));
  const v6 = spec.egress[0]!.to.find((p) => p.ipBlock?.cidr === '::/0')!.ipBlock!;
  assert.deepEqual(v6.except, ['fd20:ce::254/128']);
  const annotations = policy.metadata.annotations!;
  assert.match(annotations['kubeseam.io/blocked']!, /169\.254\.169\.254\/32 \(gce-metadata:80\)/);
  assert.match(annotations['kubeseam.io/caveats']!, /additive/);
  assert.match(annotations['kubeseam.io/purpose']!, /GKE/);
});
