import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Container, PodSpec } from '../model/k8s.ts';
import {
  evaluatePod,
  formatViolations,
  parsePssVersion,
  PSS_LATEST,
  resolvePssVersion,
  violationMessage,
} from './index.ts';
import type { PssResult } from './index.ts';

/** A container that satisfies restricted on its own. */
function goodContainer(name: string, extra: Container = {}): Container {
  return {
    name,
    image: 'registry.k8s.io/pause',
    ...extra,
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...extra.securityContext },
  };
}

/** A pod that passes restricted at every version, plus the given spec fields. */
function restrictedPod(spec: Partial<PodSpec> = {}, annotations?: Record<string, string>) {
  return {
    metadata: { name: 'p', ...(annotations ? { annotations } : {}) },
    spec: {
      containers: [goodContainer('app')],
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      ...spec,
    },
  };
}

const failed = (r: PssResult): string[] => r.violations.map((v) => v.check);

describe('evaluatePod: containers of every kind', () => {
  it('evaluates ephemeral containers and reports their path', () => {
    const pod = restrictedPod({
      ephemeralContainers: [goodContainer('debug', { securityContext: { privileged: true } })],
    });
    const r = evaluatePod(pod, 'baseline');
    assert.deepEqual(failed(r), ['privileged']);
    assert.equal(r.violations[0]!.detail, 'container "debug" must not set securityContext.privileged=true');
    assert.deepEqual(r.violations[0]!.paths, ['spec.ephemeralContainers[0].securityContext.privileged']);
  });

  it('visits init containers first, as upstream, and names every bad one', () => {
    const pod = restrictedPod({
      initContainers: [{ name: 'init' }],
      containers: [goodContainer('ok'), { name: 'app' }],
    });
    const r = evaluatePod(pod, 'restricted', 'v1.37');
    const ape = r.violations.find((v) => v.check === 'allowPrivilegeEscalation');
    assert.equal(ape?.detail, 'containers "init", "app" must set securityContext.allowPrivilegeEscalation=false');
    assert.deepEqual(ape?.paths, [
      'spec.initContainers[0].securityContext.allowPrivilegeEscalation',
      'spec.containers[1].securityContext.allowPrivilegeEscalation',
    ]);
  });
});

describe('evaluatePod: Windows pods at restricted', () => {
  // A Windows pod cannot set capabilities, seccomp or allowPrivilegeEscalation (API validation rejects them).
  const windowsPod = {
    spec: { os: { name: 'windows' }, containers: [{ name: 'win' }], securityContext: { runAsNonRoot: true } },
  };

  it('exempts Windows pods from the Linux-only checks from v1.25', () => {
    assert.equal(evaluatePod(windowsPod, 'restricted', 'v1.25').allowed, true);
    assert.equal(evaluatePod(windowsPod, 'restricted').allowed, true);
  });

  it('does not exempt them before v1.25', () => {
    const r = evaluatePod(windowsPod, 'restricted', 'v1.24');
    assert.deepEqual(failed(r), ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
  });

  it('keeps every other restricted check for Windows pods', () => {
    const pod = { spec: { ...windowsPod.spec, securityContext: {} } };
    assert.deepEqual(failed(evaluatePod(pod, 'restricted', 'v1.30')), ['runAsNonRoot']);
  });
});

describe('evaluatePod: versions', () => {
  it('resolves latest to the newest check version', () => {
    assert.equal(PSS_LATEST, 'v1.37');
    assert.equal(evaluatePod(restrictedPod(), 'restricted').version, 'v1.37');
    assert.equal(evaluatePod(restrictedPod(), 'restricted', 'latest').version, PSS_LATEST);
    assert.equal(resolvePssVersion('v1.99'), PSS_LATEST);
    assert.equal(evaluatePod(restrictedPod(), 'baseline', 'v1.20').version, 'v1.20');
  });

  it('applies a check only from the version it appeared in', () => {
    const probeHost = restrictedPod({
      containers: [goodContainer('app', { livenessProbe: { httpGet: { host: '169.254.169.254', port: 80 } } })],
    });
    assert.equal(evaluatePod(probeHost, 'baseline', 'v1.33').allowed, true);
    const r = evaluatePod(probeHost, 'baseline', 'v1.34');
    assert.deepEqual(failed(r), ['hostProbesAndHostLifecycle']);
    assert.equal(r.violations[0]!.detail, 'container "app" uses probe or lifecycle host "169.254.169.254"');
    assert.deepEqual(r.violations[0]!.paths, ['spec.containers[0].livenessProbe.httpGet.host']);

    const root = restrictedPod({
      securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'Localhost' } },
    });
    assert.equal(evaluatePod(root, 'restricted', 'v1.22').allowed, true);
    assert.deepEqual(failed(evaluatePod(root, 'restricted', 'v1.23')), ['runAsUser']);

    const escalating = restrictedPod({
      containers: [{ name: 'app', securityContext: { capabilities: { drop: ['ALL'] } } }],
    });
    assert.equal(evaluatePod(escalating, 'restricted', 'v1.7').allowed, true);
    assert.deepEqual(failed(evaluatePod(escalating, 'restricted', 'v1.8')), ['allowPrivilegeEscalation']);
  });

  it('grows the safe sysctl list with the version', () => {
    const pod = restrictedPod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '1' }] } });
    assert.equal(evaluatePod(pod, 'baseline', 'latest').allowed, true);
    const r = evaluatePod(pod, 'baseline', 'v1.36');
    assert.deepEqual(failed(r), ['sysctls']);
    assert.equal(r.violations[0]!.detail, 'net.ipv4.tcp_notsent_lowat');
    assert.deepEqual(r.violations[0]!.paths, ['spec.securityContext.sysctls[0].name']);
    const reserved = restrictedPod({ securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports' }] } });
    assert.equal(evaluatePod(reserved, 'baseline', 'v1.26').allowed, false);
    assert.equal(evaluatePod(reserved, 'baseline', 'v1.27').allowed, true);
  });

  it('allows container_engine_t from v1.31', () => {
    const pod = restrictedPod({ securityContext: { seLinuxOptions: { type: 'container_engine_t' } } });
    assert.equal(
      evaluatePod(pod, 'baseline', 'v1.30').violations[0]?.detail,
      'pod set forbidden securityContext.seLinuxOptions: type "container_engine_t"',
    );
    assert.equal(evaluatePod(pod, 'baseline', 'v1.31').allowed, true);
  });

  it('forbids an SELinux user or role at any version', () => {
    const pod = restrictedPod({
      containers: [goodContainer('app', { securityContext: { seLinuxOptions: { user: 'system_u', role: 'r' } } })],
    });
    const r = evaluatePod(pod, 'baseline', 'v1.0');
    assert.equal(
      r.violations[0]?.detail,
      'container "app" set forbidden securityContext.seLinuxOptions: user may not be set; role may not be set',
    );
    assert.deepEqual(r.violations[0]?.paths, [
      'spec.containers[0].securityContext.seLinuxOptions.user',
      'spec.containers[0].securityContext.seLinuxOptions.role',
    ]);
  });

  it('reads the seccomp annotations before v1.19 and the fields from v1.19', () => {
    const annotated = restrictedPod({}, { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' });
    const r = evaluatePod(annotated, 'baseline', 'v1.18');
    assert.equal(r.violations[0]?.detail, 'forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"');
    assert.deepEqual(r.violations[0]?.paths, ['metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]']);
    assert.equal(evaluatePod(annotated, 'baseline', 'v1.19').allowed, true);
  });
});

