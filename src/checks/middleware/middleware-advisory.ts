import { ADVISORIES, matchImageAdvisories, nodeImageDate } from '../../knowledge/advisories.ts';
import { ensureClassified } from '../../inventory/classify.ts';
import { hostPathCovers } from '../../inventory/drift.ts';
import { parseImageRef } from '../../inventory/images.ts';
import { joinPath } from '../../model/paths.ts';
import { refOf } from '../../model/refs.ts';
import { defineCheck } from '../types.ts';

const PATCH_TEXT = {
  provider: 'the provider rolls the fix out (keep the cluster on a supported, upgraded version)',
  'addon-update': 'update the add-on or chart to a fixed version',
  'node-image-upgrade': 'upgrade or reimage the nodes to a fixed node image',
} as const;

export default defineCheck({
  id: 'middleware-advisory',
  title: 'Middleware or node image affected by a published security advisory',
  severity: 'high',
  category: 'middleware',
  target: 'cluster',
  references: ['nist-800-53:SI-2', 'nist-800-53:RA-5', 'mitre:T1190', 'mitre:T1068'],
  rationale:
    'Provider middleware and node images are patched on the provider’s schedule, the customer’s upgrade cadence, or ' +
    'both, and image scanners rarely look at them. A component whose version a provider bulletin or CVE names as ' +
    'affected keeps the vulnerability until someone acts: Fluent Bit’s HTTP server, ingress-nginx’s admission ' +
    'webhook and the GKE logging agent have all given attackers a path from one pod to the cluster.',
  remediation:
    'Apply the fix on the advisory’s patch path: upgrade the cluster or node pools to a fixed version, update the ' +
    'add-on, or reimage the nodes. Until then apply the advisory’s mitigations (network policy to the exposed port, ' +
    'removing the vulnerable feature).',
  evaluate(model, { report }) {
    ensureClassified(model);
    for (const w of model.workloads) {
      const cls = w.classification;
      const component = cls && cls.class !== 'workload' ? cls.component : undefined;
      for (const type of ['initContainers', 'containers'] as const) {
        const list = w.podSpec[type];
        if (!Array.isArray(list)) continue;
        list.forEach((c, i) => {
          const ref = typeof c.image === 'string' ? parseImageRef(c.image) : undefined;
          if (!ref) return;
          for (const m of matchImageAdvisories(ref.repository, ref.tag, component)) {
            report({
              resource: w.ref,
              source: w.source,
              path: `${w.specPath}.${type}[${i}].image`,
              severity: m.advisory.severity,
              severityReason: `severity of ${m.advisory.id}`,
              message: `${c.image} (version ${m.version}) is affected by ${m.advisory.id}: ${m.advisory.title}. Fixed: ${m.advisory.fixed}; ${component ? PATCH_TEXT[m.matcher.patchPath] : 'update the image (customer-installed)'}`,
            });
          }
        });
      }
      if (!component) continue;
      for (const a of ADVISORIES) {
        for (const m of a.matchers) {
          if (m.kind !== 'host-path' || !m.components.includes(component)) continue;
          (Array.isArray(w.podSpec.volumes) ? w.podSpec.volumes : []).forEach((v, i) => {
            const p = v.hostPath?.path;
            if (typeof p !== 'string' || !hostPathCovers(p, m.hostPath)) return;
            report({
              resource: w.ref,
              source: w.source,
              path: `${w.specPath}.volumes[${i}].hostPath.path`,
              severity: a.severity,
              severityReason: `severity of ${a.id}`,
              message: `${component} mounts ${p}, the exposure ${a.id} removed (${a.title}); ${PATCH_TEXT[m.patchPath]}`,
            });
          });
        }
      }
    }
    const present = new Set(model.workloads.map((w) => w.classification?.component).filter((c) => c !== undefined));
    for (const node of model.nodes) {
      const labels = node.object.metadata.labels ?? {};
      for (const a of ADVISORIES) {
        for (const m of a.matchers) {
          if (m.kind !== 'node-image') continue;
          const version = labels[m.label];
          const date = typeof version === 'string' ? nodeImageDate(version) : undefined;
          if (!date || date >= m.before) continue;
          if (m.whenComponents && !m.whenComponents.some((c) => present.has(c))) continue;
          report({
            resource: refOf(node.object),
            source: node,
            path: joinPath('metadata.labels', m.label),
            severity: a.severity,
            severityReason: `severity of ${a.id}`,
            message: `node image ${String(version)} (built ${date}) predates the fix for ${a.id}: ${a.title}; ${PATCH_TEXT[m.patchPath]}`,
          });
        }
      }
    }
  },
});
