// Objects for the fake API server: a small, realistic EKS-like cluster, and generators for large ones.
// Secrets here carry values on purpose: the collector must never bring them back.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { KubeObject, PodSpec, Volume } from '../../src/model/k8s.ts';

/** Values planted in secrets and unreferenced config maps; none may appear in a collected snapshot. */
export const SECRET_VALUES = [
  'c3VwZXItc2VjcmV0LXBhc3N3b3Jk',
  'super-secret-password',
  'bootstrap-token-value',
  'eyJhbGciOiJSUzI1NiJ9.legacy-token',
];
export const UNREFERENCED_CONFIG_VALUE = 'customer-private-setting';

let uidCounter = 0;
function uid(): string {
  uidCounter++;
  return `00000000-0000-4000-8000-${uidCounter.toString(16).padStart(12, '0')}`;
}

function meta(name: string, namespace?: string, extra: Record<string, unknown> = {}): KubeObject['metadata'] {
  const m: Record<string, unknown> = {
    name,
    uid: uid(),
    resourceVersion: String(1000 + uidCounter),
    creationTimestamp: '2025-03-01T10:00:00Z',
    // Real objects carry managedFields; the collector drops them by default.
    managedFields: [
      {
        manager: 'kubectl',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2025-03-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {},
      },
    ],
    ...extra,
  };
  if (namespace !== undefined) m.namespace = namespace;
  return m;
}

/** The projected token volume every pod gets, which references the kube-root-ca.crt config map. */
function apiAccessVolume(): Volume {
  // Typed loosely: real volumes carry fields (expirationSeconds, items) the lean model does not declare.
  const volume: Record<string, unknown> = {
    name: 'kube-api-access-abcde',
    projected: {
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      ],
    },
  };
  return volume;
}

function podFor(owner: KubeObject, name: string, node: string, spec: PodSpec): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, owner.metadata.namespace, {
      labels: owner.metadata.labels ?? {},
      ownerReferences: [
        {
          apiVersion: owner.apiVersion,
          kind: owner.kind,
          name: owner.metadata.name,
          uid: owner.metadata.uid,
          controller: true,
        },
      ],
    }),
    spec: { ...spec, nodeName: node, volumes: [...(spec.volumes ?? []), apiAccessVolume()] },
    status: { phase: 'Running', podIP: '10.0.1.23', hostIP: '10.0.1.10', startTime: '2025-03-01T10:00:05Z' },
  };
}

function workload(kind: 'Deployment' | 'DaemonSet', name: string, namespace: string, spec: PodSpec): KubeObject {
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: meta(name, namespace, { labels, generation: 1 }),
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
    status: { observedGeneration: 1 },
  };
}

function configMap(namespace: string, name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, namespace), data };
}

