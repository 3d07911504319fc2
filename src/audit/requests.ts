// The authorizer requests behind an access entry: one per object name seen (plus one without a name when some
// requests named none), in the RBAC engine's terms, so that rules can be matched against observed use.
import type { AccessRequest } from '../rbac/types.ts';
import type { AccessEntry } from './aggregate.ts';

export interface ObservedRequest {
  request: AccessRequest;
  /** The entry had more names than were kept: a rule limited by resourceNames may or may not have matched. */
  nameUnknown: boolean;
}

export function requestsOf(e: AccessEntry): ObservedRequest[] {
  if (e.nonResourceURL !== undefined) {
    return [{ request: { verb: e.verb, nonResourceURL: e.nonResourceURL }, nameUnknown: false }];
  }
  const base: AccessRequest = { verb: e.verb, apiGroup: e.apiGroup, resource: e.resource };
  if (e.subresource !== '') base.subresource = e.subresource;
  if (e.namespace !== '') base.namespace = e.namespace;
  const out: ObservedRequest[] = [];
  if (e.unnamed > 0 || e.names.length === 0) out.push({ request: { ...base }, nameUnknown: false });
  for (const name of e.names) out.push({ request: { ...base, name }, nameUnknown: false });
  if (e.namesTruncated) out.push({ request: { ...base, anyName: true }, nameUnknown: true });
  return out;
}
