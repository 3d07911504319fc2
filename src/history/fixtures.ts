import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../checks/types.ts';
import type { PrivilegeSummary } from '../inventory/privileges.ts';
import type { Classification } from '../model/types.ts';
import type { InventoryEntry, ScanResult } from '../result.ts';

// Test support: small but realistic ScanResults of one EKS cluster an hour apart (scan A, then B), built in code
// so the store and diff tests can vary them. B upgrades the cluster and aws-node, adds a capability, makes a host
// path writable, removes coredns, adds a privileged debug DaemonSet, and resolves, adds and re-rates findings.

export type Variant = 'a' | 'b';

export interface FixtureOptions {
  cluster?: string;
  scannedAt?: string;
  /** Extra customer workloads, each with two findings: for large-scan tests. */
  extraWorkloads?: number;
}

/** Sections the diff reads when present, before ScanResult carries them: nodes and attack paths. */
export interface FixtureSections {
  nodes: { name: string; kubeletVersion: string; osImage: string; labels: Record<string, string> }[];
  paths: { key: string; title: string; severity: Severity }[];
}

// Typed as a ScanResult; its nodes and paths sections use the shapes in FixtureSections, which the diff reads defensively.
export type FixtureResult = ScanResult;

const NO_PRIVILEGES: PrivilegeSummary = {
  privileged: [],
  hostPID: false,
  hostIPC: false,
  hostNetwork: false,
  capabilities: [],
  hostPaths: [],
  hostPorts: [],
  automountToken: true,
  runsAsRoot: [],
};

function entry(
  kind: string,
  namespace: string,
  name: string,
  classification: Classification,
  images: string[],
  privileges: Partial<PrivilegeSummary>,
): InventoryEntry {
  return {
    resource: { apiVersion: 'apps/v1', kind, namespace, name },
    origin: { cluster: 'prod-eks', context: 'prod-eks' },
    classification,
    podCount: kind === 'DaemonSet' ? 3 : 2,
    nodeCount: kind === 'DaemonSet' ? 3 : 2,
    serviceAccount: name,
    images,
    privileges: { ...NO_PRIVILEGES, ...privileges },
  };
}

function finding(
  checkId: string,
  severity: Severity,
  e: InventoryEntry,
  path: string,
  message: string,
  status: Finding['status'] = 'open',
): Finding {
  const ref = `${e.resource.kind}/${e.resource.namespace ?? ''}/${e.resource.name}`;
  const f: Finding = {
    checkId,
    severity,
    resource: e.resource,
    origin: e.origin,
    path,
    message,
    status,
    component: { class: e.classification.class },
    fingerprint: createHash('sha256').update(`${checkId}|${ref}|${path}`).digest('hex').slice(0, 32),
  };
  if (e.classification.provider) f.component = { ...f.component!, provider: e.classification.provider };
  return f;
}

const eks = (component: string): Classification => ({
  class: 'middleware',
  provider: 'eks',
  component,
  reason: 'catalog match',
});
const core = (component: string): Classification => ({ class: 'core', component, reason: 'catalog match' });

