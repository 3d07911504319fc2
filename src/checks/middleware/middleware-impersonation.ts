import { classificationDetail, ensureClassified } from '../../inventory/classify.ts';
import { defineCheck } from '../types.ts';

const PROVIDERS = { eks: 'EKS', aks: 'AKS', gke: 'GKE' } as const;

export default defineCheck({
  id: 'middleware-impersonation',
  title: 'Workload is named like provider middleware but runs an image from elsewhere',
  severity: 'critical',
  category: 'middleware',
  target: 'podTemplate',
  references: ['mitre:T1525', 'mitre:T1610', 'nist-800-53:SR-3', 'nist-800-53:SI-7', 'nist-800-53:CM-8'],
  rationale:
    'Names and labels are free to copy: a DaemonSet called `aws-node` or `fluentbit-gke` in `kube-system` is ' +
    'waved through by reviewers and often by policy exceptions written for the real component (the GKE Autopilot ' +
    'allowlist masquerade showed the pattern). When its image does not come from the provider’s registry it is not ' +
    'the provider’s code: an attacker’s implant, or a customer fork running with the trust of middleware.',
  remediation:
    'Check the image against the provider’s published image for the component. If it is not expected, isolate the ' +
    'nodes it ran on, rotate credentials it could reach, and delete it. Write policy exceptions for middleware on ' +
    'image repositories and digests, never on names.',
  evaluate({ workload, spec }, { model, report }) {
    ensureClassified(model);
    const d = classificationDetail(workload);
    if (d?.match.kind !== 'impersonation') return;
    const component = d.match.component;
    const claimed = d.match.claim === 'labels' ? `labelled like ${component.id}` : `named like ${component.id}`;
    for (const type of ['initContainers', 'containers'] as const) {
      const list = spec[type];
      if (!Array.isArray(list)) continue;
      list.forEach((c, i) => {
        const verdict =
          d.match.kind === 'impersonation'
            ? d.match.images.find((v) => v.container === (c.name ?? '') && v.image === (c.image ?? ''))
            : undefined;
        if (verdict?.status !== 'foreign') return;
        report({
          path: `spec.${type}[${i}].image`,
          message: `${claimed} but container ${verdict.container} runs ${verdict.image}, which comes from no ${PROVIDERS[component.provider]} registry (catalogued: ${component.recognize.images.join(', ')})`,
        });
      });
    }
  },
});
