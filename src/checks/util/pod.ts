// Helpers shared by pod-template checks: containers with their template paths, and the effective security context
// (a container field overrides the pod field of the same name, as the kubelet merges them in
// kubernetes/kubernetes pkg/securitycontext/util.go DetermineEffectiveSecurityContext).
import { allContainers } from '../../inventory/privileges.ts';
import type { Container, PodSecurityContext, PodSpec, SecurityContext } from '../../model/k8s.ts';
import type { ContainerType } from '../types.ts';

export interface ContainerAt {
  container: Container;
  type: ContainerType;
  index: number;
  /** Template-relative path of the container: `spec.containers[0]`. */
  path: string;
  name: string;
}

export function containersAt(spec: PodSpec): ContainerAt[] {
  return allContainers(spec).map(({ container, type, index }) => ({
    container,
    type: type as ContainerType,
    index,
    path: `spec.${type}[${index}]`,
    name: typeof container.name === 'string' ? container.name : `#${index}`,
  }));
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function containerSc(c: Container): SecurityContext | undefined {
  return isRecord(c.securityContext) ? c.securityContext : undefined;
}

export function podSc(spec: PodSpec): PodSecurityContext | undefined {
  return isRecord(spec.securityContext) ? spec.securityContext : undefined;
}

/** Windows pods have no Linux security context: capabilities, seccomp, AppArmor, SELinux and users do not apply. */
export function isWindowsPod(spec: PodSpec): boolean {
  return isRecord(spec.os) && spec.os.name === 'windows';
}

type SharedField = keyof PodSecurityContext & keyof SecurityContext;

export interface EffectiveField<T> {
  value: T;
  /** Template-relative path of the field that decided. */
  path: string;
  level: 'container' | 'pod';
}

/** The effective value of a field both levels have, with where it was set; undefined when neither sets it. */
export function effectiveField<K extends SharedField>(
  spec: PodSpec,
  c: ContainerAt,
  key: K,
): EffectiveField<NonNullable<SecurityContext[K]>> | undefined {
  const own = containerSc(c.container)?.[key];
  if (own !== undefined && own !== null) {
    return { value: own, path: `${c.path}.securityContext.${key}`, level: 'container' };
  }
  const pod = podSc(spec)?.[key];
  if (pod !== undefined && pod !== null) {
    return { value: pod, path: `spec.securityContext.${key}`, level: 'pod' };
  }
  return undefined;
}

export function nameOf(c: Container, index: number): string {
  return typeof c.name === 'string' ? c.name : `#${index}`;
}