/** A small EKS-like cluster: 3 nodes, middleware and customer workloads, config maps and secrets. */
export function smallCluster(): KubeObject[] {
  uidCounter = 0;
  const nodes = ['ip-10-0-1-10.ec2.internal', 'ip-10-0-2-20.ec2.internal', 'ip-10-0-3-30.ec2.internal'];
  const objects: KubeObject[] = [];
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'app', 'amazon-cloudwatch']) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(ns, undefined, { labels: { 'kubernetes.io/metadata.name': ns } }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  for (const name of nodes) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta(name, undefined, {
        labels: {
          'kubernetes.io/os': 'linux',
          'eks.amazonaws.com/nodegroup': 'default',
          'topology.kubernetes.io/zone': 'us-east-1a',
        },
      }),
      spec: { providerID: `aws:///us-east-1a/i-0${name.length}abc` },
      status: { nodeInfo: { kubeletVersion: 'v1.31.4-eks-aeac579', osImage: 'Amazon Linux 2023' } },
    });
  }

  // Middleware DaemonSet in kube-system: config map volume.
  const kubeProxy = workload('DaemonSet', 'kube-proxy', 'kube-system', {
    serviceAccountName: 'kube-proxy',
    hostNetwork: true,
    containers: [
      {
        name: 'kube-proxy',
        image: '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy:v1.31.3',
        securityContext: { privileged: true },
      },
    ],
    volumes: [
      { name: 'config', configMap: { name: 'kube-proxy-config' } },
      { name: 'kubeconfig', configMap: { name: 'kube-proxy' } },
    ],
  });
  // Customer DaemonSet outside middleware namespaces: referenced through envFrom, still collected in full.
  const logShipper = workload('DaemonSet', 'log-shipper', 'app', {
    containers: [
      { name: 'shipper', image: 'fluent/fluent-bit:3.2', envFrom: [{ configMapRef: { name: 'log-shipper-env' } }] },
    ],
  });
  // Middleware Deployment in kube-system.
  const coredns = workload('Deployment', 'coredns', 'kube-system', {
    serviceAccountName: 'coredns',
    containers: [{ name: 'coredns', image: 'coredns:v1.11.3' }],
    volumes: [{ name: 'config-volume', configMap: { name: 'coredns' } }],
  });
  // Add-on Deployment in amazon-cloudwatch: env valueFrom.configMapKeyRef.
  const cwController = workload(
    'Deployment',
    'amazon-cloudwatch-observability-controller-manager',
    'amazon-cloudwatch',
    {
      containers: [
        {
          name: 'manager',
          image: 'public.ecr.aws/cloudwatch-agent/cloudwatch-agent-operator:2.0',
          env: [
            { name: 'AGENT_SETTINGS', valueFrom: { configMapKeyRef: { name: 'cwagent-settings', key: 'settings' } } },
          ],
        },
      ],
    },
  );
  // Customer Deployment: its config maps stay metadata only.
  const web = workload('Deployment', 'web', 'app', {
    serviceAccountName: 'web',
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        envFrom: [{ configMapRef: { name: 'web-config' } }, { secretRef: { name: 'db-password' } }],
      },
    ],
  });
  objects.push(kubeProxy, logShipper, coredns, cwController, web);
  for (const [i, node] of nodes.entries()) {
    objects.push(
      podFor(kubeProxy, `kube-proxy-${i}x7k2`, node, (kubeProxy.spec as { template: { spec: PodSpec } }).template.spec),
    );
    objects.push(
      podFor(
        logShipper,
        `log-shipper-${i}q9w4`,
        node,
        (logShipper.spec as { template: { spec: PodSpec } }).template.spec,
      ),
    );
  }
  for (const deployment of [coredns, cwController, web]) {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta(`${deployment.metadata.name ?? ''}-5d78c9869d`, deployment.metadata.namespace, {
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: deployment.metadata.name,
            uid: deployment.metadata.uid,
            controller: true,
          },
        ],
      }),
      spec: deployment.spec,
    };
    objects.push(rs);
    objects.push(
      podFor(
        rs,
        `${rs.metadata.name ?? ''}-abcde`,
        nodes[0]!,
        (deployment.spec as { template: { spec: PodSpec } }).template.spec,
      ),
    );
  }

  objects.push(
    configMap('kube-system', 'kube-proxy-config', { config: 'kind: KubeProxyConfiguration\nmode: iptables\n' }),
    configMap('kube-system', 'kube-proxy', { kubeconfig: 'apiVersion: v1\nkind: Config\n' }),
    configMap('kube-system', 'coredns', { Corefile: '.:53 {\n    errors\n    kubernetes cluster.local\n}\n' }),
    configMap('kube-system', 'kube-root-ca.crt', {
      'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    }),
    configMap('kube-system', 'aws-auth', {
      mapRoles:
        '- rolearn: arn:aws:iam::111122223333:role/eks-node\n  username: system:node:{{EC2PrivateDNSName}}\n  groups: [system:bootstrappers, system:nodes]\n',
    }),
    configMap('kube-system', 'extension-apiserver-authentication', {
      'client-ca-file': 'unreferenced middleware data',
    }),
    configMap('amazon-cloudwatch', 'cwagent-settings', { settings: '{"logs":{}}' }),
    configMap('app', 'log-shipper-env', { OUTPUT: 'cloudwatch' }),
    configMap('app', 'kube-root-ca.crt', {
      'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    }),
    configMap('app', 'web-config', { SETTING: UNREFERENCED_CONFIG_VALUE }),
    configMap('app', 'unused', { note: UNREFERENCED_CONFIG_VALUE }),
  );

  const dbPassword = { password: SECRET_VALUES[0]! };
  objects.push(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: meta('db-password', 'app', {
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            apiVersion: 'v1',
            kind: 'Secret',
            data: dbPassword,
          }),
          'team.example.com/owner': 'payments',
        },
      }),
      data: dbPassword,
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: meta('plain', 'app'),
      stringData: { password: SECRET_VALUES[1]! },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'bootstrap.kubernetes.io/token',
      metadata: meta('bootstrap-token-abcdef', 'kube-system'),
      data: { 'token-secret': Buffer.from(SECRET_VALUES[2]!).toString('base64'), 'token-id': 'YWJjZGVm' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: meta('coredns-legacy-token', 'kube-system', {
        annotations: { 'kubernetes.io/service-account.name': 'coredns' },
      }),
      data: { token: Buffer.from(SECRET_VALUES[3]!).toString('base64') },
    },
  );

  for (const [ns, name] of [
    ['kube-system', 'kube-proxy'],
    ['kube-system', 'coredns'],
    ['app', 'web'],
    ['app', 'default'],
  ] as const) {
    objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, ns) });
  }
  objects.push(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: meta('system:coredns'),
      rules: [
        { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: meta('system:coredns'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:coredns' },
      subjects: [{ kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('web-reader', 'app'),
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('web-reader', 'app'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'web-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'app' }],
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('kube-dns', 'kube-system'),
      spec: { type: 'ClusterIP', clusterIP: '172.20.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('deny-metadata', 'app'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: meta('pod-identity-webhook'),
      webhooks: [{ name: 'iam-for-pods.amazonaws.com', failurePolicy: 'Ignore' }],
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: meta('deny-privileged'),
      spec: { failurePolicy: 'Fail', validations: [{ expression: 'true' }] },
    },
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: meta('ciliumnetworkpolicies.cilium.io'),
      spec: {
        group: 'cilium.io',
        names: { plural: 'ciliumnetworkpolicies', kind: 'CiliumNetworkPolicy' },
        scope: 'Namespaced',
        versions: [{ name: 'v2', schema: { openAPIV3Schema: { type: 'object' } } }],
      },
    },
    {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: meta('allow-dns', 'app'),
      spec: {
        endpointSelector: {},
        egress: [{ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }] }],
      },
    },
  );
  return objects;
}

/** `count` pods spread over `nodes`, in `namespaces` namespaces, each owned by a ReplicaSet (not included). */
export function generatePods(count: number, nodes: readonly string[], namespaces = 50): KubeObject[] {
  const pods: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `team-${i % namespaces}`;
    const app = `svc-${Math.floor(i / namespaces) % 200}`;
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${app}-7d9f8c6b5-${i.toString(36).padStart(5, '0')}`,
        namespace: ns,
        uid: `10000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        resourceVersion: String(200000 + i),
        creationTimestamp: '2025-03-01T10:00:00Z',
        labels: { app, 'pod-template-hash': '7d9f8c6b5' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `${app}-7d9f8c6b5`,
            uid: `rs-${ns}-${app}`,
            controller: true,
          },
        ],
      },
      spec: {
        nodeName: nodes.length > 0 ? nodes[i % nodes.length] : undefined,
        serviceAccountName: 'default',
        containers: [
          {
            name: 'app',
            image: `registry.example.com/${app}:1.${i % 10}`,
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
            volumeMounts: [
              {
                name: 'kube-api-access-abcde',
                mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
                readOnly: true,
              },
            ],
          },
        ],
        volumes: [apiAccessVolume()],
      },
      status: {
        phase: 'Running',
        podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        hostIP: '10.0.0.1',
        qosClass: 'Burstable',
      },
    });
  }
  return pods;
}

