import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import clusterVersionSupport from '../checks/cluster/cluster-version-support.ts';
import nodeImageOutdated from '../checks/cluster/node-image-outdated.ts';
import type { CheckContext, ReportInput } from '../checks/types.ts';
import { buildModel } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import type { ClusterFacts } from '../model/types.ts';
import {
  CALENDARS,
  latestReleasedMinor,
  maxKubeletSkew,
  minorOfVersion,
  oldestSupportedMinor,
  supportStatus,
  type CalendarDate,
} from './version-calendars.ts';

const SOURCE = /^(https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*|[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^\s:]+)$/;
const at = (date: string): Date => new Date(`${date}T00:00:00Z`);
const months = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / (30.44 * 86_400_000);

function validDate(c: CalendarDate, what: string): void {
  assert.match(c.date, /^\d{4}-\d{2}-\d{2}$/, what);
  assert.equal(new Date(`${c.date}T00:00:00Z`).toISOString().slice(0, 10), c.date, `${what}: not a real day`);
  assert.match(c.source, SOURCE, `${what}: source ${c.source}`);
  if (c.inferred) assert.ok((c.note ?? '').length > 20, `${what}: inferred dates say why`);
}

describe('version calendars', () => {
  for (const cal of Object.values(CALENDARS)) {
    it(`${cal.id}: minors ascend, dates are real, ordered and sourced`, () => {
      assert.match(cal.source, SOURCE);
      const minors = cal.versions.map((v) => v.minor);
      assert.deepEqual(
        minors,
        [...minors].sort((a, b) => a - b),
      );
      assert.equal(new Set(minors).size, minors.length);
      for (const v of cal.versions) {
        const what = `${cal.id} 1.${v.minor}`;
        validDate(v.release, `${what} release`);
        validDate(v.endOfStandard, `${what} end of standard`);
        assert.ok(v.release.date < v.endOfStandard.date, `${what}: release before end of standard`);
        if (v.endOfExtended) {
          validDate(v.endOfExtended, `${what} end of extended`);
          assert.ok(v.endOfStandard.date < v.endOfExtended.date, `${what}: standard ends before extended`);
          assert.ok(cal.extended, `${what}: extended dates need the calendar's extended-support terms`);
        }
      }
    });
  }

  it('covers 1.28 to 1.35 for every provider and upstream, and 1.36 where announced', () => {
    for (const cal of Object.values(CALENDARS)) {
      for (let m = 28; m <= 35; m++)
        assert.ok(
          cal.versions.some((v) => v.minor === m),
          `${cal.id} 1.${m}`,
        );
    }
    assert.ok(CALENDARS.aks.versions.some((v) => v.minor === 36));
    assert.ok(CALENDARS.upstream.versions.some((v) => v.minor === 36));
  });

  it('matches each provider’s stated policy (catches transcription slips)', () => {
    for (const v of CALENDARS.eks.versions.filter((x) => x.minor >= 27)) {
      // 14 months standard from the EKS release, 12 months extended, same day of month.
      assert.equal(v.endOfStandard.date.slice(8), v.release.date.slice(8), `eks 1.${v.minor}`);
      const std = v.endOfStandard.date;
      const ext = v.endOfExtended?.date ?? '';
      assert.equal(
        ext,
        `${Number(std.slice(0, 4)) + 1}${std.slice(4)}`,
        `eks 1.${v.minor} extended = standard + 1 year`,
      );
      const m = months(v.release.date, std);
      assert.ok(m > 13.5 && m < 14.5, `eks 1.${v.minor}: ${m.toFixed(1)} months standard`);
    }
    for (const v of CALENDARS.aks.versions) {
      const lts = months(v.endOfStandard.date, v.endOfExtended?.date ?? '');
      assert.ok(lts > 10 && lts < 14, `aks 1.${v.minor}: ${lts.toFixed(1)} months of LTS`);
    }
    for (const v of CALENDARS.gke.versions) {
      const std = months(v.release.date, v.endOfStandard.date);
      assert.ok(std > 11.5 && std < 16.5, `gke 1.${v.minor}: ${std.toFixed(1)} months standard`);
      // A window shorter than the 14-month policy must say so.
      if (std < 13.5) assert.match(v.endOfStandard.note ?? '', /policy/, `gke 1.${v.minor}`);
    }
    for (const v of CALENDARS.upstream.versions) {
      const m = months(v.release.date, v.endOfStandard.date);
      assert.ok(m > 12 && m < 16, `upstream 1.${v.minor}: ${m.toFixed(1)} months`);
    }
  });

  it('parses the version shapes clusters report', () => {
    assert.equal(minorOfVersion('v1.29.5-eks-a1b2c3d'), 29);
    assert.equal(minorOfVersion('v1.33.5-gke.1201000'), 33);
    assert.equal(minorOfVersion('1.30'), 30);
    assert.equal(minorOfVersion({ major: '1', minor: '29+' }), 29);
    assert.equal(minorOfVersion({ major: '2', minor: '0' }), undefined);
    assert.equal(minorOfVersion('v2.0.0'), undefined);
    assert.equal(minorOfVersion('latest'), undefined);
    assert.equal(minorOfVersion(undefined), undefined);
  });
});

