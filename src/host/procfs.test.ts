import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeCapabilities,
  isContainerCgroup,
  parseCgroup,
  parseCmdline,
  parseProcStatus,
  redactArgv,
  unitOfCgroup,
} from './procfs.ts';

describe('/proc parsers', () => {
  it('decodes CapEff masks: a full root set, the containerd default set, nothing', () => {
    assert.deepEqual(decodeCapabilities('000001ffffffffff'), ['ALL']);
    // containerd's default capability set (pkg/oci/spec.go) as the kernel prints it for a container process
    assert.deepEqual(decodeCapabilities('00000000a80425fb'), [
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      'FSETID',
      'KILL',
      'SETGID',
      'SETUID',
      'SETPCAP',
      'NET_BIND_SERVICE',
      'NET_RAW',
      'SYS_CHROOT',
      'MKNOD',
      'AUDIT_WRITE',
      'SETFCAP',
    ]);
    assert.deepEqual(decodeCapabilities('0000000000000000'), []);
    assert.deepEqual(decodeCapabilities('0000020000000000'), ['CAP_41']);
    assert.equal(decodeCapabilities('zz'), undefined);
  });

  it('parses status, cmdline and cgroup files', () => {
    const s = parseProcStatus('Name:\tkubelet\nPPid:\t1\nUid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n');
    assert.deepEqual(s, {
      name: 'kubelet',
      ppid: 1,
      uids: { real: 0, effective: 0, saved: 0, fs: 0 },
      capEff: '000001ffffffffff',
    });
    assert.deepEqual(parseProcStatus('Uid:\t1000\tx\n'), {});
    assert.deepEqual(parseCmdline('/bin/a\0-b\0\0'), ['/bin/a', '-b', '']);
    assert.deepEqual(parseCmdline(''), []);
    assert.equal(parseCgroup('0::/system.slice/kubelet.service\n'), '/system.slice/kubelet.service');
    assert.equal(
      parseCgroup('12:pids:/x\n1:name=systemd:/system.slice/waagent.service\n'),
      '/system.slice/waagent.service',
    );
  });

  it('maps cgroups to units and recognises container cgroups', () => {
    assert.equal(unitOfCgroup('/runtime.slice/kubelet.service'), 'kubelet.service');
    assert.equal(unitOfCgroup('/user.slice/user-0.slice/session-3.scope'), 'session-3.scope');
    assert.equal(unitOfCgroup('/kubepods.slice/kubepods-pod1.slice/cri-containerd-ab.scope'), undefined);
    assert.equal(isContainerCgroup('/kubepods/burstable/pod1/abc'), true);
    assert.equal(isContainerCgroup('/system.slice/containerd.service'), false);
  });

  it('redacts secret flag values but keeps file paths', () => {
    assert.deepEqual(
      redactArgv([
        '/bin/x',
        '--token=abc',
        '--password',
        'p',
        '--token-file=/t',
        '--secret',
        '--v=2',
        '--image-credential-provider-config=/c',
      ]),
      [
        '/bin/x',
        '--token=<redacted>',
        '--password',
        '<redacted>',
        '--token-file=/t',
        '--secret',
        '--v=2',
        '--image-credential-provider-config=/c',
      ],
    );
  });
});
