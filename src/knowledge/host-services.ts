// Host-level services of managed Kubernetes nodes: systemd units and processes that run outside Kubernetes (and so
// outside Pod Security), the executables they run, and the configuration and plugin folders they read as root.
// A pod with a writable hostPath over one of those folders runs code as root on the node.
//
// Research: /work/shared/research/mcm-catalog.md §4 and mcm-catalog.yaml (`hostLevel: true` entries). Every entry
// names its sources (https URL or `owner/repo:path`); entries or fields not read from a primary source are marked
// `inferred` with a note saying which.

import type { Provider } from '../model/types.ts';

export type HostServiceCategory =
  | 'node-agent'
  | 'runtime'
  | 'bootstrap'
  | 'guest-agent'
  | 'remote-management'
  | 'node-health'
  | 'observability'
  | 'dns'
  | 'storage'
  | 'networking'
  | 'maintenance'
  | 'os';

export interface HostServiceFact {
  /** `<provider>/<name>` or `any/<name>`, stable. */
  id: string;
  provider: Provider | 'any';
  name: string;
  category: HostServiceCategory;
  description: string;
  /** systemd unit names (`kubelet.service`, `getty@.service` for templates). */
  units: string[];
  /** Unit names as regular expressions matched against the whole name, for families (`systemd-.*\.service`). */
  unitPatterns?: string[];
  /** Absolute executable paths. A process matches when its exe, argv[0], or (for interpreters) argv[1] is one. */
  exePaths: string[];
  /** Configuration files and folders the service reads. */
  configPaths: string[];
  /** Folders whose contents the service executes (plugins, credential providers, CNI binaries). */
  pluginPaths?: string[];
  /** The service runs as root as shipped. */
  runsAsRoot: boolean;
  /** Installed onto the node by a pod (nsenter into the host mount namespace), outside the node image. */
  installedByPod?: boolean;
  /** Node images the service is seen on. */
  nodeImages: string[];
  sources: string[];
  inferred?: boolean;
  note?: string;
}

const EKS_AMI = 'awslabs/amazon-eks-ami';
const EKS_UNITS = `${EKS_AMI}:templates/al2023/runtime/rootfs/etc/systemd/system`;
const AGENTBAKER = 'Azure/AgentBaker:parts/linux/cloud-init/artifacts';
const GCE_HELPER = 'kubernetes/kubernetes:cluster/gce/gci/configure-helper.sh';
const GCE_NODE_YAML = 'kubernetes/kubernetes:cluster/gce/gci/node.yaml';
const CONTAINERD_CRI = 'containerd/containerd:docs/cri/config.md';

