import { BUILTIN_API_GROUPS, isDefaultOnBeta, stageOf } from '../../knowledge/api-deprecations.ts';
import { refOf } from '../../model/refs.ts';
import type { SourcedObject } from '../../model/types.ts';
import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';
import { controlPlaneVersion } from '../util/cluster.ts';

interface Served {
  group: string;
  version: string;
  /** The APIService object that registers it, when collected; else the index in `apiGroupVersions`. */
  apiService?: SourcedObject;
  index?: number;
}

/** Served group versions: discovery's list, and APIService objects (every built-in group version has a local one). */
function servedGroupVersions(
  apiGroupVersions: readonly unknown[] | undefined,
  apiServices: readonly SourcedObject[],
): Served[] {
  const out = new Map<string, Served>();
  for (const so of apiServices) {
    const spec = isRecord(so.object.spec) ? so.object.spec : {};
    const group = typeof spec.group === 'string' ? spec.group : '';
    if (typeof spec.version !== 'string') continue;
    out.set(`${group}/${spec.version}`, { group, version: spec.version, apiService: so });
  }
  (apiGroupVersions ?? []).forEach((gv, index) => {
    if (typeof gv !== 'string') return;
    const i = gv.lastIndexOf('/');
    const group = i < 0 ? '' : gv.slice(0, i);
    const version = i < 0 ? gv : gv.slice(i + 1);
    const key = `${group}/${version}`;
    if (!out.has(key)) out.set(key, { group, version, index });
  });
  return [...out.values()];
}

export default defineCheck({
  id: 'alpha-beta-api-served',
  title: 'Control plane serves built-in alpha or off-by-default beta APIs',
  severity: 'low',
  category: 'hygiene',
  target: 'cluster',
  references: ['nist-800-53:CM-7', 'nist-800-53:CM-6'],
  rationale:
    'Every API version the API server serves is attack surface: its validation, defaulting, admission and ' +
    'authorization paths. Alpha APIs are off by default, unsupported, may change or disappear in any release, and ' +
    'have seen the least security review; serving them on a managed cluster is unusual and means someone enabled ' +
    'feature gates (GKE alpha clusters, a provider preview). Since 1.24 upstream also ships new beta APIs disabled ' +
    '(KEP-3136), so a new built-in beta that is served was turned on by the provider or the operator — know which, ' +
    'because policy tools, RBAC reviews and admission policies often do not cover them yet. API versions of custom ' +
    'resources and aggregated servers are their owners’ business and are not reported.',
  remediation:
    'Turn off alpha API groups and feature gates on production clusters (on GKE, do not use alpha clusters for ' +
    'production). For beta APIs the provider enabled, confirm the feature is wanted, restrict who may create its ' +
    'objects with RBAC, and extend admission policies to the new kinds.',
  evaluate(model, { report }) {
    const minor = controlPlaneVersion(model)?.minor;
    for (const s of servedGroupVersions(model.cluster.apiGroupVersions, model.byKind.get('APIService') ?? [])) {
      if (!BUILTIN_API_GROUPS.has(s.group)) continue;
      const stage = stageOf(s.version);
      if (stage !== 'alpha' && stage !== 'beta') continue;
      const gv = s.group ? `${s.group}/${s.version}` : s.version;
      const where = s.apiService
        ? { resource: refOf(s.apiService.object), source: s.apiService, path: 'spec.version' }
        : { path: `apiGroupVersions[${s.index ?? 0}]` };
      if (stage === 'alpha') {
        report({
          ...where,
          severity: 'medium',
          severityReason: 'alpha API: unsupported and least reviewed',
          message: `the API server serves alpha API ${gv}: alpha feature gates are enabled on this cluster`,
        });
      } else if (isDefaultOnBeta(gv, minor)) {
        report({
          ...where,
          severity: 'info',
          severityReason: 'beta API that upstream serves by default at this version',
          message: `the API server serves beta API ${gv}, on by default upstream until its removal; plan the move to its successor`,
        });
      } else {
        report({
          ...where,
          message:
            `the API server serves beta API ${gv}, which upstream ships disabled since 1.24: ` +
            'the provider or the cluster operator turned it on',
        });
      }
    }
  },
});
