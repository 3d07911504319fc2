import { defineCheck } from '../types.ts';
import { isPlatformWorkload } from '../util/context.ts';
import { isDigestPinned, isLatest, parseImage } from '../util/images.ts';

export default defineCheck({
  id: 'image-mutable-tag',
  title: 'Image is referenced by a mutable tag',
  severity: 'medium',
  category: 'supply-chain',
  target: 'container',
  references: ['nist-800-53:CM-2', 'nist-800-53:SI-7', 'nist-800-53:SR-3', 'mitre:T1525', 'k8s:security-checklist'],
  rationale:
    'A tag is a pointer the registry owner (or anyone who obtains push rights) can move: the next pull, on a new node ' +
    'or after eviction, may run different code than what was reviewed, and nodes of one workload can run different ' +
    'versions. `latest` or no tag at all is medium; a version tag without a digest is low. Platform workloads ' +
    '(provider middleware, core components, `kube-system` and other platform namespaces) usually hold node access or ' +
    'broad RBAC, so a replaced image there reaches the whole cluster: one level higher.',
  remediation:
    'Pin images by digest (`registry/app:1.4.2@sha256:…`); tools such as Renovate or kbld keep digests current. ' +
    'Enforce it with an admission policy (`kubeseam policy`), and sign and verify images where the registry supports it.',
  evaluate({ container, workload }, { report }) {
    if (typeof container.image !== 'string' || container.image.trim() === '') return;
    const ref = parseImage(container.image);
    if (isDigestPinned(ref)) return;
    const latest = isLatest(ref);
    const what = latest
      ? ref.tag === undefined
        ? 'has no tag (latest)'
        : 'uses the latest tag'
      : `uses tag ${ref.tag ?? ''} without a digest`;
    const message = `container "${container.name ?? '?'}" image ${container.image} ${what}`;
    const platform = isPlatformWorkload(workload);
    if (platform.platform) {
      report({
        path: 'image',
        message,
        severity: latest ? 'high' : 'medium',
        severityReason: `${platform.why}: a replaced image there runs with platform privileges`,
      });
    } else if (!latest) {
      report({
        path: 'image',
        message,
        severity: 'low',
        severityReason: 'a version tag is mutable but usually not moved',
      });
    } else {
      report({ path: 'image', message });
    }
  },
});
