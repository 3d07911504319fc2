// Runs every upstream Pod Security Admission fixture in ../shared/conformance/pss (see its README):
// pass/ pods must be allowed, fail/ pods denied with the check named by the file among the failed checks.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { ObjectMeta, PodSpec } from '../model/k8s.ts';
import { evaluatePod, overridingChecks, PSS_CHECKS } from './index.ts';
import type { PssLevel } from './index.ts';

const ROOT = fileURLToPath(new URL('../../../shared/conformance/pss/', import.meta.url));
const LEVELS: PssLevel[] = ['baseline', 'restricted'];
const EXPECTED_FIXTURES = 4537;

/**
 * Fail fixtures that cannot fail only their named check, because the API server's own validation forces a second
 * violation into the pod. Upstream's fixture test only matches a substring, so it does not see these.
 */
const INTRINSIC_EXTRA: readonly { file: RegExp; level: PssLevel; extra: string; why: string }[] = [
  {
    file: /^windowshostprocess\d+\.yaml$/,
    level: 'baseline',
    extra: 'hostNamespaces',
    why: 'a hostProcess pod must set hostNetwork=true',
  },
  {
    file: /^windowshostprocess\d+\.yaml$/,
    level: 'restricted',
    extra: 'hostNamespaces',
    why: 'a hostProcess pod must set hostNetwork=true',
  },
  {
    file: /^privileged\d+\.yaml$/,
    level: 'restricted',
    extra: 'allowPrivilegeEscalation',
    why: 'a privileged container cannot set allowPrivilegeEscalation=false',
  },
  {
    file: /^allowprivilegeescalation3\.yaml$/,
    level: 'restricted',
    extra: 'capabilities_restricted',
    why: 'the fixture removes the whole container securityContext, capabilities included',
  },
];

const CHECK_BY_FILE_PREFIX = new Map(PSS_CHECKS.map((c) => [c.id.toLowerCase(), c.id]));

/** `capabilities_restricted2.yaml` → `capabilities_restricted`; base*.yaml have no check. */
function checkOfFile(file: string): string | undefined {
  const prefix = file.replace(/\d*\.yaml$/, '');
  return CHECK_BY_FILE_PREFIX.get(prefix);
}

interface Fixture {
  level: PssLevel;
  version: string;
  expect: 'pass' | 'fail';
  file: string;
  pod: { metadata?: ObjectMeta; spec?: PodSpec };
}

function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const level of LEVELS) {
    for (const version of readdirSync(ROOT + level)) {
      for (const expect of ['pass', 'fail'] as const) {
        const dir = `${ROOT}${level}/${version}/${expect}/`;
        for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
          const pod = parse(readFileSync(dir + file, 'utf8')) as Fixture['pod'];
          out.push({ level, version, expect, file, pod });
        }
      }
    }
  }
  return out;
}

describe('upstream Pod Security fixtures', () => {
  it('decides every fixture as upstream does', () => {
    const fixtures = loadFixtures();
    assert.equal(fixtures.length, EXPECTED_FIXTURES, 'fixture count');
    const failures: string[] = [];
    let passChecked = 0;
    let failChecked = 0;
    let onlyNamed = 0;
    let intrinsic = 0;
    const notOnlyNamed: string[] = [];
    for (const f of fixtures) {
      const where = `${f.level}/${f.version}/${f.expect}/${f.file}`;
      const result = evaluatePod(f.pod, f.level, f.version);
      if (result.version !== f.version) failures.push(`${where}: evaluated as ${result.version}`);
      if (f.expect === 'pass') {
        passChecked++;
        if (!result.allowed) {
          failures.push(`${where}: denied: ${result.violations.map((v) => `${v.check}: ${v.detail}`).join('; ')}`);
        }
        continue;
      }
      failChecked++;
      const named = checkOfFile(f.file);
      if (named === undefined) {
        failures.push(`${where}: file name names no known check`);
        continue;
      }
      // At restricted, upstream replaces some baseline checks by stricter ones (OverrideCheckIDs); the overrider
      // then reports the violation, e.g. hostpathvolumes0 fails restrictedVolumes.
      const accepted = new Set([named, ...(f.level === 'restricted' ? overridingChecks(named, f.version) : [])]);
      const failed = result.violations.map((v) => v.check);
      if (result.allowed) failures.push(`${where}: allowed, expected ${named} to fail`);
      else if (!failed.some((c) => accepted.has(c))) {
        failures.push(`${where}: ${[...accepted].join(' or ')} not among failed checks ${failed.join(', ')}`);
      } else if (failed.every((c) => accepted.has(c))) onlyNamed++;
      else {
        const extra = failed.filter((c) => !accepted.has(c));
        const explained = extra.every((c) =>
          INTRINSIC_EXTRA.some((x) => x.level === f.level && x.extra === c && x.file.test(f.file)),
        );
        if (explained) intrinsic++;
        else notOnlyNamed.push(`${where}: also ${extra.join(', ')}`);
      }
    }
    console.log(
      `pss conformance: ${fixtures.length} fixtures (${passChecked} pass, ${failChecked} fail) checked; ` +
        `${onlyNamed}/${failChecked} fail fixtures fail only the named check, ` +
        `${intrinsic} also fail a check their pod cannot avoid (API validation), ${notOnlyNamed.length} other`,
    );
    assert.deepEqual(failures, [], `${failures.length} fixtures decided differently from upstream`);
    assert.equal(passChecked + failChecked, EXPECTED_FIXTURES);
    // Every fail fixture fails only its named check, except those whose extra failure the pod cannot avoid.
    assert.deepEqual(notOnlyNamed, [], 'fail fixtures failing unexplained extra checks');
    assert.equal(onlyNamed + intrinsic, failChecked);
  });
});
