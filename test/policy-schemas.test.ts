// Every generated object is valid for the API that will receive it: the Kubernetes OpenAPI schema of
// ValidatingAdmissionPolicy and its binding, Kyverno's ClusterPolicy CRD, Gatekeeper's ConstraintTemplate CRD and the
// parameter schema each template declares for its constraint (schemas in test/schemas/, see each SOURCE.md). The
// published schemas leave objects open; the test closes them (unknown fields are errors, as with
// `kubectl apply --validate=strict`) and adds the rules the API server checks in code. Rendered files parse back to
// the same objects, say they are generated, and say why each exemption exists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseCel } from '@bufbuild/cel';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { buildModel, type Model } from '../src/model/build.ts';
import type { KubeObject } from '../src/model/k8s.ts';
import type { Snapshot } from '../src/model/types.ts';
import {
  generatePolicies,
  GENERATED_LINE,
  HOST_MOUNTS_CHECK,
  renderPolicyFile,
  type PolicyEngine,
  type PolicyLevel,
  type PolicyMode,
  type PolicySet,
} from '../src/policy/generate/index.ts';
import { compileCel } from '../src/rules/cel.ts';
import { snapshotObjects } from '../src/sources/snapshot.ts';

const SCHEMAS = fileURLToPath(new URL('./schemas/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
type Json = Record<string, unknown>;

function readJson(path: string): Json {
  return JSON.parse(readFileSync(SCHEMAS + path, 'utf8')) as Json;
}

/** Closes every object schema that lists its properties, unless it keeps unknown fields on purpose. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = closed(v);
  if (
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

// Formats (int64, date-time) are not checked: Kubernetes' own validation does not use them either.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
ajv.addSchema(closed(readJson('k8s/admissionregistration.k8s.io-v1.vap-subset.json')) as Json, 'k8s');
const k8s = (name: string): ValidateFunction =>
  ajv.compile({ $ref: `k8s#/components/schemas/io.k8s.api.admissionregistration.v1.${name}` });
const VALIDATORS: Record<string, ValidateFunction> = {
  ValidatingAdmissionPolicy: k8s('ValidatingAdmissionPolicy'),
  ValidatingAdmissionPolicyBinding: k8s('ValidatingAdmissionPolicyBinding'),
  ClusterPolicy: ajv.compile(closed(readJson('kyverno/kyverno.io_clusterpolicies.v1.subset.json')) as Json),
  ConstraintTemplate: ajv.compile(
    closed(readJson('gatekeeper/templates.gatekeeper.sh_constrainttemplates.v1.json')) as Json,
  ),
};
const k8sValidation = k8s('Validation');
const k8sVariable = k8s('Variable');

function assertValid(validate: ValidateFunction, value: unknown, what: string): void {
  assert.ok(validate(value), `${what}: ${ajv.errorsText(validate.errors)}`);
}

function model(provider: string): Model {
  const snap = JSON.parse(readFileSync(`${EXAMPLES}${provider}.snapshot.json`, 'utf8')) as Snapshot;
  return buildModel({
    objects: snapshotObjects(snap, { file: provider }),
    cluster: snap.cluster,
    sourceKind: 'snapshot',
  });
}

const ENGINES: PolicyEngine[] = ['vap', 'kyverno', 'gatekeeper'];
const LEVELS: PolicyLevel[] = ['baseline', 'restricted'];
const MODES: PolicyMode[] = ['audit', 'enforce'];
// Every engine and level for each demo cluster, in audit mode; enforce mode (which changes the actions only) for one.
const sets: PolicySet[] = [];
for (const provider of ['eks', 'aks', 'gke']) {
  const m = model(provider);
  for (const engine of ENGINES) {
    for (const level of LEVELS) {
      for (const mode of MODES)
        if (mode === 'audit' || provider === 'eks') sets.push(generatePolicies(m, { engine, level, mode }));
    }
  }
}
const objectsOf = (engine: PolicyEngine): { set: PolicySet; object: KubeObject }[] =>
  sets
    .filter((s) => s.engine === engine)
    .flatMap((set) => set.files.flatMap((f) => f.objects.map((object) => ({ set, object }))));

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CEL_IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// CEL's RESERVED words, which isCELIdentifier in kubernetes/kubernetes pkg/apis/admissionregistration/validation
// refuses as variable names.
const CEL_RESERVED = new Set(
  'true false null in as break const continue else for function if import let loop package namespace return var void while'.split(
    ' ',
  ),
);
const CEL_ROOTS = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables', 'authorizer'];

/** Metadata rules of every object: DNS-subdomain names, label values, annotation size (apimachinery validation). */
function checkMetadata(o: KubeObject): void {
  const name = o.metadata.name ?? '';
  assert.ok(name.length <= 253 && DNS_SUBDOMAIN.test(name), `name ${name}`);
  for (const [k, v] of Object.entries(o.metadata.labels ?? {}))
    assert.ok(v.length <= 63 && LABEL_VALUE.test(v), `label ${k}=${v}`);
  const size = Object.entries(o.metadata.annotations ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);
  assert.ok(size < 256 * 1024, `${name}: annotations of ${size} bytes`);
}

/** Variables: unique CEL identifiers, each reading only variables declared before it (VAP validation). */
function checkVariables(variables: { name: string; expression: string }[], what: string): void {
  const seen = new Set<string>();
  for (const v of variables) {
    assert.ok(
      CEL_IDENTIFIER.test(v.name) && !CEL_RESERVED.has(v.name) && !seen.has(v.name),
      `${what}: variable ${v.name}`,
    );
    for (const [, used] of v.expression.matchAll(/variables\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
      assert.ok(
        seen.has(used!) || ['params', 'anyObject'].includes(used!),
        `${what}: ${v.name} reads ${used} before it is declared`,
      );
    }
    seen.add(v.name);
  }
}

const compiled = new Set<string>();

type Expr = ReturnType<typeof parseCel>['expr'];

/** The type cel-go's checker gives a literal element, as far as the syntax tells: `dyn` for object data. */
function literalType(e: Expr): string {
  const k = e.exprKind;
  switch (k.case) {
    case 'constExpr':
      return k.value.constantKind.case ?? 'null';
    case 'identExpr':
    case 'selectExpr':
      return 'dyn';
    case 'callExpr':
      return k.value.function === 'dyn' ? 'dyn' : 'other';
    case 'listExpr':
      return 'list';
    case 'structExpr':
      return 'map';
    default:
      return 'other';
  }
}

/**
 * Kubernetes' CEL environment sets cel.HomogeneousAggregateLiterals (apiserver/pkg/cel/environment/base.go): every
 * element of a list literal, and every key and value of a map literal, must have one type; `dyn(...)` and object
 * data (dyn) join anything. @bufbuild/cel does not check this, so the test does.
 */
function homogeneous(expr: Expr, source: string): void {
  const same = (types: string[], what: string): void => {
    // Two elements of unknown type might differ: only one may be unknown, and only beside dyn ones.
    const unknown = types.filter((t) => t === 'other').length;
    const constants = new Set(types.filter((t) => t !== 'dyn' && t !== 'other'));
    const ok = constants.size + unknown <= 1;
    assert.ok(ok, `${what} mixes ${types.join(', ')}: ${source.slice(0, 120)}`);
  };
  const walk = (e: Expr | undefined): void => {
    if (!e) return;
    const k = e.exprKind;
    switch (k.case) {
      case 'listExpr':
        same(k.value.elements.map(literalType), 'list literal');
        k.value.elements.forEach(walk);
        return;
      case 'structExpr':
        same(
          k.value.entries.map((x) => (x.keyKind.case === 'mapKey' ? literalType(x.keyKind.value) : 'other')),
          'map keys',
        );
        same(
          k.value.entries.map((x) => (x.value ? literalType(x.value) : 'other')),
          'map values',
        );
        k.value.entries.forEach((x) => walk(x.value));
        return;
      case 'selectExpr':
        walk(k.value.operand);
        return;
      case 'callExpr':
        walk(k.value.target);
        k.value.args.forEach(walk);
        return;
      case 'comprehensionExpr':
        [k.value.iterRange, k.value.accuInit, k.value.loopCondition, k.value.loopStep, k.value.result].forEach(walk);
        return;
      default:
        return;
    }
  };
  walk(expr);
}

/**
 * Every expression compiles with only the functions Kubernetes' CEL environment has (src/rules/cel.ts), and its
 * literals are homogeneous.
 */
function checkCompiles(expressions: string[], what: string): void {
  for (const e of expressions) {
    if (compiled.has(e)) continue;
    assert.doesNotThrow(() => compileCel(e, CEL_ROOTS), `${what}: ${e.slice(0, 100)}`);
    homogeneous(parseCel(e).expr, e);
    compiled.add(e);
  }
}

const parameterValidators = new Map<string, ValidateFunction>();
function parameterValidator(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let hit = parameterValidators.get(key);
  if (!hit) parameterValidators.set(key, (hit = ajv.compile(closed(schema) as Json)));
  return hit;
}

describe('ValidatingAdmissionPolicy output', () => {
  it('matches the Kubernetes OpenAPI schema and the API server validation rules', () => {
    let policies = 0;
    for (const { set, object } of objectsOf('vap')) {
      assert.equal(object.apiVersion, 'admissionregistration.k8s.io/v1');
      assertValid(VALIDATORS[object.kind]!, object, `${object.kind} ${object.metadata.name ?? ''}`);
      checkMetadata(object);
      const spec = object.spec as Json;
      if (object.kind === 'ValidatingAdmissionPolicyBinding') {
        const actions = spec.validationActions as string[];
        assert.deepEqual(actions, set.mode === 'audit' ? ['Audit', 'Warn'] : ['Deny']);
        assert.ok(!(actions.includes('Deny') && actions.includes('Warn')), 'Deny and Warn together are rejected');
        assert.ok(
          set.files.some((f) =>
            f.objects.some((p) => p.kind === 'ValidatingAdmissionPolicy' && p.metadata.name === spec.policyName),
          ),
        );
        continue;
      }
      policies++;
      assert.equal(spec.failurePolicy, 'Fail');
      const rules = (spec.matchConstraints as Json).resourceRules as Json[];
      assert.ok(rules.length > 0);
      for (const r of rules) {
        for (const op of r.operations as string[])
          assert.ok(['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*'].includes(op));
        assert.ok((r.resources as string[]).length > 0 && (r.apiGroups as string[]).length > 0);
      }
      const conditions = spec.matchConditions as { name: string; expression: string }[];
      assert.ok(conditions.length <= 64 && conditions.every((c) => QUALIFIED_NAME.test(c.name)));
      const variables = spec.variables as { name: string; expression: string }[];
      checkVariables(variables, object.metadata.name ?? '');
      const validations = spec.validations as {
        expression: string;
        messageExpression?: string;
        message?: string;
        reason?: string;
      }[];
      for (const v of validations) {
        // A multi-line expression needs a message; messages are one line.
        assert.ok(!v.expression.includes('\n') || v.message !== undefined);
        assert.ok(['Unauthorized', 'Forbidden', 'Invalid', 'RequestEntityTooLarge', undefined].includes(v.reason));
      }
      const audit = (spec.auditAnnotations ?? []) as { key: string; valueExpression: string }[];
      for (const a of audit) assert.ok(a.key.length <= 63 && QUALIFIED_NAME.test(a.key));
      checkCompiles(
        [
          ...conditions.map((c) => c.expression),
          ...variables.map((v) => v.expression),
          ...validations.flatMap((v) => [v.expression, v.messageExpression ?? 'true']),
          ...audit.map((a) => a.valueExpression),
        ],
        object.metadata.name ?? '',
      );
    }
    assert.ok(policies >= 4 * 2 * 13);
  });
});

describe('Kyverno output', () => {
  it('matches the ClusterPolicy CRD schema, with unique rule names and the failure action of the mode', () => {
    for (const { set, object } of objectsOf('kyverno')) {
      assert.equal(object.apiVersion, 'kyverno.io/v1');
      assertValid(VALIDATORS.ClusterPolicy!, object, object.metadata.name ?? '');
      checkMetadata(object);
      const rules = (object.spec as { rules: Json[] }).rules;
      assert.equal(new Set(rules.map((r) => r.name)).size, rules.length, 'rule names are unique');
      for (const r of rules) {
        const validate = r.validate as Json;
        assert.equal(validate.failureAction, set.mode === 'audit' ? 'Audit' : 'Enforce');
        const pss = validate.podSecurity as Json | undefined;
        if (pss) assert.deepEqual([pss.level, pss.version], [set.level, 'latest']);
        const cel = validate.cel as
          { variables: { name: string; expression: string }[]; expressions: Json[] } | undefined;
        if (cel) {
          checkVariables(cel.variables, String(r.name));
          checkCompiles(
            [...cel.variables.map((v) => v.expression), ...cel.expressions.map((e) => String(e.expression))],
            String(r.name),
          );
        }
      }
    }
  });
});

describe('Gatekeeper output', () => {
  it('templates match the ConstraintTemplate CRD and carry valid K8sNativeValidation sources', () => {
    for (const { object } of objectsOf('gatekeeper').filter((x) => x.object.kind === 'ConstraintTemplate')) {
      assert.equal(object.apiVersion, 'templates.gatekeeper.sh/v1');
      assertValid(VALIDATORS.ConstraintTemplate!, object, object.metadata.name ?? '');
      checkMetadata(object);
      const spec = object.spec as {
        crd: { spec: { names: { kind: string }; validation: { openAPIV3Schema: Json } } };
        targets: Json[];
      };
      const kind = spec.crd.spec.names.kind;
      assert.match(kind, /^[A-Z][A-Za-z0-9]*$/);
      assert.equal(object.metadata.name, kind.toLowerCase(), 'Gatekeeper requires name == lowercase(kind)');
      assert.equal(spec.targets.length, 1);
      assert.equal(spec.targets[0]!.target, 'admission.k8s.gatekeeper.sh');
      const code = spec.targets[0]!.code as { engine: string; source: Json }[];
      assert.deepEqual(
        code.map((c) => c.engine),
        ['K8sNativeValidation'],
      );
      const source = code[0]!.source as { variables: { name: string; expression: string }[]; validations: Json[] };
      assert.deepEqual(Object.keys(source).sort(), ['validations', 'variables']);
      for (const v of source.variables) {
        assertValid(k8sVariable, v, v.name);
        // Reserved by the driver (frameworks constraint/pkg/client/drivers/k8scel/schema/schema.go).
        assert.ok(!['params', 'anyObject'].includes(v.name) && !v.name.startsWith('gatekeeper_internal_'));
      }
      checkVariables(source.variables, kind);
      for (const v of source.validations) {
        assertValid(k8sValidation, v, kind);
        assert.ok(Object.keys(v).every((k) => ['expression', 'message', 'messageExpression'].includes(k)));
      }
      checkCompiles(
        [
          ...source.variables.map((v) => v.expression),
          ...source.validations.flatMap((v) => [String(v.expression), String(v.messageExpression)]),
        ],
        kind,
      );
      structural(spec.crd.spec.validation.openAPIV3Schema, kind);
    }
  });

  it('constraints name their template kind, and their parameters match the schema the template declares', () => {
    for (const set of sets.filter((s) => s.engine === 'gatekeeper')) {
      const [templates, constraints] = set.files.map((f) => f.objects);
      assert.equal(templates!.length, constraints!.length);
      constraints!.forEach((c, i) => {
        const t = templates![i]!;
        const tspec = t.spec as { crd: { spec: { names: { kind: string }; validation: { openAPIV3Schema: Json } } } };
        assert.equal(c.apiVersion, 'constraints.gatekeeper.sh/v1beta1');
        assert.equal(c.kind, tspec.crd.spec.names.kind);
        checkMetadata(c);
        const spec = c.spec as {
          enforcementAction: string;
          match: { kinds: Json[]; namespaces: string[] };
          parameters: Json;
        };
        assert.equal(spec.enforcementAction, set.mode === 'audit' ? 'warn' : 'deny');
        assert.deepEqual(Object.keys(spec).sort(), ['enforcementAction', 'match', 'parameters']);
        assert.deepEqual(spec.match.namespaces, set.namespaces);
        // Gatekeeper's namespace matcher pattern (frameworks k8scel transform/cel_snippets.go).
        for (const ns of spec.match.namespaces) assert.match(ns, /^(\*|\*-)?[a-z0-9]([-:a-z0-9]*[a-z0-9])?(\*|-\*)?$/);
        assertValid(parameterValidator(tspec.crd.spec.validation.openAPIV3Schema), spec.parameters, c.kind);
        const check = t.metadata.annotations?.['kubeseam.io/check'];
        const entries = (spec.parameters.exemptions as Json[]).length;
        assert.equal(
          entries > 0,
          set.exemptions.some((e) => e.check === check),
          `${c.kind}: exemptions present iff derived`,
        );
      });
    }
  });
});

/** A structural schema (what apiextensions requires of a constraint's CRD): every node names its type. */
function structural(node: Json, where: string): void {
  assert.equal(typeof node.type, 'string', `${where}: type`);
  for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Json>)) structural(v, `${where}.${k}`);
  if (node.items !== undefined) structural(node.items as Json, `${where}[]`);
}

describe('rendered files', () => {
  it('start with the generated-by line, parse back to the same objects, and say why each exemption exists', () => {
    // One cluster, every engine, restricted (the most exemptions): rendering depends on nothing else.
    for (const set of sets.filter(
      (s) =>
        s.mode === 'audit' &&
        s.level === 'restricted' &&
        s === sets.find((x) => x.engine === s.engine && x.level === s.level && x.mode === s.mode),
    )) {
      const rendered = set.files.map((f) => ({ f, text: renderPolicyFile(f) }));
      for (const { f, text } of rendered) {
        assert.equal(text.split('\n')[0], GENERATED_LINE);
        assert.match(GENERATED_LINE, /^# Generated by kubeseam /);
        const docs = parseAllDocuments(text);
        assert.ok(Array.isArray(docs) && docs.every((d) => d.errors.length === 0), f.name);
        assert.deepEqual(
          docs.map((d) => d.toJS() as unknown),
          f.objects.map((o) => JSON.parse(JSON.stringify(o)) as unknown),
          f.name,
        );
      }
      const all = rendered.map((r) => r.text).join('\n');
      for (const e of set.exemptions) {
        // The component and its source beside the entry (a CEL comment, a YAML comment or a parameter).
        assert.ok(all.includes(e.component) && all.includes(e.sources[0]!), `${set.engine}: ${e.reason}`);
        if (set.engine === 'vap' || (set.engine === 'kyverno' && e.check === HOST_MOUNTS_CHECK)) {
          assert.ok(
            all.includes(`// ${e.reason}`) || all.includes(`| ${e.reason}`),
            `${set.engine}: CEL comment for ${e.reason}`,
          );
        }
        if (set.engine === 'gatekeeper')
          assert.ok(all.includes(e.reason), `gatekeeper parameter reason for ${e.reason}`);
      }
    }
  });
});
