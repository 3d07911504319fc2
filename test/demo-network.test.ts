// On each demo cluster, the metadata-API findings name the pods that reach an endpoint and why; adding the
// NetworkPolicies kubeseam generates (to the model, as `kubectl apply` would to the cluster) closes every one of
// them for pods on the pod network. Host-network pods stay exposed: NetworkPolicy cannot reach them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, classify, formatRef, loadSource, networkAnalysis, scan } from '../src/index.ts';

for (const demo of ['eks', 'aks', 'gke'] as const) {
  describe(`demo ${demo}: metadata API exposure`, () => {
    it('names the exposed pods and why, and the generated policies close them', async () => {
      const { input, source } = await loadSource({ demo });
      const before = buildModel(input);
      classify(before);
      const result = scan(before, { source, checks: ['metadata-api-reachable'] });
      const findings = result.findings.filter((f) => f.checkId === 'metadata-api-reachable');
      const analysis = networkAnalysis(before);
      const exposed = analysis.metadata.workloads.filter(
        (w) => !w.hostNetwork && w.endpoints.some((e) => e.exposed !== 'no'),
      );
      assert.ok(exposed.length > 0, 'the demo has exposed workloads');
      // Each finding is a namespace with exposed pods; its message names at least one of them and the reason.
      for (const f of findings) {
        const ns = f.resource.name;
        const names = exposed.filter((w) => w.namespace === ns).map((w) => formatRef(w.ref));
        assert.ok(
          names.some((n) => f.message.includes(n)),
          `${ns}: ${f.message}`,
        );
        assert.match(f.message, /\(.*(NetworkPolicy|policy|reachable).*\)/);
      }
      assert.deepEqual(
        analysis.suggestedPolicies.map((p) => p.namespace).sort(),
        [...new Set(exposed.map((w) => w.namespace))].sort(),
      );

      // Apply the generated policies, and narrow (here: remove) the existing policies each suggestion names as
      // allowing the endpoints today — NetworkPolicies add up, so the new one alone cannot close those namespaces.
      const narrow = new Set(
        analysis.suggestedPolicies.flatMap((p) => p.alsoNarrow.map((r) => `${r.namespace ?? ''}/${r.name}`)),
      );
      const after = buildModel({
        ...input,
        objects: [
          ...input.objects.filter(
            (o) =>
              o.object.kind !== 'NetworkPolicy' ||
              !narrow.has(`${o.object.metadata.namespace ?? ''}/${o.object.metadata.name ?? ''}`),
          ),
          ...analysis.suggestedPolicies.map((p) => ({ object: p.policy, origin: { file: 'generated' } })),
        ],
      });
      classify(after);
      const still = networkAnalysis(after).metadata.workloads.filter(
        (w) => !w.hostNetwork && w.endpoints.some((e) => e.exposed !== 'no'),
      );
      assert.deepEqual(
        still.map((w) => formatRef(w.ref)),
        [],
      );
      const rescanned = scan(after, { source, checks: ['metadata-api-reachable'] });
      assert.equal(rescanned.findings.length, 0);
      // Host-network pods are untouched by NetworkPolicy and still reach the endpoints.
      const hostNet = networkAnalysis(after).metadata.workloads.filter((w) => w.hostNetwork);
      assert.ok(hostNet.every((w) => w.endpoints.some((e) => e.exposed !== 'no')));
    });
  });
}
