// OPA Gatekeeper output: a ConstraintTemplate per check (templates.gatekeeper.sh/v1) whose code is CEL for the
// K8sNativeValidation engine (Gatekeeper 3.16+; evaluated by its webhook and audit, and convertible to a
// ValidatingAdmissionPolicy), and a Constraint per template carrying the exemptions as parameters, each with its
// reason. The CEL is the ValidatingAdmissionPolicy's, reading `variables.anyObject` and `variables.params` as the
// K8sNativeValidation driver binds them (open-policy-agent/frameworks constraint/pkg/client/drivers/k8scel).
//
// Audit mode uses `enforcementAction: warn`: like the VAP's [Audit, Warn], clients see a warning and the audit
// controller records the violation on the constraint; `deny` in enforce mode.

import type { KubeObject } from '../../model/k8s.ts';
import { PARAMS_EXEMPTIONS, podTemplateVariables } from './cel.ts';
import {
  ANNOTATION,
  checksFor,
  entriesFor,
  entryComment,
  entryFields,
  exemptionsAnnotation,
  fileComment,
  GENERATOR,
  HOST_MOUNTS_SOURCE,
  kebab,
  labels,
  levelLabel,
  pascal,
  WORKLOAD_RESOURCES,
  type ExemptionEntry,
} from './common.ts';
import { hostMountValidation, hostMountVariables } from './host-mounts.ts';
import { CEL_CHECKS, checkPolicyCel } from './pss-cel.ts';
import { HOST_MOUNTS_CHECK, type Exemption, type PolicyFile, type PolicyLevel, type PolicyMode } from './types.ts';

const ANY_OBJECT = 'variables.anyObject';

function parameterSchema(withPaths: boolean): Record<string, unknown> {
  const str = { type: 'string' };
  return {
    type: 'object',
    properties: {
      exemptions: {
        type: 'array',
        description: 'Containers exempt from the check: namespace, container name and image repository must all match.',
        items: {
          type: 'object',
          required: ['namespace', 'container', 'image', ...(withPaths ? ['path'] : [])],
          properties: {
            namespace: str,
            container: str,
            image: { ...str, description: 'Image repository without tag or digest.' },
            ...(withPaths ? { path: { ...str, description: 'Canonical host path the container may mount.' } } : {}),
            reason: { ...str, description: 'Catalog component, workload and source the exemption comes from.' },
          },
        },
      },
    },
  };
}

function template(
  kind: string,
  annotations: Record<string, string>,
  objLabels: Record<string, string>,
  source: Record<string, unknown>,
  withPaths: boolean,
): KubeObject {
  return {
    apiVersion: 'templates.gatekeeper.sh/v1',
    kind: 'ConstraintTemplate',
    metadata: { name: kind.toLowerCase(), labels: objLabels, annotations },
    spec: {
      crd: { spec: { names: { kind }, validation: { openAPIV3Schema: parameterSchema(withPaths) } } },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', code: [{ engine: 'K8sNativeValidation', source }] }],
    },
  };
}

function matchKinds(): { apiGroups: string[]; kinds: string[] }[] {
  const byGroup = new Map<string, string[]>();
  for (const r of WORKLOAD_RESOURCES) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r.kind]);
  return [...byGroup].map(([group, kinds]) => ({ apiGroups: [group], kinds }));
}

function parameters(entries: readonly ExemptionEntry[]): Record<string, unknown>[] {
  return entries.map((e) => ({ ...entryFields(e), reason: entryComment(e).replace(/\n/g, ' | ') }));
}

function constraint(
  kind: string,
  name: string,
  objLabels: Record<string, string>,
  mode: PolicyMode,
  namespaces: readonly string[],
  entries: readonly ExemptionEntry[],
  exemptions: readonly Exemption[],
): KubeObject {
  return {
    apiVersion: 'constraints.gatekeeper.sh/v1beta1',
    kind,
    metadata: {
      name,
      labels: objLabels,
      annotations: {
        [ANNOTATION.generatedBy]: GENERATOR,
        ...exemptionsAnnotation(exemptions),
      },
    },
    spec: {
      enforcementAction: mode === 'audit' ? 'warn' : 'deny',
      match: { kinds: matchKinds(), namespaces: [...namespaces] },
      parameters: { exemptions: parameters(entries) },
    },
  };
}

export function gatekeeperFiles(
  level: PolicyLevel,
  mode: PolicyMode,
  namespaces: readonly string[],
  exemptions: readonly Exemption[],
): PolicyFile[] {
  const templates: KubeObject[] = [];
  const constraints: KubeObject[] = [];
  const add = (
    kind: string,
    name: string,
    check: string,
    checkSource: string,
    source: Record<string, unknown>,
    objLabels: Record<string, string>,
  ): void => {
    const mine = exemptions.filter((e) => e.check === check);
    const entries = entriesFor(mine, check);
    templates.push(
      template(
        kind,
        { [ANNOTATION.generatedBy]: GENERATOR, [ANNOTATION.check]: check, [ANNOTATION.checkSource]: checkSource },
        objLabels,
        source,
        check === HOST_MOUNTS_CHECK,
      ),
    );
    constraints.push(constraint(kind, name, objLabels, mode, namespaces, entries, mine));
  };
  for (const { id, source } of checksFor(level)) {
    const check = CEL_CHECKS.find((c) => c.id === id);
    if (!check) throw new Error(`no CEL translation for Pod Security check ${id}`);
    const cel = checkPolicyCel(check, levelLabel(level), ANY_OBJECT, PARAMS_EXEMPTIONS);
    add(
      `KubeseamPss${pascal(id)}`,
      `kubeseam-pss-${level}-${kebab(id)}`,
      id,
      source,
      {
        variables: cel.variables,
        validations: [{ expression: cel.expression, messageExpression: cel.messageExpression }],
      },
      labels(level, id),
    );
  }
  add(
    'KubeseamSensitiveHostMounts',
    'kubeseam-sensitive-host-mounts',
    HOST_MOUNTS_CHECK,
    HOST_MOUNTS_SOURCE,
    {
      variables: [...podTemplateVariables(ANY_OBJECT), PARAMS_EXEMPTIONS, ...hostMountVariables()],
      validations: [hostMountValidation()],
    },
    labels(undefined, HOST_MOUNTS_CHECK),
  );
  return [
    {
      name: `gatekeeper-templates-${level}.yaml`,
      comment:
        `ConstraintTemplates (K8sNativeValidation CEL, Gatekeeper 3.16 or later) for Pod Security "${levelLabel(level)}" ` +
        `and sensitive host mounts.\nApply before gatekeeper-constraints-${level}.yaml: each template creates the kind its constraint uses.`,
      objects: templates,
    },
    {
      name: `gatekeeper-constraints-${level}.yaml`,
      comment: fileComment(
        `Constraints for Pod Security "${levelLabel(level)}" and sensitive host mounts.`,
        namespaces,
        mode,
        exemptions,
      ),
      // Each exemption's reason is a field of its parameter entry.
      objects: constraints,
    },
  ];
}
