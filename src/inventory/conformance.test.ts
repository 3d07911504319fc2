// Conformance over ../shared/conformance/provider-manifests: every workload there that the catalog lists is
// recognised as the right component and shows no drift (the baselines were derived from these files), and every
// privilege it carries is within its baseline. The expected recognitions are listed here, file by file.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildModel } from '../model/build.ts';
import { formatRef } from '../model/refs.ts';
import type { SourcedObject } from '../model/types.ts';
import { parseManifestText } from '../sources/files.ts';
import { findComponent, isUnknownBaseline } from '../knowledge/catalog/index.ts';
import { withinBaseline } from './baseline.ts';
import { classifyWorkloads, providerDetection } from './classify.ts';
import { driftOf } from './drift.ts';
import { summarizePrivileges } from './privileges.ts';

const ROOT = fileURLToPath(new URL('../../../shared/conformance/provider-manifests/', import.meta.url));

/** file (without .yaml) → workload → catalog component (and class when it is not middleware). */
const EXPECTED: Record<string, Record<string, Record<string, string>>> = {
  eks: {
    'amazon-cloudwatch-container-insights__k8s-deployment-manifest-templates_deployment-mode_daemonset_container-insights-monitoring_cwagent_cwagent-daemonset':
      { 'DaemonSet/amazon-cloudwatch/cloudwatch-agent': 'eks/cloudwatch-agent' },
    'amazon-cloudwatch-container-insights__k8s-deployment-manifest-templates_deployment-mode_daemonset_container-insights-monitoring_fluent-bit_fluent-bit':
      { 'DaemonSet/amazon-cloudwatch/fluent-bit': 'eks/fluent-bit' },
    'amazon-vpc-cni-k8s__config_master_aws-k8s-cni': { 'DaemonSet/kube-system/aws-node': 'eks/aws-node' },
    'amazon-vpc-cni-k8s__config_master_cni-metrics-helper': {
      'Deployment/kube-system/cni-metrics-helper': 'eks/cni-metrics-helper',
    },
    'aws-ebs-csi-driver__deploy_kubernetes_base_controller': {
      'Deployment/default/ebs-csi-controller': 'eks/ebs-csi-controller',
    },
    'aws-ebs-csi-driver__deploy_kubernetes_base_node': { 'DaemonSet/default/ebs-csi-node': 'eks/ebs-csi-node' },
    'aws-efs-csi-driver__deploy_kubernetes_base_node-daemonset': {
      'DaemonSet/default/efs-csi-node': 'eks/efs-csi-node',
    },
    'eks-pod-identity-agent__hack_testdata_expected_eks_pod_identity_agent_default_helm_template': {
      'DaemonSet/default/eks-pod-identity-agent': 'eks/eks-pod-identity-agent agent',
    },
    'mountpoint-s3-csi-driver__deploy_kubernetes_base_node': { 'DaemonSet/kube-system/s3-csi-node': 'eks/s3-csi-node' },
  },
  aks: {
    'Docker-Provider__kubernetes_ama-logs': {
      'DaemonSet/kube-system/ama-logs': 'aks/ama-logs',
      'Deployment/kube-system/ama-logs-rs': 'aks/ama-logs-rs',
      'DaemonSet/kube-system/ama-logs-windows': 'aks/ama-logs-windows',
    },
    'azure-container-networking__cns_azure-cns': { 'DaemonSet/kube-system/azure-cns': 'aks/azure-cns' },
    'azure-container-networking__npm_azure-npm': { 'DaemonSet/kube-system/azure-npm': 'aks/azure-npm' },
    'azure-workload-identity__deploy_azure-wi-webhook': {
      'Deployment/azure-workload-identity-system/azure-wi-webhook-controller-manager':
        'aks/azure-wi-webhook-controller-manager',
    },
    'azuredisk-csi-driver__deploy_csi-azuredisk-controller': {
      'Deployment/kube-system/csi-azuredisk-controller': 'aks/csi-azuredisk-controller',
    },
    'azuredisk-csi-driver__deploy_csi-azuredisk-node': {
      'DaemonSet/kube-system/csi-azuredisk-node': 'aks/csi-azuredisk-node',
    },
    'azurefile-csi-driver__deploy_csi-azurefile-node': {
      'DaemonSet/kube-system/csi-azurefile-node': 'aks/csi-azurefile-node',
    },
    'blob-csi-driver__deploy_csi-blob-node': { 'DaemonSet/kube-system/csi-blob-node': 'aks/csi-blob-node' },
    'cloud-provider-azure__examples_out-of-tree_cloud-node-manager': {
      'DaemonSet/kube-system/cloud-node-manager': 'aks/cloud-node-manager',
      'DaemonSet/kube-system/cloud-node-manager-windows': 'aks/cloud-node-manager',
    },
    'ip-masq-agent-v2__examples_ip-masq-agent': { 'DaemonSet/default/ip-masq-agent': 'aks/azure-ip-masq-agent' },
    'secrets-store-csi-driver__deploy_secrets-store-csi-driver': {
      'DaemonSet/kube-system/csi-secrets-store': 'aks/aks-secrets-store-csi-driver',
    },
  },
  gke: {
    'apiserver-network-proxy__examples_kubernetes_konnectivity-agent': {
      'Pod/kube-system/konnectivity-agent': 'gke/konnectivity-agent core',
    },
    'container-engine-accelerators__cmd_nvidia_gpu_device-plugin': {
      'DaemonSet/kube-system/nvidia-gpu-device-plugin': 'gke/nvidia-gpu-device-plugin',
    },
    'container-engine-accelerators__nvidia-driver-installer_cos_daemonset-preloaded': {
      'DaemonSet/kube-system/nvidia-driver-installer': 'gke/nvidia-driver-installer',
    },
    'gcp-compute-persistent-disk-csi-driver__deploy_kubernetes_base_node_linux_node': {
      'DaemonSet/default/csi-gce-pd-node': 'gke/pdcsi-node',
    },
    'gcp-filestore-csi-driver__deploy_kubernetes_base_node_linux_node': {
      'DaemonSet/default/gcp-filestore-csi-node': 'gke/filestore-node',
    },
    'gcs-fuse-csi-driver__deploy_base_node_node': { 'DaemonSet/default/gcsfusecsi-node': 'gke/gcsfusecsi-node' },
    'k8s-stackdriver__event-exporter_example_event-exporter': {
      'Deployment/default/event-exporter-deployment': 'gke/event-exporter-gke',
    },
    netd__netd: { 'DaemonSet/kube-system/netd': 'gke/netd' },
    'node-problem-detector__deployment_node-problem-detector': {
      'DaemonSet/kube-system/node-problem-detector': 'gke/node-problem-detector core',
    },
  },
};

