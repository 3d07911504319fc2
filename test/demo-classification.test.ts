// Every workload of each demo cluster, classified: the table a reviewer checks against examples/README.md.
// A change in classification (a catalog edit, a recognition rule) shows up here as a reviewed diff.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanSource } from '../src/index.ts';

type Row = [workload: string, cls: string, component: string | undefined];

const EXPECTED: Record<string, Row[]> = {
  eks: [
    ['DaemonSet/amazon-cloudwatch/cloudwatch-agent', 'middleware', 'eks/cloudwatch-agent'],
    ['DaemonSet/amazon-cloudwatch/fluent-bit', 'middleware', 'eks/fluent-bit'],
    ['StatefulSet/ci/gha-runner', 'workload', undefined],
    ['CronJob/data/ledger-export', 'workload', undefined],
    ['StatefulSet/data/postgres', 'workload', undefined],
    ['Pod/default/netshoot', 'workload', undefined],
    ['Deployment/kube-system/aws-load-balancer-controller', 'middleware', 'eks/aws-load-balancer-controller'],
    ['DaemonSet/kube-system/aws-node', 'middleware', 'eks/aws-node'],
    ['Deployment/kube-system/cni-metrics-helper', 'middleware', 'eks/cni-metrics-helper'],
    ['Deployment/kube-system/coredns', 'core', 'eks/coredns'],
    ['Deployment/kube-system/ebs-csi-controller', 'middleware', 'eks/ebs-csi-controller'],
    ['DaemonSet/kube-system/ebs-csi-node', 'middleware', 'eks/ebs-csi-node'],
    ['DaemonSet/kube-system/efs-csi-node', 'middleware', 'eks/efs-csi-node'],
    ['DaemonSet/kube-system/eks-node-monitoring-agent', 'middleware', 'eks/eks-node-monitoring-agent'],
    ['DaemonSet/kube-system/eks-pod-identity-agent', 'middleware', 'eks/eks-pod-identity-agent'],
    ['DaemonSet/kube-system/falco', 'workload', undefined],
    ['DaemonSet/kube-system/kube-proxy', 'core', 'eks/kube-proxy'],
    ['Deployment/kube-system/metrics-server', 'core', 'eks/metrics-server'],
    ['Deployment/kube-system/snapshot-controller', 'middleware', 'eks/snapshot-controller'],
    ['CronJob/monitoring/fluent-bit-config-sync', 'workload', undefined],
    ['Deployment/monitoring/grafana', 'workload', undefined],
    ['Deployment/monitoring/kube-state-metrics', 'middleware', 'eks/kube-state-metrics'],
    ['CronJob/payments/ledger-reconcile', 'workload', undefined],
    ['Deployment/payments/payments-api', 'workload', undefined],
    ['Deployment/payments/settlement-worker', 'workload', undefined],
    ['Deployment/web/session-cache', 'workload', undefined],
    ['Deployment/web/storefront', 'workload', undefined],
  ],
  aks: [
    ['StatefulSet/argocd/argocd-application-controller', 'workload', undefined],
    ['Deployment/argocd/argocd-redis', 'workload', undefined],
    ['Deployment/argocd/argocd-repo-server', 'workload', undefined],
    ['Deployment/argocd/argocd-server', 'workload', undefined],
    ['StatefulSet/data/redis', 'workload', undefined],
    ['Pod/default/node-debugger-aks-userpool-41729385-vmss000000-x7kvp', 'workload', undefined],
    ['DaemonSet/kube-system/aks-secrets-store-csi-driver', 'middleware', 'aks/aks-secrets-store-csi-driver'],
    ['DaemonSet/kube-system/aks-secrets-store-provider-azure', 'middleware', 'aks/aks-secrets-store-provider-azure'],
    ['DaemonSet/kube-system/ama-logs', 'middleware', 'aks/ama-logs'],
    ['Deployment/kube-system/ama-logs-rs', 'middleware', 'aks/ama-logs-rs'],
    ['DaemonSet/kube-system/azure-cns', 'middleware', 'aks/azure-cns'],
    ['DaemonSet/kube-system/azure-ip-masq-agent', 'middleware', 'aks/azure-ip-masq-agent'],
    ['DaemonSet/kube-system/azure-npm', 'middleware', 'aks/azure-npm'],
    [
      'Deployment/kube-system/azure-wi-webhook-controller-manager',
      'middleware',
      'aks/azure-wi-webhook-controller-manager',
    ],
    ['DaemonSet/kube-system/cloud-node-manager', 'middleware', 'aks/cloud-node-manager'],
    ['Deployment/kube-system/coredns', 'core', 'aks/coredns'],
    ['Deployment/kube-system/coredns-autoscaler', 'core', 'aks/coredns-autoscaler'],
    ['DaemonSet/kube-system/csi-azuredisk-node', 'middleware', 'aks/csi-azuredisk-node'],
    ['DaemonSet/kube-system/csi-azurefile-node', 'middleware', 'aks/csi-azurefile-node'],
    ['DaemonSet/kube-system/filebeat-filebeat', 'workload', undefined],
    ['Deployment/kube-system/konnectivity-agent', 'core', 'aks/konnectivity-agent'],
    ['Deployment/kube-system/konnectivity-agent-autoscaler', 'core', 'aks/konnectivity-agent-autoscaler'],
    ['DaemonSet/kube-system/kube-proxy', 'core', 'aks/kube-proxy'],
    ['Deployment/kube-system/metrics-server', 'core', 'aks/metrics-server'],
    ['Deployment/observability/logging-config-sync', 'workload', undefined],
    ['CronJob/orders/invoice-batch', 'workload', undefined],
    ['Deployment/orders/order-processor', 'workload', undefined],
    ['Deployment/shop/catalog-api', 'workload', undefined],
    ['Deployment/shop/storefront', 'workload', undefined],
  ],
  gke: [
    ['Deployment/analytics/dashboard', 'workload', undefined],
    ['CronJob/analytics/etl-hourly', 'workload', undefined],
    ['Deployment/analytics/report-api', 'workload', undefined],
    ['StatefulSet/data/postgres', 'workload', undefined],
    ['DaemonSet/gmp-system/collector', 'middleware', 'gke/gmp-collector'],
    ['Deployment/gmp-system/gmp-operator', 'middleware', 'gke/gmp-operator'],
    ['DaemonSet/kube-system/anetd', 'middleware', 'gke/anetd'],
    ['Deployment/kube-system/event-exporter-gke', 'middleware', 'gke/event-exporter-gke'],
    ['DaemonSet/kube-system/filestore-node', 'middleware', 'gke/filestore-node'],
    ['DaemonSet/kube-system/fluentbit-gke', 'middleware', 'gke/fluentbit-gke'],
    ['DaemonSet/kube-system/fluentbit-gke-exporter', 'workload', undefined],
    ['DaemonSet/kube-system/gcsfusecsi-node', 'middleware', 'gke/gcsfusecsi-node'],
    ['DaemonSet/kube-system/gke-metadata-server', 'middleware', 'gke/gke-metadata-server'],
    ['DaemonSet/kube-system/gke-metrics-agent', 'middleware', 'gke/gke-metrics-agent'],
    ['Deployment/kube-system/konnectivity-agent', 'core', 'gke/konnectivity-agent'],
    ['Deployment/kube-system/konnectivity-agent-autoscaler', 'core', 'gke/konnectivity-agent-autoscaler'],
    ['Deployment/kube-system/kube-dns', 'core', 'gke/kube-dns'],
    ['Deployment/kube-system/kube-dns-autoscaler', 'core', 'gke/kube-dns-autoscaler'],
    ['Deployment/kube-system/l7-default-backend', 'middleware', 'gke/l7-default-backend'],
    ['Deployment/kube-system/metrics-server-v1.34.0', 'core', 'gke/metrics-server'],
    ['DaemonSet/kube-system/netd', 'middleware', 'gke/netd'],
    ['DaemonSet/kube-system/node-problem-detector', 'core', 'gke/node-problem-detector'],
    ['DaemonSet/kube-system/nvidia-driver-installer', 'middleware', 'gke/nvidia-driver-installer'],
    ['DaemonSet/kube-system/nvidia-gpu-device-plugin-small-cos', 'middleware', 'gke/nvidia-gpu-device-plugin'],
    ['DaemonSet/kube-system/pdcsi-node', 'middleware', 'gke/pdcsi-node'],
    ['Pod/ml/notebook-jlee', 'workload', undefined],
    ['Job/ml/train-ranker-20261116', 'workload', undefined],
    ['DaemonSet/monitoring/prometheus-node-exporter', 'workload', undefined],
    ['Deployment/platform/npd-rules-sync', 'workload', undefined],
  ],
};

for (const demo of ['eks', 'aks', 'gke'] as const) {
  describe(`demo ${demo}: classification`, () => {
    it('classifies every workload as the table says, and detects the provider', async () => {
      const result = await scanSource({ demo }, { checks: [] });
      assert.equal(result.cluster.provider, demo);
      const actual: Row[] = result.inventory.map((e) => [
        `${e.resource.kind}/${e.resource.namespace ?? ''}/${e.resource.name}`,
        e.classification.class,
        e.classification.component,
      ]);
      assert.deepEqual(actual, EXPECTED[demo]);
    });
  });
}
