// The Pod Security Standards checks at the newest policy version, as CEL. Each check is split the way exemptions
// work: a pod-level part (a pod setting: hostNetwork, a volume, the pod securityContext) and a container-level part
// (a predicate on container `c`, which may read pod fields). A pod fails the check when either part holds, exactly
// as the upstream check does; the conformance test runs these expressions against every upstream fixture.
//
// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_*.go (file per check in
// src/pss/checks/). Value lists come from src/pss/facts.ts at the newest version, so they follow the data.

import {
  ALLOWED_SELINUX_TYPES,
  BASELINE_ADDABLE_CAPABILITIES,
  RESTRICTED_ALLOWED_VOLUME_TYPES,
  SAFE_SYSCTLS,
  valuesAt,
} from '../../pss/facts.ts';
import { MAX_MINOR } from '../../pss/registry.ts';
import { celList, celString, exemptMatch, META, podTemplateVariables, present, SPEC, type CelVariable } from './cel.ts';

export interface CelCheck {
  /** Upstream check id. */
  readonly id: string;
  /** The upstream variant (its minVersion) this translation reproduces; a test holds it to the newest variant. */
  readonly translatedFrom: number;
  /** Upstream ForbiddenReason, used in messages. */
  readonly reason: string;
  /** Pod-level violation, over `variables.podSpec` and `variables.podMeta`. */
  readonly pod?: string;
  /** Container-level violation, over container `c`. */
  readonly container?: string;
}

const userNamespace = `(has(${SPEC}.hostUsers) && ${SPEC}.hostUsers == false)`;
const windowsPod = `(${present(SPEC, 'os.name')} && ${SPEC}.os.name == 'windows')`;
const sorted = (s: Set<string>): string[] => [...s].sort();

const APPARMOR_PROFILES = celList(['RuntimeDefault', 'Localhost']);
const SECCOMP_PROFILES = celList(['Localhost', 'RuntimeDefault']);
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

function appArmorProfileBad(base: string): string {
  const p = `${base}.securityContext.appArmorProfile`;
  return `${present(base, 'securityContext.appArmorProfile')} && !(has(${p}.type) && ${p}.type in ${APPARMOR_PROFILES})`;
}

function seLinuxBad(base: string, types: readonly string[]): string {
  const o = `${base}.securityContext.seLinuxOptions`;
  const valid =
    `(has(${o}.type) ? ${o}.type : '') in ${celList(types)} && ` +
    `(!has(${o}.user) || ${o}.user == '') && (!has(${o}.role) || ${o}.role == '')`;
  return `${present(base, 'securityContext.seLinuxOptions')} && !(${valid})`;
}

function seccompTypeValid(base: string): string {
  const p = `${base}.securityContext.seccompProfile`;
  return `has(${p}.type) && ${p}.type in ${SECCOMP_PROFILES}`;
}

function seccompBad(base: string): string {
  return `${present(base, 'securityContext.seccompProfile')} && !(${seccompTypeValid(base)})`;
}

function hostProcess(base: string): string {
  return `${present(base, 'securityContext.windowsOptions.hostProcess')} && ${base}.securityContext.windowsOptions.hostProcess == true`;
}

function handlerHost(h: string): string {
  return (['httpGet', 'tcpSocket'] as const)
    .map((a) => `(has(${h}.${a}) && has(${h}.${a}.host) && ${h}.${a}.host != '')`)
    .join(' || ');
}

const probeHosts = [
  ...(['livenessProbe', 'readinessProbe', 'startupProbe'] as const).map(
    (p) => `(has(c.${p}) && (${handlerHost(`c.${p}`)}))`,
  ),
  `(has(c.lifecycle) && (${(['postStart', 'preStop'] as const)
    .map((h) => `(has(c.lifecycle.${h}) && (${handlerHost(`c.lifecycle.${h}`)}))`)
    .join(' || ')}))`,
].join(' || ');

function procMountBad(c: string): string {
  return `${present(c, 'securityContext.procMount')} && ${c}.securityContext.procMount != 'Default'`;
}

const runAsNonRootPodTrue = `${present(SPEC, 'securityContext.runAsNonRoot')} && ${SPEC}.securityContext.runAsNonRoot == true`;
const seccompPodValid = `${present(SPEC, 'securityContext.seccompProfile')} && ${seccompTypeValid(SPEC)}`;