function load(provider: string): { file: string; objects: SourcedObject[] }[] {
  return readdirSync(ROOT + provider)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: f, objects: parseManifestText(readFileSync(`${ROOT}${provider}/${f}`, 'utf8'), f) }));
}

for (const provider of ['eks', 'aks', 'gke'] as const) {
  describe(`conformance: ${provider} provider manifests`, () => {
    const files = load(provider);
    const model = buildModel({ objects: files.flatMap((f) => f.objects), sourceKind: 'files' });
    classifyWorkloads(model);

    it('parses every document with its file and line', () => {
      for (const { file, objects } of files) {
        for (const so of objects) {
          assert.equal(so.origin.file, file);
          assert.ok((so.origin.line ?? 0) >= 1, `${file}: ${so.object.kind} has no line`);
        }
      }
    });

    it(`detects ${provider} from catalog matches alone, as weak evidence`, () => {
      const d = providerDetection(model);
      assert.equal(d.provider, provider);
      assert.equal(d.confidence, 'weak');
      assert.ok(d.evidence.every((e) => e.source === 'catalog-images'));
    });

    it('lists every workload of the folder in the expectations', () => {
      const expected = Object.values(EXPECTED[provider]!)
        .flatMap((m) => Object.keys(m))
        .sort();
      assert.deepEqual(model.workloads.map((w) => formatRef(w.ref)).sort(), expected);
    });

    for (const { file, objects } of files) {
      const want = EXPECTED[provider]![file.replace(/\.yaml$/, '')] ?? {};
      if (Object.keys(want).length === 0) continue;
      it(`recognises ${file} without drift, alone and with the other files`, () => {
        const alone = buildModel({ objects, sourceKind: 'files' });
        classifyWorkloads(alone);
        for (const m of [model, alone]) {
          const got: Record<string, string> = {};
          for (const w of m.workloads) {
            if (w.origin.file !== file) continue;
            const cls = w.classification;
            got[formatRef(w.ref)] = `${cls?.component ?? `(${cls?.class ?? 'none'}: ${cls?.reason ?? ''})`}${
              cls && cls.class !== 'middleware' && cls.class !== 'workload' ? ` ${cls.class}` : ''
            }`;
            assert.deepEqual(driftOf(w), [], `${formatRef(w.ref)} drifts from its baseline`);
          }
          assert.deepEqual(got, want);
        }
      });
    }

    it('finds every shipped privilege within the baseline (components with a known baseline)', () => {
      for (const w of model.workloads) {
        const component = findComponent(w.classification?.component ?? '');
        if (!component || isUnknownBaseline(component.privileges)) continue;
        const s = summarizePrivileges(w.podSpec);
        for (const ns of ['hostNetwork', 'hostPID', 'hostIPC'] as const)
          assert.equal(withinBaseline(w, ns), s[ns] || component.privileges[ns], `${w.name} ${ns}`);
        for (const c of s.privileged) assert.ok(withinBaseline(w, 'privileged', c), `${w.name} privileged ${c}`);
        for (const c of s.capabilities)
          for (const cap of c.add) assert.ok(withinBaseline(w, 'capability', cap), `${w.name} ${cap}`);
        for (const p of s.hostPorts) assert.ok(withinBaseline(w, 'hostPort', String(p)), `${w.name} port ${p}`);
        for (const h of s.hostPaths.filter((x) => x.container !== undefined))
          assert.ok(withinBaseline(w, 'hostPath', `${h.path}:${h.readOnly ? 'ro' : 'rw'}`), `${w.name} ${h.path}`);
      }
    });
  });
}
