// The RBAC index of a model, built once and shared by checks, attack paths and the CLI.
import type { Model } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import { buildRbacIndex, type RbacIndex } from './rbac-index.ts';

const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];
const cache = new WeakMap<Model, RbacIndex>();

export function rbacIndexFor(model: Model): RbacIndex {
  let index = cache.get(model);
  if (!index) {
    const objects: KubeObject[] = RBAC_KINDS.flatMap((k) => (model.byKind.get(k) ?? []).map((s) => s.object));
    index = buildRbacIndex(objects);
    cache.set(model, index);
  }
  return index;
}
