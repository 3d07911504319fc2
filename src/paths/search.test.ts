import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphBuilder } from './graph.ts';
import { distancesTo, findPathsIn, hopsOf, routeFrom, scoreOf } from './search.ts';
import type { AttackGraph, VertexKind } from './types.ts';

function graph(
  build: (g: GraphBuilder, v: (id: string, kind?: VertexKind, virtual?: boolean) => number) => void,
): AttackGraph {
  const g = new GraphBuilder();
  const v = (id: string, kind: VertexKind = 'serviceaccount', virtual = false): number =>
    g.vertex(id, () => ({ kind, label: id, ...(virtual ? { virtual: true } : {}) }));
  const targets = {
    'node-root': v('node-root', 'node-root'),
    'cluster-admin': v('cluster-admin', 'cluster-admin'),
    'cloud-identity': v('cloud-identity', 'cloud-identity'),
  };
  build(g, v);
  const entries = g.vertices.flatMap((x, i) => (x.id.startsWith('entry') ? [i] : []));
  return g.freeze(targets, entries, 'eks');
}

describe('search', () => {
  it('prefers the cheaper route over the shorter one', () => {
    const g = graph((b, v) => {
      b.edge(v('entry'), v('cluster-admin'), { kind: 'webhook-write', weight: 3, explanation: 'direct but hard' });
      b.edge(v('entry'), v('mid'), { kind: 'pod-exec', weight: 1, explanation: 'exec' });
      b.edge(v('mid'), v('cluster-admin'), { kind: 'cluster-admin-grant', weight: 1, explanation: 'admin' });
    });
    const d = distancesTo(g, 'cluster-admin');
    const route = routeFrom(g, d, g.byId.get('entry')!)!;
    assert.deepEqual(
      route.map((ei) => g.edges[ei]!.kind),
      ['pod-exec', 'cluster-admin-grant'],
    );
    assert.equal(d.dist[g.byId.get('entry')!], 2);
  });

  it('breaks cost ties by fewer steps', () => {
    const g = graph((b, v) => {
      b.edge(v('entry'), v('a'), { kind: 'member-of', weight: 0, explanation: 'member' });
      b.edge(v('a'), v('node-root'), { kind: 'pod-create', weight: 1, explanation: 'two steps' });
      b.edge(v('entry'), v('node-root'), { kind: 'escape-privileged', weight: 1, explanation: 'one step' });
    });
    const route = routeFrom(g, distancesTo(g, 'node-root'), g.byId.get('entry')!)!;
    assert.deepEqual(
      route.map((ei) => g.edges[ei]!.kind),
      ['escape-privileged'],
    );
  });

  it('shows steps through hubs as one hop with both explanations', () => {
    const g = graph((b, v) => {
      b.edge(v('entry'), v('hub', 'hub', true), {
        kind: 'pod-create',
        weight: 1,
        explanation: 'can create pods',
        conditional: true,
      });
      b.edge(v('hub'), v('node-root'), { kind: 'privileged-pod', weight: 0, explanation: 'no Pod Security' });
    });
    const route = routeFrom(g, distancesTo(g, 'node-root'), g.byId.get('entry')!)!;
    const hops = hopsOf(g, route);
    assert.equal(hops.length, 1);
    assert.deepEqual([hops[0]!.from, hops[0]!.edge, hops[0]!.to], ['entry', 'pod-create', 'node-root']);
    assert.equal(hops[0]!.explanation, 'can create pods; no Pod Security');
    assert.equal(hops[0]!.conditional, true);
  });

  it('aggregates identical steps into one edge with capped evidence', () => {
    const g = graph((b, v) => {
      for (let i = 0; i < 8; i++) {
        b.edge(v('entry'), v('node-root'), {
          kind: 'pod-create',
          weight: i === 5 ? 1 : 2,
          explanation: `grant ${i}`,
          evidence: [{ type: 'note', text: `binding ${i}` }],
        });
      }
    });
    assert.equal(g.edges.length, 1);
    assert.equal(g.edges[0]!.weight, 1);
    assert.equal(g.edges[0]!.explanation, 'grant 5');
    assert.equal(g.edges[0]!.evidence.length, 5);
    assert.equal(g.edges[0]!.moreEvidence, 3);
  });

  it('returns nothing for unreachable targets and ignores self-loops', () => {
    const g = graph((b, v) => {
      b.edge(v('entry'), v('entry'), { kind: 'member-of', weight: 0, explanation: 'loop' });
      b.edge(v('entry'), v('island'), { kind: 'pod-exec', weight: 1, explanation: 'nowhere' });
    });
    assert.equal(g.edges.length, 1);
    assert.deepEqual(findPathsIn(g).paths, []);
  });

  it('scores impact and breadth, decayed by cost and conditions', () => {
    assert.equal(scoreOf('cluster-admin', 'anonymous', 1), 100);
    assert.ok(scoreOf('cluster-admin', 'authenticated', 1) > scoreOf('cluster-admin', 'workload', 1));
    assert.ok(scoreOf('cluster-admin', 'workload', 1) > scoreOf('node-root', 'workload', 1));
    assert.ok(scoreOf('node-root', 'workload', 1) > scoreOf('node-root', 'workload', 3));
    assert.ok(scoreOf('node-root', 'workload', 2) > scoreOf('node-root', 'workload', 2, 1));
  });
});
