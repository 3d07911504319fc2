// The registry of built-in checks, sorted by id. A meta-test keeps it equal to the files under src/checks/<group>/.
import type { AnyCheck } from './types.ts';
import hostIpc from './workload/host-ipc.ts';
import hostNetwork from './workload/host-network.ts';
import hostPid from './workload/host-pid.ts';
import metadataApiReachable from './network/metadata-api-reachable.ts';
import namespacePssNotEnforced from './namespace/namespace-pss-not-enforced.ts';
import privilegedContainer from './workload/privileged-container.ts';

export const CHECKS: readonly AnyCheck[] = [
  hostIpc,
  hostNetwork,
  hostPid,
  metadataApiReachable,
  namespacePssNotEnforced,
  privilegedContainer,
];

export function findCheck(id: string): AnyCheck | undefined {
  return CHECKS.find((c) => c.id === id);
}
