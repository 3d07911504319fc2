// The registry of built-in checks, sorted by id. A meta-test keeps it equal to the files under src/checks/<group>/.
import type { AnyCheck } from './types.ts';
import addedCapabilities from './workload/added-capabilities.ts';
import allowPrivilegeEscalation from './workload/allow-privilege-escalation.ts';
import alphaBetaApiServed from './cluster/alpha-beta-api-served.ts';
import apparmorUnconfined from './workload/apparmor-unconfined.ts';
import capabilitiesNotDropped from './workload/capabilities-not-dropped.ts';
import clusterAdminBinding from './rbac/cluster-admin-binding.ts';
import clusterVersionSupport from './cluster/cluster-version-support.ts';
import customerWorkloadInKubeSystem from './middleware/customer-workload-in-kube-system.ts';
import defaultServiceAccount from './workload/default-service-account.ts';
import defaultServiceAccountAutomount from './rbac/default-service-account-automount.ts';
import defaultServiceAccountBound from './rbac/default-service-account-bound.ts';
import deprecatedApiInUse from './cluster/deprecated-api-in-use.ts';
import hostIpc from './workload/host-ipc.ts';
import hostNetwork from './workload/host-network.ts';
import hostPathTypeCreates from './workload/host-path-type-creates.ts';
import hostPid from './workload/host-pid.ts';
import hostPort from './workload/host-port.ts';
import hostPortAllInterfaces from './workload/host-port-all-interfaces.ts';
import hostUsersEnabled from './workload/host-users-enabled.ts';
import imageMutableTag from './workload/image-mutable-tag.ts';
import imagePullPolicyNotAlways from './workload/image-pull-policy-not-always.ts';
import kubeletVersionSkew from './cluster/kubelet-version-skew.ts';
import legacyServiceAccountTokenSecret from './rbac/legacy-service-account-token-secret.ts';
import literalCredentialInEnv from './workload/literal-credential-in-env.ts';
import loadBalancerSourceRangesMissing from './cluster/load-balancer-source-ranges-missing.ts';
import metadataApiReachable from './network/metadata-api-reachable.ts';
import middlewareAdvisory from './middleware/middleware-advisory.ts';
import middlewareImpersonation from './middleware/middleware-impersonation.ts';
import middlewarePrivilegeDrift from './middleware/middleware-privilege-drift.ts';
import middlewareRbacExcess from './middleware/middleware-rbac-excess.ts';
import namespacePssNotEnforced from './namespace/namespace-pss-not-enforced.ts';
import namespaceWithoutLimitRange from './namespace/namespace-without-limit-range.ts';
import namespaceWithoutNetworkPolicy from './namespace/namespace-without-network-policy.ts';
import namespaceWithoutResourceQuota from './namespace/namespace-without-resource-quota.ts';
import nodeExternalIp from './cluster/node-external-ip.ts';
import nodeImageOutdated from './cluster/node-image-outdated.ts';
import nodePortService from './cluster/node-port-service.ts';
import privilegedConfigWritable from './rbac/privileged-config-writable.ts';
import privilegedContainer from './workload/privileged-container.ts';
import procMountUnmasked from './workload/proc-mount-unmasked.ts';
import publicGroupBinding from './rbac/public-group-binding.ts';
import rbacEscalationVerbs from './rbac/rbac-escalation-verbs.ts';
import rbacNodesProxy from './rbac/rbac-nodes-proxy.ts';
import rbacPodsExec from './rbac/rbac-pods-exec.ts';
import rbacSecretsRead from './rbac/rbac-secrets-read.ts';
import rbacWildcard from './rbac/rbac-wildcard.ts';
import readOnlyRootFilesystem from './workload/read-only-root-filesystem.ts';
import resourceLimitsMissing from './workload/resource-limits-missing.ts';
import resourceRequestsMissing from './workload/resource-requests-missing.ts';
import runAsNonRootUnset from './workload/run-as-non-root-unset.ts';
import runAsRootUser from './workload/run-as-root-user.ts';
import seccompProfileUnset from './workload/seccomp-profile-unset.ts';
import seccompUnconfined from './workload/seccomp-unconfined.ts';
import secretInEnv from './workload/secret-in-env.ts';
import selinuxCustomType from './workload/selinux-custom-type.ts';
import sensitiveHostPath from './workload/sensitive-host-path.ts';
import serviceAccountTokenAutomount from './workload/service-account-token-automount.ts';
import serviceExternalIps from './cluster/service-external-ips.ts';
import shareProcessNamespace from './workload/share-process-namespace.ts';
import systemMastersBinding from './rbac/system-masters-binding.ts';
import unknownPrivilegedKubeSystem from './middleware/unknown-privileged-kube-system.ts';
import unsafeSysctls from './workload/unsafe-sysctls.ts';
import windowsHostProcess from './workload/windows-host-process.ts';
import workloadInDefaultNamespace from './workload/workload-in-default-namespace.ts';
import writableHostPath from './workload/writable-host-path.ts';

export const CHECKS: readonly AnyCheck[] = [
  addedCapabilities,
  allowPrivilegeEscalation,
  alphaBetaApiServed,
  apparmorUnconfined,
  capabilitiesNotDropped,
  clusterAdminBinding,
  clusterVersionSupport,
  customerWorkloadInKubeSystem,
  defaultServiceAccount,
  defaultServiceAccountAutomount,
  defaultServiceAccountBound,
  deprecatedApiInUse,
  hostIpc,
  hostNetwork,
  hostPathTypeCreates,
  hostPid,
  hostPort,
  hostPortAllInterfaces,
  hostUsersEnabled,
  imageMutableTag,
  imagePullPolicyNotAlways,
  kubeletVersionSkew,
  legacyServiceAccountTokenSecret,
  literalCredentialInEnv,
  loadBalancerSourceRangesMissing,
  metadataApiReachable,
  middlewareAdvisory,
  middlewareImpersonation,
  middlewarePrivilegeDrift,
  middlewareRbacExcess,
  namespacePssNotEnforced,
  namespaceWithoutLimitRange,
  namespaceWithoutNetworkPolicy,
  namespaceWithoutResourceQuota,
  nodeExternalIp,
  nodeImageOutdated,
  nodePortService,
  privilegedConfigWritable,
  privilegedContainer,
  procMountUnmasked,
  publicGroupBinding,
  rbacEscalationVerbs,
  rbacNodesProxy,
  rbacPodsExec,
  rbacSecretsRead,
  rbacWildcard,
  readOnlyRootFilesystem,
  resourceLimitsMissing,
  resourceRequestsMissing,
  runAsNonRootUnset,
  runAsRootUser,
  seccompProfileUnset,
  seccompUnconfined,
  secretInEnv,
  selinuxCustomType,
  sensitiveHostPath,
  serviceAccountTokenAutomount,
  serviceExternalIps,
  shareProcessNamespace,
  systemMastersBinding,
  unknownPrivilegedKubeSystem,
  unsafeSysctls,
  windowsHostProcess,
  workloadInDefaultNamespace,
  writableHostPath,
];

export function findCheck(id: string): AnyCheck | undefined {
  return CHECKS.find((c) => c.id === id);
}
