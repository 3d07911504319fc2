// The middleware catalog: every provider's components in one list, looked up by id or provider.
import type { Provider } from '../../model/types.ts';
import { AKS_COMPONENTS } from './aks.ts';
import { EKS_COMPONENTS } from './eks.ts';
import { GKE_COMPONENTS } from './gke.ts';
import type { CatalogComponent } from './types.ts';

export type * from './types.ts';
export { isUnknownBaseline } from './types.ts';

export const CATALOG: readonly CatalogComponent[] = [...EKS_COMPONENTS, ...AKS_COMPONENTS, ...GKE_COMPONENTS];

const byId = new Map(CATALOG.map((c) => [c.id, c]));

export function findComponent(id: string): CatalogComponent | undefined {
  return byId.get(id);
}

export function componentsOf(provider: Provider): readonly CatalogComponent[] {
  return CATALOG.filter((c) => c.provider === provider);
}
