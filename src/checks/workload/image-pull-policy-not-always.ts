import { defineCheck } from '../types.ts';
import { isDigestPinned, isLatest, parseImage } from '../util/images.ts';

export default defineCheck({
  id: 'image-pull-policy-not-always',
  title: 'Mutable image tag is not always pulled',
  severity: 'low',
  category: 'supply-chain',
  target: 'container',
  references: ['nist-800-53:CM-2', 'nist-800-53:SI-7', 'nist-800-53:AC-3', 'k8s:security-checklist'],
  rationale:
    'With `IfNotPresent` (the default for any tag other than `latest`) or `Never`, a node reuses whatever image it ' +
    'cached under that tag. Nodes then run different code for the same tag, and a pod can start a private image ' +
    'another pod pulled on the node without having pull credentials itself. Digest-pinned images are not affected.',
  remediation:
    'Pin the image by digest, or set `imagePullPolicy: Always` (registries answer a cached-digest check cheaply). ' +
    'Cluster-wide, the AlwaysPullImages admission plugin or the kubelet’s ensure-secret-pulled-images feature closes ' +
    'the credential gap.',
  evaluate({ container }, { report }) {
    if (typeof container.image !== 'string' || container.image.trim() === '') return;
    const ref = parseImage(container.image);
    if (isDigestPinned(ref)) return;
    // Defaulting: Always for latest or no tag, IfNotPresent otherwise (pkg/apis/core/v1/defaults.go SetDefaults_Container).
    const policy =
      typeof container.imagePullPolicy === 'string'
        ? container.imagePullPolicy
        : isLatest(ref)
          ? 'Always'
          : 'IfNotPresent';
    if (policy === 'Always') return;
    report({
      path: 'imagePullPolicy',
      message: `container "${container.name ?? '?'}" pulls ${container.image} with ${policy}${typeof container.imagePullPolicy === 'string' ? '' : ' (default)'}`,
    });
  },
});
