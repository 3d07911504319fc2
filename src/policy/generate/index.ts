// Admission policies from a scan: Pod Security at a level, enforced natively (ValidatingAdmissionPolicy), by Kyverno
// or by Gatekeeper, with exemptions for exactly the provider and core components the cluster runs, plus a policy for
// writable sensitive host mounts, which Pod Security does not cover. See docs/policy.md.

import type { Model } from '../../model/build.ts';
import { deriveExemptions, targetNamespaces } from './exemptions.ts';
import { gatekeeperFiles } from './gatekeeper.ts';
import { kyvernoFiles } from './kyverno.ts';
import type { Exemption, GenerateOptions, PolicySet } from './types.ts';
import { vapFiles } from './vap.ts';

// Deriving exemptions evaluates every container of every catalogued workload; a model is read-only once built, so
// the result is kept per model for the other engines and modes.
const derived = new WeakMap<Model, Map<string, Exemption[]>>();

function exemptionsFor(model: Model, level: GenerateOptions['level'], namespaces: readonly string[]): Exemption[] {
  let byKey = derived.get(model);
  if (!byKey) derived.set(model, (byKey = new Map<string, Exemption[]>()));
  const key = JSON.stringify([level, namespaces]);
  let hit = byKey.get(key);
  if (!hit) byKey.set(key, (hit = deriveExemptions(model, level, namespaces)));
  return hit;
}

export function generatePolicies(model: Model, options: GenerateOptions): PolicySet {
  const namespaces = targetNamespaces(model, options.namespaces);
  const exemptions = exemptionsFor(model, options.level, namespaces);
  const { level, mode, engine } = options;
  const workloads = model.workloads
    .filter((w) => namespaces.includes(w.namespace))
    .map((w) => ({ namespace: w.namespace, kind: w.kind, name: w.name }));
  const files =
    engine === 'vap'
      ? vapFiles(level, mode, namespaces, exemptions)
      : engine === 'kyverno'
        ? kyvernoFiles(level, mode, namespaces, exemptions, workloads)
        : gatekeeperFiles(level, mode, namespaces, exemptions);
  return { engine, level, mode, namespaces, files, exemptions };
}

export { deriveExemptions, imageRepository, targetNamespaces, workloadExemptions } from './exemptions.ts';
export { sensitiveMount } from './host-mounts.ts';
export { renderPolicyFile, GENERATED_LINE } from './render.ts';
export { evaluateGatekeeper, evaluateKyvernoCelRule, evaluateVap } from './simulate.ts';
export type { AdmissionInput, PolicyVerdict } from './simulate.ts';
export { HOST_MOUNTS_CHECK } from './types.ts';
export type {
  ContainerList,
  Exemption,
  GenerateOptions,
  PolicyEngine,
  PolicyFile,
  PolicyLevel,
  PolicyMode,
  PolicySet,
} from './types.ts';
