// Three realistic node trees, laid out as the provider's node image does (see src/knowledge/host-services.ts for
// the sources), each with a few deliberate misconfigurations the tests expect to be found, and nothing else.

import { FULL_CAPS, HOST_MNT, NodeTree, POD_MNT } from './tree.ts';

const ETC = '/etc/systemd/system';
const USR = '/usr/lib/systemd/system';

function base(t: NodeTree): void {
  t.dir('/tmp', { mode: 0o1777 });
  t.dir('/var/tmp', { mode: 0o1777 });
  t.unit(USR, 'systemd-journald.service', '[Service]\nExecStart=/usr/lib/systemd/systemd-journald\n');
  t.symlink(`${ETC}/sysinit.target.wants/systemd-journald.service`, `${USR}/systemd-journald.service`);
  t.unit(USR, 'sshd.service', '[Service]\nExecStart=/usr/sbin/sshd -D $OPTIONS\n', { wantedBy: 'multi-user.target' });
  t.unit(USR, 'debug-shell.service', '[Service]\nExecStart=/bin/sh\n'); // shipped, not enabled
  t.process({
    pid: 1,
    ppid: 0,
    name: 'systemd',
    exe: '/usr/lib/systemd/systemd',
    cmdline: ['/usr/lib/systemd/systemd', '--switched-root', '--system'],
    mntNs: HOST_MNT,
    cgroup: '/init.scope',
  });
  t.process({ pid: 2, ppid: 0, name: 'kthreadd', cmdline: [] });
  t.process({
    pid: 420,
    name: 'sshd',
    exe: '/usr/sbin/sshd',
    cmdline: ['sshd: /usr/sbin/sshd -D [listener]'],
    mntNs: HOST_MNT,
    cgroup: '/system.slice/sshd.service',
  });
}

/**
 * EKS, Amazon Linux 2023 with nodeadm. Planted problems: --read-only-port=10255 in the nodeadm flags (overrides
 * readOnlyPort: 0 in config.json), a config.json.d drop-in that turns protectKernelDefaults off, a world-writable
 * kubelet kubeconfig, /opt/cni/bin group-writable by gid 1000, an unknown enabled root unit whose binary sits in a
 * world-writable folder, an unknown root process in an SSH session, and a drop-in symlinked to a file outside the root.
 */
