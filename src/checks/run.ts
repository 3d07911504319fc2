import { createHash } from 'node:crypto';
import type { Model } from '../model/build.ts';
import { concatPath } from '../model/paths.ts';
import { formatRef, refOf } from '../model/refs.ts';
import type { ObjectRef, Origin, SourcedObject, Workload } from '../model/types.ts';
import type {
  AnyCheck,
  CheckContext,
  ContainerSubject,
  ContainerType,
  Finding,
  PodTemplateSubject,
  ReportInput,
} from './types.ts';

export interface CheckRunError {
  checkId: string;
  resource?: string;
  message: string;
}

export interface CheckRunResult {
  findings: Finding[];
  errors: CheckRunError[];
}

const CONTAINER_TYPES: readonly ContainerType[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** Path from a workload object's root to its pod template (`spec.template`; `` for a Pod). */
function templateBase(w: Workload): string {
  return w.specPath === 'spec' ? '' : w.specPath.slice(0, -'.spec'.length);
}

export function fingerprintOf(checkId: string, resource: ObjectRef, path: string): string {
  return createHash('sha256')
    .update(`${checkId}\0${resource.kind}\0${resource.namespace ?? ''}\0${resource.name}\0${path}`)
    .digest('hex')
    .slice(0, 32);
}

function originFor(source: SourcedObject | undefined, fallback: Origin, absPath: string): Origin {
  return source?.locate?.(absPath) ?? source?.origin ?? fallback;
}

/**
 * Runs checks over the model. Each pod template is evaluated once per workload, not per pod.
 * A check that throws is recorded against its resource and does not stop the scan.
 */
export function runChecks(model: Model, checks: readonly AnyCheck[], options: { asOf?: Date } = {}): CheckRunResult {
  const asOf = options.asOf ?? new Date();
  const findings: Finding[] = [];
  const errors: CheckRunError[] = [];

  const emit = (
    check: AnyCheck,
    input: ReportInput,
    resource: ObjectRef,
    source: SourcedObject | undefined,
    base: string,
    workload?: Workload,
  ): void => {
    const res = input.resource ?? resource;
    const src = input.source ?? source;
    const path = input.resource || input.source ? input.path : concatPath(base, input.path);
    const f: Finding = {
      checkId: check.id,
      severity: input.severity ?? check.severity,
      resource: res,
      origin: originFor(src, {}, path),
      path,
      message: input.message,
      status: 'open',
      fingerprint: fingerprintOf(check.id, res, path),
    };
    if (input.severityReason) f.severityReason = input.severityReason;
    const cls = workload?.classification;
    if (cls) {
      f.component = { class: cls.class };
      if (cls.provider) f.component.provider = cls.provider;
      if (cls.component) f.component.component = cls.component;
    }
    findings.push(f);
  };

  const guard = (check: AnyCheck, resource: string, fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      errors.push({ checkId: check.id, resource, message: e instanceof Error ? e.message : String(e) });
    }
  };

  const ctxFor = (
    check: AnyCheck,
    resource: ObjectRef,
    source: SourcedObject | undefined,
    base: string,
    workload?: Workload,
  ): CheckContext => ({
    model,
    asOf,
    report: (input) => emit(check, input, resource, source, base, workload),
  });

  const byTarget = (t: AnyCheck['target']): AnyCheck[] => checks.filter((c) => c.target === t);
  const podChecks = byTarget('podTemplate');
  const containerChecks = byTarget('container');

  if (podChecks.length + containerChecks.length > 0) {
    for (const w of model.workloads) {
      const base = templateBase(w);
      const subject: PodTemplateSubject = { workload: w, meta: w.podMeta, spec: w.podSpec };
      const name = formatRef(w.ref);
      for (const check of podChecks) {
        guard(check, name, () => {
          check.evaluate(subject, ctxFor(check, w.ref, w.source, base, w));
        });
      }
      if (containerChecks.length === 0) continue;
      for (const containerType of CONTAINER_TYPES) {
        const list = w.podSpec[containerType];
        if (!Array.isArray(list)) continue;
        list.forEach((container, index) => {
          if (typeof container !== 'object' || container === null) return;
          const cs: ContainerSubject = { ...subject, container, containerType, index };
          const cbase = concatPath(base, `spec.${containerType}[${index}]`);
          for (const check of containerChecks) {
            guard(check, name, () => {
              check.evaluate(cs, ctxFor(check, w.ref, w.source, cbase, w));
            });
          }
        });
      }
    }
  }

  const nsChecks = byTarget('namespace');
  if (nsChecks.length > 0) {
    const byNs = new Map<string, Workload[]>();
    for (const w of model.workloads) {
      let l = byNs.get(w.namespace);
      if (!l) byNs.set(w.namespace, (l = []));
      l.push(w);
    }
    for (const ns of model.namespaces.values()) {
      const ref: ObjectRef = { apiVersion: 'v1', kind: 'Namespace', name: ns.name };
      for (const check of nsChecks) {
        guard(check, `Namespace/${ns.name}`, () => {
          check.evaluate({ namespace: ns, workloads: byNs.get(ns.name) ?? [] }, ctxFor(check, ref, ns.source, ''));
        });
      }
    }
  }

  for (const check of byTarget('node')) {
    for (const node of model.nodes) {
      const ref = refOf(node.object);
      guard(check, formatRef(ref), () => {
        check.evaluate(node, ctxFor(check, ref, node, ''));
      });
    }
  }

  for (const check of byTarget('object')) {
    for (const kind of check.kinds ?? []) {
      for (const so of model.byKind.get(kind) ?? []) {
        const ref = refOf(so.object);
        guard(check, formatRef(ref), () => {
          check.evaluate(so, ctxFor(check, ref, so, ''));
        });
      }
    }
  }

  const clusterRef: ObjectRef = { apiVersion: 'v1', kind: 'Cluster', name: model.cluster.name ?? 'cluster' };
  for (const check of byTarget('cluster')) {
    guard(check, 'cluster', () => {
      check.evaluate(model, ctxFor(check, clusterRef, undefined, ''));
    });
  }

  return { findings, errors };
}
