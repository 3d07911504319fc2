// Where the time of a scan goes: the steps of scanSource() and scan() (src/run.ts, src/scan.ts) called one by one,
// in the same order, with wall and CPU time each. Analyzers that cache per model (network, classification) are
// charged to the first step that asks for them, as in a real scan.
import { buildModel, type Model } from '../../src/model/build.ts';
import { classify } from '../../src/analyze.ts';
import { CHECKS } from '../../src/checks/index.ts';
import { runChecks } from '../../src/checks/run.ts';
import { applyProviderContext } from '../../src/inventory/accepted-risk.ts';
import { nodeFacts } from '../../src/inventory/nodes.ts';
import { summarizePrivileges } from '../../src/inventory/privileges.ts';
import { responsibilityRows } from '../../src/inventory/responsibility.ts';
import { networkAnalysis } from '../../src/network/analyze.ts';
import { pathsSection } from '../../src/paths/index.ts';
import { applyWaivers } from '../../src/policy/waivers.ts';
import { pssCoverage } from '../../src/pss/coverage.ts';
import { compareFindings } from '../../src/scan.ts';
import { readSnapshotFile, snapshotObjects } from '../../src/sources/snapshot.ts';

export interface Phase {
  name: string;
  wallMs: number;
  cpuMs: number;
}

export async function scanPhases(file: string, asOf: Date): Promise<Phase[]> {
  const phases: Phase[] = [];
  const time = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await fn();
    const c = process.cpuUsage(c0);
    phases.push({ name, wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 });
    return r;
  };
  const snap = await time('read snapshot', () => readSnapshotFile(file));
  const model: Model = await time('build model', () =>
    buildModel({
      objects: snapshotObjects(snap, { file }),
      cluster: snap.cluster,
      coverage: snap.coverage,
      sourceKind: 'snapshot',
    }),
  );
  await time('classify', () => classify(model));
  const run = await time('checks', () => runChecks(model, CHECKS, { asOf }));
  await time('provider context', () => applyProviderContext(run.findings, model));
  await time('waivers + sort', () => applyWaivers(run.findings, [], { asOf }).findings.sort(compareFindings));
  await time('inventory', () => model.workloads.map((w) => summarizePrivileges(w.podSpec)));
  await time('node facts', () => nodeFacts(model, asOf));
  await time('responsibility', () => responsibilityRows(model));
  await time('pss coverage', () => pssCoverage(model));
  await time('attack paths', () => pathsSection(model));
  await time('network', () => networkAnalysis(model));
  return phases;
}
