// Live collection against the fake API server (test/fake-apiserver): real HTTPS with verification on, bearer
// tokens and an exec plugin, the list protocol, and injected faults.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../model/k8s.ts';
import type { CoverageEntry, Snapshot } from '../model/types.ts';
import type { CollectOptions, CollectProgress } from './cluster.ts';
import type { FakeApiServer, FakeApiServerOptions, Fault } from '../../test/fake-apiserver/server.ts';
import { CollectError, collectSnapshot } from './cluster.ts';
import {
  ADMISSION_V1BETA1_ONLY,
  CILIUM_RESOURCES,
  GATEKEEPER_RESOURCES,
  KYVERNO_RESOURCES,
} from '../../test/fake-apiserver/catalog.ts';
import {
  SECRET_VALUES,
  UNREFERENCED_CONFIG_VALUE,
  exampleObjects,
  generatePods,
  smallCluster,
} from '../../test/fake-apiserver/fixtures.ts';
import { writeKubeconfig } from '../../test/fake-apiserver/kubeconfig.ts';
import { startFakeApiServer } from '../../test/fake-apiserver/server.ts';
import { testCertificate } from '../../test/fake-apiserver/tls.ts';

const TOKEN = 'kubeseam-test-token';
const FAST_RETRY = { attempts: 4, baseDelayMs: 5, maxDelayMs: 40 };
const tls = testCertificate();
let dir = '';
let files = 0;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeseam-cluster-test-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  server: FakeApiServer;
  kubeconfig: string;
}

async function withServer(options: Partial<FakeApiServerOptions>, body: (run: Run) => Promise<void>): Promise<void> {
  const server = await startFakeApiServer({ objects: smallCluster(), token: TOKEN, tls, ...options });
  const kubeconfig = writeKubeconfig(dir, `kubeconfig-${++files}`, {
    server: server.url,
    caPem: tls.cert,
    token: TOKEN,
  });
  try {
    await body({ server, kubeconfig });
  } finally {
    await server.close();
  }
}

function collect(run: Run, options: Partial<CollectOptions> = {}): Promise<Snapshot> {
  return collectSnapshot({ kubeconfig: run.kubeconfig, retry: FAST_RETRY, ...options });
}

function coverage(snapshot: Snapshot, resource: string, group = ''): CoverageEntry {
  const entry = snapshot.coverage.find((c) => c.resource === resource && c.group === group);
  assert.ok(entry, `coverage entry for ${resource}.${group}`);
  return entry;
}

function ofKind(snapshot: Snapshot, apiVersion: string, kind: string): KubeObject[] {
  return snapshot.objects.filter((o) => o.apiVersion === apiVersion && o.kind === kind);
}

function listRequests(server: FakeApiServer, resource: string, group = ''): FakeApiServer['requests'] {
  return server.requests.filter(
    (r) => r.resource === resource && r.group === group && !r.path.split('/').includes('namespaces'),
  );
}

