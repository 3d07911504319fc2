// Attack steps that RBAC grants: each dangerous permission (knowledge/dangerous-permissions.ts) becomes an edge from
// the subject that holds it to what it gives, with the binding, role and rule as evidence. Permissions that need a
// second permission to be usable (bind + create bindings, escalate + write roles, patch namespaces + create pods)
// are checked per subject with `can`, the way the API server would evaluate both requests.
import { formatRef } from '../model/refs.ts';
import { can } from '../rbac/can.ts';
import { ruleAllows } from '../rbac/matching.ts';
import { bindingScope, grantOf, matchingRules, nameMatches } from '../rbac/evaluate.ts';
import type { IndexedRule } from '../rbac/rbac-index.ts';
import { normalizeRequest, type NormalizedRequest } from '../rbac/request.ts';
import { subjectKey, whoCanShared } from '../rbac/who-can.ts';
import { ALL_NAMESPACES, type AccessRequest, type Grant, type Subject } from '../rbac/types.ts';
import {
  ALL_SCOPE,
  configVertex,
  hubVertex,
  saVertex,
  secretsVertex,
  subjectVertex,
  workloadVertex,
  type BuildContext,
} from './context.ts';
import type { EdgeKind, Evidence } from './types.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function scopeText(scope: string): string {
  return scope === ALL_SCOPE ? 'in every namespace' : `in namespace ${scope}`;
}

export function grantEvidence(g: Grant): Evidence {
  const r = g.rule;
  const names = r.resourceNames.length > 0 ? ` [${r.resourceNames.join(', ')}]` : '';
  const from = g.aggregatedFrom ? ` (aggregated from ${formatRef(g.aggregatedFrom)})` : '';
  const ev: Evidence = {
    type: 'rbac',
    ref: g.binding,
    role: g.role,
    rule: r,
    text: `${formatRef(g.binding)} → ${formatRef(g.role)}${from} rule ${g.ruleIndex}: ${r.verbs.join(',')} ${r.resources.join(',')}${names}`,
  };
  return ev;
}

interface Held {
  subject: Subject;
  grant: Grant;
  /** Namespace the grant is limited to, or ALL_SCOPE. */
  scope: string;
  verb: string;
}

/**
 * Every (subject, grant) allowing one of the requests on some object, in any namespace: who-can's answer
 * (who-can.ts) for several requests at once, each (rule, binding) visited once however many requests it allows
 * (a rule granting create, update and patch on seven controller kinds is one step, not 21). `verb` is the first
 * request verb the rule allows, so list comes before get when both are asked in that order.
 */
function holders(ctx: BuildContext, requests: AccessRequest | AccessRequest[]): Held[] {
  const rules = new Map<IndexedRule, { verb: string; req: NormalizedRequest }>();
  for (const request of Array.isArray(requests) ? requests : [requests]) {
    const req = normalizeRequest({ ...request, anyName: true, namespace: ALL_NAMESPACES }, ctx.index.scopeOf);
    for (const ir of matchingRules(ctx.index, req)) if (!rules.has(ir)) rules.set(ir, { verb: request.verb, req });
  }
  const out: Held[] = [];
  for (const [ir, { verb, req }] of rules) {
    for (const b of ctx.index.bindingsByRole.get(ir.role.key) ?? []) {
      const scope = bindingScope(b, req.namespace);
      if (scope === undefined) continue;
      if (req.nameMatch !== 'exact' && !nameMatches(ir.sourced.rule, req, b)) continue;
      const grant = grantOf(b, ir, scope);
      for (const { subject } of b.subjects) {
        // Cluster admins hold every permission; their one edge to cluster-admin says it all.
        if (ctx.clusterAdminSubjects.has(subjectKey(subject))) continue;
        out.push({ subject, grant, scope: grant.namespace ?? ALL_SCOPE, verb });
      }
    }
  }
  return out;
}

function many(ctx: BuildContext, verbs: string[], apiGroup: string, resources: string[]): Held[] {
  const requests: AccessRequest[] = [];
  for (const resource of resources) {
    const [res, sub] = resource.split('/');
    for (const verb of verbs) {
      const req: AccessRequest = { verb, apiGroup, resource: res ?? resource };
      if (sub !== undefined) req.subresource = sub;
      requests.push(req);
    }
  }
  return holders(ctx, requests);
}

