// Steps that start at a workload: its token (IDENTITY_ASSUME), its routes onto the node (escape.ts), the cloud
// metadata API (network analysis), and the configuration it reads; and the steps from node root onwards.
import { consumedConfig } from '../inventory/privileges.ts';
import { formatRef } from '../model/refs.ts';
import type { Workload } from '../model/types.ts';
import { can } from '../rbac/can.ts';
import type { EndpointExposure, WorkloadExposure } from '../network/metadata.ts';
import { nodeRoutes } from './escape.ts';
import { bestCredentialEndpoint } from './metadata.ts';
import { nodeTokensVertex, saVertex, workloadVertex, type BuildContext } from './context.ts';
import { configWriteEdges } from './rbac-edges.ts';
import type { Evidence } from './types.ts';

/** Whether pods get a token: a projected token volume, else the pod field, else the ServiceAccount's, else true. */
export function tokenMountedIndex(ctx: BuildContext): (w: Workload) => boolean {
  const saAutomount = new Map<string, boolean>();
  for (const so of ctx.model.byKind.get('ServiceAccount') ?? []) {
    const v = so.object.automountServiceAccountToken;
    if (typeof v === 'boolean') {
      saAutomount.set(`${so.object.metadata.namespace ?? 'default'}/${so.object.metadata.name ?? ''}`, v);
    }
  }
  return (w) => {
    const spec = w.podSpec;
    const projected = (Array.isArray(spec.volumes) ? spec.volumes : []).some((v) =>
      (Array.isArray(v?.projected?.sources) ? v.projected.sources : []).some(
        (s) => typeof s?.serviceAccountToken === 'object' && s.serviceAccountToken !== null,
      ),
    );
    if (projected) return true;
    if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
    return saAutomount.get(`${w.namespace}/${w.serviceAccountName}`) ?? true;
  };
}

function fieldEvidence(w: Workload, rel: string, text: string): Evidence {
  return { type: 'field', ref: w.ref, path: `${w.specPath}.${rel}`, text };
}

function metadataEvidence(e: EndpointExposure): Evidence[] {
  const out: Evidence[] = e.reasons.slice(0, 2).map((text) => ({ type: 'network', text }));
  for (const p of e.policies.slice(0, 2)) out.push({ type: 'network', ref: p, text: `policy ${formatRef(p)}` });
  return out;
}

export function metadataStep(ctx: BuildContext, from: number, e: EndpointExposure, who: string): void {
  // With the provider unknown every provider's endpoints are evaluated; say what is known: the address is open.
  const certain = e.exposed === 'yes' && ctx.provider !== 'unknown';
  ctx.g.edge(from, ctx.cloudIdentity, {
    kind: 'metadata-api',
    weight: certain ? 1 : 2,
    explanation:
      ctx.provider === 'unknown'
        ? `${who} reaches ${e.address}:${e.port}, where a cloud node's metadata API hands out its identity (provider unknown)`
        : certain
          ? `${who} reaches ${e.name} (${e.address}:${e.port}), which hands out the node's cloud credentials`
          : `${who} reaches ${e.name} (${e.address}:${e.port}); credentials depend on node settings kubeseam cannot see`,
    evidence: metadataEvidence(e),
    ...(certain ? {} : { conditional: true }),
  });
}

