/**
 * The shape of the middleware catalog: provider components that run in customer clusters, how to recognise them,
 * the privileges they ship with, and who must act to patch them. Every fact names its sources (an https URL or
 * `owner/repo:path`); a fact not read from a source is marked `inferred: true` with a note saying why.
 *
 * Research notes: /work/shared/research/mcm-catalog.md and mcm-catalog.yaml.
 */
import type { Provider, WorkloadKind } from '../../model/types.ts';

/** Facts carry where they were read. */
export interface Sourced {
  /** https URLs or `owner/repo:path` references. */
  sources: string[];
  /** True when the fact is not read from a primary source (a third-party copy, or reasoning). */
  inferred?: boolean;
  /** Caveats; required when `inferred`. */
  note?: string;
}

/**
 * Who must act for a fix to reach the cluster:
 * - `provider`: the provider rolls it out (managed add-on, control-plane side);
 * - `provider-node-image`: it ships in the node image; the fix arrives when nodes are upgraded or reimaged;
 * - `customer-addon`: a provider add-on whose version the customer selects and updates;
 * - `customer`: installed and updated by the customer (Helm chart, manifests).
 */
export type PatchedBy = 'provider' | 'provider-node-image' | 'customer-addon' | 'customer';

export interface HostPathBaseline {
  /** Host path as the manifest writes it, normalised (no trailing slash). */
  path: string;
  readOnly: boolean;
}

/** One container's shipped privileges. Absent fields mean none. */
export interface ContainerBaseline {
  /** Container name; `*` when the source does not show containers (the entry then applies to every container). */
  name: string;
  privileged?: boolean;
  /** Added capabilities, upper-case, without the CAP_ prefix. */
  capabilities?: string[];
  hostPaths?: HostPathBaseline[];
  hostPorts?: number[];
}

export interface PrivilegeBaseline extends Sourced {
  hostNetwork: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  containers: ContainerBaseline[];
}

/** No public manifest shows the component's privileges: no drift is computed and nothing is within baseline. */
export interface UnknownBaseline extends Sourced {
  unknown: true;
}

export interface RbacRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** A role the component's service account is bound to as shipped. */
export interface ExpectedRbac extends Sourced {
  /** `ClusterRoleBinding/<name>` or `RoleBinding/<namespace>/<name>`. */
  binding: string;
  /** `ClusterRole/<name>` or `Role/<namespace>/<name>`. */
  role: string;
  rules: RbacRule[];
}

/** An image reference used verbatim rather than pulled by repository (node-preloaded, or an upstream placeholder). */
export interface LocalImage extends Sourced {
  image: string;
  note: string;
}

export interface Recognition extends Sourced {
  kinds: WorkloadKind[];
  /** Namespaces the provider installs it in. A manifest without a namespace is not held against it. */
  namespaces: string[];
  /** Workload names: regular expressions, matched against the whole name. */
  names: string[];
  /** Label sets; a workload (or its pod template) carrying every label of one set claims the component. */
  labels?: Record<string, string>[];
  /** Container names seen in the sources (informational; images decide). */
  containers?: string[];
  /**
   * Image repositories (no tag or digest): regular expressions matched against the whole normalised repository,
   * where `{registry-id}` stands for a registry of src/knowledge/registries.ts. Every container image must match
   * one of them for the workload to be recognised: names alone are never trusted.
   */
  images: string[];
  localImages?: LocalImage[];
}

export interface ServiceAccountFact extends Sourced {
  /** `default` when the manifest names none. */
  name: string;
  /** The manifest's automountServiceAccountToken, when it sets one. */
  automountToken?: boolean;
}

export interface ConfigMapFact extends Sourced {
  name: string;
}

export interface Patching extends Sourced {
  by: PatchedBy;
}

export interface CatalogComponent extends Sourced {
  /** `<provider>/<name>`, stable. */
  id: string;
  provider: Provider;
  name: string;
  /** `core` for vanilla Kubernetes components the provider runs (kube-proxy, CoreDNS…); `middleware` otherwise. */
  class: 'core' | 'middleware';
  category: string;
  description: string;
  /** Present in a default cluster, as opposed to an add-on or feature the customer enables. */
  defaultInstalled: boolean;
  recognize: Recognition;
  privileges: PrivilegeBaseline | UnknownBaseline;
  serviceAccount?: ServiceAccountFact;
  rbac?: ExpectedRbac[];
  configMaps?: ConfigMapFact[];
  patching: Patching;
}

export function isUnknownBaseline(b: PrivilegeBaseline | UnknownBaseline): b is UnknownBaseline {
  return 'unknown' in b;
}