function names(objects: readonly KubeObject[]): string[] {
  return objects.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`).sort();
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

describe('collectSnapshot against the fake API server', () => {
  it('pages through every kind with a small limit and collects each object exactly once', async () => {
    const base = smallCluster();
    const nodes = base.filter((o) => o.kind === 'Node').map((o) => o.metadata.name ?? '');
    const objects = [...base, ...generatePods(120, nodes, 7)];
    await withServer({ objects, resources: CILIUM_RESOURCES }, async (run) => {
      const progress: CollectProgress[] = [];
      const snapshot = await collect(run, { pageSize: 7, onProgress: (p) => progress.push(p) });

      const servedPods = run.server.served('', 'Pod');
      const pods = ofKind(snapshot, 'v1', 'Pod');
      assert.equal(pods.length, servedPods.length);
      assert.deepEqual(names(pods), names(servedPods));
      const uids = snapshot.objects.map((o) => o.metadata.uid);
      assert.equal(new Set(uids).size, uids.length, 'no object twice');

      const pages = listRequests(run.server, 'pods');
      assert.equal(pages.length, Math.ceil(servedPods.length / 7));
      assert.ok(pages.every((r) => r.query.limit === '7'));
      assert.equal(pages.filter((r) => r.query.continue === undefined).length, 1, 'one list, not restarted');

      // List items carry no kind; the snapshot writes the resource's own.
      for (const [apiVersion, kind, group] of [
        ['apps/v1', 'DaemonSet', 'apps'],
        ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'rbac.authorization.k8s.io'],
        ['cilium.io/v2', 'CiliumNetworkPolicy', 'cilium.io'],
      ] as const) {
        assert.equal(ofKind(snapshot, apiVersion, kind).length, run.server.served(group, kind).length, kind);
        assert.ok(run.server.served(group, kind).length > 0, `fixture has ${kind}`);
      }
      const daemonSet = ofKind(snapshot, 'apps/v1', 'DaemonSet').find((o) => o.metadata.name === 'kube-proxy');
      assert.equal(
        (daemonSet?.spec as { template: { spec: { hostNetwork: boolean } } }).template.spec.hostNetwork,
        true,
      );
      assert.ok(
        snapshot.objects.every((o) => !('managedFields' in o.metadata)),
        'managedFields dropped',
      );

      assert.deepEqual(coverage(snapshot, 'pods'), {
        group: '',
        version: 'v1',
        resource: 'pods',
        kind: 'Pod',
        status: 'listed',
        count: pods.length,
      });
      assert.equal(snapshot.cluster.context, 'fake');
      assert.equal(snapshot.cluster.name, 'fake-cluster');
      assert.equal(snapshot.cluster.server, run.server.url);
      assert.equal(snapshot.cluster.version?.gitVersion, 'v1.31.4-eks-2d5f260');
      assert.ok(snapshot.cluster.apiGroupVersions?.includes('apps/v1'));
      assert.ok(snapshot.cluster.apiGroupVersions?.includes('cilium.io/v2'));
      assert.equal(coverage(snapshot, 'networkpolicies', 'crd.projectcalico.org').status, 'not-served');

      const podProgress = progress.filter((p) => p.resource === 'pods');
      assert.deepEqual(podProgress.at(-1), { resource: 'pods', count: pods.length, done: true });
      assert.ok(podProgress.length >= pages.length, 'progress after each page');
      const dsProgress = progress.find((p) => p.resource === 'daemonsets.apps' && p.done);
      assert.equal(dsProgress?.count, 2);
    });
  });

  it('never requests nor stores secret values', async () => {
    await withServer({}, async (run) => {
      const snapshot = await collect(run, { pageSize: 2 });
      const secrets = ofKind(snapshot, 'v1', 'Secret');
      assert.deepEqual(names(secrets), names(run.server.served('', 'Secret')));
      for (const secret of secrets) {
        assert.ok(Object.keys(secret).every((key) => ['apiVersion', 'kind', 'metadata', 'type'].includes(key)));
        assert.equal(secret.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
      }
      // Credential types come from a field-selector list; others stay unknown rather than guessed.
      const typeOf = (name: string): unknown => secrets.find((s) => s.metadata.name === name)?.type;
      assert.equal(typeOf('coredns-legacy-token'), 'kubernetes.io/service-account-token');
      assert.equal(typeOf('bootstrap-token-abcdef'), 'bootstrap.kubernetes.io/token');
      assert.equal(typeOf('db-password'), undefined);
      const owner = secrets.find((s) => s.metadata.name === 'db-password');
      assert.equal(owner?.metadata.annotations?.['team.example.com/owner'], 'payments', 'other annotations kept');
      const text = JSON.stringify(snapshot);
      for (const value of SECRET_VALUES) assert.ok(!text.includes(value), `secret value ${value} leaked`);

      const secretRequests = run.server.requests.filter((r) => r.resource === 'secrets');
      assert.ok(secretRequests.length >= 4, 'paged');
      assert.deepEqual(
        secretRequests.map((r) => r.query.fieldSelector).filter((f) => f !== undefined),
        ['type=kubernetes.io/service-account-token', 'type=bootstrap.kubernetes.io/token'],
      );
      for (const request of secretRequests) {
        assert.equal(request.accept, 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');
        assert.equal(request.served, 'partial');
        assert.ok(!request.path.startsWith('/api/v1/namespaces/'), 'no per-secret GET');
      }
      assert.equal(coverage(snapshot, 'secrets').metadataOnly, true);
      assert.match(
        coverage(snapshot, 'secrets').message ?? '',
        /type recorded for kubernetes.io\/service-account-token/,
      );
    });
  });

  it('fetches full config maps only for middleware namespaces and DaemonSets', async () => {
    await withServer({}, async (run) => {
      const snapshot = await collect(run);
      const byName = new Map(
        ofKind(snapshot, 'v1', 'ConfigMap').map((o) => [`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, o]),
      );
      assert.equal(byName.size, run.server.served('', 'ConfigMap').length);
      const full = [...byName]
        .filter(([, o]) => 'data' in o)
        .map(([key]) => key)
        .sort();
      assert.deepEqual(full, [
        'amazon-cloudwatch/cwagent-settings', // env valueFrom in a middleware namespace
        'app/kube-root-ca.crt', // projected volume of a DaemonSet's pods
        'app/log-shipper-env', // envFrom of a customer DaemonSet
        'kube-system/aws-auth', // well known, read by the control plane
        'kube-system/coredns', // volume of a kube-system Deployment
        'kube-system/kube-proxy',
        'kube-system/kube-proxy-config',
        'kube-system/kube-root-ca.crt',
      ]);
      const corefile = (byName.get('kube-system/coredns')?.data as Record<string, string> | undefined)?.Corefile;
      assert.match(corefile ?? '', /kubernetes cluster\.local/);
      for (const key of ['app/web-config', 'app/unused', 'kube-system/extension-apiserver-authentication']) {
        assert.deepEqual(Object.keys(byName.get(key) ?? {}).sort(), ['apiVersion', 'kind', 'metadata'], key);
      }
      assert.ok(!JSON.stringify(snapshot).includes(UNREFERENCED_CONFIG_VALUE));

      const gets = run.server.requests.filter(
        (r) => r.resource === 'configmaps' && r.path.startsWith('/api/v1/namespaces/'),
      );
      assert.deepEqual(
        gets.map((r) => r.path.replace('/api/v1/namespaces/', '').replace('/configmaps/', '/')).sort(),
        full,
      );
      const lists = run.server.requests.filter((r) => r.resource === 'configmaps' && r.path === '/api/v1/configmaps');
      assert.ok(lists.every((r) => r.served === 'partial'));
      const entry = coverage(snapshot, 'configmaps');
      assert.equal(entry.metadataOnly, true);
      assert.equal(entry.count, byName.size);
      assert.match(entry.message ?? '', /full data for 8 config maps/);
    });
  });

  it('records a 403 on one kind as forbidden with the server message and collects the rest', async () => {
    await withServer({ faults: [{ type: 'forbidden', resource: 'rolebindings' }] }, async (run) => {
      const snapshot = await collect(run);
      const entry = coverage(snapshot, 'rolebindings', 'rbac.authorization.k8s.io');
      assert.equal(entry.status, 'forbidden');
      assert.equal(entry.count, 0);
      assert.match(
        entry.message ?? '',
        /cannot list resource "rolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope/,
      );
      assert.equal(ofKind(snapshot, 'rbac.authorization.k8s.io/v1', 'RoleBinding').length, 0);
      assert.equal(coverage(snapshot, 'roles', 'rbac.authorization.k8s.io').status, 'listed');
      assert.equal(ofKind(snapshot, 'rbac.authorization.k8s.io/v1', 'Role').length, 1);
      assert.equal(ofKind(snapshot, 'v1', 'Pod').length, run.server.served('', 'Pod').length);
    });
  });

  it('waits as long as Retry-After asks on 429, then succeeds', async () => {
    await withServer(
      { faults: [{ type: 'throttle', resource: 'nodes', times: 1, retryAfterSeconds: 1 }] },
      async (run) => {
        const started = Date.now();
        const snapshot = await collect(run);
        const nodeRequests = listRequests(run.server, 'nodes');
        assert.deepEqual(
          nodeRequests.map((r) => r.status),
          [429, 200],
        );
        assert.ok(Date.now() - started >= 950, 'Retry-After: 1 honoured, not the 5 ms test backoff');
        assert.equal(coverage(snapshot, 'nodes').status, 'listed');
        assert.equal(ofKind(snapshot, 'v1', 'Node').length, 3);
      },
    );
  });

  it('restarts a list whose continue token expired (410) and keeps one copy of each object', async () => {
    await withServer({ faults: [{ type: 'expire-continue', resource: 'pods', times: 1 }] }, async (run) => {
      const snapshot = await collect(run, { pageSize: 2 });
      const pods = ofKind(snapshot, 'v1', 'Pod');
      assert.deepEqual(names(pods), names(run.server.served('', 'Pod')));
      const requests = listRequests(run.server, 'pods');
      assert.equal(requests.filter((r) => r.status === 410).length, 1);
      assert.equal(
        requests.filter((r) => r.query.continue === undefined).length,
        2,
        'started again from the first page',
      );
      const entry = coverage(snapshot, 'pods');
      assert.equal(entry.status, 'listed');
      assert.match(entry.message ?? '', /restarted 1×/);
    });
  });

  it('gives up restarting after maxListRestarts and reports the list as failed', async () => {
    await withServer({ faults: [{ type: 'expire-continue', resource: 'pods', times: 10 }] }, async (run) => {
      const snapshot = await collect(run, { pageSize: 2, maxListRestarts: 2 });
      const entry = coverage(snapshot, 'pods');
      assert.equal(entry.status, 'failed');
      assert.equal(entry.count, 0);
      assert.match(entry.message ?? '', /expired 3 times \(410\)/);
      assert.equal(ofKind(snapshot, 'v1', 'Pod').length, 0, 'no half list');
    });
  });

  it('retries a 500 and succeeds', async () => {
    await withServer({ faults: [{ type: 'error', resource: 'deployments', times: 1 }] }, async (run) => {
      const snapshot = await collect(run);
      assert.deepEqual(
        listRequests(run.server, 'deployments', 'apps').map((r) => r.status),
        [500, 200],
      );
      assert.equal(coverage(snapshot, 'deployments', 'apps').status, 'listed');
      assert.equal(ofKind(snapshot, 'apps/v1', 'Deployment').length, 3);
    });
  });

  it('marks a kind failed after persistent 5xx, with the message, and still returns the snapshot', async () => {
    await withServer({ faults: [{ type: 'error', resource: 'services', times: 100, status: 503 }] }, async (run) => {
      const snapshot = await collect(run);
      const entry = coverage(snapshot, 'services');
      assert.equal(entry.status, 'failed');
      assert.match(entry.message ?? '', /503/);
      assert.equal(listRequests(run.server, 'services').length, FAST_RETRY.attempts);
      assert.equal(coverage(snapshot, 'pods').status, 'listed');
    });
  });

  it('keeps the pages read before a server that drops the connection mid-list, as partial', async () => {
    await withServer({ faults: [{ type: 'close-mid-list', resource: 'pods' }] }, async (run) => {
      const snapshot = await collect(run, { pageSize: 4 });
      const entry = coverage(snapshot, 'pods');
      assert.equal(entry.status, 'partial');
      assert.equal(entry.count, 4, 'the first page only');
      assert.match(entry.message ?? '', /after 4 objects/);
      assert.equal(
        listRequests(run.server, 'pods').filter((r) => r.query.continue !== undefined).length,
        FAST_RETRY.attempts,
      );
      const pods = ofKind(snapshot, 'v1', 'Pod');
      assert.equal(new Set(pods.map((p) => p.metadata.uid)).size, 4);
      assert.equal(coverage(snapshot, 'namespaces').status, 'listed');
    });
  });

  it('throws a network CollectError when the server is gone', async () => {
    const server = await startFakeApiServer({ objects: [], token: TOKEN, tls });
    const kubeconfig = writeKubeconfig(dir, `kubeconfig-${++files}`, {
      server: server.url,
      caPem: tls.cert,
      token: TOKEN,
    });
    server.kill();
    const error = await rejection(collectSnapshot({ kubeconfig, retry: { attempts: 2, baseDelayMs: 5 } }));
    assert.ok(error instanceof CollectError);
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ECONNREFUSED/);
    assert.ok(!error.message.includes('\n'));
  });

  it('throws an access CollectError with a one-line message when the token is rejected (401)', async () => {
    await withServer({}, async (run) => {
      run.server.setToken('rotated-token');
      const error = await rejection(collect(run));
      assert.ok(error instanceof CollectError);
      assert.equal(error.kind, 'access');
      assert.equal(
        error.message,
        `credentials rejected by ${run.server.url} (401): token expired or invalid; refresh your kubeconfig credentials`,
      );
      assert.ok(run.server.requests.every((r) => r.status === 401));
      assert.ok(run.server.requests.length <= 3, 'no retries on 401');
    });
  });

  it('stops every list when credentials expire mid-collection', async () => {
    await withServer({}, async (run) => {
      // The token expires just before the third page of pods.
      run.server.onRequest = (request) => {
        if (request.resource === 'pods' && listRequests(run.server, 'pods').length === 3)
          run.server.setToken('rotated');
      };
      const error = await rejection(collect(run, { pageSize: 2 }));
      assert.ok(error instanceof CollectError);
      assert.equal(error.kind, 'access');
      assert.equal(error.resource, 'pods', 'names the resource that saw the 401');
      const last = listRequests(run.server, 'pods').at(-1);
      assert.equal(last?.status, 401);
      assert.equal(listRequests(run.server, 'pods').length, 3, 'no retry after 401');
    });
  });

  it('gets its token from an exec credential plugin', async () => {
    await withServer({}, async (run) => {
      const log = join(dir, `exec-${++files}.log`);
      const kubeconfig = writeKubeconfig(dir, `kubeconfig-${++files}`, {
        server: run.server.url,
        caPem: tls.cert,
        exec: { env: { FAKE_APISERVER_TOKEN: TOKEN, FAKE_EXEC_LOG: log } },
      });
      const snapshot = await collectSnapshot({ kubeconfig, retry: FAST_RETRY });
      assert.equal(coverage(snapshot, 'pods').status, 'listed');
      assert.ok(run.server.requests.every((r) => r.authorization === `Bearer ${TOKEN}` && r.status === 200));
      assert.equal(readFileSync(log, 'utf8'), 'called\n', 'the credential is cached until it expires');
    });
  });

  it('reports a failing exec plugin as an access error naming the plugin', async () => {
    await withServer({}, async (run) => {
      const kubeconfig = writeKubeconfig(dir, `kubeconfig-${++files}`, {
        server: run.server.url,
        caPem: tls.cert,
        exec: { env: { FAKE_EXEC_FAIL: '1' } },
      });
      const error = await rejection(collectSnapshot({ kubeconfig, retry: FAST_RETRY }));
      assert.ok(error instanceof CollectError);
      assert.equal(error.kind, 'access');
      assert.match(
        error.message,
        /^credential plugin ".*node.*" \(user "fake-user"\) failed: error: the SSO session has expired/,
      );
      assert.ok(!error.message.includes('\n'));
      assert.equal(run.server.requests.length, 0);
    });
  });

  it('verifies the server certificate unless the kubeconfig says insecure-skip-tls-verify', async () => {
    await withServer({}, async (run) => {
      const untrusted = writeKubeconfig(dir, `kubeconfig-${++files}`, { server: run.server.url, token: TOKEN });
      const error = await rejection(collectSnapshot({ kubeconfig: untrusted, retry: FAST_RETRY }));
      assert.ok(error instanceof CollectError);
      assert.equal(error.kind, 'network');
      assert.match(error.message, /TLS verification of https:\/\/127\.0\.0\.1:\d+ failed: .*certificate/);
      assert.equal(run.server.requests.length, 0, 'nothing sent over an unverified connection');

      const insecure = writeKubeconfig(dir, `kubeconfig-${++files}`, {
        server: run.server.url,
        token: TOKEN,
        insecureSkipTlsVerify: true,
      });
      const snapshot = await collectSnapshot({ kubeconfig: insecure, retry: FAST_RETRY });
      assert.equal(coverage(snapshot, 'pods').status, 'listed');
    });
  });

  it('reports kubeconfig problems as input errors', async () => {
    const missing = await rejection(collectSnapshot({ kubeconfig: join(dir, 'does-not-exist') }));
    assert.ok(missing instanceof CollectError);
    assert.equal(missing.kind, 'input');
    assert.match(missing.message, /kubeconfig .*does-not-exist not found/);

    const kubeconfig = writeKubeconfig(dir, `kubeconfig-${++files}`, {
      server: 'https://127.0.0.1:1',
      token: TOKEN,
      context: 'prod',
      extraContexts: ['staging'],
    });
    const wrong = await rejection(collectSnapshot({ kubeconfig, context: 'dev' }));
    assert.ok(wrong instanceof CollectError);
    assert.equal(wrong.kind, 'input');
    assert.match(wrong.message, /context "dev" not found in kubeconfig .* \(available: prod, staging\)/);

    const bad = await rejection(collectSnapshot({ kubeconfig, pageSize: 0 }));
    assert.ok(bad instanceof CollectError);
    assert.equal(bad.kind, 'input');
  });

  it('selects the requested context', async () => {
    await withServer({}, async (run) => {
      const kubeconfig = writeKubeconfig(dir, `kubeconfig-${++files}`, {
        server: run.server.url,
        caPem: tls.cert,
        token: TOKEN,
        context: 'first',
        extraContexts: ['second'],
      });
      const snapshot = await collectSnapshot({ kubeconfig, context: 'second', retry: FAST_RETRY });
      assert.equal(snapshot.cluster.context, 'second');
    });
  });

  it('rejects promptly with the abort reason when cancelled', async () => {
    await withServer({ faults: [{ type: 'slow', resource: '*', delayMs: 3000 }] }, async (run) => {
      const controller = new AbortController();
      const started = Date.now();
      const pending = collect(run, { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const error = await rejection(pending);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'AbortError');
      assert.ok(Date.now() - started < 1500, `rejected after ${Date.now() - started} ms`);

      const already = await rejection(collect(run, { signal: AbortSignal.abort() }));
      assert.equal((already as Error).name, 'AbortError');
    });
  });

  it('times out a slow request, retries, and reports the kind as failed', async () => {
    await withServer({ faults: [{ type: 'slow', resource: 'limitranges', delayMs: 5000 }] }, async (run) => {
      const snapshot = await collect(run, { timeoutMs: 300, retry: { attempts: 2, baseDelayMs: 5 } });
      const entry = coverage(snapshot, 'limitranges');
      assert.equal(entry.status, 'failed');
      assert.match(entry.message ?? '', /timed out after 300 ms/);
      assert.equal(listRequests(run.server, 'limitranges').length, 2);
      assert.equal(coverage(snapshot, 'pods').status, 'listed');
    });
  });

  it('chooses the preferred served version, falls back to an older one, and records what is not served', async () => {
    const faults: Fault[] = [
      { type: 'not-found', resource: 'ingresses' },
      { type: 'error', path: '/apis/kyverno.io/v1', times: 100, status: 503 },
    ];
    await withServer(
      { resources: [...ADMISSION_V1BETA1_ONLY, ...KYVERNO_RESOURCES, ...GATEKEEPER_RESOURCES], faults },
      async (run) => {
        const snapshot = await collect(run);
        const vap = coverage(snapshot, 'validatingadmissionpolicies', 'admissionregistration.k8s.io');
        assert.equal(vap.version, 'v1beta1');
        assert.equal(vap.status, 'listed');
        assert.equal(ofKind(snapshot, 'admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy').length, 1);
        assert.equal(
          coverage(snapshot, 'validatingwebhookconfigurations', 'admissionregistration.k8s.io').version,
          'v1',
        );
        assert.equal(
          coverage(snapshot, 'mutatingadmissionpolicies', 'admissionregistration.k8s.io').status,
          'not-served',
        );
        assert.equal(coverage(snapshot, 'ingresses', 'networking.k8s.io').status, 'not-served', '404 on the list');
        // kyverno.io/v1 discovery fails; v2 still serves policyexceptions.
        assert.equal(coverage(snapshot, 'clusterpolicies', 'kyverno.io').status, 'failed');
        assert.match(
          coverage(snapshot, 'clusterpolicies', 'kyverno.io').message ?? '',
          /discovery of \/apis\/kyverno.io\/v1 failed \(503/,
        );
        assert.equal(coverage(snapshot, 'policyexceptions', 'kyverno.io').version, 'v2');
        assert.equal(coverage(snapshot, 'policyexceptions', 'kyverno.io').status, 'listed');
        // Gatekeeper constraints: every kind of the group is listed.
        assert.equal(coverage(snapshot, 'k8spspprivilegedcontainer', 'constraints.gatekeeper.sh').status, 'listed');
        assert.equal(coverage(snapshot, 'globalnetworkpolicies', 'crd.projectcalico.org').status, 'not-served');
        assert.equal(
          coverage(snapshot, 'globalnetworkpolicies', 'crd.projectcalico.org').message,
          'API group crd.projectcalico.org is not served',
        );
        // Subresources in discovery are not listed.
        assert.ok(!run.server.requests.some((r) => r.path.includes('/pods/log') || r.path.endsWith('/status')));
      },
    );
  });

  it('round-trips the demo snapshots when they exist', async (t) => {
    const providers = ['eks', 'aks', 'gke'].filter((p) => exampleObjects(p) !== undefined);
    if (providers.length === 0) {
      t.skip('examples/<provider>.snapshot.json not written yet');
      return;
    }
    for (const provider of providers) {
      const objects = exampleObjects(provider) ?? [];
      await withServer({ objects }, async (run) => {
        const snapshot = await collect(run, { pageSize: 50 });
        // Every object of a kind the collector lists comes back, once, under its own apiVersion and kind.
        const listed = new Set(snapshot.coverage.filter((c) => c.status === 'listed').map((c) => c.kind));
        const expected = objects.filter((o) => listed.has(o.kind));
        assert.ok(expected.length > 0);
        const key = (o: KubeObject): string =>
          `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
        assert.deepEqual(snapshot.objects.map(key).sort(), expected.map(key).sort(), provider);
        assert.ok(snapshot.objects.filter((o) => o.kind === 'Secret').every((o) => !('data' in o)));
      });
    }
  });
});
