// Turns a question into the attributes the apiserver would hand the authorizer for the real request, and parses the
// RESOURCE argument of the command line. Request attributes follow k8s.io/apiserver
// pkg/endpoints/request/requestinfo.go: cluster-scoped resources carry no namespace (so RoleBindings, which are listed
// only for the request's namespace in rule.go VisitRulesFor, never grant them); a namespace object's own requests
// (`/api/v1/namespaces/NAME[/status|/finalize]`) carry namespace NAME; a create has no name; and a binding is
// authorized with verb `bind` in the namespace of the binding being written (pkg/registry/rbac/escalation_check.go
// BindingAuthorized), so `bind` on clusterroles keeps its namespace.
import { findApiResource, lookupApiResources, type ApiResourceFact } from '../knowledge/api-resources.ts';
import { ALL_NAMESPACES, type AccessRequest } from './types.ts';

/** Tells whether a resource is namespaced; undefined when unknown (custom resources), then the caller's namespace stands. */
export type ScopeResolver = (apiGroup: string, resource: string) => boolean | undefined;

export const builtInScope: ScopeResolver = (apiGroup, resource) => findApiResource(apiGroup, resource)?.namespaced;

export type NameMatch = 'exact' | 'any' | 'binding-namespace';

export interface NormalizedRequest {
  verb: string;
  /** Set for resource requests. */
  resource?: { apiGroup: string; resource: string; subresource: string; name: string };
  /** Set for non-resource requests. */
  path?: string;
  /** Undefined: cluster-wide (ClusterRoleBindings only). ALL_NAMESPACES: any one namespace. */
  namespace?: string;
  /**
   * How resourceNames are checked: against `resource.name` ('exact'); not at all, any name will do ('any'); or, with
   * ALL_NAMESPACES on a namespace object's own requests, against the namespace of each RoleBinding, since in that
   * namespace the request is about that namespace object ('binding-namespace').
   */
  nameMatch: NameMatch;
  /** Adjustments made, for display ("evaluated as …"). */
  notes: string[];
}

const UNNAMED_NAMESPACE_VERBS = new Set(['list', 'watch', 'create', 'deletecollection']);

export function normalizeRequest(request: AccessRequest, scopeOf: ScopeResolver = builtInScope): NormalizedRequest {
  const notes: string[] = [];
  const verb = typeof request.verb === 'string' ? request.verb : '';
  if (typeof request.resource !== 'string' || request.resource.length === 0) {
    const path = typeof request.nonResourceURL === 'string' ? request.nonResourceURL : '';
    if (request.namespace !== undefined) notes.push('non-resource URLs are cluster-wide; namespace ignored');
    return { verb, path, nameMatch: 'exact', notes };
  }

  let resource = request.resource;
  let subresource = typeof request.subresource === 'string' ? request.subresource : '';
  const slash = resource.indexOf('/');
  if (slash > 0 && subresource === '') {
    subresource = resource.slice(slash + 1);
    resource = resource.slice(0, slash);
  }
  let apiGroup = request.apiGroup;
  if (typeof apiGroup !== 'string') {
    apiGroup = lookupApiResources(resource).find((f) => f.resource === resource)?.group ?? '';
    notes.push(`API group "${apiGroup}" assumed for ${resource}`);
  }
  let name = typeof request.name === 'string' ? request.name : '';
  let nameMatch: NameMatch = request.anyName === true ? 'any' : 'exact';
  if ((verb === 'create' && subresource === '') || verb === 'deletecollection') {
    if (name !== '' || nameMatch === 'any') notes.push(`a ${verb} request carries no name; name ignored`);
    name = '';
    nameMatch = 'exact';
  }

  let namespace = typeof request.namespace === 'string' && request.namespace !== '' ? request.namespace : undefined;
  if (apiGroup === '' && resource === 'namespaces') {
    if (UNNAMED_NAMESPACE_VERBS.has(verb)) {
      namespace = undefined;
    } else if (name !== '' && nameMatch === 'exact') {
      if (namespace !== name) notes.push(`a request on namespace ${name} is evaluated in namespace ${name}`);
      namespace = name;
    } else if (namespace === ALL_NAMESPACES) {
      nameMatch = 'binding-namespace';
    } else if (namespace !== undefined) {
      name = namespace;
      nameMatch = 'exact';
      notes.push(`evaluated as a request on namespace ${namespace} itself`);
    }
  } else if (namespace !== undefined && scopeOf(apiGroup, resource) === false) {
    const keepsNamespace = verb === 'bind' && apiGroup === 'rbac.authorization.k8s.io' && resource === 'clusterroles';
    if (!keepsNamespace) {
      namespace = undefined;
      notes.push(`${resource} is cluster-scoped; only ClusterRoleBindings can grant it`);
    }
  }

  const out: NormalizedRequest = { verb, resource: { apiGroup, resource, subresource, name }, nameMatch, notes };
  if (namespace !== undefined) out.namespace = namespace;
  return out;
}