export function eksNode(outsideSecret: string): NodeTree {
  const t = NodeTree.create('eks');
  base(t);
  t.osRelease({
    NAME: 'Amazon Linux',
    VERSION: '2023',
    ID: 'amzn',
    ID_LIKE: 'fedora',
    VERSION_ID: '2023',
    PLATFORM_ID: 'platform:al2023',
  });
  t.file('/etc/hostname', 'ip-10-0-1-23.ec2.internal\n');
  t.file('/usr/bin/kubelet', '#!/bin/true\n', { mode: 0o755 });
  t.file('/usr/bin/nodeadm', '#!/bin/true\n', { mode: 0o755 });
  t.file('/usr/bin/containerd', '#!/bin/true\n', { mode: 0o755 });
  t.file('/usr/bin/amazon-ssm-agent', '#!/bin/true\n', { mode: 0o755 });
  // kubelet.service exactly as the AMI ships it, plus an admin drop-in that resets ExecStart (continuation lines).
  t.unit(
    ETC,
    'kubelet.service',
    [
      '[Unit]',
      'Description=Kubernetes Kubelet',
      'After=containerd.service',
      '',
      '[Service]',
      'Slice=runtime.slice',
      'EnvironmentFile=/etc/eks/kubelet/environment',
      'ExecStartPre=/sbin/iptables -P FORWARD ACCEPT -w 5',
      'ExecStart=/usr/bin/kubelet $NODEADM_KUBELET_ARGS',
      'Restart=on-failure',
      '',
      '[Install]',
      'WantedBy=multi-user.target',
      '',
    ].join('\n'),
    { wantedBy: 'multi-user.target' },
  );
  t.dropIn(
    ETC,
    'kubelet.service',
    '90-verbosity.conf',
    '[Service]\n# raise verbosity\nExecStart=\nExecStart=/usr/bin/kubelet \\\n    $NODEADM_KUBELET_ARGS \\\n    --v=4\n',
  );
  t.file(
    '/etc/eks/kubelet/environment',
    'NODEADM_KUBELET_ARGS=--node-ip=10.0.1.23 --cloud-provider=external --hostname-override=ip-10-0-1-23.ec2.internal --config=/etc/kubernetes/kubelet/config.json --config-dir=/etc/kubernetes/kubelet/config.json.d --kubeconfig=/var/lib/kubelet/kubeconfig --image-credential-provider-bin-dir=/etc/eks/image-credential-provider --image-credential-provider-config=/etc/eks/image-credential-provider/config.json --read-only-port=10255\nKUBELET_CONFIG_DROPIN_DIR_ALPHA=on\n',
  );
  t.file(
    '/etc/kubernetes/kubelet/config.json',
    JSON.stringify(
      {
        kind: 'KubeletConfiguration',
        apiVersion: 'kubelet.config.k8s.io/v1beta1',
        address: '0.0.0.0',
        authentication: {
          anonymous: { enabled: false },
          webhook: { enabled: true, cacheTTL: '2m0s' },
          x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
        },
        authorization: { mode: 'Webhook' },
        protectKernelDefaults: true,
        readOnlyPort: 0,
        serverTLSBootstrap: true,
        featureGates: { RotateKubeletServerCertificate: true },
      },
      null,
      4,
    ),
  );
  t.file(
    '/etc/kubernetes/kubelet/config.json.d/40-nodeadm.conf',
    JSON.stringify({
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      protectKernelDefaults: false,
    }),
  );
  // A drop-in that points at a file outside the node root: resolved inside the root, it does not exist.
  t.symlink('/etc/kubernetes/kubelet/config.json.d/50-escape.conf', outsideSecret);
  t.file('/etc/kubernetes/pki/ca.crt', '-----BEGIN CERTIFICATE-----\n');
  t.file('/var/lib/kubelet/kubeconfig', 'apiVersion: v1\nkind: Config\n', { mode: 0o666 });
  t.file('/etc/eks/image-credential-provider/ecr-credential-provider', '#!/bin/true\n', { mode: 0o755 });
  t.file(
    '/etc/eks/image-credential-provider/config.json',
    '{"apiVersion":"kubelet.config.k8s.io/v1","kind":"CredentialProviderConfig"}',
  );
  for (const u of ['nodeadm-config.service', 'nodeadm-run.service']) {
    t.unit(
      ETC,
      u,
      '[Service]\nType=oneshot\nExecStart=/usr/bin/nodeadm init --config-source imds://user-data --config-source file:///etc/eks/nodeadm.d/\n',
      { wantedBy: 'multi-user.target' },
    );
  }
  t.dir('/etc/eks/nodeadm.d');
  t.unit(USR, 'containerd.service', '[Service]\nExecStart=/usr/bin/containerd\n', { wantedBy: 'multi-user.target' });
  t.dropIn(ETC, 'containerd.service', '00-runtime-slice.conf', '[Service]\nSlice=runtime.slice\n');
  t.unit(USR, 'amazon-ssm-agent.service', '[Service]\nType=simple\nExecStart=/usr/bin/amazon-ssm-agent\n', {
    wantedBy: 'multi-user.target',
  });
  t.dropIn(ETC, 'amazon-ssm-agent.service', '00-oom-score.conf', '[Service]\nOOMScoreAdjust=-999\n');
  t.symlink(`${ETC}/systemd-timesyncd.service`, '/dev/null'); // masked
  // CNI: the config is fine, the binary folder is group-writable by a non-root group.
  t.file('/etc/cni/net.d/10-aws.conflist', '{"cniVersion":"0.4.0","name":"aws-cni","plugins":[{"type":"aws-cni"}]}');
  t.file('/opt/cni/bin/aws-cni', '#!/bin/true\n', { mode: 0o755 });
  t.dir('/opt/cni/bin', { mode: 0o775, gid: 1000 });
  // Something the catalog does not know, whose binary lives in a world-writable folder.
  t.dir('/var/tmp/.cache', { mode: 0o777 });
  t.file('/var/tmp/.cache/sysupdate', '#!/bin/true\n', { mode: 0o755 });
  t.unit(
    ETC,
    'sysupdate.service',
    '[Service]\nExecStart=/var/tmp/.cache/sysupdate --pool stratum+tcp://203.0.113.9:3333\n',
    { wantedBy: 'multi-user.target' },
  );
  // Processes: the kubelet and agents in their units, a pod process, and a root shell tool in an SSH session.
  t.process({
    pid: 812,
    name: 'kubelet',
    exe: '/usr/bin/kubelet',
    cmdline: [
      '/usr/bin/kubelet',
      '--node-ip=10.0.1.23',
      '--config=/etc/kubernetes/kubelet/config.json',
      '--config-dir=/etc/kubernetes/kubelet/config.json.d',
      '--kubeconfig=/var/lib/kubelet/kubeconfig',
      '--image-credential-provider-bin-dir=/etc/eks/image-credential-provider',
      '--image-credential-provider-config=/etc/eks/image-credential-provider/config.json',
      '--read-only-port=10255',
      '--v=4',
    ],
    mntNs: HOST_MNT,
    cgroup: '/runtime.slice/kubelet.service',
  });
  t.process({
    pid: 700,
    name: 'containerd',
    exe: '/usr/bin/containerd',
    cmdline: ['/usr/bin/containerd'],
    mntNs: HOST_MNT,
    cgroup: '/runtime.slice/containerd.service',
  });
  t.process({
    pid: 905,
    name: 'amazon-ssm-agen',
    exe: '/usr/bin/amazon-ssm-agent',
    cmdline: ['/usr/bin/amazon-ssm-agent'],
    mntNs: HOST_MNT,
    cgroup: '/system.slice/amazon-ssm-agent.service',
  });
  t.process({
    pid: 2301,
    name: 'nginx',
    exe: '/usr/sbin/nginx',
    cmdline: ['nginx: master process nginx -g daemon off;'],
    mntNs: POD_MNT,
    cgroup: '/kubepods.slice/kubepods-besteffort.slice/cri-containerd-abc.scope',
  });
  t.process({
    pid: 3100,
    name: 'ncat',
    exe: '/usr/local/bin/ncat',
    cmdline: ['/usr/local/bin/ncat', '-lvp', '4444', '--token=hunter2'],
    mntNs: HOST_MNT,
    cgroup: '/user.slice/user-0.slice/session-7.scope',
    capEff: FULL_CAPS,
  });
  return t;
}

