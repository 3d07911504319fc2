// deploy/cronjob.yaml: the hourly in-cluster scan that feeds the scan history. Checked with kubeseam's own PSS
// evaluator and against deploy/rbac.yaml, so the manifest cannot drift into something the namespace rejects.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { severityRank } from '../src/checks/types.ts';
import { METADATA_ENDPOINTS } from '../src/knowledge/metadata-endpoints.ts';
import { buildModel } from '../src/model/build.ts';
import type { KubeObject, ObjectMeta, PodSpec } from '../src/model/k8s.ts';
import { evaluatePod } from '../src/pss/evaluate.ts';
import { scan } from '../src/scan.ts';
import { loadSource } from '../src/sources/load.ts';

const read = (file: string): KubeObject[] =>
  parseAllDocuments(readFileSync(new URL(`../deploy/${file}`, import.meta.url), 'utf8'))
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);

interface CronJob extends KubeObject {
  spec: {
    schedule: string;
    concurrencyPolicy?: string;
    jobTemplate: { spec: { template: { metadata?: ObjectMeta; spec: PodSpec } } };
  };
}

interface NetworkPolicy extends KubeObject {
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    policyTypes: string[];
    ingress?: unknown[];
    egress: { to: { ipBlock: { cidr: string; except?: string[] } }[] }[];
  };
}

const FILE = fileURLToPath(new URL('../deploy/cronjob.yaml', import.meta.url));
const objects = read('cronjob.yaml');
const cron = objects.find((o) => o.kind === 'CronJob') as CronJob | undefined;
const netpol = objects.find((o) => o.kind === 'NetworkPolicy') as NetworkPolicy | undefined;

describe('deploy/cronjob.yaml', () => {
  it('is one CronJob in namespace kubeseam, hourly, never overlapping', () => {
    assert.deepEqual(objects.map((o) => o.kind).sort(), ['CronJob', 'NetworkPolicy']);
    assert.ok(cron);
    assert.equal(cron.apiVersion, 'batch/v1');
    assert.equal(cron.metadata.namespace, 'kubeseam');
    assert.match(cron.spec.schedule, /^([0-5]?\d) \* \* \* \*$/);
    assert.equal(cron.spec.concurrencyPolicy, 'Forbid');
  });

  const pod = cron!.spec.jobTemplate.spec.template;
  const container = pod.spec.containers?.[0];

  it('meets the restricted Pod Security Standard', () => {
    const verdict = evaluatePod(pod, 'restricted');
    assert.deepEqual(verdict.violations, []);
    assert.equal(container?.securityContext?.readOnlyRootFilesystem, true);
    assert.deepEqual(container?.securityContext?.capabilities?.drop, ['ALL']);
  });

  it('runs as the ServiceAccount deploy/rbac.yaml grants read-only access to', () => {
    assert.equal(pod.spec.serviceAccountName, 'kubeseam');
    const sa = read('rbac.yaml').find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'kubeseam');
    assert.equal(sa?.metadata.namespace, 'kubeseam');
  });

  it('saves to the store named by a Secret, never by a literal in the manifest', () => {
    const args = container?.args ?? [];
    assert.deepEqual(args.slice(0, 2), ['scan', '--store']);
    assert.ok(!args.some((a) => /postgres(ql)?:|sqlite:/.test(a)));
    const env = new Map((container?.env ?? []).map((e) => [e.name, e]));
    assert.deepEqual(env.get('KUBESEAM_STORE_URL')?.valueFrom?.secretKeyRef, { name: 'kubeseam-store', key: 'url' });
    // Every cluster files its scans under its own key, from its own ConfigMap.
    assert.ok(args.includes('$(KUBESEAM_CLUSTER_KEY)'));
    assert.ok(env.get('KUBESEAM_CLUSTER_KEY')?.valueFrom?.configMapKeyRef);
    for (const e of env.values()) assert.ok(!/postgres(ql)?:\/\//.test(e.value ?? ''), e.name);
  });

  it('has CPU, memory and disk limits', () => {
    const limits = container?.resources?.limits ?? {};
    for (const r of ['cpu', 'memory', 'ephemeral-storage']) assert.ok(limits[r] !== undefined, r);
  });

  it('keeps the pod away from every cloud metadata endpoint kubeseam knows, and takes no ingress', () => {
    const labels = pod.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(netpol?.spec.podSelector.matchLabels ?? {})) assert.equal(labels[k], v, k);
    assert.deepEqual(netpol?.spec.policyTypes, ['Ingress', 'Egress']);
    assert.equal(netpol?.spec.ingress, undefined);
    const except = new Set((netpol?.spec.egress ?? []).flatMap((r) => r.to.flatMap((t) => t.ipBlock.except ?? [])));
    for (const e of METADATA_ENDPOINTS) {
      assert.ok(except.has(e.address.includes(':') ? `${e.address}/128` : `${e.address}/32`), e.id);
    }
  });

  it("passes kubeseam's own scan with nothing at medium or above", async () => {
    const loaded = await loadSource({ files: [FILE] });
    const result = scan(buildModel(loaded.input), { source: loaded.source, asOf: new Date('2025-06-01T00:00:00Z') });
    assert.deepEqual(
      result.findings.filter((f) => severityRank(f.severity) >= severityRank('medium')).map((f) => f.checkId),
      [],
    );
  });
});
