import { joinPath } from '../../model/paths.ts';
import { defineCheck } from '../types.ts';
import { containersAt, effectiveField, isRecord, isWindowsPod } from '../util/pod.ts';

// The annotation form, deprecated since Kubernetes 1.30 but still honoured: container.apparmor.security.beta.kubernetes.io/<container>.
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export default defineCheck({
  id: 'apparmor-unconfined',
  title: 'AppArmor confinement is disabled (unconfined)',
  severity: 'high',
  category: 'pod-security',
  target: 'podTemplate',
  references: ['pss:baseline', 'k8s:apparmor', 'cis-k8s:5.7.3', 'nist-800-53:SC-39', 'mitre:T1611', 'mitre:T1562.001'],
  rationale:
    'On nodes with AppArmor (Ubuntu node images on AKS, EKS and GKE), containers get the runtime’s default profile, ' +
    'which denies writes to /proc and /sys, mount(2), and access to sensitive kernel interfaces. Setting the profile ' +
    'to Unconfined, in `securityContext.appArmorProfile` or with the legacy ' +
    '`container.apparmor.security.beta.kubernetes.io/<container>: unconfined` annotation, removes that layer.',
  remediation:
    'Remove the Unconfined profile (the runtime default then applies), or use `appArmorProfile.type: RuntimeDefault` ' +
    'or a `Localhost` profile written for the workload. Replace the legacy annotation with the field.',
  evaluate({ spec, meta }, { report }) {
    if (isWindowsPod(spec)) return;
    const byPath = new Map<string, string[]>();
    for (const c of containersAt(spec)) {
      const profile = effectiveField(spec, c, 'appArmorProfile');
      if (!profile || !isRecord(profile.value) || profile.value.type !== 'Unconfined') continue;
      const path = `${profile.path}.type`;
      byPath.set(path, [...(byPath.get(path) ?? []), c.name]);
    }
    for (const [path, names] of byPath) {
      report({ path, message: `AppArmor profile is Unconfined for ${names.map((n) => `"${n}"`).join(', ')}` });
    }
    const annotations = isRecord(meta.annotations) ? meta.annotations : {};
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(ANNOTATION_PREFIX) || value !== 'unconfined') continue;
      report({
        path: joinPath(joinPath('metadata', 'annotations'), key),
        message: `legacy annotation sets AppArmor unconfined for container "${key.slice(ANNOTATION_PREFIX.length)}"`,
      });
    }
  },
});
