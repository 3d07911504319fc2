import { joinPath } from '../../model/paths.ts';
import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const OPEN = new Set(['0.0.0.0/0', '::/0']);

/** Annotations that make the provider's load balancer internal (VPC/VNet only), with the provider that reads them. */
const INTERNAL_ANNOTATIONS: readonly { key: string; value: (v: string) => boolean; provider: string }[] = [
  // kubernetes/cloud-provider-aws pkg/providers/v1/aws.go ServiceAnnotationLoadBalancerInternal: any value.
  {
    key: 'service.beta.kubernetes.io/aws-load-balancer-internal',
    value: (v) => v !== '' && v !== 'false',
    provider: 'AWS',
  },
  // aws-load-balancer-controller: scheme internal.
  {
    key: 'service.beta.kubernetes.io/aws-load-balancer-scheme',
    value: (v) => v === 'internal',
    provider: 'AWS LB controller',
  },
  { key: 'service.beta.kubernetes.io/azure-load-balancer-internal', value: (v) => v === 'true', provider: 'Azure' },
  { key: 'networking.gke.io/load-balancer-type', value: (v) => v.toLowerCase() === 'internal', provider: 'GKE' },
  {
    key: 'cloud.google.com/load-balancer-type',
    value: (v) => v.toLowerCase() === 'internal',
    provider: 'GKE (legacy)',
  },
];

export default defineCheck({
  id: 'load-balancer-source-ranges-missing',
  title: 'LoadBalancer Service accepts traffic from any address',
  severity: 'medium',
  category: 'network',
  target: 'object',
  kinds: ['Service'],
  references: ['nist-800-53:SC-7', 'nist-800-53:AC-4', 'mitre:T1190', 'k8s:security-checklist'],
  rationale:
    'A `type: LoadBalancer` Service asks the cloud provider for a load balancer, public unless annotated internal. ' +
    'Without `loadBalancerSourceRanges` (or with `0.0.0.0/0`) the provider opens it, and the node ports behind it, ' +
    'to every address: admin UIs, databases and metrics endpoints exposed "temporarily" are found by internet scanners ' +
    'within hours. Internal load balancers are low severity: reachable from the whole VPC/VNet and its peerings.',
  remediation:
    'Set `spec.loadBalancerSourceRanges` to the client networks, or make the load balancer internal with the ' +
    'provider’s annotation, or put the service behind an Ingress/Gateway with authentication and keep it ClusterIP.',
  evaluate({ object }, { report }) {
    const spec = isRecord(object.spec) ? object.spec : {};
    if (spec.type !== 'LoadBalancer') return;
    const annotations = isRecord(object.metadata.annotations) ? object.metadata.annotations : {};
    const internal = INTERNAL_ANNOTATIONS.find((a) => {
      const v = annotations[a.key];
      return typeof v === 'string' && a.value(v);
    });
    const ranges = Array.isArray(spec.loadBalancerSourceRanges)
      ? spec.loadBalancerSourceRanges.filter((r): r is string => typeof r === 'string')
      : [];
    const annotated =
      typeof annotations[SOURCE_RANGES_ANNOTATION] === 'string' ? annotations[SOURCE_RANGES_ANNOTATION] : '';
    const name = object.metadata.name ?? '?';
    const lowered = internal
      ? {
          severity: 'low' as const,
          severityReason: `internal load balancer (${internal.provider} annotation ${internal.key}): reachable from the private network only`,
        }
      : {};
    if (ranges.length === 0 && annotated.trim() === '') {
      report({
        path: 'spec.loadBalancerSourceRanges',
        message: `LoadBalancer Service ${name} sets no source ranges`,
        ...lowered,
      });
      return;
    }
    ranges.forEach((r, i) => {
      if (OPEN.has(r.trim())) {
        report({
          path: `spec.loadBalancerSourceRanges[${i}]`,
          message: `LoadBalancer Service ${name} allows ${r}`,
          ...lowered,
        });
      }
    });
    if (ranges.length === 0 && annotated.split(',').some((r) => OPEN.has(r.trim()))) {
      report({
        path: joinPath('metadata.annotations', SOURCE_RANGES_ANNOTATION),
        message: `LoadBalancer Service ${name} allows every address through its source-ranges annotation`,
        ...lowered,
      });
    }
  },
});