export const HOST_SERVICES: readonly HostServiceFact[] = [
  // ── EKS (Amazon Linux 2023 EKS-optimized AMI, nodeadm) ──────────────────────────────────────────────────────
  {
    id: 'eks/kubelet',
    provider: 'eks',
    name: 'kubelet (AL2023)',
    category: 'node-agent',
    description:
      'The kubelet, started with flags nodeadm writes to /etc/eks/kubelet/environment and the KubeletConfiguration in /etc/kubernetes/kubelet/config.json (+ config.json.d drop-ins).',
    units: ['kubelet.service'],
    exePaths: ['/usr/bin/kubelet'],
    configPaths: [
      '/etc/eks/kubelet/environment',
      '/etc/kubernetes/kubelet',
      '/etc/kubernetes/pki',
      '/var/lib/kubelet/kubeconfig',
      '/etc/kubernetes/manifests',
    ],
    pluginPaths: ['/etc/eks/image-credential-provider'],
    runsAsRoot: true,
    nodeImages: ['AL2023 EKS-optimized'],
    sources: [
      `${EKS_UNITS}/kubelet.service`,
      `${EKS_AMI}:nodeadm/internal/kubelet/config.go`,
      `${EKS_AMI}:nodeadm/internal/kubelet/environment.go`,
      `${EKS_AMI}:nodeadm/internal/kubelet/kubeconfig.go`,
      `${EKS_AMI}:nodeadm/internal/kubelet/cert.go`,
    ],
  },
  {
    id: 'eks/ecr-credential-provider',
    provider: 'eks',
    name: 'ecr-credential-provider',
    category: 'node-agent',
    description:
      'Kubelet image credential provider plugin: the kubelet executes every binary named in /etc/eks/image-credential-provider/config.json from this folder as root.',
    units: [],
    exePaths: ['/etc/eks/image-credential-provider/ecr-credential-provider'],
    configPaths: ['/etc/eks/image-credential-provider/config.json'],
    pluginPaths: ['/etc/eks/image-credential-provider'],
    runsAsRoot: true,
    nodeImages: ['AL2023 EKS-optimized'],
    sources: [`${EKS_AMI}:nodeadm/internal/kubelet/image-credential-provider.go`],
  },
  {
    id: 'eks/nodeadm',
    provider: 'eks',
    name: 'nodeadm',
    category: 'bootstrap',
    description:
      'Node bootstrap: reads NodeConfig from IMDS user-data and /etc/eks/nodeadm.d/, writes kubelet and containerd configuration.',
    units: [
      'nodeadm-config.service',
      'nodeadm-run.service',
      'nodeadm-boot-hook.service',
      'nodeadm-reconcile.service',
      'nodeadm-sync.service',
    ],
    exePaths: ['/usr/bin/nodeadm'],
    configPaths: ['/etc/eks/nodeadm.d', '/run/eks/nodeadm'],
    runsAsRoot: true,
    nodeImages: ['AL2023 EKS-optimized'],
    sources: [
      `${EKS_UNITS}/nodeadm-run.service`,
      `${EKS_UNITS}/nodeadm-config.service`,
      `${EKS_UNITS}/nodeadm-boot-hook.service`,
    ],
  },
  {
    id: 'eks/containerd',
    provider: 'eks',
    name: 'containerd (AL2023)',
    category: 'runtime',
    description: 'Container runtime; AL2023 adds a runtime.slice drop-in. Runs CNI plugins from /opt/cni/bin as root.',
    units: ['containerd.service', 'cni-cache-reset.service'],
    exePaths: ['/usr/bin/containerd', '/usr/bin/containerd-shim-runc-v2'],
    configPaths: ['/etc/containerd'],
    pluginPaths: ['/opt/cni/bin', '/etc/cni/net.d'],
    runsAsRoot: true,
    nodeImages: ['AL2023 EKS-optimized'],
    sources: [
      `${EKS_UNITS}/containerd.service.d/00-runtime-slice.conf`,
      `${EKS_UNITS}/cni-cache-reset.service`,
      CONTAINERD_CRI,
    ],
  },
  {
    id: 'eks/amazon-ssm-agent',
    provider: 'eks',
    name: 'amazon-ssm-agent',
    category: 'remote-management',
    description: 'AWS Systems Manager agent: runs remote documents and sessions as root.',
    units: ['amazon-ssm-agent.service'],
    exePaths: ['/usr/bin/amazon-ssm-agent', '/usr/bin/ssm-agent-worker', '/usr/bin/ssm-session-worker'],
    configPaths: ['/etc/amazon/ssm'],
    runsAsRoot: true,
    nodeImages: ['AL2023 EKS-optimized', 'Bottlerocket'],
    sources: [
      'aws/amazon-ssm-agent:packaging/linux/amazon-ssm-agent.service',
      `${EKS_UNITS}/amazon-ssm-agent.service.d/00-oom-score.conf`,
      `${EKS_AMI}:templates/al2023/provisioners/install-worker.sh`,
    ],
    inferred: true,
    note: 'The worker binaries and /etc/amazon/ssm are inferred from the agent package layout, not re-read.',
  },
  {
    id: 'eks/soci-snapshotter',
    provider: 'eks',
    name: 'soci-snapshotter',
    category: 'runtime',
    description: 'Seekable OCI lazy-loading snapshotter for containerd.',
    units: ['soci-snapshotter.service', 'soci-snapshotter.socket'],
    exePaths: ['/usr/bin/soci-snapshotter-grpc', '/usr/local/bin/soci-snapshotter-grpc'],
    configPaths: ['/etc/soci-snapshotter-grpc'],
    runsAsRoot: true,
    nodeImages: ['AL2023 EKS-optimized'],
    sources: [`${EKS_UNITS}/soci-snapshotter.service`, `${EKS_UNITS}/soci-snapshotter.socket`],
    inferred: true,
    note: 'Binary and config paths inferred.',
  },
  {
    id: 'eks/ami-helpers',
    provider: 'eks',
    name: 'AL2023 AMI helper units',
    category: 'maintenance',
    description:
      'One-shot helpers shipped in the AMI rootfs: local disks, multi-card interfaces, sandbox image checks.',
    units: [
      'check-sandbox-image.service',
      'check-sandbox-image.timer',
      'configure-multicard-interfaces.service',
      'setup-local-disks.service',
      'udev-net-manager@.service',
      'ebs-initialize-bin@.service',
    ],
    exePaths: [],
    configPaths: [],
    runsAsRoot: true,
    nodeImages: ['AL2023 EKS-optimized'],
    sources: [
      `${EKS_UNITS}/check-sandbox-image.service`,
      `${EKS_UNITS}/setup-local-disks.service`,
      `${EKS_UNITS}/configure-multicard-interfaces.service`,
      `${EKS_UNITS}/udev-net-manager@.service`,
    ],
  },
  {
    id: 'eks/bottlerocket-host',
    provider: 'eks',
    name: 'Bottlerocket host services',
    category: 'os',
    description:
      'Bottlerocket API server and host containers; the admin host container is superpowered (full host access) when enabled.',
    units: [
      'apiserver.service',
      'host-containers@.service',
      'host-containerd.service',
      'bootstrap-containers@.service',
      'early-boot-config.service',
      'pluto.service',
      'sundog.service',
    ],
    exePaths: ['/usr/bin/host-ctr', '/usr/bin/apiserver'],
    configPaths: ['/etc/host-containers'],
    runsAsRoot: true,
    nodeImages: ['Bottlerocket'],
    sources: [
      'bottlerocket-os/bottlerocket:packages/os/host-containers@.service',
      'bottlerocket-os/bottlerocket:packages/os/apiserver.service',
    ],
    inferred: true,
    note: '/usr/bin/apiserver is inferred.',
  },

  // ── AKS (Ubuntu 22.04 / Azure Linux node images built by AgentBaker) ───────────────────────────────────────
  {
    id: 'aks/kubelet',
    provider: 'aks',
    name: 'kubelet (AKS)',
    category: 'node-agent',
    description:
      'The kubelet, with KUBELET_FLAGS from /etc/default/kubelet and, when the node pool uses a config file, /etc/default/kubeletconfig.json (via drop-in 10-componentconfig.conf).',
    units: ['kubelet.service'],
    exePaths: ['/usr/local/bin/kubelet', '/opt/bin/kubelet'],
    configPaths: [
      '/etc/default/kubelet',
      '/etc/default/kubeletconfig.json',
      '/etc/kubernetes/certs',
      '/etc/kubernetes/azure.json',
      '/var/lib/kubelet/kubeconfig',
      '/var/lib/kubelet/bootstrap-kubeconfig',
      '/opt/azure/containers',
      '/etc/kubernetes/manifests',
    ],
    pluginPaths: ['/etc/kubernetes/volumeplugins'],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [`${AGENTBAKER}/kubelet.service`, `${AGENTBAKER}/cse_config.sh`],
    note: 'The kubelet binary moved from /usr/local/bin to /opt/bin in newer AgentBaker releases; both are listed.',
  },
  {
    id: 'aks/containerd',
    provider: 'aks',
    name: 'containerd (AKS)',
    category: 'runtime',
    description: 'Container runtime; CSE writes /etc/containerd/config.toml and an exec_start.conf drop-in.',
    units: ['containerd.service'],
    exePaths: ['/usr/bin/containerd', '/usr/bin/containerd-shim-runc-v2'],
    configPaths: ['/etc/containerd'],
    pluginPaths: ['/opt/cni/bin', '/etc/cni/net.d'],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [`${AGENTBAKER}/cse_config.sh`, CONTAINERD_CRI],
  },
  {
    id: 'aks/walinuxagent',
    provider: 'aks',
    name: 'Azure Linux guest agent (waagent)',
    category: 'guest-agent',
    description:
      'Talks to WireServer (168.63.129.16) and runs VM extensions (CSE, the AKS Linux extension) as root; keeps goal state and extension settings in /var/lib/waagent.',
    units: ['walinuxagent.service', 'waagent.service'],
    exePaths: ['/usr/sbin/waagent'],
    configPaths: ['/etc/waagent.conf', '/var/lib/waagent'],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: ['Azure/WALinuxAgent:init/ubuntu/walinuxagent.service', 'Azure/WALinuxAgent:init/mariner/waagent.service'],
    note: 'The process is python3 running /usr/sbin/waagent; it is matched by its script argument.',
  },
  {
    id: 'aks/node-problem-detector',
    provider: 'aks',
    name: 'node-problem-detector (AKS Linux extension)',
    category: 'node-health',
    description:
      'Host NPD installed by the AKS Linux VM extension; custom-plugin monitors run scripts from /etc/node-problem-detector.d/plugin as root.',
    units: ['node-problem-detector.service'],
    exePaths: ['/usr/local/bin/node-problem-detector', '/usr/bin/node-problem-detector'],
    configPaths: ['/etc/node-problem-detector.d'],
    pluginPaths: ['/etc/node-problem-detector.d/plugin', '/etc/node-problem-detector.d/custom-plugin-monitor'],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [
      'Azure/AgentBaker:e2e/validators.go',
      'Azure/AgentBaker:vhdbuilder/packer/install-dependencies.sh',
      'MicrosoftDocs/azure-aks-docs:articles/aks/node-problem-detector.md',
    ],
    inferred: true,
    note: 'Binary path inferred (the extension sets it); config and plugin folders are verified.',
  },
  {
    id: 'aks/node-exporter',
    provider: 'aks',
    name: 'node-exporter (AKS Linux extension)',
    category: 'observability',
    description: 'Prometheus node exporter on the node network.',
    units: ['node-exporter.service', 'node-exporter-restart.path', 'node-exporter-restart.service'],
    exePaths: ['/usr/bin/node-exporter', '/usr/local/bin/node-exporter'],
    configPaths: [],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [`${AGENTBAKER}/node-exporter/baseline/etc/systemd/system/node-exporter.service`],
    inferred: true,
    note: 'Binary path inferred.',
  },
  {
    id: 'aks/inspektor-gadget',
    provider: 'aks',
    name: 'inspektor-gadget (ig)',
    category: 'observability',
    description: 'eBPF gadget import at boot.',
    units: ['ig-import-gadgets.service'],
    exePaths: ['/usr/bin/ig', '/usr/local/bin/ig'],
    configPaths: ['/usr/share/inspektor-gadget'],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [`${AGENTBAKER}/inspektor-gadget/baseline/usr/lib/systemd/system/ig-import-gadgets.service`],
    inferred: true,
    note: 'Binary path inferred.',
  },
  {
    id: 'aks/secure-tls-bootstrap',
    provider: 'aks',
    name: 'aks-secure-tls-bootstrap-client',
    category: 'bootstrap',
    description: 'Obtains the kubelet client certificate without a static bootstrap token (post WireServing).',
    units: ['secure-tls-bootstrap.service'],
    exePaths: ['/opt/bin/aks-secure-tls-bootstrap-client', '/opt/azure/tlsbootstrap/tls-bootstrap-client'],
    configPaths: ['/var/lib/kubelet/pki', '/var/lib/kubelet/bootstrap-kubeconfig'],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [`${AGENTBAKER}/secure-tls-bootstrap.service`, `${AGENTBAKER}/cse_config.sh`],
  },
  {
    id: 'aks/localdns',
    provider: 'aks',
    name: 'localdns',
    category: 'dns',
    description: 'Host-level CoreDNS extracted from the cached coredns image.',
    units: [
      'localdns.service',
      'localdns-exporter.socket',
      'localdns-exporter@.service',
      'aks-localdns-hosts-setup.service',
      'aks-localdns-hosts-setup.timer',
    ],
    exePaths: ['/opt/azure/containers/localdns/binary/coredns'],
    configPaths: ['/etc/localdns', '/opt/azure/containers/localdns'],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [`${AGENTBAKER}/localdns.service`, 'Azure/AgentBaker:vhdbuilder/packer/install-dependencies.sh'],
  },
  {
    id: 'aks/aks-node-controller',
    provider: 'aks',
    name: 'aks-node-controller / CSE',
    category: 'bootstrap',
    description: 'Node provisioning launched from the VM extension channel.',
    units: ['aks-node-controller.service'],
    exePaths: ['/opt/azure/containers/aks-node-controller-launcher.sh', '/opt/azure/containers/aks-node-controller'],
    configPaths: ['/opt/azure/containers'],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [`${AGENTBAKER}/aks-node-controller.service`, `${AGENTBAKER}/cse_config.sh`],
  },
  {
    id: 'aks/maintenance',
    provider: 'aks',
    name: 'AKS maintenance units',
    category: 'maintenance',
    description:
      'Timers and helpers AgentBaker installs: log collection and rotation, certificate sync, syslog watcher.',
    units: [
      'aks-log-collector.service',
      'aks-log-collector.timer',
      'aks-logrotate.service',
      'aks-logrotate.timer',
      'update_certs.path',
      'update_certs.service',
      'ci-syslog-watcher.path',
      'ci-syslog-watcher.service',
      'mig-partition.service',
      'dhcpv6.service',
      'ensure-no-dup.service',
      'sync-container-logs.service',
      'snapshot-update.service',
      'snapshot-update.timer',
      'package-update.service',
      'package-update.timer',
    ],
    unitPatterns: ['cgroup-.*-telemetry\\.(service|timer)'],
    exePaths: [],
    configPaths: ['/opt/azure/containers'],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [`${AGENTBAKER}/aks-log-collector.timer`, `${AGENTBAKER}/cse_config.sh`],
    inferred: true,
    note: 'Unit names from the research notes listing of parts/linux/cloud-init/artifacts; not each file re-read.',
  },
  {
    id: 'aks/azurefile-proxy',
    provider: 'aks',
    name: 'azurefile-proxy / aznfswatchdog',
    category: 'storage',
    description:
      'Installed on the host by the csi-azurefile-node init container (nsenter into the host mount namespace, systemctl enable): a pod-created root service.',
    units: ['azurefile-proxy.service', 'aznfswatchdog.service', 'aznfswatchdogv4.service'],
    exePaths: ['/usr/bin/azurefile-proxy'],
    configPaths: [],
    runsAsRoot: true,
    installedByPod: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: [
      'kubernetes-sigs/azurefile-csi-driver:pkg/azurefile-proxy/azurefile-proxy.service',
      'kubernetes-sigs/azurefile-csi-driver:pkg/azurefile-proxy/install-proxy.sh',
    ],
  },
  {
    id: 'aks/blobfuse-proxy',
    provider: 'aks',
    name: 'blobfuse-proxy',
    category: 'storage',
    description: 'Installed on the host by the csi-blob-node init container, same pattern as azurefile-proxy.',
    units: ['blobfuse-proxy.service'],
    exePaths: ['/usr/bin/blobfuse-proxy'],
    configPaths: [],
    runsAsRoot: true,
    installedByPod: true,
    nodeImages: ['AKS Ubuntu', 'Azure Linux'],
    sources: ['kubernetes-sigs/blob-csi-driver:deploy/csi-blob-node.yaml'],
    inferred: true,
    note: 'Unit and binary names inferred from the init container.',
  },

  // ── GKE (Container-Optimized OS; GKE Ubuntu shares the /home/kubernetes layout) ─────────────────────────────
  {
    id: 'gke/kubelet',
    provider: 'gke',
    name: 'kubelet (GKE)',
    category: 'node-agent',
    description:
      'The kubelet from /home/kubernetes/bin, KUBELET_OPTS in /etc/default/kubelet and --config /home/kubernetes/kubelet-config.yaml.',
    units: ['kubelet.service'],
    exePaths: ['/home/kubernetes/bin/kubelet', '/usr/bin/kubelet'],
    configPaths: [
      '/etc/default/kubelet',
      '/home/kubernetes/kubelet-config.yaml',
      '/var/lib/kubelet/kubeconfig',
      '/var/lib/kubelet/pki',
      '/etc/srv/kubernetes/pki',
      '/etc/kubernetes/manifests',
    ],
    pluginPaths: ['/home/kubernetes/bin'],
    runsAsRoot: true,
    nodeImages: ['COS', 'Ubuntu (GKE)'],
    sources: [GCE_HELPER, 'kubernetes/kubernetes:cluster/gce/gci/configure.sh'],
  },
  {
    id: 'gke/node-problem-detector',
    provider: 'gke',
    name: 'node-problem-detector (COS systemd)',
    category: 'node-health',
    description:
      'Standalone NPD written by configure-helper; GKE adds custom-plugin monitors under /home/kubernetes/npd-custom-plugins.',
    units: ['node-problem-detector.service'],
    exePaths: ['/home/kubernetes/bin/node-problem-detector'],
    configPaths: ['/home/kubernetes/node-problem-detector', '/var/lib/node-problem-detector'],
    pluginPaths: ['/home/kubernetes/npd-custom-plugins'],
    runsAsRoot: true,
    nodeImages: ['COS', 'Ubuntu (GKE)'],
    sources: [GCE_HELPER, 'kubernetes/node-problem-detector:config/systemd/node-problem-detector-metric-only.service'],
  },
  {
    id: 'gke/containerd',
    provider: 'gke',
    name: 'containerd (GKE)',
    category: 'runtime',
    description: 'Container runtime; its CNI bin_dir is /home/kubernetes/bin, conf_dir /etc/cni/net.d.',
    units: ['containerd.service'],
    exePaths: ['/usr/bin/containerd', '/usr/bin/containerd-shim-runc-v2'],
    configPaths: ['/etc/containerd'],
    pluginPaths: ['/home/kubernetes/bin', '/etc/cni/net.d'],
    runsAsRoot: true,
    nodeImages: ['COS'],
    sources: [GCE_HELPER, CONTAINERD_CRI],
  },
  {
    id: 'gke/node-setup',
    provider: 'gke',
    name: 'GKE node installation and health monitors',
    category: 'bootstrap',
    description:
      'cloud-init units that run configure.sh / configure-helper.sh, and the health monitors that restart kubelet and the runtime.',
    units: [
      'kube-node-installation.service',
      'kube-node-configuration.service',
      'kube-container-runtime-monitor.service',
      'kubelet-monitor.service',
      'kube-logrotate.service',
      'kube-logrotate.timer',
      'kubernetes.target',
    ],
    exePaths: ['/home/kubernetes/bin/health-monitor.sh', '/home/kubernetes/bin/configure-helper.sh'],
    configPaths: ['/home/kubernetes/kube-env'],
    runsAsRoot: true,
    nodeImages: ['COS', 'Ubuntu (GKE)'],
    sources: [GCE_NODE_YAML, GCE_HELPER],
  },
  {
    id: 'gke/gcfsd',
    provider: 'gke',
    name: 'gcfsd / gcfs-snapshotter (image streaming)',
    category: 'runtime',
    description: 'Image streaming daemons, present when image streaming is enabled.',
    units: ['gcfsd.service', 'gcfs-snapshotter.service'],
    exePaths: ['/home/kubernetes/bin/gcfsd', '/home/kubernetes/bin/containerd-gcfs-grpc'],
    configPaths: ['/etc/containerd-gcfs-grpc'],
    runsAsRoot: true,
    nodeImages: ['COS'],
    sources: ['https://cloud.google.com/kubernetes-engine/docs/how-to/image-streaming'],
    inferred: true,
    note: 'Unit and binary names from a public copy of gke-internal-configure-helper.sh (research notes), not a primary source.',
  },
  {
    id: 'gke/google-guest-agent',
    provider: 'gke',
    name: 'google-guest-agent',
    category: 'guest-agent',
    description: 'Creates users and SSH keys from metadata, runs startup scripts, manages network on GCE.',
    units: [
      'google-guest-agent.service',
      'google-guest-agent-manager.service',
      'google-guest-compat-manager.service',
      'google-startup-scripts.service',
      'google-shutdown-scripts.service',
      'gce-workload-cert-refresh.service',
      'gce-workload-cert-refresh.timer',
    ],
    exePaths: [
      '/usr/bin/google_guest_agent',
      '/usr/bin/google_guest_agent_manager',
      '/usr/bin/gce_workload_cert_refresh',
    ],
    configPaths: ['/etc/default/instance_configs.cfg'],
    runsAsRoot: true,
    nodeImages: ['COS', 'Ubuntu (GKE)'],
    sources: [
      'GoogleCloudPlatform/guest-agent:google-guest-agent.service',
      'GoogleCloudPlatform/guest-agent:instance_configs.cfg',
    ],
    inferred: true,
    note: 'Binary paths and the instance_configs.cfg install path are inferred.',
  },
  {
    id: 'gke/google-osconfig-agent',
    provider: 'gke',
    name: 'google-osconfig-agent',
    category: 'remote-management',
    description: 'Runs OS policies from the control plane; GKE adds a resource-limit drop-in.',
    units: ['google-osconfig-agent.service'],
    exePaths: ['/usr/bin/google_osconfig_agent'],
    configPaths: [],
    runsAsRoot: true,
    nodeImages: ['COS'],
    sources: ['https://cloud.google.com/compute/docs/manage-os'],
    inferred: true,
    note: 'Binary path inferred; the gke.conf drop-in is from a public copy of gke-internal-configure-helper.sh.',
  },

  // ── Shared: CNI and the operating system itself ───────────────────────────────────────────────────────────
  {
    id: 'any/cni',
    provider: 'any',
    name: 'CNI plugins',
    category: 'networking',
    description:
      'CNI configuration and binaries the container runtime executes as root for every pod sandbox (default conf_dir and bin_dir of the CRI plugin).',
    units: [],
    exePaths: [],
    configPaths: ['/etc/cni/net.d'],
    pluginPaths: ['/opt/cni/bin'],
    runsAsRoot: true,
    nodeImages: ['all'],
    sources: [CONTAINERD_CRI, 'containernetworking/cni:SPEC.md'],
  },
  {
    id: 'any/systemd',
    provider: 'any',
    name: 'systemd and its units',
    category: 'os',
    description: 'The service manager and the units it ships. Unit files and drop-ins are executed as root.',
    units: ['dbus.service', 'dbus-broker.service', 'getty@.service', 'serial-getty@.service', 'user@.service'],
    unitPatterns: ['systemd-.*', 'user-runtime-dir@.*', 'initrd-.*', 'emergency\\.service', 'rescue\\.service'],
    exePaths: ['/usr/lib/systemd/systemd', '/lib/systemd/systemd', '/sbin/init', '/usr/sbin/init'],
    configPaths: ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system', '/run/systemd/system'],
    runsAsRoot: true,
    nodeImages: ['all'],
    sources: ['https://www.freedesktop.org/software/systemd/man/latest/systemd.unit.html'],
  },
  {
    id: 'any/os-base',
    provider: 'any',
    name: 'Distribution base services',
    category: 'os',
    description:
      'Services a stock Ubuntu, Amazon Linux 2023, Azure Linux or Container-Optimized OS image enables: logging, time, SSH, cloud-init, package maintenance.',
    units: [
      'sshd.service',
      'ssh.service',
      'sshd@.service',
      'sshd-keygen@.service',
      'chronyd.service',
      'chrony.service',
      'rsyslog.service',
      'auditd.service',
      'audit-rules.service',
      'cron.service',
      'crond.service',
      'atd.service',
      'polkit.service',
      'irqbalance.service',
      'multipathd.service',
      'networkd-dispatcher.service',
      'unattended-upgrades.service',
      'apparmor.service',
      'ufw.service',
      'rngd.service',
      'acpid.service',
      'nscd.service',
      'sysstat.service',
      'logrotate.service',
      'logrotate.timer',
      'fstrim.timer',
      'fstrim.service',
      'man-db.timer',
      'man-db.service',
      'motd-news.timer',
      'dnf-makecache.timer',
      'dnf-makecache.service',
      'update-motd.service',
      'udisks2.service',
      'ModemManager.service',
      'NetworkManager.service',
      'snapd.service',
      'snapd.socket',
      'e2scrub_all.timer',
      'e2scrub_reap.service',
      'dm-event.socket',
      'lvm2-monitor.service',
      'lvm2-lvmpolld.socket',
      'blk-availability.service',
      'kmod-static-nodes.service',
      'ldconfig.service',
      'hibernate-cleanup.service',
      'ec2-instance-connect.service',
      'amazon-ec2-net-utils.service',
      'update-engine.service',
      'crash-reporter.service',
      'crash-sender.service',
      'cos-containerd-config.service',
      'konlet-startup.service',
      'var-lib-toolbox.mount',
    ],
    unitPatterns: [
      'cloud-(init|init-local|config|final|init-hotplugd)\\.(service|socket|target)',
      'apt-daily(-upgrade)?\\.(service|timer)',
      'getty-static\\.service',
      'lvm2-.*',
      'sshd-keygen\\.target',
      '.*\\.target',
      '.*\\.mount',
      '.*\\.slice',
      '.*\\.device',
      '.*\\.swap',
      '.*\\.automount',
    ],
    exePaths: [
      '/usr/sbin/sshd',
      '/usr/sbin/chronyd',
      '/usr/sbin/rsyslogd',
      '/usr/sbin/auditd',
      '/sbin/auditd',
      '/usr/sbin/cron',
      '/usr/sbin/crond',
      '/usr/sbin/atd',
      '/usr/bin/dbus-daemon',
      '/usr/bin/dbus-broker',
      '/usr/bin/dbus-broker-launch',
      '/usr/sbin/irqbalance',
      '/usr/sbin/multipathd',
      '/sbin/multipathd',
      '/usr/sbin/agetty',
      '/sbin/agetty',
      '/usr/lib/polkit-1/polkitd',
      '/usr/lib/policykit-1/polkitd',
      '/usr/sbin/rngd',
      '/usr/sbin/acpid',
      '/usr/lib/snapd/snapd',
      '/usr/sbin/ModemManager',
      '/usr/sbin/NetworkManager',
      '/usr/libexec/udisks2/udisksd',
      '/usr/bin/update_engine',
    ],
    configPaths: [],
    runsAsRoot: true,
    nodeImages: ['AKS Ubuntu', 'AL2023 EKS-optimized', 'Azure Linux', 'COS'],
    sources: [
      'https://www.freedesktop.org/software/systemd/man/latest/systemd.special.html',
      'https://documentation.ubuntu.com/server/',
      'https://docs.aws.amazon.com/linux/al2023/ug/what-is-amazon-linux.html',
      'https://cloud.google.com/container-optimized-os/docs/concepts/features-and-benefits',
    ],
    inferred: true,
    note: 'A baseline list of distribution services, not read from each image manifest; extend it with --allow.',
  },
];