/** Every check upstream defines, translated at its newest variant. */
export const CEL_CHECKS: readonly CelCheck[] = [
  {
    id: 'allowPrivilegeEscalation',
    translatedFrom: 25,
    reason: 'allowPrivilegeEscalation != false',
    container: `!${windowsPod} && !(${present('c', 'securityContext.allowPrivilegeEscalation')} && c.securityContext.allowPrivilegeEscalation == false)`,
  },
  {
    id: 'appArmorProfile',
    translatedFrom: 0,
    reason: 'forbidden AppArmor profile',
    pod:
      `(${appArmorProfileBad(SPEC)}) || (has(${META}.annotations) && ${META}.annotations.exists(k, ` +
      `k.startsWith('${APPARMOR_ANNOTATION}') && !(${META}.annotations[k] == '' || ` +
      `${META}.annotations[k] == 'runtime/default' || ${META}.annotations[k].startsWith('localhost/'))))`,
    container: appArmorProfileBad('c'),
  },
  {
    id: 'capabilities_baseline',
    translatedFrom: 0,
    reason: 'non-default capabilities',
    container: `${present('c', 'securityContext.capabilities.add')} && c.securityContext.capabilities.add.exists(a, !(a in ${celList(sorted(valuesAt(BASELINE_ADDABLE_CAPABILITIES, MAX_MINOR)))}))`,
  },
  {
    id: 'capabilities_restricted',
    translatedFrom: 25,
    reason: 'unrestricted capabilities',
    container:
      `!${windowsPod} && (!(${present('c', 'securityContext.capabilities')}) || ` +
      `!(has(c.securityContext.capabilities.drop) && 'ALL' in c.securityContext.capabilities.drop) || ` +
      `(has(c.securityContext.capabilities.add) && c.securityContext.capabilities.add.exists(a, a != 'NET_BIND_SERVICE')))`,
  },
  {
    id: 'hostNamespaces',
    translatedFrom: 0,
    reason: 'host namespaces',
    pod: (['hostNetwork', 'hostPID', 'hostIPC'] as const)
      .map((f) => `(has(${SPEC}.${f}) && ${SPEC}.${f} == true)`)
      .join(' || '),
  },
  {
    id: 'hostPathVolumes',
    translatedFrom: 0,
    reason: 'hostPath volumes',
    pod: `has(${SPEC}.volumes) && ${SPEC}.volumes.exists(v, has(v.hostPath))`,
  },
  {
    id: 'hostPorts',
    translatedFrom: 0,
    reason: 'hostPort',
    container: `has(c.ports) && c.ports.exists(p, has(p.hostPort) && p.hostPort != 0)`,
  },
  {
    id: 'hostProbesAndHostLifecycle',
    translatedFrom: 34,
    reason: 'probe or lifecycle host',
    container: probeHosts,
  },
  {
    id: 'privileged',
    translatedFrom: 0,
    reason: 'privileged',
    container: `${present('c', 'securityContext.privileged')} && c.securityContext.privileged == true`,
  },
  {
    id: 'procMount',
    translatedFrom: 35,
    reason: 'procMount',
    container: `!${userNamespace} && ${procMountBad('c')}`,
  },
  {
    id: 'procMount_restricted',
    translatedFrom: 35,
    reason: 'procMount',
    container: procMountBad('c'),
  },
  {
    id: 'restrictedVolumes',
    translatedFrom: 0,
    reason: 'restricted volume types',
    // A volume with no source at all is allowed (the API server defaults it to emptyDir); any other source than
    // the allowed ones is forbidden, known or not.
    pod: `has(${SPEC}.volumes) && ${SPEC}.volumes.exists(v, !${celList(RESTRICTED_ALLOWED_VOLUME_TYPES.map((f) => f.value))}.exists(t, t in v) && v.exists(k, k != 'name'))`,
  },
  {
    id: 'runAsNonRoot',
    translatedFrom: 35,
    reason: 'runAsNonRoot != true',
    pod: `!${userNamespace} && ${present(SPEC, 'securityContext.runAsNonRoot')} && ${SPEC}.securityContext.runAsNonRoot != true`,
    container:
      `!${userNamespace} && (${present('c', 'securityContext.runAsNonRoot')} ? ` +
      `c.securityContext.runAsNonRoot != true : !(${runAsNonRootPodTrue}))`,
  },
  {
    id: 'runAsUser',
    translatedFrom: 35,
    reason: 'runAsUser=0',
    pod: `!${userNamespace} && ${present(SPEC, 'securityContext.runAsUser')} && ${SPEC}.securityContext.runAsUser == 0`,
    container: `!${userNamespace} && ${present('c', 'securityContext.runAsUser')} && c.securityContext.runAsUser == 0`,
  },
  {
    id: 'seLinuxOptions',
    translatedFrom: 31,
    reason: 'seLinuxOptions',
    pod: seLinuxBad(SPEC, sorted(valuesAt(ALLOWED_SELINUX_TYPES, MAX_MINOR))),
    container: seLinuxBad('c', sorted(valuesAt(ALLOWED_SELINUX_TYPES, MAX_MINOR))),
  },
  {
    id: 'seccompProfile_baseline',
    translatedFrom: 19,
    reason: 'seccompProfile',
    pod: seccompBad(SPEC),
    container: seccompBad('c'),
  },
  {
    id: 'seccompProfile_restricted',
    translatedFrom: 25,
    reason: 'seccompProfile',
    pod: `!${windowsPod} && ${seccompBad(SPEC)}`,
    container:
      `!${windowsPod} && (${present('c', 'securityContext.seccompProfile')} ? ` +
      `!(${seccompTypeValid('c')}) : !(${seccompPodValid}))`,
  },
  {
    id: 'sysctls',
    translatedFrom: 37,
    reason: 'forbidden sysctls',
    pod: `${present(SPEC, 'securityContext.sysctls')} && ${SPEC}.securityContext.sysctls.exists(s, !((has(s.name) ? s.name : '') in ${celList(sorted(valuesAt(SAFE_SYSCTLS, MAX_MINOR)))}))`,
  },
  {
    id: 'windowsHostProcess',
    translatedFrom: 0,
    reason: 'hostProcess',
    pod: hostProcess(SPEC),
    container: hostProcess('c'),
  },
];

