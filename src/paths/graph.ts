// A mutable builder for the attack graph: vertices by id, and edges aggregated by (from, to, kind) so that ten
// bindings allowing the same step make one edge with ten pieces of evidence (capped), not ten edges.
import type { Provider } from '../model/types.ts';
import type { AttackGraph, Edge, EdgeKind, Evidence, TargetKind, Vertex } from './types.ts';

/** Evidence kept per edge; the rest are counted. */
export const EVIDENCE_CAP = 5;

export interface EdgeInput {
  kind: EdgeKind;
  weight: number;
  explanation: string;
  /** A function is called only when the evidence would be kept (new edge, or one under the cap). */
  evidence?: Evidence[] | (() => Evidence[]);
  conditional?: boolean;
  overApproximate?: boolean;
}

function evidenceOf(input: EdgeInput): Evidence[] {
  const ev = input.evidence;
  return ev === undefined ? [] : typeof ev === 'function' ? ev() : ev;
}

export class GraphBuilder {
  readonly vertices: Vertex[] = [];
  readonly edges: Edge[] = [];
  readonly byId = new Map<string, number>();
  private readonly edgeKeys = new Map<string, number>();
  readonly notes: string[] = [];

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Index of the vertex with this id, creating it from `make` the first time. */
  vertex(id: string, make: () => Omit<Vertex, 'id'>): number {
    const hit = this.byId.get(id);
    if (hit !== undefined) return hit;
    const index = this.vertices.length;
    this.vertices.push({ id, ...make() });
    this.byId.set(id, index);
    return index;
  }

  /**
   * Adds a step, or merges it into the same (from, to, kind) step: evidence is appended up to the cap, the lower
   * weight wins, and the step stays conditional / over-approximate only if every contribution is.
   */
  edge(from: number, to: number, input: EdgeInput): void {
    if (from === to) return;
    const key = `${from}>${to}>${input.kind}`;
    const hit = this.edgeKeys.get(key);
    if (hit !== undefined) {
      const e = this.edges[hit]!;
      if (e.evidence.length >= EVIDENCE_CAP && typeof input.evidence === 'function') e.moreEvidence++;
      else {
        for (const ev of evidenceOf(input)) {
          if (e.evidence.length < EVIDENCE_CAP) e.evidence.push(ev);
          else e.moreEvidence++;
        }
      }
      if (input.weight < e.weight) {
        e.weight = input.weight;
        e.explanation = input.explanation;
      }
      if (input.conditional !== true) delete e.conditional;
      if (input.overApproximate !== true) delete e.overApproximate;
      return;
    }
    const all = evidenceOf(input);
    const e: Edge = {
      from,
      to,
      kind: input.kind,
      weight: input.weight,
      explanation: input.explanation,
      evidence: all.slice(0, EVIDENCE_CAP),
      moreEvidence: Math.max(0, all.length - EVIDENCE_CAP),
    };
    if (input.conditional === true) e.conditional = true;
    if (input.overApproximate === true) e.overApproximate = true;
    this.edgeKeys.set(key, this.edges.length);
    this.edges.push(e);
  }

  freeze(targets: Record<TargetKind, number>, entries: number[], provider: Provider | 'unknown'): AttackGraph {
    const out: number[][] = this.vertices.map(() => []);
    const inn: number[][] = this.vertices.map(() => []);
    this.edges.forEach((e, i) => {
      out[e.from]!.push(i);
      inn[e.to]!.push(i);
    });
    return {
      vertices: this.vertices,
      edges: this.edges,
      out,
      in: inn,
      byId: this.byId,
      targets,
      entries,
      provider,
      notes: this.notes,
    };
  }
}
