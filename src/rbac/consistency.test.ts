// Randomized cross-checks of the indexed engine against a literal transcription of the authorizer
// (rule.go VisitRulesFor / appliesToUser / GetRoleReferenceRules and rbac.go RuleAllows) walking raw objects,
// and of who-can against can. Seeded, so failures reproduce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBootstrapPolicy, loadEdgeCases } from '../../test/fixtures/rbac/load.ts';
import type { KubeObject } from '../model/k8s.ts';
import { aggregateClusterRoles } from './aggregation.ts';
import { can } from './can.ts';
import { ruleAllows } from './matching.ts';
import { normalizeRule, readRbacObjects } from './objects.ts';
import { buildRbacIndex } from './rbac-index.ts';
import { normalizeRequest } from './request.ts';
import { userInfoFor, type UserInfo } from './subjects.ts';
import { ALL_NAMESPACES, type AccessRequest, type PolicyRule, type Principal } from './types.ts';
import { whoCan } from './who-can.ts';

const objects: KubeObject[] = [...loadBootstrapPolicy(), ...loadEdgeCases()];
const index = buildRbacIndex(objects);

// Effective rules of every role (aggregation is tested on its own; here it is the common input).
const { roles } = readRbacObjects(objects);
aggregateClusterRoles(roles);
const clusterRoleRules = new Map<string, PolicyRule[]>();
const roleRules = new Map<string, PolicyRule[]>();
for (const r of roles) {
  const rules = r.rules.map((s) => s.rule);
  if (r.kind === 'ClusterRole') clusterRoleRules.set(r.name, rules);
  else roleRules.set(`${r.namespace ?? ''}/${r.name}`, rules);
}

type Raw = Record<string, unknown>;
const rawBindings = objects.filter(
  (o) =>
    o.apiVersion === 'rbac.authorization.k8s.io/v1' && (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding'),
);

function appliesToUser(user: UserInfo, subject: Raw, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(String(subject.name));
    case 'ServiceAccount': {
      const ns = typeof subject.namespace === 'string' && subject.namespace !== '' ? subject.namespace : namespace;
      if (ns === '') return false;
      return user.name === `system:serviceaccount:${ns}:${String(subject.name)}`;
    }
    default:
      return false;
  }
}

function roleRefRules(roleRef: Raw, namespace: string): PolicyRule[] | undefined {
  if (roleRef.kind === 'Role')
    return namespace === '' ? undefined : roleRules.get(`${namespace}/${String(roleRef.name)}`);
  if (roleRef.kind === 'ClusterRole') return clusterRoleRules.get(String(roleRef.name));
  return undefined;
}

