import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  ALLOWED_SELINUX_TYPES,
  BASELINE_ADDABLE_CAPABILITIES,
  RESTRICTED_ALLOWED_VOLUME_TYPES,
  RESTRICTED_FORBIDDEN_VOLUME_TYPES,
  SAFE_SYSCTLS,
} from './facts.ts';
import type { VersionedFact } from './facts.ts';
import { overridingChecks, PSS_CHECKS, PSS_LATEST } from './index.ts';
import { activeChecks, CHECKS, MAX_MINOR, validateRegistry } from './registry.ts';

const UPSTREAM = 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/';

describe('PSS fact lists', () => {
  const lists: Record<string, readonly VersionedFact[]> = {
    BASELINE_ADDABLE_CAPABILITIES,
    SAFE_SYSCTLS,
    ALLOWED_SELINUX_TYPES,
    RESTRICTED_ALLOWED_VOLUME_TYPES,
    RESTRICTED_FORBIDDEN_VOLUME_TYPES,
  };
  for (const [name, facts] of Object.entries(lists)) {
    it(`${name}: sourced upstream, unique, in the version range`, () => {
      assert.ok(facts.length > 0);
      assert.equal(new Set(facts.map((f) => f.value)).size, facts.length, 'duplicate value');
      for (const f of facts) {
        assert.match(
          f.source,
          /^kubernetes\/kubernetes staging\/src\/k8s\.io\/pod-security-admission\/policy\/check_\w+\.go$/,
        );
        assert.ok(Number.isInteger(f.since) && f.since >= 0 && f.since <= MAX_MINOR, `${f.value}: since ${f.since}`);
      }
    });
  }

  it('never lists a volume type as both allowed and forbidden', () => {
    const allowed = new Set(RESTRICTED_ALLOWED_VOLUME_TYPES.map((f) => f.value));
    assert.deepEqual(
      RESTRICTED_FORBIDDEN_VOLUME_TYPES.filter((f) => allowed.has(f.value)),
      [],
    );
  });
});

describe('PSS check registry', () => {
  it('is valid by upstream registry rules', () => {
    assert.deepEqual(validateRegistry(CHECKS), []);
  });

  it('rejects what upstream rejects', () => {
    const check = CHECKS.find((c) => c.id === 'privileged')!;
    const errors = validateRegistry([
      check,
      check,
      { ...check, id: 'x', variants: [...check.variants, ...check.variants] },
      { ...check, id: 'y', variants: [{ ...check.variants[0]!, overrides: ['hostPorts'] }] },
    ]);
    assert.ok(errors.includes('multiple checks registered for ID privileged'));
    assert.ok(errors.includes('check x: versions must be strictly increasing'));
    assert.ok(errors.includes('check y: only restricted checks may set overrides'));
  });

  it('has one module per check id, citing the upstream file', () => {
    for (const c of PSS_CHECKS) {
      assert.ok(c.source.startsWith(UPSTREAM), c.id);
      const file = c.id.replace(/_/g, '-').replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
      assert.ok(existsSync(fileURLToPath(new URL(`./checks/${file}.ts`, import.meta.url))), `checks/${file}.ts`);
    }
  });

  it('sets latest to the newest variant version', () => {
    assert.equal(PSS_LATEST, `v1.${MAX_MINOR}`);
    const newest = Math.max(...PSS_CHECKS.flatMap((c) => c.versions.map((v) => Number(v.since.slice(3)))));
    assert.equal(newest, MAX_MINOR);
  });

  it('runs at restricted every baseline check that no restricted variant overrides', () => {
    for (let minor = 0; minor <= MAX_MINOR; minor++) {
      const baseline = activeChecks('baseline', minor).map((a) => a.check.id);
      const restricted = new Set(activeChecks('restricted', minor).map((a) => a.check.id));
      for (const id of baseline) {
        const overriders = overridingChecks(id, `v1.${minor}`);
        assert.equal(restricted.has(id), overriders.length === 0, `v1.${minor} ${id}`);
        for (const o of overriders) assert.ok(restricted.has(o));
      }
    }
    assert.deepEqual(overridingChecks('hostPathVolumes', 'v1.0'), ['restrictedVolumes']);
    assert.deepEqual(overridingChecks('seccompProfile_baseline', 'v1.18'), []);
    assert.deepEqual(overridingChecks('seccompProfile_baseline', 'v1.19'), ['seccompProfile_restricted']);
    assert.deepEqual(overridingChecks('capabilities_baseline', 'v1.22'), ['capabilities_restricted']);
    assert.deepEqual(overridingChecks('procMount', 'v1.34'), []);
    assert.deepEqual(overridingChecks('procMount', 'latest'), ['procMount_restricted']);
  });
});
