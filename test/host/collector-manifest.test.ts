// The node collector DaemonSet keeps least privilege: read-only host root, no token, no capabilities, every node.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { KubeObject, PodSpec } from '../../src/model/k8s.ts';

const file = new URL('../../deploy/host-collector.yaml', import.meta.url);
const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as KubeObject);
const ds = docs.find((d) => d.kind === 'DaemonSet') as KubeObject & { spec: { template: { spec: PodSpec } } };
const pod = ds.spec.template.spec;

describe('deploy/host-collector.yaml', () => {
  it('mounts the host root read-only (recursively where possible) and nothing else from the host', () => {
    const hostVolumes = (pod.volumes ?? []).filter((v) => v.hostPath !== undefined);
    assert.deepEqual(
      hostVolumes.map((v) => v.hostPath?.path),
      ['/'],
    );
    const scan = pod.initContainers!.find((c) => c.name === 'scan')!;
    const mount = scan.volumeMounts!.find((m) => m.name === hostVolumes[0]!.name)!;
    assert.equal(mount.mountPath, '/host');
    assert.equal(mount.readOnly, true);
    assert.equal(mount.recursiveReadOnly, 'IfPossible');
    assert.deepEqual(scan.args?.slice(0, 3), ['host', '--root', '/host']);
    assert.ok(scan.args?.includes('json'));
  });

  it('has no API token, no host namespaces, no privilege and no capabilities', () => {
    assert.equal(pod.automountServiceAccountToken, false);
    assert.notEqual(pod.hostPID, true);
    assert.notEqual(pod.hostNetwork, true);
    assert.notEqual(pod.hostIPC, true);
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      const sc = c.securityContext ?? {};
      assert.notEqual(sc.privileged, true, c.name);
      assert.equal(sc.allowPrivilegeEscalation, false, c.name);
      assert.equal(sc.readOnlyRootFilesystem, true, c.name);
      assert.deepEqual(sc.capabilities?.drop, ['ALL'], c.name);
      assert.equal(sc.capabilities?.add, undefined, c.name);
    }
  });

  it('runs on every node, tainted or not', () => {
    assert.deepEqual(pod.tolerations, [{ operator: 'Exists' }]);
  });
});
