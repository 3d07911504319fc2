import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnresolvedImage, parseImageRef } from './images.ts';

describe('image references', () => {
  it('normalise like the runtime resolves them', () => {
    assert.deepEqual(parseImageRef('busybox'), {
      raw: 'busybox',
      repository: 'docker.io/library/busybox',
      host: 'docker.io',
      path: 'library/busybox',
    });
    assert.equal(parseImageRef('fluent/fluent-bit:3.0.2')?.repository, 'docker.io/fluent/fluent-bit');
    assert.equal(parseImageRef('fluent/fluent-bit:3.0.2')?.tag, '3.0.2');
    const ecr = parseImageRef('602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.23.1');
    assert.equal(ecr?.host, '602401143452.dkr.ecr.us-west-2.amazonaws.com');
    assert.equal(ecr?.tag, 'v1.23.1');
    const digest = parseImageRef(
      'gke.gcr.io/pause:3.8@sha256:880e63f94b145e46f1b1082bb71b85e21f16b99b180b9996407d61240ceb9830',
    );
    assert.equal(digest?.repository, 'gke.gcr.io/pause');
    assert.equal(digest?.tag, '3.8');
    assert.match(digest?.digest ?? '', /^sha256:/);
    assert.equal(parseImageRef('localhost:5000/app')?.host, 'localhost:5000');
    assert.equal(parseImageRef('MCR.Microsoft.com/oss/x:1')?.repository, 'mcr.microsoft.com/oss/x');
    assert.equal(parseImageRef('registry.k8s.io/pause')?.tag, undefined);
  });

  it('refuse templates and garbage', () => {
    assert.ok(isUnresolvedImage('${AGENT_IMAGE}:${TAG}'));
    assert.ok(isUnresolvedImage('{{ .Values.image }}'));
    assert.equal(parseImageRef('${AGENT_IMAGE}:${TAG}'), undefined);
    assert.equal(parseImageRef(''), undefined);
    assert.equal(parseImageRef('a b'), undefined);
  });
});
