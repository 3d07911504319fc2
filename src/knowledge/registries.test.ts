import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EKS_ADDON_ACCOUNTS, expandImagePattern, imagePatternRegExp, registryOf, REGISTRIES } from './registries.ts';

describe('registries', () => {
  it('are well-formed: unique ids, patterns that compile, sources', () => {
    const ids = REGISTRIES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of REGISTRIES) {
      assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.doesNotThrow(() => new RegExp(`^(?:${r.pattern})/`));
      assert.ok(r.sources.length > 0 && r.description.length > 10, r.id);
    }
    const accounts = EKS_ADDON_ACCOUNTS.map((a) => a.account);
    assert.equal(new Set(accounts).size, accounts.length);
    for (const a of accounts) assert.match(a, /^\d{12}$/);
  });

  it('recognise EKS add-on accounts in any region and no other account', () => {
    const re = imagePatternRegExp('{eks-addon-ecr}/amazon-k8s-cni');
    assert.ok(re.test('602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni'));
    assert.ok(re.test('877085696533.dkr.ecr.af-south-1.amazonaws.com/amazon-k8s-cni'));
    assert.ok(re.test('918309763551.dkr.ecr.cn-north-1.amazonaws.com.cn/amazon-k8s-cni'));
    assert.ok(!re.test('123456789012.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni'));
    assert.ok(!re.test('602401143452.dkr.ecr.us-west-2.amazonaws.com.evil.io/amazon-k8s-cni'));
    assert.ok(!re.test('602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-evil'));
  });

  it('scope shared hosts to the publisher’s path', () => {
    assert.equal(registryOf('public.ecr.aws/eks/aws-load-balancer-controller')?.id, 'aws-public-ecr');
    assert.equal(registryOf('public.ecr.aws/someone/aws-load-balancer-controller'), undefined);
    assert.equal(registryOf('gcr.io/gke-release/nvidia-gpu-device-plugin')?.id, 'gke-release');
    assert.equal(registryOf('gcr.io/my-project/nvidia-gpu-device-plugin'), undefined);
    assert.equal(registryOf('mcr.microsoft.com/oss/kubernetes/kube-proxy')?.owner, 'aks');
    assert.equal(registryOf('registry.k8s.io/ingress-nginx/controller')?.owner, 'kubernetes');
  });

  it('reject unknown registry ids in patterns', () => {
    assert.throws(() => expandImagePattern('{nope}/x'), /unknown registry/);
  });
});
