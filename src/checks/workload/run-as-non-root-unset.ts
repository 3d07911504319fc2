import { defineCheck } from '../types.ts';
import { containersAt, containerSc, effectiveField, isWindowsPod, podSc, type ContainerAt } from '../util/pod.ts';

export default defineCheck({
  id: 'run-as-non-root-unset',
  title: 'Container may run as root: runAsNonRoot is not set',
  severity: 'medium',
  category: 'pod-security',
  target: 'podTemplate',
  references: ['cis-k8s:5.2.7', 'cis-eks:4.2.6', 'cis-aks:4.2.6', 'pss:restricted', 'nist-800-53:AC-6', 'mitre:T1611'],
  rationale:
    'Without `runAsNonRoot: true` or a non-zero `runAsUser`, the image decides the user, and most public images run as ' +
    'root. Nothing stops a new image version, or an attacker-chosen image, from running as UID 0 on the node. ' +
    'Containers set to UID 0 explicitly are reported by run-as-root-user instead.',
  remediation:
    'Set `securityContext.runAsNonRoot: true` in the pod spec (the kubelet then refuses images that would run as root), ' +
    'and a non-zero `runAsUser` if the image has no numeric USER.',
  evaluate({ spec }, { report }) {
    if (isWindowsPod(spec)) return;
    const all = containersAt(spec);
    const decidedAt = new Map<string, string[]>();
    const unsetEverywhere: ContainerAt[] = [];
    for (const c of all) {
      const nonRoot = effectiveField(spec, c, 'runAsNonRoot');
      const user = effectiveField(spec, c, 'runAsUser');
      if (nonRoot?.value === true) continue;
      if (typeof user?.value === 'number') continue; // non-zero passes; zero is run-as-root-user's finding
      if (nonRoot !== undefined) {
        const names = decidedAt.get(nonRoot.path) ?? [];
        names.push(c.name);
        decidedAt.set(nonRoot.path, names);
      } else {
        unsetEverywhere.push(c);
      }
    }
    // When no container sets anything, the fix is one pod-level field: report it once there.
    const podFieldUnset = podSc(spec)?.runAsNonRoot === undefined;
    const noContainerSets = all.every((c) => containerSc(c.container)?.runAsNonRoot === undefined);
    if (unsetEverywhere.length > 0 && unsetEverywhere.length === all.length && podFieldUnset && noContainerSets) {
      decidedAt.set(
        'spec.securityContext.runAsNonRoot',
        unsetEverywhere.map((c) => c.name),
      );
    } else {
      for (const c of unsetEverywhere) decidedAt.set(`${c.path}.securityContext.runAsNonRoot`, [c.name]);
    }
    for (const [path, names] of decidedAt) {
      report({
        path,
        message: `runAsNonRoot is not true and no non-root runAsUser is set for ${names.map((n) => `"${n}"`).join(', ')}: the image decides`,
      });
    }
  },
});