/** Markers on the node's filesystem that point at a provider. Weights add up; the highest total wins. */
export interface ProviderCue {
  provider: Provider;
  /** A path that exists on that provider's nodes, or an os-release ID. */
  path?: string;
  osId?: string;
  weight: number;
  sources: string[];
  inferred?: boolean;
  note?: string;
}

export const PROVIDER_CUES: readonly ProviderCue[] = [
  { provider: 'eks', path: '/etc/eks', weight: 3, sources: [`${EKS_AMI}:nodeadm/internal/kubelet/environment.go`] },
  {
    provider: 'eks',
    path: '/etc/eks/image-credential-provider',
    weight: 1,
    sources: [`${EKS_AMI}:nodeadm/internal/kubelet/image-credential-provider.go`],
  },
  { provider: 'eks', path: '/usr/bin/nodeadm', weight: 2, sources: [`${EKS_UNITS}/nodeadm-run.service`] },
  {
    provider: 'eks',
    osId: 'amzn',
    weight: 1,
    sources: ['https://docs.aws.amazon.com/linux/al2023/ug/naming-and-versioning.html'],
  },
  {
    provider: 'eks',
    osId: 'bottlerocket',
    weight: 2,
    sources: ['bottlerocket-os/bottlerocket:packages/os/apiserver.service'],
    inferred: true,
    note: 'Bottlerocket also runs on ECS; the weight is lower than /etc/eks.',
  },
  {
    provider: 'aks',
    path: '/var/lib/waagent',
    weight: 1,
    sources: ['Azure/WALinuxAgent:init/ubuntu/walinuxagent.service'],
    note: 'Every Azure VM has it; it only says Azure.',
  },
  { provider: 'aks', path: '/opt/azure/containers', weight: 3, sources: [`${AGENTBAKER}/kubelet.service`] },
  { provider: 'aks', path: '/etc/kubernetes/azure.json', weight: 2, sources: [`${AGENTBAKER}/cse_config.sh`] },
  {
    provider: 'aks',
    osId: 'azurelinux',
    weight: 1,
    sources: ['https://learn.microsoft.com/en-us/azure/azure-linux/intro-azure-linux'],
  },
  {
    provider: 'aks',
    osId: 'mariner',
    weight: 1,
    sources: ['https://learn.microsoft.com/en-us/azure/azure-linux/intro-azure-linux'],
  },
  { provider: 'gke', path: '/home/kubernetes', weight: 2, sources: [GCE_HELPER] },
  {
    provider: 'gke',
    path: '/home/kubernetes/kube-env',
    weight: 2,
    sources: ['kubernetes/kubernetes:cluster/gce/gci/configure.sh'],
  },
  {
    provider: 'gke',
    osId: 'cos',
    weight: 2,
    sources: ['https://cloud.google.com/container-optimized-os/docs/concepts/features-and-benefits'],
  },
];

/** Interpreters whose first argument names the program (`python3 /usr/sbin/waagent`). */
export const INTERPRETERS: readonly string[] = ['python', 'python3', 'bash', 'sh', 'dash', 'perl', 'ruby', 'node'];

export function hostServiceById(id: string): HostServiceFact | undefined {
  return HOST_SERVICES.find((s) => s.id === id);
}
