import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/index.ts';
import {
  CONTROL_MAPPINGS,
  MAPPED_FRAMEWORKS,
  complianceSummary,
  mapNistControl,
  type ComplianceInputFinding,
} from './compliance.ts';
import { FRAMEWORKS } from './frameworks.ts';

const nist = FRAMEWORKS.find((f) => f.id === 'nist-800-53');

describe('compliance mapping data', () => {
  it('maps only NIST controls frameworks.ts knows, to controls the target framework lists', () => {
    assert.ok(nist);
    for (const m of CONTROL_MAPPINGS) {
      assert.ok(nist.controls[m.nist] !== undefined, `${m.nist} is not a NIST control in frameworks.ts`);
      const fw = MAPPED_FRAMEWORKS.find((f) => f.id === m.framework);
      assert.ok(fw, m.framework);
      assert.ok(m.controls.length > 0, `${m.nist} → ${m.framework} maps to nothing`);
      for (const c of m.controls) assert.ok(fw.controls[c] !== undefined, `${m.framework} has no control ${c}`);
    }
  });

  it('gives every mapping a source, and every inferred one a note', () => {
    for (const m of CONTROL_MAPPINGS) {
      assert.ok(m.sources.length > 0, `${m.nist} → ${m.framework} has no source`);
      for (const s of m.sources) {
        assert.match(
          s,
          /^(https:\/\/\S+|[\w.-]+\/[\w.-]+:\S+)$/,
          `${m.nist}: source ${s} is neither a URL nor repo:path`,
        );
      }
      if (m.inferred === true)
        assert.ok((m.note ?? '').length > 20, `${m.nist} → ${m.framework} inferred without a note`);
    }
  });

  it('has one row per NIST control and framework', () => {
    const keys = CONTROL_MAPPINGS.map((m) => `${m.framework}|${m.nist}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('reaches ISO 27001 and SOC 2 from every NIST control a built-in check cites', () => {
    const cited = new Set(
      CHECKS.flatMap((c) => c.references.filter((r) => r.startsWith('nist-800-53:')).map((r) => r.slice(12))),
    );
    assert.ok(cited.size > 5);
    for (const id of cited) {
      for (const fw of MAPPED_FRAMEWORKS) assert.ok(mapNistControl(id, fw.id).length > 0, `${id} → ${fw.id}`);
    }
  });

  it('falls back from an enhancement to its base control, marked inferred', () => {
    const direct = mapNistControl('AC-6', 'soc2-2017');
    assert.deepEqual(
      direct.map((c) => [c.id, c.inferred]),
      [['CC6.1', false]],
    );
    // AC-6(3) has no row: it inherits AC-6's, and says so.
    const viaBase = mapNistControl('AC-6(3)', 'soc2-2017');
    assert.deepEqual(
      viaBase.map((c) => [c.id, c.inferred]),
      [['CC6.1', true]],
    );
    assert.match(viaBase[0]?.note ?? '', /base control AC-6/);
    assert.deepEqual(mapNistControl('ZZ-1', 'iso-27001-2022'), []);
  });
});

describe('complianceSummary', () => {
  const checks = [
    { id: 'priv', references: ['cis-k8s:5.2.2', 'cis-gke:4.2.1', 'nist-800-53:AC-6'] },
    { id: 'net', references: ['cis-k8s:5.3.2', 'nist-800-53:SC-7'] },
    { id: 'quiet', references: ['nist-800-53:SC-39', 'cis-eks:4.2.1'] },
  ];
  const findings: ComplianceInputFinding[] = [
    { checkId: 'priv', severity: 'critical', status: 'open' },
    { checkId: 'priv', severity: 'high', status: 'open' },
    { checkId: 'priv', severity: 'critical', status: 'waived' },
    { checkId: 'net', severity: 'medium', status: 'waiver-expired' },
  ];
  const summary = complianceSummary(checks, findings, 'gke');
  const fw = (id: string) => summary.find((f) => f.id === id);

  it('lists the provider CIS benchmark and the generic one, not other providers', () => {
    assert.deepEqual(
      summary.map((f) => f.id),
      ['cis-gke', 'cis-k8s', 'nist-800-53', 'iso-27001-2022', 'soc2-2017'],
    );
  });

  it('counts open and expired-waiver findings, not waived ones, per control', () => {
    const ac6 = fw('nist-800-53')?.items.find((i) => i.id === 'AC-6');
    assert.equal(ac6?.findings, 2);
    assert.equal(ac6?.bySeverity.critical, 1);
    assert.equal(ac6?.worst, 'critical');
    assert.deepEqual(ac6?.failingChecks, ['priv']);
    const sc7 = fw('nist-800-53')?.items.find((i) => i.id === 'SC-7');
    assert.equal(sc7?.findings, 1);
  });

  it('keeps tested controls without findings, after the failing ones', () => {
    const items = fw('nist-800-53')?.items ?? [];
    assert.deepEqual(
      items.map((i) => [i.id, i.findings]),
      [
        ['AC-6', 2],
        ['SC-7', 1],
        ['SC-39', 0],
      ],
    );
  });

  it('reaches SOC 2 through NIST and merges checks that land on the same criterion', () => {
    const cc61 = fw('soc2-2017')?.items.find((i) => i.id === 'CC6.1');
    assert.deepEqual(cc61?.checks, ['priv', 'quiet']);
    assert.deepEqual(cc61?.via, ['AC-6', 'SC-39']);
    assert.equal(cc61?.findings, 2);
    assert.equal(cc61?.inferred, false);
    // ISO rows are all derived here, so every ISO item says so.
    assert.ok((fw('iso-27001-2022')?.items ?? []).every((i) => i.inferred));
  });

  it('uses only the generic CIS benchmark when the provider is unknown', () => {
    assert.deepEqual(
      complianceSummary(checks, findings).map((f) => f.id),
      ['cis-k8s', 'nist-800-53', 'iso-27001-2022', 'soc2-2017'],
    );
  });
});
