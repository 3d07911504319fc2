import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSubject, implicitAudienceOf, parseSubject, SubjectParseError, userInfoFor } from './subjects.ts';

test('parseSubject: the three prefixes and the service-account username form', () => {
  assert.deepEqual(parseSubject('user:alice'), { kind: 'User', name: 'alice' });
  assert.deepEqual(parseSubject('group:system:masters'), { kind: 'Group', name: 'system:masters' });
  assert.deepEqual(parseSubject('sa:kube-system:aws-node'), {
    kind: 'ServiceAccount',
    namespace: 'kube-system',
    name: 'aws-node',
  });
  assert.deepEqual(parseSubject('sa:kube-system/aws-node'), parseSubject('sa:kube-system:aws-node'));
  assert.deepEqual(parseSubject('serviceaccount:a:b'), { kind: 'ServiceAccount', namespace: 'a', name: 'b' });
  assert.deepEqual(parseSubject('system:serviceaccount:a:b'), { kind: 'ServiceAccount', namespace: 'a', name: 'b' });
  assert.deepEqual(parseSubject('user:system:node:ip-10-0-0-1'), { kind: 'User', name: 'system:node:ip-10-0-0-1' });
});

test('parseSubject rejects malformed input', () => {
  for (const bad of ['alice', 'user:', ':x', 'robot:x', 'sa:only-namespace', 'sa:a:b:c', 'sa::b']) {
    assert.throws(() => parseSubject(bad), SubjectParseError, bad);
  }
});

test('userInfoFor: implicit groups as the authenticators add them', () => {
  assert.deepEqual(userInfoFor({ kind: 'ServiceAccount', namespace: 'ns1', name: 'sa1' }), {
    name: 'system:serviceaccount:ns1:sa1',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated'],
  });
  assert.deepEqual(userInfoFor({ kind: 'User', name: 'alice', groups: ['devs'] }), {
    name: 'alice',
    groups: ['devs', 'system:authenticated'],
  });
  assert.deepEqual(userInfoFor({ kind: 'User', name: 'system:anonymous' }), {
    name: 'system:anonymous',
    groups: ['system:unauthenticated'],
  });
  // A group as such: no user name (so no User subject can match), its members are authenticated.
  assert.deepEqual(userInfoFor({ kind: 'Group', name: 'devs' }), { groups: ['devs', 'system:authenticated'] });
  assert.deepEqual(userInfoFor({ kind: 'Group', name: 'system:unauthenticated' }), {
    groups: ['system:unauthenticated'],
  });
});

test('implicit audiences', () => {
  assert.equal(implicitAudienceOf({ kind: 'Group', name: 'system:authenticated' })?.audience, 'all-authenticated');
  assert.equal(implicitAudienceOf({ kind: 'Group', name: 'system:unauthenticated' })?.audience, 'unauthenticated');
  assert.equal(implicitAudienceOf({ kind: 'Group', name: 'system:serviceaccounts' })?.audience, 'all-serviceaccounts');
  assert.equal(
    implicitAudienceOf({ kind: 'Group', name: 'system:serviceaccounts:kube-system' })?.audience,
    'namespace-serviceaccounts',
  );
  assert.equal(implicitAudienceOf({ kind: 'User', name: 'system:anonymous' })?.audience, 'anonymous');
  assert.equal(implicitAudienceOf({ kind: 'Group', name: 'system:masters' }), undefined);
  assert.equal(implicitAudienceOf({ kind: 'User', name: 'system:authenticated' }), undefined);
});

test('formatSubject', () => {
  assert.equal(formatSubject({ kind: 'ServiceAccount', namespace: 'a', name: 'b' }), 'ServiceAccount a/b');
  assert.equal(formatSubject({ kind: 'Group', name: 'g' }), 'Group g');
});