export function generateNodes(count: number): KubeObject[] {
  const nodes: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    const name = `ip-10-${(i >> 8) & 255}-${i & 255}-10.ec2.internal`;
    nodes.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid: `20000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        labels: {
          'kubernetes.io/os': 'linux',
          'eks.amazonaws.com/nodegroup': `ng-${i % 20}`,
          'node.kubernetes.io/instance-type': 'm6i.large',
        },
      },
      spec: { providerID: `aws:///us-east-1a/i-${i.toString(16).padStart(17, '0')}` },
      status: {
        nodeInfo: {
          kubeletVersion: 'v1.31.4-eks-aeac579',
          osImage: 'Amazon Linux 2023',
          containerRuntimeVersion: 'containerd://1.7.25',
        },
        addresses: [{ type: 'InternalIP', address: `10.${(i >> 8) & 255}.${i & 255}.10` }],
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
  }
  return nodes;
}

/** Objects of a demo snapshot (`examples/<provider>.snapshot.json[.gz]`), or undefined when it does not exist yet. */
export function exampleObjects(provider: string): KubeObject[] | undefined {
  for (const suffix of ['.snapshot.json', '.snapshot.json.gz']) {
    const url = new URL(`../../examples/${provider}${suffix}`, import.meta.url);
    if (!existsSync(url)) continue;
    const raw = readFileSync(url);
    const text = suffix.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    const parsed: unknown = JSON.parse(text);
    const objects =
      typeof parsed === 'object' && parsed !== null ? (parsed as { objects?: unknown }).objects : undefined;
    if (!Array.isArray(objects)) return undefined;
    return objects.filter(
      (o): o is KubeObject =>
        typeof o === 'object' &&
        o !== null &&
        typeof (o as KubeObject).apiVersion === 'string' &&
        typeof (o as KubeObject).kind === 'string' &&
        typeof (o as KubeObject).metadata === 'object',
    );
  }
  return undefined;
}
