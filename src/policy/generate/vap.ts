// ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, GA in Kubernetes 1.30) output.
//
// One policy and one binding per check, rather than one policy with a validation per check: a check can then move
// from audit to enforce on its own (edit one binding's validationActions), warnings and audit annotations name the
// policy that failed, an expression error in one check cannot fail the others, and the layout is the same as the
// Gatekeeper output (a template per check) and as upstream's registry (a file per check). Every file is a check.

import type { KubeObject } from '../../model/k8s.ts';
import { CEL_CHECKS, checkPolicyCel } from './pss-cel.ts';
import { inlineExemptions, podTemplateVariables } from './cel.ts';
import {
  ANNOTATION,
  celExemptionList,
  checksFor,
  entriesFor,
  exemptionsAnnotation,
  fileComment,
  GENERATOR,
  HOST_MOUNTS_SOURCE,
  kebab,
  labels,
  levelLabel,
  WORKLOAD_RESOURCES,
} from './common.ts';
import { hostMountValidation, hostMountVariables } from './host-mounts.ts';
import { HOST_MOUNTS_CHECK, type Exemption, type PolicyFile, type PolicyLevel, type PolicyMode } from './types.ts';

const API_VERSION = 'admissionregistration.k8s.io/v1';

function resourceRules(): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of WORKLOAD_RESOURCES) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r.resource]);
  return [
    ...[...byGroup].map(([group, resources]) => ({
      apiGroups: [group],
      apiVersions: ['v1'],
      operations: ['CREATE', 'UPDATE'],
      resources,
    })),
    // Ephemeral (debug) containers are added through this subresource, as upstream Pod Security checks them.
    { apiGroups: [''], apiVersions: ['v1'], operations: ['UPDATE'], resources: ['pods/ephemeralcontainers'] },
  ];
}

/**
 * Updates that leave the spec alone (labels, annotations, status, scale) are not re-judged, as upstream Pod
 * Security exempts them: a policy switched to Deny must not block relabelling an existing workload.
 */
const SPEC_CHANGED = {
  name: 'spec-changed',
  expression:
    "request.operation != 'UPDATE' || oldObject == null || !has(object.spec) || !has(oldObject.spec) || object.spec != oldObject.spec",
};

function binding(
  name: string,
  namespaces: readonly string[],
  mode: PolicyMode,
  objLabels: Record<string, string>,
): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name, labels: objLabels, annotations: { [ANNOTATION.generatedBy]: GENERATOR } },
    spec: {
      policyName: name,
      validationActions: mode === 'audit' ? ['Audit', 'Warn'] : ['Deny'],
      matchResources: {
        namespaceSelector: {
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...namespaces] }],
        },
      },
    },
  };
}

function policy(
  name: string,
  objLabels: Record<string, string>,
  annotations: Record<string, string>,
  body: { variables: unknown[]; validations: unknown[]; auditAnnotations?: unknown[] },
): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name, labels: objLabels, annotations },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: resourceRules() },
      matchConditions: [SPEC_CHANGED],
      variables: body.variables,
      validations: body.validations,
      ...(body.auditAnnotations ? { auditAnnotations: body.auditAnnotations } : {}),
    },
  };
}

export function vapFiles(
  level: PolicyLevel,
  mode: PolicyMode,
  namespaces: readonly string[],
  exemptions: readonly Exemption[],
): PolicyFile[] {
  const files: PolicyFile[] = [];
  for (const { id, source } of checksFor(level)) {
    const check = CEL_CHECKS.find((c) => c.id === id);
    if (!check) throw new Error(`no CEL translation for Pod Security check ${id}`);
    const mine = exemptions.filter((e) => e.check === id);
    const cel = checkPolicyCel(
      check,
      levelLabel(level),
      'object',
      inlineExemptions(celExemptionList(entriesFor(mine, id))),
    );
    const name = `kubeseam-pss-${level}-${kebab(id)}`;
    const objLabels = labels(level, id);
    files.push({
      name: `vap-pss-${level}-${kebab(id)}.yaml`,
      comment: fileComment(`Pod Security "${levelLabel(level)}" check ${id} (${source}).`, namespaces, mode, mine),
      objects: [
        policy(
          name,
          objLabels,
          {
            [ANNOTATION.generatedBy]: GENERATOR,
            [ANNOTATION.check]: id,
            [ANNOTATION.checkSource]: source,
            ...exemptionsAnnotation(mine),
          },
          {
            variables: cel.variables,
            validations: [
              { expression: cel.expression, messageExpression: cel.messageExpression, reason: 'Forbidden' },
            ],
            auditAnnotations: [{ key: 'exempted', valueExpression: cel.exemptedExpression }],
          },
        ),
        binding(name, namespaces, mode, objLabels),
      ],
    });
  }
  const mine = exemptions.filter((e) => e.check === HOST_MOUNTS_CHECK);
  const name = 'kubeseam-sensitive-host-mounts';
  const objLabels = labels(undefined, HOST_MOUNTS_CHECK);
  const validation = hostMountValidation();
  files.push({
    name: 'vap-sensitive-host-mounts.yaml',
    comment: fileComment(
      'Writable mounts of sensitive host paths, and runtime sockets (not covered by Pod Security).',
      namespaces,
      mode,
      mine,
    ),
    objects: [
      policy(
        name,
        objLabels,
        {
          [ANNOTATION.generatedBy]: GENERATOR,
          [ANNOTATION.check]: HOST_MOUNTS_CHECK,
          [ANNOTATION.checkSource]: HOST_MOUNTS_SOURCE,
          ...exemptionsAnnotation(mine),
        },
        {
          variables: [
            ...podTemplateVariables('object'),
            inlineExemptions(celExemptionList(entriesFor(mine, HOST_MOUNTS_CHECK))),
            ...hostMountVariables(),
          ],
          validations: [{ ...validation, reason: 'Forbidden' }],
        },
      ),
      binding(name, namespaces, mode, objLabels),
    ],
  });
  return files;
}
