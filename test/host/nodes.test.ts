// End-to-end over real filesystem trees: read an EKS, an AKS and a GKE node root built in temporary folders, analyse
// them, and check the exact findings, the inventory, and that nothing was read from outside the root.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  analyzeHost,
  loadHostResults,
  parseAllowList,
  renderHostJson,
  readHostFactsSync,
  scanHost,
  writableByPods,
  type HostAnalysis,
  type HostFacts,
  type HostPathMount,
} from '../../src/host/index.ts';
import { aksNode, eksNode, gkeNode } from './nodes.ts';
import { findingLines, isRoot, type NodeTree } from './tree.ts';

// Files outside every node root. If the reader ever followed a link out of the root it would parse these.
let outsideDir = '';
let outsideSecret = '';

before(() => {
  outsideDir = mkdtempSync(join(tmpdir(), 'kubeseam-outside-'));
  outsideSecret = join(outsideDir, 'leak.json');
  writeFileSync(
    outsideSecret,
    JSON.stringify({
      plugin: 'custom',
      source: 'LEAKED',
      rules: [{ path: '/leaked.sh' }],
      authorization: { mode: 'AlwaysAllow' },
    }),
  );
});
after(() => rmSync(outsideDir, { recursive: true, force: true }));

const skip = isRoot ? false : 'building trees with root-owned files needs root (CI runs as root)';

function run(t: NodeTree, allow?: string): { facts: HostFacts; analysis: HostAnalysis } {
  const facts = readHostFactsSync(t.root);
  const analysis = analyzeHost(facts, allow === undefined ? {} : { allow: parseAllowList(allow) });
  return { facts, analysis };
}

const ref = (kind: string, namespace: string, name: string): HostPathMount['workload'] => ({
  apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
  kind,
  namespace,
  name,
});

