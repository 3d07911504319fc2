import type { KubeObject } from '../../model/k8s.ts';
import type { WorkloadKind } from '../../model/types.ts';

export type PolicyEngine = 'vap' | 'kyverno' | 'gatekeeper';
export type PolicyLevel = 'baseline' | 'restricted';
export type PolicyMode = 'audit' | 'enforce';

export interface GenerateOptions {
  engine: PolicyEngine;
  level: PolicyLevel;
  mode: PolicyMode;
  /** Namespaces the policies bind to; default: where recognised middleware runs, kube-system first. */
  namespaces?: string[];
}

/** The id of kubeseam's own check beside the Pod Security ones: writable mounts of sensitive host paths. */
export const HOST_MOUNTS_CHECK = 'sensitiveHostMounts';

export type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';

/**
 * One container of a recognised provider or core component allowed to break one check, as observed in the model.
 * Policies match it by namespace, container name and image repository: a pod created from the workload's template
 * carries no workload name, but it does carry these.
 */
export interface Exemption {
  /** Upstream Pod Security check id (`privileged`, `hostNamespaces`…) or HOST_MOUNTS_CHECK. */
  check: string;
  namespace: string;
  workload: { kind: WorkloadKind; name: string };
  containerList: ContainerList;
  container: string;
  /** Image repository as the pod spec writes it, without tag or digest. */
  image: string;
  /**
   * `pod` when the violation is a pod-level setting (hostNetwork, a volume, a pod securityContext field): every
   * container of the workload is exempted together, and a pod is exempt only when all its containers are.
   */
  scope: 'pod' | 'container';
  /**
   * The offending values, for engines that exempt by value: host namespace fields, added capabilities, host ports,
   * hostPath paths (as written for hostPathVolumes, canonical for HOST_MOUNTS_CHECK), sysctl names, forbidden volume
   * types, /proc mount types. Empty when the check has no value to name.
   */
  values: string[];
  /** Catalog component id (`eks/aws-node`). */
  component: string;
  componentClass: 'core' | 'middleware' | 'agent';
  /** Where the catalog read the component (URLs or `owner/repo:path`). */
  sources: string[];
  /**
   * Whether the privilege is part of the component's catalogued baseline: `beyond` means the cluster runs the
   * component with more than the provider ships (drift) and the exemption deserves a second look; `not-recorded`
   * means the catalog does not record this kind of setting (restricted-only checks) or has no baseline for it.
   */
  baseline: 'within' | 'beyond' | 'not-recorded';
  /** One line for humans: who, what, why. */
  reason: string;
}

/** One output file: objects to apply together, and the comment its header carries. */
export interface PolicyFile {
  /** File name, no folder: `vap-pss-baseline-privileged.yaml`. */
  name: string;
  objects: KubeObject[];
  /** Header text (several lines allowed), written as YAML comments after the generated-by line. */
  comment: string;
  /**
   * Comments placed before nodes inside the objects: `path` starts with the object's index in `objects`, then keys
   * and list indexes (`[0, 'spec', 'rules', 2]`). Used to say why each exemption entry exists.
   */
  notes?: { path: (string | number)[]; text: string }[];
}

export interface PolicySet {
  engine: PolicyEngine;
  level: PolicyLevel;
  mode: PolicyMode;
  /** Namespaces the policies apply to, in binding order. */
  namespaces: string[];
  files: PolicyFile[];
  exemptions: Exemption[];
}