describe('evaluatePod: restricted overrides baseline checks', () => {
  it('reports a hostPath volume as restrictedVolumes only', () => {
    const pod = restrictedPod({ volumes: [{ name: 'root', hostPath: { path: '/' } }] });
    assert.deepEqual(failed(evaluatePod(pod, 'baseline')), ['hostPathVolumes']);
    const r = evaluatePod(pod, 'restricted');
    assert.deepEqual(failed(r), ['restrictedVolumes']);
    assert.equal(r.violations[0]!.detail, 'volume "root" uses restricted volume type "hostPath"');
    assert.deepEqual(r.violations[0]!.paths, ['spec.volumes[0].hostPath']);
  });

  it('reports an added capability as capabilities_baseline before v1.22 and capabilities_restricted after', () => {
    const pod = restrictedPod({
      containers: [goodContainer('app', { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } } })],
    });
    assert.deepEqual(failed(evaluatePod(pod, 'restricted', 'v1.21')), ['capabilities_baseline']);
    const r = evaluatePod(pod, 'restricted', 'v1.22');
    assert.deepEqual(failed(r), ['capabilities_restricted']);
    assert.equal(
      r.violations[0]!.detail,
      'container "app" must not include "NET_RAW" in securityContext.capabilities.add',
    );
    assert.deepEqual(r.violations[0]!.paths, ['spec.containers[0].securityContext.capabilities.add[0]']);
  });

  it('relaxes procMount, runAsNonRoot and runAsUser for user-namespace pods from v1.35 only', () => {
    const unmasked = restrictedPod({
      hostUsers: false,
      containers: [goodContainer('app', { securityContext: { procMount: 'Unmasked' } })],
    });
    assert.deepEqual(failed(evaluatePod(unmasked, 'baseline', 'v1.34')), ['procMount']);
    assert.equal(evaluatePod(unmasked, 'baseline', 'v1.35').allowed, true);
    // Restricted keeps the unconditional rule, under its own id, in place of procMount.
    assert.deepEqual(failed(evaluatePod(unmasked, 'restricted', 'v1.34')), ['procMount']);
    assert.deepEqual(failed(evaluatePod(unmasked, 'restricted', 'v1.35')), ['procMount_restricted']);

    const rootInUserNs = {
      spec: {
        hostUsers: false,
        containers: [goodContainer('app', { securityContext: { runAsUser: 0 } })],
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      },
    };
    assert.deepEqual(failed(evaluatePod(rootInUserNs, 'restricted', 'v1.34')), ['runAsNonRoot', 'runAsUser']);
    assert.equal(evaluatePod(rootInUserNs, 'restricted', 'v1.35').allowed, true);
  });
});