export interface ResourceArg {
  apiGroup: string;
  resource: string;
  subresource?: string;
  /** Undefined when the resource is not a well-known built-in one (e.g. a custom resource). */
  namespaced?: boolean;
  known: boolean;
  warnings: string[];
}

export class ResourceArgError extends Error {
  override name = 'ResourceArgError';
}

const VERSION_SEGMENT = /^v\d+((alpha|beta)\d+)?$/;

/**
 * Parses `RESOURCE[.VERSION][.GROUP][/SUBRESOURCE]` as kubectl does: `pods/exec`, `deployments.apps`, `deploy`,
 * `ingresses.v1.networking.k8s.io`, `*`. Short names and kinds resolve through the built-in resource table.
 */
export function parseResourceArg(text: string): ResourceArg {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new ResourceArgError('empty resource');
  const slash = trimmed.indexOf('/');
  const base = slash >= 0 ? trimmed.slice(0, slash) : trimmed;
  const sub = slash >= 0 ? trimmed.slice(slash + 1) : undefined;
  if (base.length === 0 || sub === '') throw new ResourceArgError(`resource ${JSON.stringify(text)} is malformed`);
  if (base === '*') return withSub({ apiGroup: '*', resource: '*', known: false, warnings: [] }, sub, undefined);

  const dot = base.indexOf('.');
  const name = dot >= 0 ? base.slice(0, dot) : base;
  let group: string | undefined;
  if (dot >= 0) {
    const parts = base.slice(dot + 1).split('.');
    if (parts.length > 1 && VERSION_SEGMENT.test(parts[0] ?? '')) parts.shift();
    group = parts.join('.');
  }
  const candidates = lookupApiResources(name).filter((f) => group === undefined || f.group === group);
  const fact = candidates[0];
  if (fact === undefined) {
    const warnings = [`${base} is not a well-known built-in resource; using it as written`];
    return withSub({ apiGroup: group ?? '', resource: name, known: false, warnings }, sub, undefined);
  }
  const warnings: string[] = [];
  const groups = [...new Set(candidates.map((c) => c.group))];
  if (group === undefined && groups.length > 1) {
    warnings.push(
      `${name} is served by several groups (${groups.map((g) => g || 'core').join(', ')}); using ${fact.group || 'core'}`,
    );
  }
  return withSub(
    { apiGroup: fact.group, resource: fact.resource, namespaced: fact.namespaced, known: true, warnings },
    sub,
    fact,
  );
}

function withSub(arg: ResourceArg, sub: string | undefined, fact: ApiResourceFact | undefined): ResourceArg {
  if (sub === undefined) return arg;
  arg.subresource = sub;
  if (fact !== undefined && fact.resource !== 'userextras') {
    const known = new Set([...fact.subresources, ...(fact.authorizationSubresources?.names ?? [])]);
    if (!known.has(sub)) arg.warnings.push(`${fact.resource} has no well-known subresource ${sub}`);
  }
  return arg;
}