describe('EKS AL2023 node', { skip }, () => {
  let t: NodeTree;
  let facts: HostFacts;
  let analysis: HostAnalysis;
  before(() => {
    t = eksNode(outsideSecret);
    ({ facts, analysis } = run(t));
  });
  after(() => t.remove());

  it('detects EKS from /etc/eks, nodeadm and os-release', () => {
    assert.equal(analysis.provider.provider, 'eks');
    assert.equal(analysis.provider.osId, 'amzn');
    assert.ok(analysis.provider.evidence.includes('/etc/eks exists'));
    assert.equal(facts.hostname, 'ip-10-0-1-23.ec2.internal');
  });

  it('finds exactly the planted problems', () => {
    assert.deepEqual(findingLines(analysis.findings), [
      'critical host-agent-path-writable /opt/cni/bin',
      'critical host-service-binary-writable /var/tmp/.cache/sysupdate',
      'high kubelet-file-permissions /var/lib/kubelet/kubeconfig',
      'info kubelet-config-unreadable /etc/kubernetes/kubelet/config.json.d/50-escape.conf',
      'low kubelet-protect-kernel-defaults /etc/kubernetes/kubelet/config.json.d/40-nodeadm.conf',
      'medium host-unknown-service /etc/systemd/system/sysupdate.service',
      'medium host-unknown-service /usr/local/bin/ncat',
      'medium kubelet-read-only-port /etc/eks/kubelet/environment',
    ]);
  });

  it('lets the flag override config.json and the drop-in override config.json, as the kubelet does', () => {
    const s = analysis.kubelet!.settings;
    assert.deepEqual(s.readOnlyPort, { value: 10255, origin: 'flag', from: '--read-only-port' });
    assert.deepEqual(s.protectKernelDefaults, {
      value: false,
      origin: 'config-drop-in',
      from: '/etc/kubernetes/kubelet/config.json.d/40-nodeadm.conf',
    });
    assert.equal(s.anonymousAuth!.value, false);
    assert.equal(s.authorizationMode!.value, 'Webhook');
    // EKS kubelets authenticate with an IAM token: no client-certificate rotation finding despite the default false.
    assert.equal(s.rotateCertificates!.value, false);
    assert.ok(!analysis.findings.some((f) => f.id === 'kubelet-client-cert-rotation-disabled'));
  });

  it('parses kubelet.service with its drop-in: ExecStart reset, continuation lines, EnvironmentFile expansion', () => {
    const k = facts.units.find((u) => u.name === 'kubelet.service')!;
    assert.deepEqual(k.dropIns, ['/etc/systemd/system/kubelet.service.d/90-verbosity.conf']);
    assert.equal(k.execStart.length, 1);
    const argv = k.execStart[0]!.argv;
    assert.equal(argv[0], '/usr/bin/kubelet');
    assert.equal(argv.at(-1), '--v=4');
    assert.ok(argv.includes('--config=/etc/kubernetes/kubelet/config.json'));
    assert.deepEqual(k.enabledBy, ['/etc/systemd/system/multi-user.target.wants/kubelet.service']);
    // Only the variable the command uses is kept from the environment file.
    assert.deepEqual(Object.keys(k.environmentFiles[0]!.values), ['NODEADM_KUBELET_ARGS']);
    const ssm = facts.units.find((u) => u.name === 'amazon-ssm-agent.service')!;
    assert.equal(ssm.folder, '/usr/lib/systemd/system');
    assert.deepEqual(ssm.dropIns, ['/etc/systemd/system/amazon-ssm-agent.service.d/00-oom-score.conf']);
    assert.equal(facts.units.find((u) => u.name === 'systemd-timesyncd.service')!.masked, true);
  });

  it('inventories catalog services and leaves disabled and container processes out', () => {
    const byName = new Map(analysis.inventory.map((e) => [e.name, e]));
    assert.equal(byName.get('kubelet.service')!.catalogId, 'eks/kubelet');
    assert.deepEqual(byName.get('kubelet.service')!.pids, [812]);
    assert.equal(byName.get('nodeadm-run.service')!.catalogId, 'eks/nodeadm');
    assert.equal(byName.get('amazon-ssm-agent.service')!.catalogId, 'eks/amazon-ssm-agent');
    assert.equal(byName.get('sshd.service')!.class, 'os');
    assert.equal(byName.get('ncat')!.class, 'unknown');
    assert.ok(byName.get('ncat')!.capabilities!.includes('ALL'));
    assert.ok(!byName.has('debug-shell.service'), 'disabled units do not run');
    assert.ok(!byName.has('nginx'), 'pod processes are not host services');
    assert.ok(!byName.has('kthreadd'), 'kernel threads are not services');
  });

  it('redacts secret flag values from process command lines', () => {
    const ncat = facts.processes.find((p) => p.pid === 3100)!;
    assert.deepEqual(ncat.cmdline, ['/usr/local/bin/ncat', '-lvp', '4444', '--token=<redacted>']);
  });

  it('does not follow a symlink out of the root', () => {
    const escape = facts.kubelet.configDropIns.find((d) => d.path.endsWith('50-escape.conf'))!;
    assert.equal(escape.found, false);
    assert.equal(escape.value, undefined);
    assert.equal(analysis.kubelet!.settings.authorizationMode!.value, 'Webhook');
  });

  it('allow list silences the unknown unit and the gate then also lists unknown non-root services', () => {
    const allowed = run(t, 'allow:\n  - sysupdate.service\n  - exe: /usr/local/bin/ncat\n    reason: break-glass\n');
    assert.ok(!allowed.analysis.findings.some((f) => f.id === 'host-unknown-service'));
    assert.equal(allowed.analysis.inventory.find((e) => e.name === 'sysupdate.service')!.class, 'allowed');
  });

  it('names the pods that can write where root agents read or execute', () => {
    const mounts: HostPathMount[] = [
      { workload: ref('DaemonSet', 'kube-system', 'cni-installer'), path: '/opt/cni', readOnly: false },
      { workload: ref('DaemonSet', 'kube-system', 'reader'), path: '/etc', readOnly: true },
      { workload: ref('DaemonSet', 'monitoring', 'etcd-backup'), path: '/etc/eksx', readOnly: false },
      { workload: ref('Deployment', 'tools', 'creds'), path: '/etc/eks/', readOnly: false },
    ];
    const got = writableByPods(facts, mounts);
    const byPath = new Map(got.map((g) => [g.path, g.writers.map((w) => `${w.workload.name}:${w.coverage}`)]));
    assert.deepEqual(byPath.get('/opt/cni/bin'), ['cni-installer:covers']);
    assert.deepEqual(byPath.get('/etc/eks/image-credential-provider'), ['creds:covers']);
    assert.deepEqual(byPath.get('/etc/eks/kubelet/environment'), ['creds:covers']);
    assert.ok(!got.some((g) => g.writers.some((w) => w.workload.name === 'reader')), 'read-only mounts do not write');
    assert.ok(!got.some((g) => g.writers.some((w) => w.workload.name === 'etcd-backup')), '/etc/eksx is not /etc/eks');
    assert.equal(got.find((g) => g.path === '/opt/cni/bin')!.severity, 'critical');
  });
});