describe('supportStatus', () => {
  it('walks EKS 1.30 through standard, extended and end of life at the published boundaries', () => {
    const before = supportStatus('eks', 'v1.30.4-eks-abc1234', at('2025-01-01'));
    assert.equal(before.status, 'standard');
    assert.equal(before.daysLeft, 203); // 2025-01-01 → 2025-07-23
    assert.equal(before.endOfExtended, '2026-07-23');
    const firstDay = supportStatus('eks', 30, at('2025-07-23'));
    assert.equal(firstDay.status, 'extended', 'billing starts at the beginning of the end-of-standard day');
    assert.equal(firstDay.daysLeft, 365);
    assert.match(firstDay.note ?? '', /billed/);
    assert.equal(supportStatus('eks', 30, new Date('2026-07-22T23:59:59Z')).status, 'extended');
    assert.equal(supportStatus('eks', 30, at('2026-07-23')).status, 'end-of-life');
  });

  it('uses the upstream calendar when the provider is unknown', () => {
    const s = supportStatus('unknown', 'v1.30.4', at('2025-08-01'));
    assert.equal(s.calendar, 'upstream');
    assert.equal(s.status, 'end-of-life');
    assert.equal(supportStatus(undefined, 'v1.30.4', at('2025-07-14')).status, 'standard');
    assert.equal(supportStatus('eks', 'v1.30.4', at('2025-08-01')).status, 'extended');
  });

  it('says what AKS LTS and the GKE Extended channel require, and marks inferred dates', () => {
    const aks = supportStatus('aks', 33, at('2026-08-15'));
    assert.equal(aks.status, 'extended');
    assert.match(aks.note ?? '', /LTS/);
    const gke = supportStatus('gke', 33, at('2026-09-01'));
    assert.equal(gke.status, 'extended');
    assert.equal(gke.inferred, true);
    assert.match(gke.note ?? '', /Extended release channel/);
  });

  it('treats minors older than the calendar as end of life only once the oldest entry is', () => {
    assert.equal(supportStatus('eks', 'v1.20.15-eks-1', at('2026-01-01')).status, 'end-of-life');
    assert.equal(supportStatus('eks', 'v1.20.15-eks-1', at('2024-01-01')).status, 'unknown');
    const newer = supportStatus('aks', 'v1.45.0', at('2026-01-01'));
    assert.equal(newer.status, 'unknown');
    assert.match(newer.note ?? '', /newer than the calendar/);
    assert.equal(supportStatus('gke', 'garbage', at('2026-01-01')).status, 'unknown');
    assert.equal(supportStatus('eks', 20, new Date('not a date')).status, 'unknown');
  });

  it('finds the oldest supported and newest released minors from the data', () => {
    for (const date of ['2025-06-01', '2026-11-25', '2027-05-01']) {
      const asOf = at(date);
      const oldest = oldestSupportedMinor(asOf);
      assert.ok(oldest !== undefined);
      const supported = (m: number): boolean =>
        (['eks', 'aks', 'gke', 'unknown'] as const).some((p) =>
          ['standard', 'extended'].includes(supportStatus(p, m, asOf).status),
        );
      assert.ok(supported(oldest), `${date}: 1.${oldest} supported somewhere`);
      assert.ok(!supported(oldest - 1), `${date}: 1.${oldest - 1} supported nowhere`);
    }
    assert.equal(latestReleasedMinor(at('2026-04-21')), 35);
    assert.equal(latestReleasedMinor(at('2026-04-22')), 36);
  });

  it('allows 3 minors of kubelet skew from 1.28, 2 before', () => {
    assert.equal(maxKubeletSkew(27), 2);
    assert.equal(maxKubeletSkew(28), 3);
  });
});

