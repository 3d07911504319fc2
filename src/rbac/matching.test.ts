import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiGroupMatches,
  nonResourceURLMatches,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  verbMatches,
} from './matching.ts';
import type { PolicyRule } from './types.ts';

function rule(r: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...r };
}

test('verbs: exact or *', () => {
  assert.equal(verbMatches(rule({ verbs: ['get', 'list'] }), 'list'), true);
  assert.equal(verbMatches(rule({ verbs: ['get'] }), 'watch'), false);
  assert.equal(verbMatches(rule({ verbs: ['*'] }), 'escalate'), true);
  assert.equal(verbMatches(rule({ verbs: [] }), 'get'), false);
});

test('api groups: "" is the core group only', () => {
  assert.equal(apiGroupMatches(rule({ apiGroups: [''] }), ''), true);
  assert.equal(apiGroupMatches(rule({ apiGroups: [''] }), 'apps'), false);
  assert.equal(apiGroupMatches(rule({ apiGroups: ['apps'] }), ''), false);
  assert.equal(apiGroupMatches(rule({ apiGroups: ['*'] }), 'anything.example.com'), true);
});

test('resources: subresources need their own entry, */sub or *', () => {
  const pods = rule({ resources: ['pods'] });
  assert.equal(resourceMatches(pods, 'pods', ''), true);
  assert.equal(resourceMatches(pods, 'pods/exec', 'exec'), false, 'pods does not cover pods/exec');
  assert.equal(resourceMatches(rule({ resources: ['pods/exec'] }), 'pods/exec', 'exec'), true);
  assert.equal(resourceMatches(rule({ resources: ['pods/exec'] }), 'pods', ''), false);
  assert.equal(resourceMatches(rule({ resources: ['*'] }), 'pods/exec', 'exec'), true, '* covers subresources');
  const scale = rule({ resources: ['*/scale'] });
  assert.equal(resourceMatches(scale, 'deployments/scale', 'scale'), true);
  assert.equal(resourceMatches(scale, 'deployments', ''), false);
  assert.equal(resourceMatches(scale, 'deployments/status', 'status'), false);
  // */sub must be exactly "*/" + the requested subresource, not a suffix of a longer one.
  assert.equal(resourceMatches(rule({ resources: ['*/ale'] }), 'deployments/scale', 'scale'), false);
  assert.equal(resourceMatches(rule({ resources: ['x/scale'] }), 'deployments/scale', 'scale'), false);
});

test('resourceNames: empty matches any name; otherwise only listed names, never the empty name', () => {
  assert.equal(resourceNameMatches(rule({}), ''), true);
  assert.equal(resourceNameMatches(rule({ resourceNames: ['a'] }), 'a'), true);
  assert.equal(resourceNameMatches(rule({ resourceNames: ['a'] }), 'b'), false);
  assert.equal(resourceNameMatches(rule({ resourceNames: ['a'] }), ''), false, 'list/create carry no name');
});

test('non-resource URLs: exact, *, and trailing-* prefix', () => {
  const r = rule({ nonResourceURLs: ['/healthz', '/healthz/*', '/version'] });
  assert.equal(nonResourceURLMatches(r, '/healthz'), true);
  assert.equal(nonResourceURLMatches(r, '/healthz/etcd'), true);
  assert.equal(nonResourceURLMatches(r, '/healthzx'), false);
  assert.equal(nonResourceURLMatches(r, '/version/'), false);
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['/logs/*'] }), '/logs'), false, 'prefix keeps the slash');
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['/api*'] }), '/apis/apps'), true);
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['/a**'] }), '/ab'), true, 'all trailing stars trimmed');
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['*'] }), '/anything'), true);
});

test('ruleAllows: resource rules never allow non-resource requests and vice versa', () => {
  const r = rule({ verbs: ['get'], apiGroups: ['*'], resources: ['*'] });
  assert.equal(
    ruleAllows({ verb: 'get', resource: { apiGroup: '', resource: 'pods', subresource: '', name: '' } }, r),
    true,
  );
  assert.equal(ruleAllows({ verb: 'get', path: '/healthz' }, r), false);
  const u = rule({ verbs: ['get'], nonResourceURLs: ['*'] });
  assert.equal(ruleAllows({ verb: 'get', path: '/healthz' }, u), true);
  assert.equal(
    ruleAllows({ verb: 'get', resource: { apiGroup: '', resource: 'pods', subresource: '', name: '' } }, u),
    false,
  );
});