describe('AKS Ubuntu 22.04 node', { skip }, () => {
  let t: NodeTree;
  let facts: HostFacts;
  let analysis: HostAnalysis;
  before(() => {
    t = aksNode();
    ({ facts, analysis } = run(t));
  });
  after(() => t.remove());

  it('detects AKS and the merged-/usr layout', () => {
    assert.equal(analysis.provider.provider, 'aks');
    assert.equal(analysis.provider.osVersion, '22.04');
    assert.equal(facts.aliases['/lib'], '/usr/lib');
    // /lib/systemd/system is /usr/lib/systemd/system: each unit is read once, from the real folder.
    assert.equal(facts.units.filter((u) => u.name === 'walinuxagent.service').length, 1);
  });

  it('finds exactly the planted problems', () => {
    assert.deepEqual(findingLines(analysis.findings), [
      'critical host-plugin-script-writable /var/tmp/npd/check_gpu.sh',
      'critical kubelet-authorization-always-allow /etc/default/kubeletconfig.json',
      'high kubelet-file-ownership /etc/default/kubeletconfig.json',
      'high kubelet-file-permissions /etc/kubernetes/certs/kubeletserver.key',
      'low host-plugin-script-missing /etc/node-problem-detector.d/plugin/check_nvlink.sh',
      'low host-pod-installed-service /usr/lib/systemd/system/azurefile-proxy.service',
    ]);
  });

  it('the --anonymous-auth=false flag wins over anonymous.enabled: true in the config file', () => {
    assert.deepEqual(analysis.kubelet!.settings.anonymousAuth, {
      value: false,
      origin: 'flag',
      from: '--anonymous-auth',
    });
    assert.equal(analysis.kubelet!.configFile, '/etc/default/kubeletconfig.json');
  });

  it('expands Environment= from drop-ins and EnvironmentFile= into the unit command line', () => {
    const k = facts.units.find((u) => u.name === 'kubelet.service')!;
    const argv = k.execStart[0]!.argv;
    assert.ok(argv.includes('--config') && argv[argv.indexOf('--config') + 1] === '/etc/default/kubeletconfig.json');
    assert.ok(argv.includes('--node-labels=kubernetes.azure.com/role=agent,agentpool=nodepool1'));
    assert.ok(argv.includes('--anonymous-auth=false'));
    assert.deepEqual(k.execStart[0]!.unresolved.sort(), ['KUBELET_REGISTER_NODE', 'KUBELET_REGISTER_WITH_TAINTS']);
  });

  it('reads the NPD custom plugin configs and the scripts they run, ignoring log monitors', () => {
    assert.deepEqual(
      facts.npdConfigs.map((c) => [c.source, c.rules.map((r) => r.resolved)]),
      [
        ['fs-corruption-custom-plugin-monitor', ['/etc/node-problem-detector.d/plugin/check_fs_corruption.sh']],
        [
          'gpu-custom-plugin-monitor',
          ['/var/tmp/npd/check_gpu.sh', '/etc/node-problem-detector.d/plugin/check_nvlink.sh'],
        ],
      ],
    );
  });

  it('matches waagent by the script python runs, and template instances to their template', () => {
    const exthandler = analysis.inventory.find((e) => e.kind === 'process' && e.pids?.includes(655))!;
    assert.equal(exthandler.catalogId, 'aks/walinuxagent');
    assert.equal(exthandler.name, 'waagent');
    const getty = analysis.inventory.find((e) => e.name === 'getty@tty1.service')!;
    assert.equal(getty.class, 'os');
    assert.equal(getty.path, '/usr/lib/systemd/system/getty@.service');
  });

  it('azurefile-csi and blob-csi style /etc mounts reach the NPD plugin folder; /etcd does not', () => {
    const mounts: HostPathMount[] = [
      {
        workload: ref('DaemonSet', 'kube-system', 'csi-azurefile-node'),
        path: '/etc',
        readOnly: false,
        container: 'install-azurefile-proxy',
      },
      { workload: ref('DaemonSet', 'kube-system', 'etcd-thing'), path: '/etcd', readOnly: false },
      { workload: ref('DaemonSet', 'gpu', 'dcgm'), path: '/var/tmp/npd/', readOnly: false },
    ];
    const got = writableByPods(facts, mounts);
    const plugin = got.find((g) => g.path === '/etc/node-problem-detector.d/plugin')!;
    assert.equal(plugin.severity, 'critical');
    assert.deepEqual(
      plugin.writers.map((w) => [w.workload.name, w.container, w.coverage]),
      [['csi-azurefile-node', 'install-azurefile-proxy', 'covers']],
    );
    assert.deepEqual(
      got.find((g) => g.path === '/var/tmp/npd')!.writers.map((w) => w.workload.name),
      ['dcgm'],
    );
    assert.ok(!got.some((g) => g.writers.some((w) => w.workload.name === 'etcd-thing')));
    assert.equal(got[0]!.node, 'aks-nodepool1-12345678-vmss000000');
  });
});

