import {
  exposureOf,
  worstExposure,
  type HostPathSeverity,
  type SensitiveHostPath,
} from '../../knowledge/host-paths.ts';
import { defineCheck, severityRank } from '../types.ts';
import { hostMounts, hostVolumes } from '../util/host-mounts.ts';

interface Worst {
  entry: SensitiveHostPath;
  severity: HostPathSeverity;
  covered: boolean;
  writable: boolean;
  exposed: string;
}

export default defineCheck({
  id: 'sensitive-host-path',
  title: 'Pod mounts a sensitive host path',
  severity: 'high',
  category: 'host-access',
  target: 'podTemplate',
  references: [
    'cis-k8s:5.2.12',
    'pss:baseline',
    'nist-800-53:AC-6',
    'nist-800-53:SC-39',
    'mitre:T1611',
    'mitre:T1552.001',
  ],
  rationale:
    'Some host paths are the node’s keys: `/var/lib/kubelet/pods` holds every pod’s service-account token, ' +
    '`/var/lib/kubelet/pki` and `/etc/kubernetes` the node’s credentials, runtime sockets start privileged containers ' +
    '(even through a read-only mount), and CNI, Node Problem Detector and provider-agent folders hold code that root ' +
    'runs. A volume exposes such a path by mounting it, a folder inside it, or a folder above it (`/var` exposes ' +
    '`/var/lib/kubelet/pods`). Severity comes from kubeseam’s host-path knowledge, for the mount mode actually used: a ' +
    'writable `/var/lib/kubelet/pods` is critical, a read-only `/var/log` is low.',
  remediation:
    'Mount the narrowest path the agent needs, read-only, and never a parent folder of node credentials. Replace ' +
    'runtime-socket mounts with the Kubernetes API or the CRI through a dedicated, audited agent. For provider ' +
    'middleware, keep the mount at the catalogued baseline and record a waiver with an owner and expiry.',
  evaluate({ spec }, { report }) {
    const mounts = hostMounts(spec);
    for (const v of hostVolumes(spec)) {
      if (v.canonical === undefined) continue;
      const candidates: { exposed: string; writable: boolean }[] = mounts
        .filter((m) => m.volume.index === v.index && m.exposedPath !== undefined)
        .map((m) => ({ exposed: m.exposedPath!, writable: !m.readOnly }));
      if (candidates.length === 0) candidates.push({ exposed: v.canonical, writable: false });
      let worst: Worst | undefined;
      for (const c of candidates) {
        const exp = exposureOf(c.exposed);
        const w = exp && worstExposure(exp, c.writable);
        if (!w) continue;
        if (!worst || severityRank(w.severity) > severityRank(worst.severity))
          worst = { ...w, writable: c.writable, exposed: c.exposed };
      }
      if (!worst || worst.severity === 'info') continue;
      const how = worst.covered
        ? `which contains ${worst.entry.path}`
        : worst.entry.path === worst.exposed
          ? ''
          : `inside ${worst.entry.path}`;
      const mode = worst.writable
        ? 'writable'
        : worst.entry.socket
          ? 'read-only, which does not protect a socket'
          : 'read-only';
      report({
        path: v.fieldPath,
        message: `hostPath volume "${v.name}" mounts ${worst.exposed === v.canonical ? v.hostPath : worst.exposed}${how ? ` (${how})` : ''}, ${mode}`,
        severity: worst.severity,
        severityReason: `${worst.entry.path} ${mode}: ${worst.entry.why}`,
      });
    }
  },
});
