// Metadata-only secrets carry no `type`. The types that are API credentials are recovered by listing secrets
// again, metadata only, with a field selector on `type` (a selectable field of Secret:
// https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors/#list-of-supported-fields).
import type { ResolvedTarget } from './discovery.ts';
import type { ApiClient } from './http.ts';
import type { ListOutcome } from './list.ts';
import { listResource } from './list.ts';
import { SECRET_TYPES_BY_SELECTOR } from './targets.ts';

/** Sets `type` on the listed secrets of each credential type, in place. Returns a note for the coverage entry. */
export async function recordSecretTypes(
  client: ApiClient,
  secrets: ResolvedTarget,
  outcome: ListOutcome,
  options: { pageSize: number; maxRestarts: number },
): Promise<string> {
  const byKey = new Map(outcome.items.map((o) => [`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, o]));
  const failures: string[] = [];
  for (const { type } of SECRET_TYPES_BY_SELECTOR) {
    const typed = await listResource(client, secrets, {
      ...options,
      keepManagedFields: false,
      onPage: () => undefined,
      query: { fieldSelector: `type=${type}` },
    });
    if (typed.status !== 'listed') {
      failures.push(`${type}: ${typed.message ?? typed.status}`);
      continue;
    }
    for (const item of typed.items) {
      const secret = byKey.get(`${item.metadata.namespace ?? ''}/${item.metadata.name ?? ''}`);
      if (secret !== undefined) secret.type = type;
    }
  }
  const types = SECRET_TYPES_BY_SELECTOR.map((t) => t.type).join(', ');
  return failures.length === 0
    ? `type recorded for ${types} secrets (field selector); other types unknown`
    : `secret types unknown (${failures.join('; ')})`;
}