describe('evaluatePod: upstream messages and paths', () => {
  it('formats host namespaces, host ports and AppArmor as upstream', () => {
    const pod = restrictedPod(
      {
        hostNetwork: true,
        hostPID: true,
        containers: [
          goodContainer('app', {
            ports: [
              { containerPort: 80, hostPort: 8080 },
              { containerPort: 10, hostPort: 10 },
            ],
            securityContext: { appArmorProfile: { type: 'Unconfined' } },
          }),
        ],
      },
      { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
    );
    const r = evaluatePod(pod, 'baseline', 'v1.0');
    assert.deepEqual(failed(r), ['appArmorProfile', 'hostNamespaces', 'hostPorts']);
    assert.equal(
      formatViolations(r.violations),
      'forbidden AppArmor profiles (container "app" and annotation must not set AppArmor profile type to ' +
        '"Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined""), ' +
        'host namespaces (hostNetwork=true, hostPID=true), ' +
        // Upstream sorts host ports as strings.
        'hostPort (container "app" uses hostPorts 10, 8080)',
    );
    assert.deepEqual(r.violations[0]!.paths, [
      'spec.containers[0].securityContext.appArmorProfile.type',
      'metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
    ]);
    assert.deepEqual(r.violations[1]!.paths, ['spec.hostNetwork', 'spec.hostPID']);
    assert.deepEqual(r.violations[2]!.paths, [
      'spec.containers[0].ports[0].hostPort',
      'spec.containers[0].ports[1].hostPort',
    ]);
    assert.equal(
      violationMessage('baseline', 'latest', r.violations.slice(1, 2)),
      'violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true, hostPID=true)',
    );
  });

  it('names implicit restricted failures at the fields to set', () => {
    const r = evaluatePod({ spec: { containers: [{ name: 'app' }] } }, 'restricted');
    const byCheck = new Map(r.violations.map((v) => [v.check, v]));
    assert.equal(
      byCheck.get('runAsNonRoot')?.detail,
      'pod or container "app" must set securityContext.runAsNonRoot=true',
    );
    assert.deepEqual(byCheck.get('runAsNonRoot')?.paths, [
      'spec.securityContext.runAsNonRoot',
      'spec.containers[0].securityContext.runAsNonRoot',
    ]);
    assert.equal(
      byCheck.get('seccompProfile_restricted')?.detail,
      'pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    );
    assert.equal(
      byCheck.get('capabilities_restricted')?.detail,
      'container "app" must set securityContext.capabilities.drop=["ALL"]',
    );
  });
});

describe('evaluatePod: untrusted input', () => {
  it('treats fields of the wrong type as unset and never throws', () => {
    const weird = {
      metadata: { annotations: 'x' },
      spec: {
        hostNetwork: 'true',
        containers: [{ name: 'a', securityContext: { privileged: 'true', capabilities: 'ALL' } }, 'junk', null],
        volumes: 'none',
        securityContext: { sysctls: 'kernel.x' },
      },
    } as unknown as Parameters<typeof evaluatePod>[0];
    assert.equal(evaluatePod(weird, 'baseline').allowed, true);
    assert.deepEqual(failed(evaluatePod(weird, 'restricted')), [
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
    assert.equal(evaluatePod({}, 'restricted').allowed, true);
  });

  it('allows a volume with no source (defaulted to emptyDir) and reports an unrecognised one as unknown', () => {
    assert.equal(evaluatePod(restrictedPod({ volumes: [{ name: 'scratch' }] }), 'restricted').allowed, true);
    const r = evaluatePod(restrictedPod({ volumes: [{ name: 'odd', futureVolume: {} }] }), 'restricted');
    assert.equal(r.violations[0]?.detail, 'volume "odd" uses restricted volume type "unknown"');
    assert.deepEqual(r.violations[0]?.paths, ['spec.volumes[0].futureVolume']);
  });

  it('allows anything at privileged', () => {
    const r = evaluatePod(restrictedPod({ hostPID: true }), 'privileged', 'v1.0');
    assert.deepEqual(r, { level: 'privileged', version: 'v1.0', allowed: true, violations: [] });
  });
});

describe('parsePssVersion', () => {
  it('accepts latest and v1.N as upstream', () => {
    assert.deepEqual(parsePssVersion('latest'), { latest: true });
    assert.deepEqual(parsePssVersion('v1.0'), { latest: false, minor: 0 });
    assert.deepEqual(parsePssVersion('v1.37'), { latest: false, minor: 37 });
    assert.deepEqual(parsePssVersion('v1.120'), { latest: false, minor: 120 });
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'Latest', 'v1', 'v1.', 'v1.01', '1.25', 'v2.0', 'v1.25.0', ' v1.25', 'v1.-1']) {
      assert.throws(() => parsePssVersion(bad), /must be "latest" or "v1.x"/, bad);
      assert.throws(() => evaluatePod({}, 'baseline', bad), /must be "latest" or "v1.x"/, bad);
    }
  });
});
