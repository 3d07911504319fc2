import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIp } from '../network/cidr.ts';
import {
  endpointsFor,
  METADATA_ENDPOINTS,
  PROVIDER_PROTECTIONS,
  protectionsFor,
  type SourcedFact,
} from './metadata-endpoints.ts';

const PROVIDERS = ['eks', 'aks', 'gke'] as const;

function checkSources(what: string, fact: SourcedFact): void {
  assert.ok(fact.sources.length > 0, `${what}: needs a source`);
  for (const s of fact.sources) {
    const url = /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*$/.test(s);
    const repoPath = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:]+$/.test(s);
    assert.ok(url || repoPath, `${what}: source ${JSON.stringify(s)} is neither an https URL nor owner/repo:path`);
  }
  if (fact.inferred === true)
    assert.ok(fact.note && fact.note.length > 10, `${what}: an inferred fact must say why in a note`);
}

test('every endpoint is well-formed: id, address of its family, port, sources', () => {
  const ids = new Set<string>();
  for (const e of METADATA_ENDPOINTS) {
    assert.match(e.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, e.id);
    assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
    ids.add(e.id);
    assert.ok(PROVIDERS.includes(e.provider), e.id);
    const ip = parseIp(e.address);
    assert.ok(ip, `${e.id}: ${e.address} is not an IP address`);
    assert.equal(ip.family, e.family, `${e.id}: family`);
    assert.ok(Number.isInteger(e.port) && e.port >= 1 && e.port <= 65535, `${e.id}: port`);
    assert.equal(e.protocol, 'TCP');
    assert.ok(['node-credentials', 'node-provisioning', 'pod-credentials'].includes(e.sensitivity), e.id);
    assert.ok(e.name.length > 0 && e.description.length > 20, `${e.id}: name and description`);
    for (const alt of e.alsoEvaluatedAs ?? []) {
      assert.ok(parseIp(alt.address), `${e.id}: alsoEvaluatedAs ${alt.address}`);
      assert.ok(Number.isInteger(alt.port) && alt.port >= 1 && alt.port <= 65535);
      assert.ok(alt.when.length > 10);
    }
    for (const s of e.sharedWith ?? []) {
      assert.ok(['TCP', 'UDP'].includes(s.protocol) && s.port >= 1 && s.port <= 65535, `${e.id}: sharedWith`);
      assert.ok(
        !(s.protocol === e.protocol && s.port === e.port),
        `${e.id}: a shared service cannot be the endpoint itself`,
      );
    }
    checkSources(e.id, e);
  }
});

test('every protection is well-formed and refers to endpoints of its own provider', () => {
  const ids = new Set<string>();
  for (const p of PROVIDER_PROTECTIONS) {
    assert.match(p.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, p.id);
    assert.ok(!ids.has(p.id), `duplicate id ${p.id}`);
    ids.add(p.id);
    assert.ok(p.endpoints.length > 0, p.id);
    for (const id of p.endpoints) {
      const e = METADATA_ENDPOINTS.find((x) => x.id === id);
      assert.ok(e, `${p.id}: unknown endpoint ${id}`);
      assert.equal(e.provider, p.provider, `${p.id}: endpoint ${id} belongs to ${e.provider}`);
    }
    assert.ok(['blocks-connection', 'blocks-credentials', 'replaces-credentials'].includes(p.effect));
    const c = p.applies;
    if (c.kind === 'nodeLabel') assert.ok(c.key.length > 0 && typeof c.value === 'string');
    if (c.kind === 'nodeImageOnOrAfter') assert.match(c.month, /^\d{4}-(0[1-9]|1[0-2])$/);
    if (c.kind === 'nodeConfig') assert.ok(['on', 'off', 'disputed'].includes(c.default) && c.setting.length > 0);
    checkSources(p.id, p);
  }
});

test('the documented addresses are present', () => {
  const has = (provider: string, address: string, port: number): boolean =>
    METADATA_ENDPOINTS.some((e) => e.provider === provider && e.address === address && e.port === port);
  assert.ok(has('eks', '169.254.169.254', 80));
  assert.ok(has('eks', 'fd00:ec2::254', 80));
  assert.ok(has('eks', '169.254.170.23', 80));
  assert.ok(has('eks', 'fd00:ec2::23', 80));
  assert.ok(has('aks', '169.254.169.254', 80));
  assert.ok(has('aks', '168.63.129.16', 80));
  assert.ok(has('aks', '168.63.129.16', 32526));
  assert.ok(has('gke', '169.254.169.254', 80));
  assert.ok(has('gke', '169.254.169.252', 988));
});

test('each provider has a node-credential endpoint, and no documented protection covers hostNetwork pods', () => {
  for (const provider of PROVIDERS) {
    assert.ok(
      endpointsFor(provider).some((e) => e.sensitivity === 'node-credentials'),
      provider,
    );
    assert.ok(protectionsFor(provider).length > 0, provider);
  }
  assert.ok(PROVIDER_PROTECTIONS.every((p) => !p.coversHostNetwork));
  assert.equal(endpointsFor('unknown').length, METADATA_ENDPOINTS.length);
});
