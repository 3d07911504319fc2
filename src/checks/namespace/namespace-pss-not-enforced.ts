import { pssCoverage } from '../../pss/coverage.ts';
import { defineCheck } from '../types.ts';

export default defineCheck({
  id: 'namespace-pss-not-enforced',
  title: 'Namespace does not enforce Pod Security Standards',
  severity: 'medium',
  category: 'pod-security',
  target: 'namespace',
  references: ['cis-k8s:5.2.1', 'cis-gke:4.2.1', 'pss:baseline', 'nist-800-53:CM-6', 'mitre:T1610'],
  rationale:
    'Without a `pod-security.kubernetes.io/enforce` label of baseline or restricted, the built-in Pod Security ' +
    'Admission lets any pod in: privileged, on the host namespaces, with any host path. Anyone who can create a pod ' +
    'or a workload there can take the node. `kube-system` is the namespace most often left open, and it is where ' +
    'provider middleware runs.',
  remediation:
    'Label the namespace with `pod-security.kubernetes.io/audit` and `warn` first, fix or except what they report, ' +
    'then set `enforce` (pinned with `enforce-version`). `kubeseam pss` prints the label plan and what each level ' +
    'would break. Middleware that needs more than baseline gets exact exceptions through `kubeseam policy`.',
  evaluate({ namespace, workloads }, { model, report }) {
    // A namespace seen only through its objects (manifests without the Namespace) has unknown labels.
    if (!namespace.declared) return;
    const cov = pssCoverage(model).namespaces.find((n) => n.namespace === namespace.name);
    if (!cov || cov.enforced) return;
    const label = 'pod-security.kubernetes.io/enforce';
    const explicit = cov.policy.enforce.explicit;
    const breaks = cov.wouldBreak.baseline.length;
    const impact =
      workloads.length === 0
        ? 'no workloads run here yet'
        : breaks === 0
          ? `all ${workloads.length} workload(s) already meet baseline, so enforcing it breaks nothing`
          : `enforcing baseline would reject ${breaks} of ${workloads.length} workload(s)`;
    const sev = cov.middleware ? 'high' : workloads.length === 0 ? 'low' : undefined;
    report({
      path: explicit ? `metadata.labels["${label}"]` : 'metadata.labels',
      message: `${explicit ? 'enforce is set to privileged' : 'no enforce label'}; ${impact}`,
      ...(sev
        ? {
            severity: sev,
            severityReason: cov.middleware
              ? 'provider middleware runs here, and this is where an attacker deploys a privileged pod unnoticed'
              : 'the namespace is empty',
          }
        : {}),
    });
  },
});
