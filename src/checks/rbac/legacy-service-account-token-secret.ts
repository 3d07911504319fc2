import { joinPath } from '../../model/paths.ts';
import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';

// Secret metadata only: live collection never reads Secret data, and this check needs none.
const TYPE = 'kubernetes.io/service-account-token';
const SA_NAME = 'kubernetes.io/service-account.name';
// Set by the legacy token tracking and cleaning controllers (Kubernetes 1.26+ / 1.29+).
const LAST_USED = 'kubernetes.io/legacy-token-last-used';
const INVALID_SINCE = 'kubernetes.io/legacy-token-invalid-since';

export default defineCheck({
  id: 'legacy-service-account-token-secret',
  title: 'Long-lived service-account token Secret',
  severity: 'medium',
  category: 'identity',
  target: 'object',
  kinds: ['Secret'],
  references: [
    'cis-k8s:5.1.6',
    'k8s:configure-service-account',
    'k8s:secrets-good-practices',
    'nist-800-53:IA-5',
    'nist-800-53:AC-2',
    'mitre:T1552.007',
  ],
  rationale:
    'A Secret of type `kubernetes.io/service-account-token` holds a token that never expires and is not bound to a ' +
    'pod: whoever reads it once (anyone with `get secrets` in the namespace, a backup, a GitOps repository) can use ' +
    'it until the Secret is deleted. Pods have received short-lived projected tokens since Kubernetes 1.22, so such ' +
    'Secrets are usually leftovers or CI credentials. kubeseam reads only metadata: the type, or the ' +
    '`kubernetes.io/service-account.name` annotation when live collection strips the type. Tokens the cleaner has ' +
    'already invalidated are low.',
  remediation:
    'Delete the Secret. Clients outside the cluster should request short-lived tokens (`kubectl create token`, the ' +
    'TokenRequest API) or use the provider’s identity federation; if a long-lived token is unavoidable, rotate it ' +
    'and restrict who can read Secrets in the namespace.',
  evaluate({ object }, { report }) {
    const annotations = isRecord(object.metadata.annotations) ? object.metadata.annotations : {};
    const labels = isRecord(object.metadata.labels) ? object.metadata.labels : {};
    const typed = object.type === TYPE;
    const sa = typeof annotations[SA_NAME] === 'string' ? annotations[SA_NAME] : undefined;
    if (!typed && (sa === undefined || object.type !== undefined)) return;
    const path = typed ? 'type' : joinPath('metadata.annotations', SA_NAME);
    const lastUsed = typeof labels[LAST_USED] === 'string' ? `; last used ${labels[LAST_USED]}` : '';
    const message = `Secret ${object.metadata.name ?? '?'} holds a non-expiring token of service account ${sa ?? '?'}${lastUsed}`;
    const invalid = labels[INVALID_SINCE];
    if (typeof invalid === 'string') {
      report({
        path,
        message,
        severity: 'low',
        severityReason: `the token was invalidated on ${invalid}; the Secret is a leftover`,
      });
    } else {
      report({ path, message });
    }
  },
});
