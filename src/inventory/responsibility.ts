/**
 * Shared responsibility, as rows for reports: for each recognised component, who must act for a patch to reach
 * the cluster (the catalog's `patching.by`), with the workloads it covers.
 */
import { findComponent } from '../knowledge/catalog/index.ts';
import type { PatchedBy } from '../knowledge/catalog/types.ts';
import type { Model } from '../model/build.ts';
import type { ObjectRef, Provider } from '../model/types.ts';
import { ensureClassified } from './classify.ts';

export interface ResponsibilityRow {
  component: string;
  name: string;
  provider: Provider;
  class: 'core' | 'middleware' | 'agent';
  workloads: ObjectRef[];
  patchedBy: PatchedBy;
  /** Who acts, in a sentence. */
  action: string;
  note?: string;
  sources: string[];
}

const ACTION: Record<PatchedBy, string> = {
  provider: 'The provider rolls out fixes; keep the cluster on a supported version so they reach it',
  'provider-node-image': 'Fixes ship in the node image; upgrade or reimage the node pools',
  'customer-addon': 'The customer updates the add-on to a fixed version',
  customer: 'The customer updates it (chart or manifests)',
};

export function responsibilityRows(model: Model): ResponsibilityRow[] {
  ensureClassified(model);
  const rows = new Map<string, ResponsibilityRow>();
  for (const w of model.workloads) {
    const cls = w.classification;
    if (!cls?.component || cls.class === 'workload' || cls.class === 'host') continue;
    const c = findComponent(cls.component);
    if (!c) continue;
    let row = rows.get(c.id);
    if (!row) {
      row = {
        component: c.id,
        name: c.name,
        provider: c.provider,
        class: cls.class,
        workloads: [],
        patchedBy: c.patching.by,
        action: ACTION[c.patching.by],
        sources: c.patching.sources,
      };
      if (c.patching.note) row.note = c.patching.note;
      rows.set(c.id, row);
    }
    row.workloads.push(w.ref);
  }
  return [...rows.values()].sort((a, b) => a.component.localeCompare(b.component));
}