/**
 * AKS, Ubuntu 22.04 (merged /usr: /lib → usr/lib). Planted problems: authorization mode AlwaysAllow in
 * /etc/default/kubeletconfig.json (owned by uid 1000), anonymous auth on in that file but off by flag, a serving key
 * readable by everyone, an NPD plugin rule whose script lives in a world-writable folder, and one whose script is
 * missing. azurefile-proxy was installed by a pod.
 */
export function aksNode(): NodeTree {
  const t = NodeTree.create('aks');
  t.dir('/usr/lib');
  t.symlink('/lib', 'usr/lib');
  base(t);
  t.osRelease({
    NAME: 'Ubuntu',
    VERSION: '22.04.4 LTS (Jammy Jellyfish)',
    ID: 'ubuntu',
    ID_LIKE: 'debian',
    VERSION_ID: '22.04',
  });
  t.file('/etc/hostname', 'aks-nodepool1-12345678-vmss000000\n');
  t.dir('/var/lib/waagent', { mode: 0o700 });
  t.file('/etc/waagent.conf', 'Provisioning.Agent=auto\n');
  t.file('/usr/sbin/waagent', '#!/usr/bin/python3\n', { mode: 0o755 });
  t.file('/usr/local/bin/kubelet', '#!/bin/true\n', { mode: 0o755 });
  t.file('/opt/azure/containers/kubelet.sh', '#!/bin/bash\n', { mode: 0o744 });
  t.file('/etc/kubernetes/azure.json', '{}', { mode: 0o600 });
  t.file('/etc/kubernetes/certs/ca.crt', '-----BEGIN CERTIFICATE-----\n', { mode: 0o600 });
  t.file('/etc/kubernetes/certs/kubeletserver.crt', '-----BEGIN CERTIFICATE-----\n', { mode: 0o644 });
  t.file('/etc/kubernetes/certs/kubeletserver.key', '(key material not written in fixtures)\n', { mode: 0o644 });
  t.dir('/etc/kubernetes/volumeplugins');
  t.unit(
    '/lib/systemd/system',
    'walinuxagent.service',
    '[Unit]\nConditionPathExists=/etc/waagent.conf\n[Service]\nType=simple\nExecStart=/usr/bin/python3 -u /usr/sbin/waagent -daemon\n',
    { wantedBy: 'multi-user.target' },
  );
  t.unit(
    ETC,
    'kubelet.service',
    [
      '[Unit]',
      'Description=Kubelet',
      'ConditionPathExists=/usr/local/bin/kubelet',
      '[Service]',
      'Restart=always',
      'EnvironmentFile=/etc/default/kubelet',
      'ExecStartPre=/bin/bash /opt/azure/containers/kubelet.sh',
      'ExecStart=/usr/local/bin/kubelet \\',
      '        --enable-server \\',
      '        --node-labels="${KUBELET_NODE_LABELS}" \\',
      '        --v=2 \\',
      '        --volume-plugin-dir=/etc/kubernetes/volumeplugins \\',
      '        $KUBELET_CONFIG_FILE_FLAGS \\',
      '        $KUBELET_TLS_BOOTSTRAP_FLAGS \\',
      '        $KUBELET_FLAGS \\',
      '        $KUBELET_REGISTER_NODE $KUBELET_REGISTER_WITH_TAINTS',
      '[Install]',
      'WantedBy=multi-user.target',
      '',
    ].join('\n'),
    { wantedBy: 'multi-user.target' },
  );
  t.dropIn(
    ETC,
    'kubelet.service',
    '10-componentconfig.conf',
    '[Service]\nEnvironment="KUBELET_CONFIG_FILE_FLAGS=--config /etc/default/kubeletconfig.json"\n',
    { mode: 0o600 },
  );
  t.dropIn(
    ETC,
    'kubelet.service',
    '10-tlsbootstrap.conf',
    '[Service]\nEnvironment="KUBELET_TLS_BOOTSTRAP_FLAGS=--kubeconfig /var/lib/kubelet/kubeconfig --bootstrap-kubeconfig /var/lib/kubelet/bootstrap-kubeconfig"\n',
    { mode: 0o600 },
  );
  t.file(
    '/etc/default/kubelet',
    [
      'KUBELET_FLAGS=--anonymous-auth=false --client-ca-file=/etc/kubernetes/certs/ca.crt --read-only-port=0 --rotate-certificates=true --protect-kernel-defaults=true --tls-cert-file=/etc/kubernetes/certs/kubeletserver.crt --tls-private-key-file=/etc/kubernetes/certs/kubeletserver.key --cloud-provider=external',
      'KUBELET_REGISTER_SCHEDULABLE=true',
      'KUBELET_NODE_LABELS=kubernetes.azure.com/role=agent,agentpool=nodepool1',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  t.file(
    '/etc/default/kubeletconfig.json',
    JSON.stringify({
      kind: 'KubeletConfiguration',
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      authentication: { anonymous: { enabled: true }, webhook: { enabled: true } },
      authorization: { mode: 'AlwaysAllow' },
      readOnlyPort: 0,
    }),
    { mode: 0o600, uid: 1000, gid: 1000 },
  );
  t.file('/var/lib/kubelet/kubeconfig', 'apiVersion: v1\n', { mode: 0o600 });
  t.file('/var/lib/kubelet/bootstrap-kubeconfig', 'apiVersion: v1\n', { mode: 0o644 });
  // Node Problem Detector from the AKS Linux extension, with two custom-plugin configs.
  t.file('/usr/local/bin/node-problem-detector', '#!/bin/true\n', { mode: 0o755 });
  t.unit(
    ETC,
    'node-problem-detector.service',
    '[Service]\nExecStart=/usr/local/bin/node-problem-detector --config.custom-plugin-monitor=/etc/node-problem-detector.d/custom-plugin-monitor/custom-fs-corruption-monitor.json\n',
    { wantedBy: 'multi-user.target' },
  );
  t.file(
    '/etc/node-problem-detector.d/custom-plugin-monitor/custom-fs-corruption-monitor.json',
    JSON.stringify({
      plugin: 'custom',
      pluginConfig: { invoke_interval: '60s' },
      source: 'fs-corruption-custom-plugin-monitor',
      rules: [
        {
          type: 'temporary',
          reason: 'FilesystemCorruption',
          path: '/etc/node-problem-detector.d/plugin/check_fs_corruption.sh',
          timeout: '30s',
        },
      ],
    }),
  );
  t.file('/etc/node-problem-detector.d/plugin/check_fs_corruption.sh', '#!/bin/bash\nexit 0\n', { mode: 0o755 });
  t.file(
    '/etc/node-problem-detector.d/custom-plugin-monitor/gpu_checks/custom-gpu-monitor.json',
    JSON.stringify({
      plugin: 'custom',
      source: 'gpu-custom-plugin-monitor',
      rules: [
        {
          type: 'permanent',
          condition: 'GPUProblem',
          reason: 'XidError',
          path: '/var/tmp/npd/check_gpu.sh',
          args: ['--xid'],
        },
        { type: 'temporary', reason: 'NvlinkError', path: '/etc/node-problem-detector.d/plugin/check_nvlink.sh' },
      ],
    }),
  );
  t.file(
    '/etc/node-problem-detector.d/custom-plugin-monitor/system-log.json',
    JSON.stringify({ plugin: 'kmsg', source: 'kernel-monitor', rules: [] }),
  );
  t.dir('/var/tmp/npd', { mode: 0o777 });
  t.file('/var/tmp/npd/check_gpu.sh', '#!/bin/bash\nexit 0\n', { mode: 0o755 });
  // Installed from the csi-azurefile-node init container.
  t.file('/usr/bin/azurefile-proxy', '#!/bin/true\n', { mode: 0o755 });
  t.unit(
    USR,
    'azurefile-proxy.service',
    '[Service]\nExecStart=/usr/bin/azurefile-proxy --blobfuse-proxy-endpoint=unix://var/lib/kubelet/plugins/file.csi.azure.com/azurefile-proxy.sock\n',
    { wantedBy: 'multi-user.target' },
  );
  t.unit(USR, 'containerd.service', '[Service]\nExecStart=/usr/bin/containerd\n', { wantedBy: 'multi-user.target' });
  t.file('/usr/bin/containerd', '#!/bin/true\n', { mode: 0o755 });
  t.unit(USR, 'getty@.service', "[Service]\nExecStart=-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM\n");
  t.symlink(`${ETC}/getty.target.wants/getty@tty1.service`, `${USR}/getty@.service`);
  t.file('/etc/cni/net.d/10-azure.conflist', '{}', { mode: 0o600 });
  t.file('/opt/cni/bin/azure-vnet', '#!/bin/true\n', { mode: 0o755 });
  t.process({
    pid: 1201,
    name: 'kubelet',
    exe: '/usr/local/bin/kubelet',
    cmdline: [
      '/usr/local/bin/kubelet',
      '--enable-server',
      '--node-labels=kubernetes.azure.com/role=agent,agentpool=nodepool1',
      '--v=2',
      '--volume-plugin-dir=/etc/kubernetes/volumeplugins',
      '--config',
      '/etc/default/kubeletconfig.json',
      '--kubeconfig',
      '/var/lib/kubelet/kubeconfig',
      '--bootstrap-kubeconfig',
      '/var/lib/kubelet/bootstrap-kubeconfig',
      '--anonymous-auth=false',
      '--client-ca-file=/etc/kubernetes/certs/ca.crt',
      '--read-only-port=0',
      '--rotate-certificates=true',
      '--protect-kernel-defaults=true',
      '--tls-cert-file=/etc/kubernetes/certs/kubeletserver.crt',
      '--tls-private-key-file=/etc/kubernetes/certs/kubeletserver.key',
      '--cloud-provider=external',
    ],
    mntNs: HOST_MNT,
    cgroup: '/system.slice/kubelet.service',
  });
  t.process({
    pid: 640,
    name: 'python3',
    exe: '/usr/bin/python3.10',
    cmdline: ['/usr/bin/python3', '-u', '/usr/sbin/waagent', '-daemon'],
    mntNs: HOST_MNT,
    cgroup: '/system.slice/walinuxagent.service',
  });
  // The extension handler runs outside the unit's cgroup: matched by the script it runs.
  t.process({
    pid: 655,
    name: 'python3',
    exe: '/usr/bin/python3.10',
    cmdline: ['python3', '-u', '/usr/sbin/waagent', '-run-exthandlers'],
    mntNs: HOST_MNT,
    cgroup: '/azure.slice/walinuxagent-exthandlers.scope',
  });
  t.process({
    pid: 1500,
    name: 'node-problem-de',
    exe: '/usr/local/bin/node-problem-detector',
    cmdline: [
      '/usr/local/bin/node-problem-detector',
      '--config.custom-plugin-monitor=/etc/node-problem-detector.d/custom-plugin-monitor/custom-fs-corruption-monitor.json',
    ],
    mntNs: HOST_MNT,
    cgroup: '/system.slice/node-problem-detector.service',
  });
  return t;
}

/**
 * GKE, Container-Optimized OS. Planted problems: readOnlyPort 10255 in /home/kubernetes/kubelet-config.yaml (no flag
 * overrides it), protectKernelDefaults left at its default, the npd-custom-plugins configs folder world-writable, a
 * relative plugin path that resolves to nothing, and plugin configs that are symlinks out of the root.
 */
export function gkeNode(outsideConfigAbsolute: string): NodeTree {
  const t = NodeTree.create('gke');
  base(t);
  // COS keeps os-release in /usr/lib and links it from /etc (relative link).
  t.osRelease(
    {
      NAME: 'Container-Optimized OS',
      ID: 'cos',
      PRETTY_NAME: 'Container-Optimized OS from Google',
      HOME_URL: 'https://cloud.google.com/container-optimized-os/docs',
      VERSION: '113',
      VERSION_ID: '113',
      BUILD_ID: '18244.85.49',
    },
    '/usr/lib/os-release',
  );
  t.symlink('/etc/os-release', '../usr/lib/os-release');
  t.file('/etc/hostname', 'gke-prod-default-pool-4c2a9b1e-x7k2\n');
  t.file('/home/kubernetes/kube-env', 'KUBERNETES_MASTER: "false"\n', { mode: 0o600 });
  t.file('/home/kubernetes/bin/kubelet', '#!/bin/true\n', { mode: 0o755 });
  t.file('/home/kubernetes/bin/node-problem-detector', '#!/bin/true\n', { mode: 0o755 });
  t.file('/home/kubernetes/bin/log-counter', '#!/bin/true\n', { mode: 0o755 });
  t.file('/home/kubernetes/bin/health-monitor.sh', '#!/bin/bash\n', { mode: 0o755 });
  t.file(
    '/etc/default/kubelet',
    'KUBELET_OPTS="--v=2 --cloud-provider=external --experimental-mounter-path=/home/kubernetes/containerized_mounter/mounter --cert-dir=/var/lib/kubelet/pki/ --kubeconfig=/var/lib/kubelet/kubeconfig --image-credential-provider-config=/etc/srv/kubernetes/cri_auth_config.yaml --image-credential-provider-bin-dir=/home/kubernetes/bin --max-pods=110 --node-labels=cloud.google.com/gke-nodepool=default-pool --rotate-certificates=true --config /home/kubernetes/kubelet-config.yaml"\n',
  );
  t.unit(
    ETC,
    'kubelet.service',
    '[Unit]\nDescription=Kubernetes kubelet\nRequires=network-online.target\n\n[Service]\nRestart=always\nRestartSec=10\nEnvironmentFile=/etc/default/kubelet\nExecStart=/home/kubernetes/bin/kubelet $KUBELET_OPTS\n\n[Install]\nWantedBy=multi-user.target\n',
    { wantedBy: 'kubernetes.target' },
  );
  t.file(
    '/home/kubernetes/kubelet-config.yaml',
    [
      'apiVersion: kubelet.config.k8s.io/v1beta1',
      'kind: KubeletConfiguration',
      'authentication:',
      '  anonymous:',
      '    enabled: false',
      '  webhook:',
      '    enabled: true',
      '  x509:',
      '    clientCAFile: /etc/srv/kubernetes/pki/ca-certificates.crt',
      'authorization:',
      '  mode: Webhook',
      'cgroupRoot: /',
      'readOnlyPort: 10255',
      'serverTLSBootstrap: true',
      'staticPodPath: /etc/kubernetes/manifests',
      '',
    ].join('\n'),
  );
  t.file('/etc/srv/kubernetes/pki/ca-certificates.crt', '-----BEGIN CERTIFICATE-----\n');
  t.file('/etc/srv/kubernetes/cri_auth_config.yaml', 'kind: CredentialProviderConfig\n');
  t.file('/var/lib/kubelet/kubeconfig', 'apiVersion: v1\n', { mode: 0o600 });
  t.file('/var/lib/kubelet/pki/kubelet-client-2026-01-01-00-00-00.pem', 'key+cert\n', { mode: 0o600 });
  t.symlink(
    '/var/lib/kubelet/pki/kubelet-client-current.pem',
    '/var/lib/kubelet/pki/kubelet-client-2026-01-01-00-00-00.pem',
  );
  t.file('/var/lib/kubelet/pki/kubelet.crt', '-----BEGIN CERTIFICATE-----\n');
  t.file('/etc/kubernetes/manifests/kube-proxy.manifest', 'apiVersion: v1\nkind: Pod\n', { mode: 0o644 });
  // NPD as configure-helper writes it; the GKE custom plugins folder is world-writable.
  t.unit(
    ETC,
    'node-problem-detector.service',
    '[Service]\nRestart=always\nRestartSec=10\nExecStart=/home/kubernetes/bin/node-problem-detector --v=2 --logtostderr --config.system-log-monitor=/home/kubernetes/node-problem-detector/config/kernel-monitor.json --config.custom-plugin-monitor=/home/kubernetes/node-problem-detector/config/systemd-monitor-counter.json,/home/kubernetes/npd-custom-plugins/configs/sysctl-monitor.json --port=20256\n',
    { wantedBy: 'kubernetes.target' },
  );
  t.file(
    '/home/kubernetes/node-problem-detector/config/kernel-monitor.json',
    JSON.stringify({ plugin: 'kmsg', logPath: '/dev/kmsg', source: 'kernel-monitor', rules: [] }),
  );
  t.file(
    '/home/kubernetes/node-problem-detector/config/systemd-monitor-counter.json',
    JSON.stringify({
      plugin: 'custom',
      source: 'systemd-monitor',
      rules: [
        {
          type: 'temporary',
          reason: 'KubeletStart',
          path: '/home/kubernetes/bin/log-counter',
          args: ['--journald-source=systemd', '--log-path=/var/log/journal'],
        },
      ],
    }),
  );
  t.file(
    '/home/kubernetes/npd-custom-plugins/configs/sysctl-monitor.json',
    JSON.stringify({
      plugin: 'custom',
      source: 'sysctl-monitor',
      rules: [{ type: 'temporary', reason: 'SysctlChanged', path: './config/plugin/check_sysctl.sh' }],
    }),
  );
  t.dir('/home/kubernetes/npd-custom-plugins/configs', { mode: 0o777 });
  // Links out of the root: absolute, and relative with more `..` than there are folders.
  t.symlink('/home/kubernetes/node-problem-detector/config/escape-absolute.json', outsideConfigAbsolute);
  t.symlink(
    '/home/kubernetes/node-problem-detector/config/escape-relative.json',
    `../../../../../../../../../../..${outsideConfigAbsolute}`,
  );
  t.unit(ETC, 'containerd.service', '[Service]\nExecStart=/usr/bin/containerd\n', { wantedBy: 'kubernetes.target' });
  t.file('/usr/bin/containerd', '#!/bin/true\n', { mode: 0o755 });
  t.unit(
    ETC,
    'kube-container-runtime-monitor.service',
    '[Service]\nExecStart=/home/kubernetes/bin/health-monitor.sh container-runtime\n',
    { wantedBy: 'kubernetes.target' },
  );
  t.unit(ETC, 'kubelet-monitor.service', '[Service]\nExecStart=/home/kubernetes/bin/health-monitor.sh kubelet\n', {
    wantedBy: 'kubernetes.target',
  });
  t.unit(USR, 'google-guest-agent.service', '[Service]\nExecStart=/usr/bin/google_guest_agent\n', {
    wantedBy: 'multi-user.target',
  });
  t.file('/usr/bin/google_guest_agent', '#!/bin/true\n', { mode: 0o755 });
  t.process({
    pid: 1900,
    name: 'kubelet',
    exe: '/home/kubernetes/bin/kubelet',
    cmdline: [
      '/home/kubernetes/bin/kubelet',
      '--v=2',
      '--cloud-provider=external',
      '--cert-dir=/var/lib/kubelet/pki/',
      '--kubeconfig=/var/lib/kubelet/kubeconfig',
      '--image-credential-provider-config=/etc/srv/kubernetes/cri_auth_config.yaml',
      '--image-credential-provider-bin-dir=/home/kubernetes/bin',
      '--rotate-certificates=true',
      '--config',
      '/home/kubernetes/kubelet-config.yaml',
    ],
    mntNs: HOST_MNT,
    cgroup: '/system.slice/kubelet.service',
  });
  t.process({
    pid: 1950,
    name: 'node-problem-de',
    exe: '/home/kubernetes/bin/node-problem-detector',
    cmdline: ['/home/kubernetes/bin/node-problem-detector', '--v=2'],
    mntNs: HOST_MNT,
    cgroup: '/system.slice/node-problem-detector.service',
  });
  t.process({
    pid: 800,
    name: 'google_guest_ag',
    exe: '/usr/bin/google_guest_agent',
    cmdline: ['/usr/bin/google_guest_agent'],
    mntNs: HOST_MNT,
    cgroup: '/system.slice/google-guest-agent.service',
  });
  // A pod process whose ns links could not be read (no ptrace access): its cgroup says it is a container.
  t.process({
    pid: 4100,
    name: 'fluent-bit',
    exe: '/fluent-bit/bin/fluent-bit',
    cmdline: ['/fluent-bit/bin/fluent-bit', '-c', '/fluent-bit/etc/fluent-bit.conf'],
    cgroup: '/kubepods/burstable/pod1234/0123456789abcdef',
  });
  return t;
}