/** VisitRulesFor + RuleAllows, literally: CRBs with namespace "", then RoleBindings of the request namespace. */
function referenceAllows(user: UserInfo, request: AccessRequest): boolean {
  const req = normalizeRequest(request);
  const attrs =
    req.resource === undefined ? { verb: req.verb, path: req.path ?? '' } : { verb: req.verb, resource: req.resource };
  const namespace = req.namespace ?? '';
  for (const b of rawBindings) {
    const bindingNs = typeof b.metadata.namespace === 'string' ? b.metadata.namespace : '';
    if (b.kind === 'RoleBinding' && (namespace === '' || bindingNs !== namespace)) continue;
    const evalNs = b.kind === 'RoleBinding' ? namespace : '';
    const subjects = Array.isArray(b.subjects) ? (b.subjects as Raw[]) : [];
    if (!subjects.some((s) => typeof s === 'object' && s !== null && appliesToUser(user, s, evalNs))) continue;
    const rules = roleRefRules((b.roleRef ?? {}) as Raw, evalNs);
    if (rules?.some((r) => ruleAllows(attrs, normalizeRule(r)))) return true;
  }
  return false;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Vocabulary drawn from the fixtures, plus values that match nothing.
const rulesAll = [...clusterRoleRules.values(), ...roleRules.values()].flat();
const uniq = (xs: string[]) => [...new Set(xs)];
const verbs = uniq([...rulesAll.flatMap((r) => r.verbs).filter((v) => v !== '*'), 'escalate', 'frobnicate']);
const groups = uniq([...rulesAll.flatMap((r) => r.apiGroups).filter((g) => g !== '*'), 'example.io']);
const resourceStrings = uniq(rulesAll.flatMap((r) => r.resources).filter((r) => !r.startsWith('*')));
const resources = uniq([...resourceStrings.map((r) => r.split('/')[0]!), 'widgets']);
const subresources = uniq(['', '', '', ...resourceStrings.flatMap((r) => (r.includes('/') ? [r.split('/')[1]!] : []))]);
const names = uniq(['', '', 'x', ...rulesAll.flatMap((r) => r.resourceNames)]);
const urls = uniq([...rulesAll.flatMap((r) => r.nonResourceURLs).map((u) => u.replace(/\*$/, 'deep/path')), '/nope']);
const namespaces = [undefined, 'team-a', 'team-b', 'kube-system', 'kube-public', 'default', 'keda'];

const principals: Principal[] = [];
for (const b of rawBindings) {
  for (const s of (Array.isArray(b.subjects) ? b.subjects : []) as Raw[]) {
    const name = String(s.name);
    if (s.kind === 'User') principals.push({ kind: 'User', name });
    if (s.kind === 'Group') principals.push({ kind: 'Group', name });
    if (s.kind === 'ServiceAccount') {
      const ns = typeof s.namespace === 'string' ? s.namespace : (b.metadata.namespace ?? 'default');
      principals.push({ kind: 'ServiceAccount', namespace: ns, name });
    }
  }
}
principals.push({ kind: 'User', name: 'nobody' }, { kind: 'User', name: 'system:anonymous' });
principals.push({ kind: 'ServiceAccount', namespace: 'team-b', name: 'random' });

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

/** A request shaped after one rule (so that it is often allowed), in the namespace of a binding using it. */
function requestFromRule(rand: () => number, rule: PolicyRule, namespace: string | undefined): AccessRequest {
  const concrete = (xs: string[], fallback: readonly string[]) => {
    const x = xs.length > 0 ? pick(rand, xs) : pick(rand, fallback);
    return x === '*' ? pick(rand, fallback) : x;
  };
  const verb = concrete(rule.verbs, verbs);
  if (rule.nonResourceURLs.length > 0) {
    return { verb, nonResourceURL: concrete(rule.nonResourceURLs, urls).replace(/\*$/, 'x') };
  }
  const [resource = '', sub] = concrete(rule.resources, resources).split('/');
  const r: AccessRequest = { verb, apiGroup: concrete(rule.apiGroups, groups), resource };
  if (sub !== undefined) r.subresource = sub;
  if (rule.resourceNames.length > 0 && rand() < 0.8) r.name = pick(rand, rule.resourceNames);
  if (namespace !== undefined) r.namespace = namespace;
  return r;
}

/** Half the time a binding's subject asking for something near one of its rules, otherwise anything. */
function randomCase(rand: () => number): { principal: Principal; request: AccessRequest } {
  if (rand() < 0.5) {
    const b = pick(
      rand,
      index.bindings.filter((x) => (x.role?.rules.length ?? 0) > 0 && x.subjects.length > 0),
    );
    const { subject } = pick(rand, b.subjects);
    const rule = pick(rand, b.role!.rules).rule;
    return { principal: subject, request: requestFromRule(rand, rule, b.namespace ?? pick(rand, namespaces)) };
  }
  return { principal: pick(rand, principals), request: randomRequest(rand) };
}

function randomRequest(rand: () => number): AccessRequest {
  const verb = pick(rand, verbs);
  if (rand() < 0.15) return { verb, nonResourceURL: pick(rand, urls) };
  const r: AccessRequest = { verb, apiGroup: pick(rand, groups), resource: pick(rand, resources) };
  const sub = pick(rand, subresources);
  if (sub !== '') r.subresource = sub;
  const name = pick(rand, names);
  if (name !== '') r.name = name;
  const ns = pick(rand, namespaces);
  if (ns !== undefined) r.namespace = ns;
  return r;
}

test('can() agrees with the literal authorizer on random requests', () => {
  const rand = mulberry32(20240607);
  let allowedCount = 0;
  for (let i = 0; i < 3000; i++) {
    const { principal, request } = randomCase(rand);
    const expected = referenceAllows(userInfoFor(principal), request);
    const got = can(index, principal, request).allowed;
    assert.equal(got, expected, `${JSON.stringify(principal)} ${JSON.stringify(request)}`);
    if (got) allowedCount++;
  }
  // Make sure the sample exercises both outcomes.
  assert.ok(allowedCount > 600 && allowedCount < 2400, `allowed ${allowedCount}`);
});

test('who-can and can agree: a principal is allowed iff one of its identities is a who-can answer', () => {
  const rand = mulberry32(7);
  for (let i = 0; i < 600; i++) {
    const request = randomRequest(rand);
    if (rand() < 0.3 && request.resource !== undefined) request.namespace = ALL_NAMESPACES;
    const answers = whoCan(index, request);
    for (const principal of principals) {
      const user = userInfoFor(principal);
      const viaWhoCan = answers.some(({ subject: s }) =>
        s.kind === 'User'
          ? s.name === user.name
          : s.kind === 'Group'
            ? user.groups.includes(s.name)
            : user.name === `system:serviceaccount:${s.namespace ?? ''}:${s.name}`,
      );
      assert.equal(
        can(index, principal, request).allowed,
        viaWhoCan,
        `${JSON.stringify(principal)} ${JSON.stringify(request)}`,
      );
    }
  }
});