/** Namespaces where the principal can create the given resource ('*' when a ClusterRoleBinding allows it). */
function scopesWhere(ctx: BuildContext, subject: Subject, request: AccessRequest): Set<string> {
  const answer = can(ctx.index, subject, { ...request, namespace: ALL_NAMESPACES });
  return new Set(answer.grants.map((g) => g.namespace ?? ALL_SCOPE));
}

const WORKLOAD_RESOURCES: [string, string][] = [
  ['apps', 'deployments'],
  ['apps', 'daemonsets'],
  ['apps', 'statefulsets'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
  ['', 'replicationcontrollers'],
];

export function addRbacEdges(ctx: BuildContext): void {
  const impersonateAnyUser: Held[] = [];
  clusterAdminEdges(ctx);
  builtInRoleEdges(ctx);
  clusterAdminOnward(ctx);
  podCreateEdges(ctx);
  execEdges(ctx);
  actAsEdges(ctx, impersonateAnyUser);
  secretsEdges(ctx);
  bindEscalateEdges(ctx);
  webhookEdges(ctx);
  persistentVolumeEdges(ctx);
  namespaceRelabelEdges(ctx);
  // Last, once every user and group vertex exists.
  const masters = ctx.g.byId.get('group:system:masters');
  if (masters !== undefined) superuser(ctx, masters);
  for (const h of impersonateAnyUser) {
    const from = subjectVertex(ctx, h.subject);
    for (const v of ctx.g.vertices) {
      if (v.kind !== 'user') continue;
      ctx.g.edge(from, ctx.g.byId.get(v.id)!, {
        kind: 'impersonate',
        weight: 1,
        explanation: `can impersonate any user, such as ${v.label}`,
        evidence: () => [grantEvidence(h.grant)],
      });
    }
  }
}

function clusterAdminEdges(ctx: BuildContext): void {
  for (const h of holders(ctx, { verb: '*', apiGroup: '*', resource: '*' })) {
    const from = subjectVertex(ctx, h.subject);
    if (h.scope === ALL_SCOPE) {
      ctx.clusterAdminSubjects.add(subjectKey(h.subject));
      ctx.g.edge(from, ctx.clusterAdmin, {
        kind: 'cluster-admin-grant',
        weight: 1,
        explanation: `holds every verb on every resource cluster-wide (${formatRef(h.grant.role)})`,
        evidence: () => [grantEvidence(h.grant)],
      });
    } else {
      ctx.g.edge(from, hubVertex(ctx, 'ns-admin', h.scope), {
        kind: 'namespace-admin-grant',
        weight: 1,
        explanation: `holds every verb on every resource ${scopeText(h.scope)} (${formatRef(h.grant.role)})`,
        evidence: () => [grantEvidence(h.grant)],
      });
    }
  }
}

/**
 * Manifests often bind the default ClusterRoles without containing them: the API server always has them
 * (bootstrappolicy/policy.go). cluster-admin is `*` on `*`; admin and edit create pods, exec, read secrets.
 */
function builtInRoleEdges(ctx: BuildContext): void {
  for (const b of ctx.index.bindings) {
    if (b.role !== undefined || b.roleRef.kind !== 'ClusterRole') continue;
    const name = b.roleRef.name;
    if (name !== 'cluster-admin' && name !== 'admin' && name !== 'edit') continue;
    const scope = b.kind === 'ClusterRoleBinding' ? ALL_SCOPE : (b.namespace ?? ALL_SCOPE);
    const full = name === 'cluster-admin' && scope === ALL_SCOPE;
    const evidence: Evidence = {
      type: 'rbac',
      ref: b.ref,
      role: { apiVersion: RBAC_GROUP + '/v1', kind: 'ClusterRole', name },
      text: `${formatRef(b.ref)} → ClusterRole/${name} (built in; not in the source)`,
    };
    for (const { subject } of b.subjects) {
      if (full) ctx.clusterAdminSubjects.add(subjectKey(subject));
      ctx.g.edge(subjectVertex(ctx, subject), full ? ctx.clusterAdmin : hubVertex(ctx, 'ns-admin', scope), {
        kind: full ? 'cluster-admin-grant' : 'namespace-admin-grant',
        weight: 1,
        explanation: full
          ? 'is bound to the built-in ClusterRole cluster-admin'
          : `is bound to the built-in ClusterRole ${name} ${scopeText(scope)}`,
        evidence: [evidence],
      });
    }
  }
}

/** What cluster-admin itself reaches: every namespace's powers, and root on any node (labels are its to change). */
function clusterAdminOnward(ctx: BuildContext): void {
  ctx.g.edge(ctx.clusterAdmin, hubVertex(ctx, 'ns-admin', ALL_SCOPE), {
    kind: 'namespace-admin-grant',
    weight: 1,
    explanation: 'cluster-admin is admin of every namespace',
  });
  ctx.g.edge(ctx.clusterAdmin, ctx.nodeRoot, {
    kind: 'privileged-pod',
    weight: 1,
    explanation:
      'as cluster-admin, run a privileged pod on any node (Pod Security labels are cluster-admin’s to change)',
  });
}

function superuser(ctx: BuildContext, masters: number): void {
  ctx.g.edge(masters, ctx.clusterAdmin, {
    kind: 'superuser-group',
    weight: 0,
    explanation: 'group system:masters bypasses RBAC entirely',
    evidence: [{ type: 'note', text: 'system:masters is the superuser group (kube-apiserver authorizer)' }],
  });
}

function podCreateEdges(ctx: BuildContext): void {
  for (const h of holders(ctx, { verb: 'create', apiGroup: '', resource: 'pods' })) {
    ctx.g.edge(subjectVertex(ctx, h.subject), hubVertex(ctx, 'pod-create', h.scope), {
      kind: 'pod-create',
      weight: 1,
      explanation: `can create pods ${scopeText(h.scope)}`,
      evidence: () => [grantEvidence(h.grant)],
    });
  }
  const writes = WORKLOAD_RESOURCES.flatMap(([apiGroup, resource]) =>
    ['create', 'update', 'patch'].map((verb): AccessRequest => ({ verb, apiGroup, resource })),
  );
  for (const h of holders(ctx, writes)) {
    const rs = h.grant.rule.resources;
    const what = rs.includes('*') ? ['every resource'] : rs.filter((r) => WORKLOAD_RESOURCES.some(([, x]) => x === r));
    ctx.g.edge(subjectVertex(ctx, h.subject), hubVertex(ctx, 'pod-create', h.scope), {
      kind: 'workload-write',
      weight: 1,
      explanation: `can ${h.verb} ${what.join(', ') || 'workload controllers'} ${scopeText(h.scope)}, whose pod templates the controllers run`,
      evidence: () => [grantEvidence(h.grant)],
    });
  }
}

const EXEC_STEPS: { kind: EdgeKind; verbs: string[]; resource: string; what: string }[] = [
  { kind: 'pod-exec', verbs: ['create', 'get'], resource: 'pods/exec', what: 'exec into pods' },
  { kind: 'pod-attach', verbs: ['create', 'get'], resource: 'pods/attach', what: 'attach to pods' },
  {
    kind: 'ephemeral-container',
    verbs: ['update', 'patch'],
    resource: 'pods/ephemeralcontainers',
    what: 'add ephemeral containers to pods',
  },
  { kind: 'pod-patch', verbs: ['update', 'patch'], resource: 'pods', what: 'change the images of running pods' },
];

function execEdges(ctx: BuildContext): void {
  for (const step of EXEC_STEPS) {
    for (const h of many(ctx, step.verbs, '', [step.resource])) {
      const from = subjectVertex(ctx, h.subject);
      const websocket =
        h.verb === 'get' && step.kind !== 'pod-patch' ? ' (get suffices over WebSocket before 1.35)' : '';
      const names = h.grant.rule.resourceNames;
      if (names.length === 0) {
        ctx.g.edge(from, hubVertex(ctx, 'exec', h.scope), {
          kind: step.kind,
          weight: 1,
          explanation: `can ${step.what} ${scopeText(h.scope)}${websocket}`,
          evidence: () => [grantEvidence(h.grant)],
        });
        continue;
      }
      // Limited to pod names: pods are named after their workload (`<workload>-<hash>`), static pods exactly.
      for (const ns of h.scope === ALL_SCOPE ? [...ctx.workloadsByNs.keys()] : [h.scope]) {
        for (const w of ctx.workloadsByNs.get(ns) ?? []) {
          if (!names.some((n) => n === w.name || n.startsWith(`${w.name}-`))) continue;
          ctx.g.edge(from, workloadVertex(ctx, w), {
            kind: step.kind,
            weight: 1,
            explanation: `can ${step.what} named ${names.join(', ')} ${scopeText(h.scope)}${websocket}`,
            evidence: () => [grantEvidence(h.grant)],
          });
        }
      }
    }
  }
  // nodes are cluster-scoped: only ClusterRoleBindings grant nodes/proxy, on every node unless names limit it.
  for (const h of many(ctx, ['create', 'get'], '', ['nodes/proxy'])) {
    const limited = h.grant.rule.resourceNames.length > 0 ? ' (limited to named nodes; assumed to include any)' : '';
    ctx.g.edge(subjectVertex(ctx, h.subject), hubVertex(ctx, 'exec', ALL_SCOPE), {
      kind: 'nodes-proxy',
      weight: 1,
      explanation: `can ${h.verb} nodes/proxy: the kubelet API runs commands in any pod of the node${h.verb === 'get' ? ' (get suffices over WebSocket)' : ''}${limited}`,
      evidence: () => [grantEvidence(h.grant)],
      ...(limited ? { overApproximate: true } : {}),
    });
  }
}

function actAsEdges(ctx: BuildContext, impersonateAnyUser: Held[]): void {
  const steps: { kind: EdgeKind; verb: string; resource: string; subresource?: string; what: string }[] = [
    {
      kind: 'token-create',
      verb: 'create',
      resource: 'serviceaccounts',
      subresource: 'token',
      what: 'mint tokens for',
    },
    { kind: 'impersonate', verb: 'impersonate', resource: 'serviceaccounts', what: 'impersonate' },
  ];
  for (const step of steps) {
    const req: AccessRequest = { verb: step.verb, apiGroup: '', resource: step.resource };
    if (step.subresource !== undefined) req.subresource = step.subresource;
    for (const h of holders(ctx, req)) {
      const from = subjectVertex(ctx, h.subject);
      const names = h.grant.rule.resourceNames;
      if (names.length === 0) {
        ctx.g.edge(from, hubVertex(ctx, 'act-as', h.scope), {
          kind: step.kind,
          weight: 1,
          explanation: `can ${step.what} service accounts ${scopeText(h.scope)}`,
          evidence: () => [grantEvidence(h.grant)],
        });
        continue;
      }
      for (const ns of h.scope === ALL_SCOPE ? [...ctx.serviceAccounts.keys()] : [h.scope]) {
        for (const name of names) {
          if (!ctx.serviceAccounts.get(ns)?.has(name)) continue;
          ctx.g.edge(from, saVertex(ctx, ns, name), {
            kind: step.kind,
            weight: 1,
            explanation: `can ${step.what} service account ${ns}/${name}`,
            evidence: () => [grantEvidence(h.grant)],
          });
        }
      }
    }
  }
  // users and groups are cluster-scoped virtual resources: only ClusterRoleBindings grant impersonating them.
  for (const h of holders(ctx, { verb: 'impersonate', apiGroup: '', resource: 'groups' })) {
    const from = subjectVertex(ctx, h.subject);
    const names = h.grant.rule.resourceNames;
    if (names.length === 0 || names.includes('system:masters')) {
      ctx.g.edge(from, ctx.clusterAdmin, {
        kind: 'impersonate',
        weight: 1,
        explanation: 'can impersonate group system:masters, which bypasses authorization',
        evidence: () => [grantEvidence(h.grant)],
      });
    }
    for (const name of names) {
      if (name === 'system:masters') continue;
      ctx.g.edge(from, subjectVertex(ctx, { kind: 'Group', name }), {
        kind: 'impersonate',
        weight: 1,
        explanation: `can impersonate group ${name}`,
        evidence: () => [grantEvidence(h.grant)],
      });
    }
  }
  for (const h of holders(ctx, { verb: 'impersonate', apiGroup: '', resource: 'users' })) {
    const from = subjectVertex(ctx, h.subject);
    const names = h.grant.rule.resourceNames;
    if (names.length === 0) {
      // Any user name, including every service account's username.
      ctx.g.edge(from, hubVertex(ctx, 'act-as', ALL_SCOPE), {
        kind: 'impersonate',
        weight: 1,
        explanation: 'can impersonate any user, including every service account',
        evidence: () => [grantEvidence(h.grant)],
      });
      impersonateAnyUser.push(h);
      continue;
    }
    for (const name of names) {
      ctx.g.edge(from, subjectVertex(ctx, { kind: 'User', name }), {
        kind: 'impersonate',
        weight: 1,
        explanation: `can impersonate user ${name}`,
        evidence: () => [grantEvidence(h.grant)],
      });
    }
  }
}

function secretsEdges(ctx: BuildContext): void {
  const tokens = legacyTokenSecrets(ctx);
  for (const h of many(ctx, ['list', 'watch', 'get'], '', ['secrets'])) {
    const from = subjectVertex(ctx, h.subject);
    const names = h.grant.rule.resourceNames;
    if (names.length === 0) {
      // Without list or watch, reading a secret needs its name: legacy token names end in 5 random characters.
      const blind = h.verb === 'get';
      ctx.g.edge(from, secretsVertex(ctx, h.scope), {
        kind: 'secrets-read',
        weight: blind ? 2 : 1,
        explanation: blind
          ? `can get secrets ${scopeText(h.scope)} by name (names must be guessed or learned: TOKEN_BRUTEFORCE)`
          : `can ${h.verb} secrets ${scopeText(h.scope)}, values included (TOKEN_LIST)`,
        evidence: () => [grantEvidence(h.grant)],
      });
      continue;
    }
    for (const t of tokens) {
      if ((h.scope !== ALL_SCOPE && t.namespace !== h.scope) || !names.includes(t.secret)) continue;
      ctx.g.edge(from, saVertex(ctx, t.namespace, t.serviceAccount), {
        kind: 'secrets-read',
        weight: 1,
        explanation: `can ${h.verb} secret ${t.namespace}/${t.secret}, a legacy token of service account ${t.serviceAccount}`,
        evidence: () => [grantEvidence(h.grant)],
      });
    }
  }
}

/** Every secrets vertex leads to the legacy token secrets in its scope. Run after hubs are finalized. */
export function legacyTokenEdges(ctx: BuildContext): void {
  const tokens = legacyTokenSecrets(ctx);
  const byNs = new Map<string, LegacyToken[]>();
  for (const t of tokens) {
    const list = byNs.get(t.namespace);
    if (list) list.push(t);
    else byNs.set(t.namespace, [t]);
  }
  for (const v of [...ctx.g.vertices]) {
    if (v.kind !== 'secrets') continue;
    const from = ctx.g.byId.get(v.id)!;
    for (const t of v.namespace === undefined ? tokens : (byNs.get(v.namespace) ?? [])) {
      ctx.g.edge(from, saVertex(ctx, t.namespace, t.serviceAccount), {
        kind: 'legacy-token',
        weight: 1,
        explanation: `Secret ${t.namespace}/${t.secret} holds a long-lived token of service account ${t.serviceAccount}`,
        evidence: [
          {
            type: 'field',
            ref: { apiVersion: 'v1', kind: 'Secret', namespace: t.namespace, name: t.secret },
            path: 'type',
            text: 'type kubernetes.io/service-account-token',
          },
        ],
      });
    }
  }
}

export interface LegacyToken {
  namespace: string;
  secret: string;
  serviceAccount: string;
}

const tokenCache = new WeakMap<BuildContext, LegacyToken[]>();

/** Secrets of type kubernetes.io/service-account-token (metadata is enough: their type and annotation). */
export function legacyTokenSecrets(ctx: BuildContext): LegacyToken[] {
  const hit = tokenCache.get(ctx);
  if (hit) return hit;
  const out: LegacyToken[] = [];
  for (const so of ctx.model.byKind.get('Secret') ?? []) {
    const o = so.object;
    if (o.type !== 'kubernetes.io/service-account-token') continue;
    const sa = o.metadata.annotations?.['kubernetes.io/service-account.name'];
    const name = o.metadata.name;
    if (typeof sa !== 'string' || sa === '' || typeof name !== 'string') continue;
    out.push({ namespace: o.metadata.namespace ?? 'default', secret: name, serviceAccount: sa });
  }
  tokenCache.set(ctx, out);
  return out;
}

/** 'full' when the role holds `*` on `*`, 'namespace' when it can create pods, else 'none'. */
function roleStrength(
  ctx: BuildContext,
  kind: 'ClusterRole' | 'Role',
  name: string,
  ns?: string,
): 'full' | 'namespace' | 'none' {
  const role = ctx.index.roles.get(kind === 'ClusterRole' ? `ClusterRole/${name}` : `Role/${ns ?? ''}/${name}`);
  if (!role) return 'none';
  const rules = role.rules.map((r) => r.rule);
  if (rules.some((r) => r.verbs.includes('*') && r.apiGroups.includes('*') && r.resources.includes('*'))) return 'full';
  const pods = { verb: 'create', resource: { apiGroup: '', resource: 'pods', subresource: '', name: '' } };
  return rules.some((r) => ruleAllows(pods, r)) ? 'namespace' : 'none';
}

function bindEscalateEdges(ctx: BuildContext): void {
  // bind: write a binding to a role one does not hold. Needs create on the binding kind too (escalation_check.go).
  const bindHolders = holders(ctx, [
    { verb: 'bind', apiGroup: RBAC_GROUP, resource: 'clusterroles' },
    { verb: 'bind', apiGroup: RBAC_GROUP, resource: 'roles' },
  ]);
  for (const h of bindHolders) {
    const names = h.grant.rule.resourceNames;
    const onClusterRoles = h.grant.rule.resources.some((r) => r === '*' || r === 'clusterroles');
    let strength: 'full' | 'namespace' | 'none' = 'full';
    let bindable = 'any role, such as cluster-admin';
    if (names.length > 0) {
      const strengths = names.map((n) => ({
        n,
        s: onClusterRoles ? roleStrength(ctx, 'ClusterRole', n) : roleStrength(ctx, 'Role', n, h.grant.namespace),
      }));
      const best = strengths.find((x) => x.s === 'full') ?? strengths.find((x) => x.s === 'namespace');
      if (!best) continue;
      strength = best.s;
      bindable = `${onClusterRoles ? 'ClusterRole' : 'Role'} ${best.n}`;
    }
    const from = subjectVertex(ctx, h.subject);
    const ev = grantEvidence(h.grant);
    if (h.scope === ALL_SCOPE && onClusterRoles) {
      const crb = can(ctx.index, h.subject, { verb: 'create', apiGroup: RBAC_GROUP, resource: 'clusterrolebindings' });
      if (crb.allowed) {
        const to = strength === 'full' ? ctx.clusterAdmin : hubVertex(ctx, 'ns-admin', ALL_SCOPE);
        ctx.g.edge(from, to, {
          kind: 'rbac-bind',
          weight: 1,
          explanation: `can bind ${bindable} and create ClusterRoleBindings: bind it to itself`,
          evidence: [ev, ...crb.grants.slice(0, 1).map(grantEvidence)],
        });
        continue;
      }
    }
    const rbScopes = scopesWhere(ctx, h.subject, { verb: 'create', apiGroup: RBAC_GROUP, resource: 'rolebindings' });
    const scopes =
      h.scope === ALL_SCOPE ? [...rbScopes] : rbScopes.has(ALL_SCOPE) || rbScopes.has(h.scope) ? [h.scope] : [];
    for (const scope of scopes) {
      ctx.g.edge(from, hubVertex(ctx, 'ns-admin', scope), {
        kind: 'rbac-bind',
        weight: 1,
        explanation: `can bind ${bindable} and create RoleBindings ${scopeText(scope)}: bind it to itself there`,
        evidence: [ev],
      });
    }
  }
  // escalate: write a role with permissions one does not hold; assumes the subject is bound to (or can bind) it.
  for (const [resource, writes] of [
    ['clusterroles', 'clusterroles'],
    ['roles', 'roles'],
  ] as const) {
    for (const h of holders(ctx, { verb: 'escalate', apiGroup: RBAC_GROUP, resource })) {
      const writeScopes = new Set<string>();
      for (const verb of ['create', 'update', 'patch']) {
        for (const s of scopesWhere(ctx, h.subject, { verb, apiGroup: RBAC_GROUP, resource: writes }))
          writeScopes.add(s);
      }
      const from = subjectVertex(ctx, h.subject);
      const ev = grantEvidence(h.grant);
      if (resource === 'clusterroles' && h.scope === ALL_SCOPE && writeScopes.has(ALL_SCOPE)) {
        ctx.g.edge(from, ctx.clusterAdmin, {
          kind: 'rbac-escalate',
          weight: 1,
          explanation: 'can escalate and write ClusterRoles: add `*` on `*` to a ClusterRole bound to itself',
          evidence: [ev],
        });
        continue;
      }
      const scopes =
        h.scope === ALL_SCOPE
          ? [...writeScopes]
          : writeScopes.has(ALL_SCOPE) || writeScopes.has(h.scope)
            ? [h.scope]
            : [];
      for (const scope of scopes) {
        ctx.g.edge(from, hubVertex(ctx, 'ns-admin', scope), {
          kind: 'rbac-escalate',
          weight: 1,
          explanation: `can escalate and write ${resource} ${scopeText(scope)}: give a role bound to itself any permission there`,
          evidence: [ev],
        });
      }
    }
  }
}

function webhookEdges(ctx: BuildContext): void {
  for (const h of many(ctx, ['create', 'update', 'patch'], 'admissionregistration.k8s.io', [
    'mutatingwebhookconfigurations',
  ])) {
    ctx.g.edge(subjectVertex(ctx, h.subject), ctx.clusterAdmin, {
      kind: 'webhook-write',
      weight: 3,
      explanation: `can ${h.verb} mutating webhook configurations: rewrite every pod the control plane admits (needs a webhook server the API server reaches)`,
      evidence: () => [grantEvidence(h.grant)],
    });
  }
}

/** A hostPath PersistentVolume claimed by a pod mounts the node's disk without a hostPath volume in the pod spec. */
function persistentVolumeEdges(ctx: BuildContext): void {
  for (const h of holders(ctx, { verb: 'create', apiGroup: '', resource: 'persistentvolumes' })) {
    const podScopes = scopesWhere(ctx, h.subject, { verb: 'create', apiGroup: '', resource: 'pods' });
    const claimScopes = scopesWhere(ctx, h.subject, {
      verb: 'create',
      apiGroup: '',
      resource: 'persistentvolumeclaims',
    });
    let both: string | undefined;
    for (const p of [...podScopes].sort()) {
      if (claimScopes.has(p) || claimScopes.has(ALL_SCOPE)) both = p;
      else if (p === ALL_SCOPE) both = [...claimScopes].sort()[0];
      if (both !== undefined) break;
    }
    if (both === undefined) continue;
    ctx.g.edge(subjectVertex(ctx, h.subject), ctx.nodeRoot, {
      kind: 'pv-hostpath',
      weight: 2,
      explanation: `can create a hostPath PersistentVolume, claim it and mount it in a pod ${scopeText(both)}: Pod Security does not see hostPath PersistentVolumes`,
      evidence: () => [grantEvidence(h.grant)],
    });
  }
}

/** Lowering a namespace's Pod Security labels re-opens privileged pods where the subject can create pods. */
function namespaceRelabelEdges(ctx: BuildContext): void {
  for (const h of many(ctx, ['patch', 'update'], '', ['namespaces'])) {
    const podScopes = scopesWhere(ctx, h.subject, { verb: 'create', apiGroup: '', resource: 'pods' });
    if (podScopes.size === 0) continue;
    const candidates =
      h.scope === ALL_SCOPE
        ? podScopes.has(ALL_SCOPE)
          ? [...ctx.serviceAccounts.keys()]
          : [...podScopes]
        : podScopes.has(ALL_SCOPE) || podScopes.has(h.scope)
          ? [h.scope]
          : [];
    const ns = candidates.sort().find((n) => ctx.enforced(n));
    if (ns === undefined) continue;
    ctx.g.edge(subjectVertex(ctx, h.subject), ctx.nodeRoot, {
      kind: 'pss-relabel',
      weight: 2,
      explanation: `can ${h.verb} namespace ${ns} and create pods there: remove its Pod Security enforce label, then run a privileged pod`,
      evidence: () => [grantEvidence(h.grant)],
    });
  }
}

/** Subjects that can rewrite a config map or secret a powerful workload reads. */
export function configWriteEdges(
  ctx: BuildContext,
  kind: 'ConfigMap' | 'Secret',
  namespace: string,
  name: string,
): number | undefined {
  const resource = kind === 'ConfigMap' ? 'configmaps' : 'secrets';
  let vertex: number | undefined;
  for (const verb of ['patch', 'update']) {
    for (const answer of whoCanShared(ctx.index, { verb, apiGroup: '', resource, name, namespace })) {
      if (ctx.clusterAdminSubjects.has(subjectKey(answer.subject))) continue;
      for (const grant of answer.grants) {
        vertex ??= configVertex(ctx, kind, namespace, name);
        ctx.g.edge(subjectVertex(ctx, answer.subject), vertex, {
          kind: 'config-write',
          weight: 1,
          explanation: `can ${verb} ${kind} ${namespace}/${name}`,
          evidence: [grantEvidence(grant)],
        });
      }
    }
  }
  return vertex;
}
