// Terminal view of `kubeseam paths`: ranked paths, one line per hop, then each provider component's blast radius.
import type { BlastRadius, PathsResult, TargetKind } from '../paths/types.ts';
import { COLOR, PLAIN, type Palette } from './color.ts';
import { oneLine } from './sanitize.ts';

const TARGET_NAMES: Record<TargetKind, string> = {
  'cluster-admin': 'cluster-admin',
  'node-root': 'node root',
  'cloud-identity': 'cloud identity',
};

export interface PathsTableOptions {
  color?: boolean;
  /** Print evidence under each hop. */
  verbose?: boolean;
}

function labelOf(result: PathsResult, id: string): string {
  return oneLine(result.vertices[id]?.label ?? id);
}

function severityOf(score: number): 'critical' | 'high' | 'medium' | 'low' {
  return score >= 50 ? 'critical' : score >= 30 ? 'high' : score >= 15 ? 'medium' : 'low';
}

function blastLines(c: Palette, radius: readonly BlastRadius[]): string[] {
  if (radius.length === 0) return [];
  const lines = ['', c.bold('Blast radius of provider components')];
  for (const b of radius) {
    const reached = (Object.keys(b.targets) as TargetKind[]).map((t) => TARGET_NAMES[t]);
    const what = reached.length > 0 ? reached.join(', ') : 'no target';
    lines.push(
      `  ${oneLine(b.component)} (${b.class}, ${b.workloads.length} workload(s)): ${what}` +
        c.dim(
          ` · ${b.definite.serviceAccounts} service account(s), ${b.definite.workloads} other workload(s)` +
            (b.possible.serviceAccounts > b.definite.serviceAccounts
              ? `; up to ${b.possible.serviceAccounts} if pods share its nodes`
              : ''),
        ),
    );
  }
  return lines;
}

export function renderPathsTable(
  result: PathsResult & { blastRadius?: BlastRadius[] },
  options: PathsTableOptions = {},
): string {
  const c = options.color ? COLOR : PLAIN;
  const s = result.summary;
  const lines = [
    c.bold(
      `Attack paths · provider ${s.provider} · ${s.paths} path(s)` +
        (result.paths.length < s.paths ? ` (showing ${result.paths.length})` : ''),
    ),
    c.dim(
      (['cluster-admin', 'node-root', 'cloud-identity'] as const)
        .map((t) => {
          const x = s.targets[t];
          return `${TARGET_NAMES[t]}: ${x.entries} entr${x.entries === 1 ? 'y' : 'ies'}${x.cheapest !== undefined ? ` (cheapest ${x.cheapest})` : ''}`;
        })
        .join(' · ') + ` · graph ${s.graph.vertices} vertices, ${s.graph.edges} edges`,
    ),
  ];
  if (s.coveredByBroaderEntry > 0) {
    lines.push(
      c.dim(
        `${s.coveredByBroaderEntry} route(s) run through "any authenticated user" or anonymous and are shown under it`,
      ),
    );
  }
  if (s.unknownFrom.length > 0)
    lines.push(c.severity('medium', `unknown --from: ${oneLine(s.unknownFrom.join(', '))}`));
  result.paths.forEach((p, i) => {
    lines.push(
      '',
      `${c.severity(severityOf(p.score), `#${i + 1} score ${p.score.toFixed(1)}`)}  ${c.bold(labelOf(result, p.entry))} → ` +
        c.bold(TARGET_NAMES[p.target]) +
        c.dim(`  ${p.length} hop(s), cost ${p.cost} · ${p.id}`),
    );
    p.hops.forEach((h, j) => {
      const flags = [h.conditional ? 'conditional' : '', h.overApproximate ? 'possible' : ''].filter(Boolean);
      lines.push(
        `  ${j + 1}. ${h.edge} → ${labelOf(result, h.to)}: ${oneLine(h.explanation)}` +
          (flags.length > 0 ? c.dim(` (${flags.join(', ')})`) : ''),
      );
      if (options.verbose) for (const e of h.evidence) lines.push(c.dim(`       ${e.type}: ${oneLine(e.text)}`));
    });
  });
  if (result.paths.length === 0) lines.push('', 'No path from the entries to the targets.');
  lines.push(...blastLines(c, result.blastRadius ?? []));
  for (const n of s.notes) lines.push(c.dim(`note: ${oneLine(n)}`));
  return lines.join('\n') + '\n';
}
