import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { classify } from '../analyze.ts';
import { buildModel } from '../model/build.ts';
import type { KubeObject } from '../model/k8s.ts';
import { formatRef } from '../model/refs.ts';
import type { ClusterFacts } from '../model/types.ts';
import { runChecks } from './run.ts';
import type { AnyCheck } from './types.ts';

/** One named scenario beside a check: the objects, and either `pass` or the exact findings expected. */
export interface CheckCase {
  name: string;
  expect: 'pass' | { resource: string; path: string }[];
  objects: KubeObject[];
  /** Evaluation date for date-dependent checks (YYYY-MM-DD), so cases do not age. */
  asOf?: string;
  /** Cluster facts as discovery would report them (version, provider, served API versions). */
  cluster?: ClusterFacts;
}

export function loadCases(file: string): CheckCase[] {
  const data: unknown = parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: expected a list of cases`);
  return data.map((c: unknown, i) => {
    const cc = c as Partial<CheckCase>;
    if (
      typeof cc.name !== 'string' ||
      !Array.isArray(cc.objects) ||
      (cc.expect !== 'pass' && !Array.isArray(cc.expect))
    ) {
      throw new Error(`${file}: case #${i} needs name, objects and expect (pass or a list of {resource, path})`);
    }
    return cc as CheckCase;
  });
}

/** Runs one check alone on a case's objects; returns `Kind/ns/name path` lines, sorted, to compare exactly. */
export function runCase(check: AnyCheck, c: CheckCase, file: string): string[] {
  const model = buildModel({
    objects: c.objects.map((object) => ({ object, origin: { file } })),
    ...(c.cluster ? { cluster: { ...c.cluster } } : {}),
    sourceKind: c.cluster ? 'snapshot' : 'files',
  });
  classify(model);
  const { findings, errors } = runChecks(model, [check], c.asOf ? { asOf: new Date(`${c.asOf}T00:00:00Z`) } : {});
  if (errors.length > 0) throw new Error(`check threw: ${errors.map((e) => e.message).join('; ')}`);
  return findings.map((f) => `${formatRef(f.resource)} ${f.path}`).sort();
}

export function expectedLines(c: CheckCase): string[] {
  return c.expect === 'pass' ? [] : c.expect.map((e) => `${e.resource} ${e.path}`).sort();
}
