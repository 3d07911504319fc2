// Context that changes how much a finding matters: is the workload provider or platform software?
import type { Workload } from '../../model/types.ts';

/**
 * Namespaces where providers and platform add-ons run. A heuristic on names, used only to raise severity where a
 * compromise reaches further (these workloads usually hold broad RBAC or node access), never to skip a finding.
 */
const PLATFORM_NAMESPACE_PATTERNS: readonly RegExp[] = [
  /^kube-(system|public|node-lease)$/,
  /-system$/, // gatekeeper-system, calico-system, istio-system, gke-managed-system, …
  /^gke-/,
  /^gmp-/, // GKE managed Prometheus
  /^(amazon|aws)-/, // amazon-cloudwatch, amazon-guardduty, aws-observability
  /^(azure|aks)-/, // azure-arc, aks-command
  /^(calico|tigera)-/,
  /^cert-manager$/,
  /^(ingress-nginx|monitoring|logging)$/,
];

export function isPlatformNamespace(namespace: string): boolean {
  return PLATFORM_NAMESPACE_PATTERNS.some((r) => r.test(namespace));
}

/** Provider middleware, core components, or anything in a platform namespace. */
export function isPlatformWorkload(w: Workload): { platform: boolean; why: string } {
  const cls = w.classification?.class;
  if (cls === 'middleware' || cls === 'core') {
    const who = w.classification?.component ? ` (${w.classification.component})` : '';
    return { platform: true, why: `${cls} component${who}` };
  }
  if (isPlatformNamespace(w.namespace)) return { platform: true, why: `platform namespace ${w.namespace}` };
  return { platform: false, why: '' };
}
