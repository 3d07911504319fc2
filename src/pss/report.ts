// The `kubeseam pss` view: per-workload verdicts at one level and version, namespace coverage, and the label plan.
import type { Model } from '../model/build.ts';
import type { ObjectRef, Origin } from '../model/types.ts';
import { pssCoverage, type PssNamespaceCoverage } from './coverage.ts';
import { evaluatePod } from './evaluate.ts';
import type { PssLevel } from './types.ts';

export interface PssWorkloadResult {
  resource: ObjectRef;
  origin: Origin;
  level: PssLevel;
  version: string;
  allowed: boolean;
  violations: { check: string; message: string; paths: string[] }[];
}

export interface PssReport {
  level: PssLevel;
  version: string;
  results: PssWorkloadResult[];
  namespaces: PssNamespaceCoverage[];
}

const templateBase = (specPath: string): string => (specPath === 'spec' ? '' : specPath.slice(0, -'.spec'.length));

export function pssReport(model: Model, level: PssLevel, version?: string): PssReport {
  const coverage = pssCoverage(model, version);
  const results = model.workloads.map((w): PssWorkloadResult => {
    const r = evaluatePod({ metadata: w.podMeta, spec: w.podSpec }, level, coverage.version);
    const base = templateBase(w.specPath);
    return {
      resource: w.ref,
      origin: w.origin,
      level,
      version: r.version,
      allowed: r.allowed,
      violations: r.violations.map((v) => ({
        check: v.check,
        message: v.detail === '' ? v.reason : `${v.reason} (${v.detail})`,
        // Paths from the object root, like findings.
        paths: v.paths.map((p) => (base === '' ? p : `${base}.${p}`)),
      })),
    };
  });
  return { level, version: coverage.version, results, namespaces: coverage.namespaces };
}