// Evaluate a check directly with a pinned evaluation date (ctx.asOf).
function evaluate<T>(
  check: { evaluate(subject: T, ctx: CheckContext): void },
  subject: T,
  model: ReturnType<typeof buildModel>,
  date: string,
): ReportInput[] {
  const out: ReportInput[] = [];
  const ctx: CheckContext = { model, report: (r: ReportInput) => out.push(r), asOf: at(date) };
  check.evaluate(subject, ctx);
  return out;
}

describe('date-dependent checks honour the evaluation date', () => {
  const eksModel = (): ReturnType<typeof buildModel> => {
    const cluster: ClusterFacts = {
      version: { major: '1', minor: '30', gitVersion: 'v1.30.4-eks-abc1234' },
      provider: 'eks',
    };
    return buildModel({ objects: [], cluster, sourceKind: 'cluster' });
  };

  it('cluster-version-support: nothing, then low, medium, critical as EKS 1.30 ages', () => {
    const m = eksModel();
    assert.deepEqual(evaluate(clusterVersionSupport, m, m, '2025-01-01'), []);
    const soon = evaluate(clusterVersionSupport, m, m, '2025-05-01');
    assert.deepEqual(
      soon.map((r) => r.severity),
      ['low'],
    );
    assert.match(soon[0]!.message, /2025-07-23 \(83 days left\)/);
    const ext = evaluate(clusterVersionSupport, m, m, '2026-01-01');
    assert.deepEqual(
      ext.map((r) => r.severity),
      ['medium'],
    );
    assert.match(ext[0]!.message, /extended support ends 2026-07-23 \(203 days left\)/);
    const eol = evaluate(clusterVersionSupport, m, m, '2026-08-01');
    assert.equal(eol.length, 1);
    assert.equal(eol[0]!.severity, undefined, 'end of life keeps the check severity (critical)');
    assert.equal(eol[0]!.path, 'version');
  });

  it('cluster-version-support: an unknown provider is judged by upstream at high, with the reason', () => {
    const m = buildModel({ objects: [], cluster: { version: { gitVersion: 'v1.30.4' } }, sourceKind: 'cluster' });
    const r = evaluate(clusterVersionSupport, m, m, '2025-08-01');
    assert.equal(r[0]?.severity, 'high');
    assert.match(r[0]?.severityReason ?? '', /upstream/);
  });

  it('node-image-outdated: medium after 60 days, high after 120', () => {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'aks-1',
        labels: { 'kubernetes.azure.com/node-image-version': 'AKSUbuntu-2204gen2containerd-202610.01.0' },
      },
    };
    const m = buildModel({ objects: [{ object: node, origin: {} }], sourceKind: 'cluster' });
    const so = m.nodes[0]!;
    assert.deepEqual(evaluate(nodeImageOutdated, so, m, '2026-11-25'), []);
    assert.deepEqual(
      evaluate(nodeImageOutdated, so, m, '2026-12-15').map((r) => r.severity),
      [undefined],
    );
    assert.deepEqual(
      evaluate(nodeImageOutdated, so, m, '2027-02-15').map((r) => r.severity),
      ['high'],
    );
  });
});
