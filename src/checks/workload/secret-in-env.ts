import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';

const str = (x: unknown): string => (typeof x === 'string' ? x : '?');

export default defineCheck({
  id: 'secret-in-env',
  title: 'Secret is passed through environment variables',
  severity: 'low',
  category: 'secrets',
  target: 'container',
  references: [
    'cis-k8s:5.4.1',
    'cis-eks:4.4.1',
    'cis-aks:4.5.1',
    'cis-gke:4.4.1',
    'k8s:secrets-good-practices',
    'nist-800-53:SC-28',
  ],
  rationale:
    'Environment variables are copied into every child process, printed by crash handlers, debug endpoints and ' +
    '`env` in support bundles, and readable from /proc/<pid>/environ by anyone on the node with hostPID. A Secret ' +
    'mounted as a file stays in tmpfs, can be rotated without a restart, and is read only when needed.',
  remediation:
    'Mount the Secret as a volume (`secret` or projected) with `readOnly: true` and read the file, or fetch it at ' +
    'run time from a secrets manager through the Secrets Store CSI driver.',
  evaluate({ container }, { report }) {
    const env = Array.isArray(container.env) ? container.env : [];
    env.forEach((e, i) => {
      if (!isRecord(e) || !isRecord(e.valueFrom) || !isRecord(e.valueFrom.secretKeyRef)) return;
      const ref = e.valueFrom.secretKeyRef;
      report({
        path: `env[${i}].valueFrom.secretKeyRef`,
        message: `container "${container.name ?? '?'}" reads Secret ${str(ref.name)} key ${str(ref.key)} into $${str(e.name)}`,
      });
    });
    const envFrom = Array.isArray(container.envFrom) ? container.envFrom : [];
    envFrom.forEach((e, i) => {
      if (!isRecord(e) || !isRecord(e.secretRef)) return;
      report({
        path: `envFrom[${i}].secretRef`,
        message: `container "${container.name ?? '?'}" loads every key of Secret ${str(e.secretRef.name)} into its environment`,
      });
    });
  },
});
