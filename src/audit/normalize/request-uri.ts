// Resource attributes from a request path, for events that carry no objectRef. Follows k8s.io/apiserver
// pkg/endpoints/request/requestinfo.go (NewRequestInfo): `/api/v1` is the core group, `/apis/<group>/<version>`
// the others; `namespaces/<ns>/…` sets the namespace unless the next part is a namespace subresource (status,
// finalize); the deprecated `/watch/` prefix is skipped; then resource, name, subresource.
import type { AuditObjectRef } from '../types.ts';

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function objectRefFromURI(requestURI: string): AuditObjectRef | undefined {
  const q = requestURI.indexOf('?');
  const path = q >= 0 ? requestURI.slice(0, q) : requestURI;
  const parts = path.split('/').filter((p) => p.length > 0);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1] ?? '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] ?? '';
    version = parts[2] ?? '';
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  if (rest[0] === 'watch') rest = rest.slice(1);
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1] ?? '';
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) rest = rest.slice(2);
  }
  const resource = rest[0];
  if (resource === undefined) return undefined;
  return {
    apiGroup: group,
    apiVersion: version,
    resource,
    name: rest[1] ?? '',
    subresource: rest.length > 2 ? rest.slice(2).join('/') : '',
    namespace,
  };
}

/** The path of a request URI without its query, for non-resource requests. */
export function pathOf(requestURI: string): string {
  const q = requestURI.indexOf('?');
  return q >= 0 ? requestURI.slice(0, q) : requestURI;
}