export function fixtureScan(variant: Variant, options: FixtureOptions = {}): FixtureResult {
  const b = variant === 'b';
  const cluster = options.cluster ?? 'prod-eks';
  const awsNode = entry(
    'DaemonSet',
    'kube-system',
    'aws-node',
    eks('aws-node'),
    [
      `602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:${b ? 'v1.18.1' : 'v1.16.0'}`,
      '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.16.0',
    ],
    {
      hostNetwork: true,
      capabilities: [{ container: 'aws-node', add: b ? ['NET_ADMIN', 'NET_RAW'] : ['NET_ADMIN'] }],
      hostPaths: [
        {
          path: '/opt/cni/bin',
          volume: 'cni-bin-dir',
          fieldPath: 'spec.volumes[0].hostPath.path',
          container: 'aws-vpc-cni-init',
          mountPath: '/host/opt/cni/bin',
          readOnly: false,
        },
        {
          path: '/var/log/aws-routed-eni',
          volume: 'log-dir',
          fieldPath: 'spec.volumes[2].hostPath.path',
          container: 'aws-node',
          mountPath: '/host/var/log/aws-routed-eni',
          readOnly: !b,
        },
      ],
      hostPorts: [61678],
      runsAsRoot: ['aws-node'],
    },
  );
  const kubeProxy = entry(
    'DaemonSet',
    'kube-system',
    'kube-proxy',
    core('kube-proxy'),
    ['602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.29.0-minimal-eksbuild.1'],
    {
      privileged: ['kube-proxy'],
      hostNetwork: true,
      hostPaths: [
        {
          path: '/lib/modules',
          volume: 'lib-modules',
          fieldPath: 'spec.volumes[1].hostPath.path',
          container: 'kube-proxy',
          mountPath: '/lib/modules',
          readOnly: true,
        },
      ],
    },
  );
  const coredns = entry(
    'Deployment',
    'kube-system',
    'coredns',
    core('coredns'),
    ['602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.1-eksbuild.4'],
    {
      capabilities: [{ container: 'coredns', add: ['NET_BIND_SERVICE'] }],
    },
  );
  const ebs = entry(
    'DaemonSet',
    'kube-system',
    'ebs-csi-node',
    eks('aws-ebs-csi-driver'),
    ['public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.28.0'],
    {
      privileged: ['ebs-plugin'],
      hostPaths: [
        {
          path: '/var/lib/kubelet',
          volume: 'kubelet-dir',
          fieldPath: 'spec.volumes[0].hostPath.path',
          container: 'ebs-plugin',
          mountPath: '/var/lib/kubelet',
          readOnly: false,
        },
      ],
      runsAsRoot: ['ebs-plugin'],
    },
  );
  const shop = entry(
    'Deployment',
    'shop',
    'checkout',
    { class: 'workload', reason: 'not classified' },
    ['ghcr.io/acme/checkout:2.4.1'],
    {
      automountToken: !b,
    },
  );
  const debug = entry(
    'DaemonSet',
    'default',
    'node-debugger',
    { class: 'workload', reason: 'not classified' },
    ['busybox:1.36'],
    {
      privileged: ['shell'],
      hostPID: true,
      hostPaths: [
        {
          path: '/',
          volume: 'host',
          fieldPath: 'spec.volumes[0].hostPath.path',
          container: 'shell',
          mountPath: '/host',
          readOnly: false,
        },
      ],
      runsAsRoot: ['shell'],
    },
  );

  const inventory = b ? [awsNode, kubeProxy, ebs, shop, debug] : [awsNode, kubeProxy, coredns, ebs, shop];
  const findings: Finding[] = [
    finding('host-network', 'medium', awsNode, 'spec.template.spec.hostNetwork', 'pod uses the host network'),
    finding(
      'privileged-container',
      'critical',
      kubeProxy,
      'spec.template.spec.containers[0].securityContext.privileged',
      'container "kube-proxy" runs privileged',
      b ? 'waived' : 'open',
    ),
    finding(
      'privileged-container',
      'critical',
      ebs,
      'spec.template.spec.containers[0].securityContext.privileged',
      'container "ebs-plugin" runs privileged',
    ),
    finding(
      'writable-host-path',
      b ? 'critical' : 'high',
      ebs,
      'spec.template.spec.volumes[0].hostPath.path',
      'writable hostPath /var/lib/kubelet',
    ),
  ];
  if (!b)
    findings.push(
      finding(
        'automount-token',
        'low',
        shop,
        'spec.template.spec.automountServiceAccountToken',
        'service account token mounted',
      ),
    );
  if (b) {
    findings.push(
      finding(
        'privileged-container',
        'critical',
        debug,
        'spec.template.spec.containers[0].securityContext.privileged',
        'container "shell" runs privileged',
      ),
    );
    findings.push(
      finding('host-pid', 'high', debug, 'spec.template.spec.hostPID', 'pod shares the host PID namespace'),
    );
    findings.push(
      finding(
        'writable-host-path',
        'critical',
        awsNode,
        'spec.template.spec.volumes[2].hostPath.path',
        'writable hostPath /var/log/aws-routed-eni',
      ),
    );
  }
  for (let i = 0; i < (options.extraWorkloads ?? 0); i++) {
    const w = entry(
      'Deployment',
      `team-${i % 40}`,
      `svc-${i}`,
      { class: 'workload', reason: 'not classified' },
      [`ghcr.io/acme/svc-${i}:1.${i % 7}.0`],
      {
        runsAsRoot: ['app'],
        hostPorts: i % 10 === 0 ? [8080 + (i % 100)] : [],
      },
    );
    inventory.push(w);
    findings.push(
      finding(
        'run-as-root',
        'medium',
        w,
        'spec.template.spec.containers[0].securityContext.runAsNonRoot',
        `container "app" of svc-${i} may run as root`,
      ),
    );
    findings.push(
      finding(
        'automount-token',
        'low',
        w,
        'spec.template.spec.automountServiceAccountToken',
        'service account token mounted',
      ),
    );
  }

  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const byStatus = { open: 0, waived: 0, 'waiver-expired': 0 };
  for (const f of findings) {
    bySeverity[f.severity]++;
    byStatus[f.status]++;
  }
  const nodeNames = b
    ? ['ip-10-0-1-17', 'ip-10-0-2-33', 'ip-10-0-3-90']
    : ['ip-10-0-1-17', 'ip-10-0-2-33', 'ip-10-0-3-41'];
  const nodes = nodeNames.map((name, i) => ({
    name,
    kubeletVersion: b && i === 0 ? 'v1.30.0-eks-036c24b' : 'v1.29.3-eks-ae9a62a',
    osImage: 'Amazon Linux 2',
    labels: { 'eks.amazonaws.com/nodegroup-image': b && i === 0 ? 'ami-0b1f8c2e5a' : 'ami-07c1a3d9f0' },
  }));
  const paths: FixtureSections['paths'] = [
    {
      key: 'sa:kube-system/ebs-csi-node->node',
      title: 'ebs-csi-node privileged container → node',
      severity: 'critical',
    },
    ...(b
      ? [
          {
            key: 'sa:default/node-debugger->node',
            title: 'node-debugger hostPID + privileged → node',
            severity: 'critical' as const,
          },
        ]
      : []),
  ];
  // Sections the store reads defensively (nodes, paths) come from `sections` below, in the shapes older results had.
  const result: Omit<ScanResult, 'nodes' | 'paths' | 'responsibility' | 'network'> = {
    schemaVersion: 1,
    tool: { name: 'kubeseam', version: '0.1.0' },
    scannedAt: options.scannedAt ?? (b ? '2025-03-01T11:00:00.000Z' : '2025-03-01T10:00:00.000Z'),
    source: { kind: 'cluster', context: cluster },
    cluster: {
      name: cluster,
      context: cluster,
      server: 'https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com',
      version: {
        major: '1',
        minor: b ? '30' : '29',
        gitVersion: b ? 'v1.30.0-eks-036c24b' : 'v1.29.3-eks-ae9a62a',
        platform: 'linux/amd64',
      },
      provider: 'eks',
      providerEvidence: 'server host ends in .eks.amazonaws.com',
    },
    coverage: {
      resources: [
        { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', status: 'listed', count: 3 },
      ],
      unknownKinds: [],
      notes: [],
    },
    inventory,
    findings,
    waivers: { stale: [], expired: [] },
    pss: { version: b ? 'v1.30' : 'v1.29', namespaces: [], workloads: [] },
    summary: {
      bySeverity,
      byStatus,
      objects: 120 + inventory.length,
      workloads: inventory.length,
      pods: inventory.reduce((n, e) => n + e.podCount, 0),
      namespaces: 4,
      nodes: nodes.length,
    },
    errors: [],
  };
  const sections: FixtureSections = { nodes, paths };
  return Object.assign(
    result,
    {
      responsibility: [],
      network: {
        metadata: { provider: 'eks', endpoints: [], workloads: [], namespaces: [] },
        suggestedPolicies: [],
        notes: [],
      },
    },
    sections,
  ) as unknown as ScanResult;
}