describe('GKE COS node', { skip }, () => {
  let t: NodeTree;
  let facts: HostFacts;
  let analysis: HostAnalysis;
  before(() => {
    t = gkeNode(outsideSecret);
    ({ facts, analysis } = run(t));
  });
  after(() => t.remove());

  it('detects GKE through a relative /etc/os-release link and /home/kubernetes', () => {
    assert.equal(analysis.provider.provider, 'gke');
    assert.equal(analysis.provider.osId, 'cos');
    assert.equal(facts.osRelease.BUILD_ID, '18244.85.49');
  });

  it('finds exactly the planted problems', () => {
    assert.deepEqual(findingLines(analysis.findings), [
      'critical host-agent-path-writable /home/kubernetes/npd-custom-plugins/configs',
      'critical host-plugin-config-writable /home/kubernetes/npd-custom-plugins/configs/sysctl-monitor.json',
      'low host-plugin-script-missing /config/plugin/check_sysctl.sh',
      'low kubelet-protect-kernel-defaults /home/kubernetes/kubelet-config.yaml',
      'medium kubelet-read-only-port /home/kubernetes/kubelet-config.yaml',
    ]);
  });

  it('reads the YAML kubelet config named by --config with a space, and flag values from KUBELET_OPTS', () => {
    const s = analysis.kubelet!.settings;
    assert.equal(analysis.kubelet!.configFile, '/home/kubernetes/kubelet-config.yaml');
    assert.deepEqual(s.readOnlyPort, { value: 10255, origin: 'config', from: '/home/kubernetes/kubelet-config.yaml' });
    assert.deepEqual(s.rotateCertificates, { value: true, origin: 'flag', from: '--rotate-certificates' });
    assert.deepEqual(s.protectKernelDefaults, { value: false, origin: 'default' });
    const unit = facts.units.find((u) => u.name === 'kubelet.service')!;
    assert.ok(unit.execStart[0]!.argv.includes('/home/kubernetes/kubelet-config.yaml'));
  });

  it('never parses plugin configs linked from outside the root, absolute or through excess ..', () => {
    assert.ok(!facts.npdConfigs.some((c) => c.source === 'LEAKED'));
    assert.deepEqual(facts.npdConfigs.map((c) => c.source).sort(), ['sysctl-monitor', 'systemd-monitor']);
    const rel = facts.files.find(
      (f) => f.path === '/home/kubernetes/node-problem-detector/config/escape-relative.json',
    )!;
    assert.equal(rel.type, 'symlink');
    assert.equal(rel.resolved, undefined, 'the link resolves inside the root, to nothing');
  });

  it('classifies a pod process by cgroup when its namespaces cannot be read', () => {
    assert.ok(!analysis.inventory.some((e) => e.pids?.includes(4100)));
    assert.deepEqual(
      analysis.inventory
        .filter((e) => e.class === 'catalog')
        .map((e) => e.catalogId)
        .sort(),
      [
        'gke/containerd',
        'gke/google-guest-agent',
        'gke/kubelet',
        'gke/node-problem-detector',
        'gke/node-setup',
        'gke/node-setup',
      ],
    );
  });

  it('scanHost wraps the analysis in the versioned result with a severity summary', async () => {
    const r = await scanHost(t.root, { scannedAt: '2026-01-01T00:00:00Z' });
    assert.equal(r.kind, 'KubeseamHostScan');
    assert.equal(r.schemaVersion, 1);
    assert.equal(r.node, 'gke-prod-default-pool-4c2a9b1e-x7k2');
    assert.deepEqual(r.summary, { critical: 2, high: 0, medium: 1, low: 2, info: 0 });
    // Saved as `kubectl logs` gives it (a log line first), then read back for `scan --host-results DIR`.
    const dir = mkdtempSync(join(tmpdir(), 'kubeseam-results-'));
    try {
      writeFileSync(join(dir, 'node-a.log'), `starting\n${renderHostJson(r)}`);
      writeFileSync(join(dir, 'ignored.txt'), 'x');
      const loaded = await loadHostResults(dir);
      assert.equal(loaded.length, 1);
      assert.deepEqual(findingLines(loaded[0]!.findings), findingLines(r.findings));
      assert.deepEqual(
        writableByPods(loaded[0]!, [{ workload: ref('DaemonSet', 'x', 'npd-tuner'), path: '/home', readOnly: false }])
          .map((g) => g.path)
          .includes('/home/kubernetes/npd-custom-plugins'),
        true,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
