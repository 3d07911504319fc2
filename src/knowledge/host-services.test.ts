import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import { HOST_SERVICES, INTERPRETERS, PROVIDER_CUES, hostServiceById } from './host-services.ts';

const SOURCE = /^(https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*|[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:]+)$/;
const UNIT = /^[A-Za-z0-9:_.\\-]+(@[A-Za-z0-9:_.\\-]*)?\.(service|socket|timer|path|target|mount)$/;

function isCleanAbsolute(p: string): boolean {
  return p.startsWith('/') && posix.normalize(p) === p && (p === '/' || !p.endsWith('/'));
}

describe('host services catalog', () => {
  it('has unique, well-formed ids whose prefix is the provider', () => {
    const ids = HOST_SERVICES.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const s of HOST_SERVICES) {
      assert.match(s.id, /^(eks|aks|gke|any)\/[a-z0-9-]+$/, s.id);
      assert.equal(s.id.split('/')[0], s.provider, s.id);
      assert.equal(hostServiceById(s.id), s);
      assert.ok(s.description.length > 20, `${s.id}: description`);
      assert.ok(s.nodeImages.length > 0, `${s.id}: node images`);
    }
  });

  it('cites a source for every entry and explains every inference', () => {
    for (const s of HOST_SERVICES) {
      assert.ok(s.sources.length > 0, `${s.id}: sources`);
      for (const src of s.sources) assert.match(src, SOURCE, `${s.id}: ${src}`);
      if (s.inferred === true) assert.ok((s.note ?? '').length > 10, `${s.id}: inferred needs a note`);
    }
  });

  it('names units, executables and folders in the forms the analysis compares', () => {
    for (const s of HOST_SERVICES) {
      for (const u of s.units) assert.match(u, UNIT, `${s.id}: unit ${u}`);
      for (const p of s.unitPatterns ?? []) assert.doesNotThrow(() => new RegExp(`^(?:${p})$`), `${s.id}: ${p}`);
      for (const p of [...s.exePaths, ...s.configPaths, ...(s.pluginPaths ?? [])]) {
        assert.ok(isCleanAbsolute(p), `${s.id}: ${p} must be absolute and normalised`);
      }
      assert.ok(s.units.length + s.exePaths.length + s.configPaths.length > 0, `${s.id}: nothing to recognise it by`);
    }
  });

  it('gives each provider its kubelet, container runtime and node agents', () => {
    for (const provider of ['eks', 'aks', 'gke'] as const) {
      const mine = HOST_SERVICES.filter((s) => s.provider === provider);
      assert.ok(
        mine.some((s) => s.units.includes('kubelet.service') && s.category === 'node-agent'),
        `${provider}: kubelet`,
      );
      assert.ok(
        mine.some((s) => s.units.includes('containerd.service')),
        `${provider}: containerd`,
      );
      assert.ok(mine.filter((s) => s.runsAsRoot).length >= 4, `${provider}: root agents`);
    }
    // A kubelet unit name claimed by three providers must never be claimed twice within one provider.
    for (const provider of ['eks', 'aks', 'gke']) {
      const claims = HOST_SERVICES.filter((s) => s.provider === provider).flatMap((s) => s.units);
      assert.equal(new Set(claims).size, claims.length, `${provider}: a unit claimed twice`);
    }
  });

  it('has provider cues with sources and positive weights', () => {
    for (const c of PROVIDER_CUES) {
      assert.ok((c.path === undefined) !== (c.osId === undefined), 'a cue is a path or an os id');
      if (c.path !== undefined) assert.ok(isCleanAbsolute(c.path), c.path);
      assert.ok(c.weight > 0);
      for (const src of c.sources) assert.match(src, SOURCE);
    }
    assert.ok(INTERPRETERS.includes('python3'));
  });
});