export function addWorkloadEdges(ctx: BuildContext, exposures: Map<Workload, WorkloadExposure>): void {
  const mounted = tokenMountedIndex(ctx);
  const tokens = nodeTokensVertex(ctx);
  for (const w of ctx.model.workloads) {
    const v = workloadVertex(ctx, w);
    const hasToken = mounted(w);
    if (hasToken) {
      ctx.g.edge(v, saVertex(ctx, w.namespace, w.serviceAccountName), {
        kind: 'uses-token',
        weight: 1,
        explanation: `its pods carry the token of service account ${w.namespace}/${w.serviceAccountName} (IDENTITY_ASSUME)`,
        evidence: [fieldEvidence(w, 'serviceAccountName', `service account ${w.serviceAccountName}, token mounted`)],
      });
    }
    let powerful = w.podSpec.hostNetwork === true;
    for (const r of nodeRoutes(w.podSpec, ctx.provider)) {
      if (r.needsLogRead === true && !(hasToken && readsLogs(ctx, w))) continue;
      ctx.g.edge(v, r.to === 'node-root' ? ctx.nodeRoot : tokens, {
        kind: r.kind,
        weight: r.weight,
        explanation: r.explanation,
        evidence: [fieldEvidence(w, r.path, r.explanation)],
      });
      if (r.to === 'node-root') powerful = true;
    }
    const e = bestCredentialEndpoint(exposures.get(w));
    if (e) metadataStep(ctx, v, e, w.podSpec.hostNetwork === true ? 'a host-network pod' : 'a pod');
    // Configuration read by a workload that is node root or on the host network: rewriting it runs code there.
    if (powerful) {
      const consumed = consumedConfig(w.podSpec);
      for (const [kind, names] of [
        ['ConfigMap', consumed.configMaps],
        ['Secret', consumed.secrets],
      ] as const) {
        for (const name of names) {
          const cv = configWriteEdges(ctx, kind, w.namespace, name);
          if (cv === undefined) continue;
          ctx.g.edge(cv, v, {
            kind: 'config-exec',
            weight: 2,
            explanation: `read by ${w.kind} ${w.namespace}/${w.name}: a configuration change runs code in it (Fluent Bit exec input, Node Problem Detector plugins, CNI settings)`,
            evidence: [fieldEvidence(w, 'volumes', `reads ${kind} ${name}`)],
          });
        }
      }
    }
  }
}

function readsLogs(ctx: BuildContext, w: Workload): boolean {
  const sa = { kind: 'ServiceAccount' as const, namespace: w.namespace, name: w.serviceAccountName };
  return (
    can(ctx.index, sa, {
      verb: 'get',
      apiGroup: '',
      resource: 'pods',
      subresource: 'log',
      namespace: w.namespace,
      anyName: true,
    }).allowed ||
    can(ctx.index, sa, { verb: 'get', apiGroup: '', resource: 'nodes', subresource: 'proxy', anyName: true }).allowed
  );
}

/** Node root onwards: the node's cloud identity and the tokens in the kubelet pod folders. */
export function addNodeEdges(ctx: BuildContext): void {
  const mounted = tokenMountedIndex(ctx);
  const unknown = ctx.provider === 'unknown';
  ctx.g.edge(ctx.nodeRoot, ctx.cloudIdentity, {
    kind: 'node-cloud-identity',
    weight: unknown ? 2 : 1,
    explanation: unknown
      ? 'root on the node uses its network stack: if the node runs in a cloud, the metadata API hands out its identity'
      : "root on the node uses its network stack: the metadata API hands out the node's cloud identity; NetworkPolicy and provider protections do not apply to the host",
    evidence: [
      { type: 'note', text: 'host network traffic is outside NetworkPolicy; documented protections exclude it' },
    ],
    ...(unknown ? { conditional: true } : {}),
  });
  const tokens = nodeTokensVertex(ctx);
  ctx.g.edge(ctx.nodeRoot, tokens, {
    kind: 'node-tokens',
    weight: 1,
    explanation: 'root on the node reads the kubelet pod folders (/var/lib/kubelet/pods/*/volumes)',
    evidence: [{ type: 'note', text: 'projected service-account tokens are files on the node' }],
  });
  // Which pods share the node is not modelled: DaemonSet pods are on every node (certain, nodeSelector aside);
  // any other pod may be (an over-approximation, weighted so that certain steps win).
  const seen = new Map<string, boolean>();
  for (const w of ctx.model.workloads) {
    if (!mounted(w)) continue;
    const key = `${w.namespace}\0${w.serviceAccountName}`;
    const certain = w.kind === 'DaemonSet';
    if (seen.get(key) === true || (seen.has(key) && !certain)) continue;
    seen.set(key, certain);
    ctx.g.edge(tokens, saVertex(ctx, w.namespace, w.serviceAccountName), {
      kind: 'steal-token',
      weight: certain ? 0 : 2,
      explanation: certain
        ? `DaemonSet ${w.namespace}/${w.name} runs on every node with the token of ${w.namespace}/${w.serviceAccountName}`
        : `${w.kind} ${w.namespace}/${w.name} may run on the same node with the token of ${w.namespace}/${w.serviceAccountName} (scheduling not modelled)`,
      evidence: [fieldEvidence(w, 'serviceAccountName', `${formatRef(w.ref)} runs as ${w.serviceAccountName}`)],
      ...(certain ? {} : { overApproximate: true }),
    });
  }
}