/** Variables and expressions of one check's policy, ready for a VAP, a Gatekeeper template or Kyverno CEL. */
export interface CheckPolicyCel {
  variables: CelVariable[];
  expression: string;
  messageExpression: string;
  /** A string-or-null expression naming the containers an exemption let through, for audit annotations. */
  exemptedExpression: string;
}

/**
 * The CEL of one check with exemptions: a pod-level violation is exempt only when every container of the pod is
 * exempt for the check; a container-level violation only when that container is. `object` is the admitted object,
 * `exemptions` the variable that lists the exempt containers.
 */
export function checkPolicyCel(
  check: CelCheck,
  label: string,
  object: string,
  exemptions: CelVariable,
): CheckPolicyCel {
  const name = `(has(c.name) ? c.name : '')`;
  const variables: CelVariable[] = [...podTemplateVariables(object), exemptions];
  if (check.pod !== undefined) {
    variables.push({
      name: 'podExempt',
      expression: `size(variables.containers) > 0 && variables.containers.all(c, ${exemptMatch('c')})`,
    });
    variables.push({ name: 'podViolation', expression: `(${check.pod}) && !variables.podExempt` });
  }
  const container = check.container ?? 'false';
  variables.push({
    name: 'violating',
    expression: `variables.containers.filter(c, (${container}) && !${exemptMatch('c')}).map(c, ${name})`,
  });
  const any = check.pod !== undefined ? `(${check.pod}) || (${container})` : container;
  variables.push({
    name: 'exempted',
    expression: `variables.containers.filter(c, (${any}) && ${exemptMatch('c')}).map(c, ${name})`,
  });
  const podViolation = check.pod !== undefined ? 'variables.podViolation' : 'false';
  const prefix = celString(`violates PodSecurity "${label}": ${check.reason}`);
  return {
    variables,
    expression: `!${podViolation} && size(variables.violating) == 0`,
    messageExpression:
      `${prefix} + (${podViolation} ? ' (pod-level setting)' : '') + ` +
      `(size(variables.violating) > 0 ? ' (containers ' + variables.violating.join(', ') + ')' : '')`,
    exemptedExpression:
      `size(variables.exempted) == 0 ? null : ` +
      `${celString(`${check.id} exempted for containers `)} + variables.exempted.join(', ')`,
  };
}
