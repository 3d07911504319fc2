import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPathsFixture } from '../../test/fixtures/paths/load.ts';
import { findPaths, pathsSection, type PathsResult } from '../paths/index.ts';
import { dotString, renderPathsDot } from './paths-dot.ts';
import { renderPathsJson } from './paths-json.ts';
import { mermaidText, renderPathsMermaid } from './paths-mermaid.ts';
import { renderPathsTable } from './paths-table.ts';

const HOSTILE =
  'evil"] --> x[<img src=x onerror=alert(1)>]\nclick n0 call alert() %% `md` | ; {a} (b) & \\N \u001b[31m';

/** A two-hop path whose names carry everything the graph syntaxes give meaning to. */
function hostileResult(): PathsResult {
  const hop = {
    evidence: [{ type: 'note' as const, text: `binding ${HOSTILE}` }],
  };
  return {
    paths: [
      {
        id: 'abc123def456',
        entry: 'sa:x:evil',
        entryKind: 'serviceaccount',
        target: 'cluster-admin',
        length: 2,
        cost: 2,
        score: 40,
        hops: [
          { from: 'sa:x:evil', to: 'workload:x/evil', edge: 'pod-exec', explanation: `exec into ${HOSTILE}`, ...hop },
          {
            from: 'workload:x/evil',
            to: 'cluster-admin',
            edge: 'uses-token',
            explanation: 'token',
            conditional: true,
            ...hop,
          },
        ],
      },
    ],
    vertices: {
      'sa:x:evil': { kind: 'serviceaccount', label: `ServiceAccount ${HOSTILE}` },
      'workload:x/evil': { kind: 'workload', label: `Deployment ${HOSTILE}` },
      'cluster-admin': { kind: 'cluster-admin', label: 'cluster-admin' },
    },
    summary: {
      provider: 'eks',
      graph: { vertices: 3, edges: 2, byKind: {} },
      entriesEvaluated: 1,
      targets: {
        'cluster-admin': { entries: 1, byEntryKind: { serviceaccount: 1 }, cheapest: 2 },
        'node-root': { entries: 0, byEntryKind: {} },
        'cloud-identity': { entries: 0, byEntryKind: {} },
      },
      paths: 1,
      coveredByBroaderEntry: 0,
      unknownFrom: [],
      notes: [],
    },
  };
}

/** The text of every double-quoted string on a DOT line, honouring backslash escapes; throws on an open quote. */
function dotStrings(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '"') {
      i++;
      continue;
    }
    let s = '';
    i++;
    for (;;) {
      if (i >= line.length) throw new Error(`unterminated string in ${line}`);
      const ch = line[i]!;
      if (ch === '\\') {
        s += line[i + 1] ?? '';
        i += 2;
      } else if (ch === '"') {
        i++;
        break;
      } else {
        s += ch;
        i++;
      }
    }
    out.push(s);
  }
  return out;
}

describe('Mermaid renderer', () => {
  it('keeps hostile names inside their quoted labels', () => {
    const text = renderPathsMermaid(hostileResult());
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'flowchart LR');
    // 3 nodes, 2 edges, 2 classDefs, 2 class lines: nothing a name injected.
    assert.equal(lines.length, 1 + 3 + 2 + 2 + 2);
    // Only safe characters and entity codes between the quotes.
    for (const line of lines.slice(1, 4)) assert.match(line, /^ {2}n\d+\["(?:[A-Za-z0-9 .,:/_@=+-]|#\d+;)*"\]$/);
    assert.match(lines[4]!, /^ {2}n0 -->\|"pod-exec"\| n1$/);
    assert.match(lines[5]!, /^ {2}n1 -\.->\|"uses-token"\| n2$/, 'conditional steps are dotted');
    assert.ok(!text.includes('<img'));
    assert.ok(!text.includes('\u001b'));
    assert.match(lines.at(-2)!, /^ {2}class n2 target$/);
    assert.match(lines.at(-1)!, /^ {2}class n0 entry$/);
  });

  it('writes unsafe characters as entity codes', () => {
    assert.equal(mermaidText('a"b'), 'a#34;b');
    assert.equal(mermaidText('<x>'), '#60;x#62;');
    assert.equal(mermaidText('#'), '#35;');
    assert.equal(mermaidText('ns/name:1'), 'ns/name:1');
    assert.equal(mermaidText('a\nb'), 'a b');
    assert.equal(mermaidText('😀'), '#128512;');
  });
});

describe('DOT renderer', () => {
  it('keeps hostile names inside their quoted labels', () => {
    const text = renderPathsDot(hostileResult());
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'digraph attack_paths {');
    assert.equal(lines.at(-1), '}');
    const nodeLines = lines.filter((l) => /^ {2}n\d+ \[/.test(l));
    const edgeLines = lines.filter((l) => /^ {2}n\d+ -> n\d+ \[/.test(l));
    assert.equal(nodeLines.length, 3);
    assert.equal(edgeLines.length, 2);
    assert.equal(lines.length, 4 + 3 + 2 + 1);
    for (const l of [...nodeLines, ...edgeLines]) assert.match(l, /\];$/);
    const label = dotStrings(nodeLines[0]!)[0]!;
    assert.ok(label.startsWith('ServiceAccount evil"] --> x[<img'), 'the name survives as text');
    assert.ok(!label.includes('\n'));
    assert.ok(label.includes('&amp;'), 'entities are not decoded by Graphviz');
    assert.match(edgeLines[1]!, /style=dashed/);
  });

  it('escapes backslashes, quotes and ampersands', () => {
    assert.equal(dotString('a"b'), '"a\\"b"');
    assert.equal(dotString('\\N'), '"\\\\N"');
    assert.equal(dotString('&lt;'), '"&amp;lt;"');
  });
});

describe('table and JSON renderers', () => {
  it('prints one line per hop, ranked, with control characters removed', () => {
    const text = renderPathsTable(hostileResult());
    assert.ok(!text.includes('\u001b'));
    const hopLines = text.split('\n').filter((l) => /^ {2}\d+\. /.test(l));
    assert.equal(hopLines.length, 2);
    assert.match(hopLines[0]!, /^ {2}1\. pod-exec → Deployment evil/);
    assert.match(hopLines[1]!, /\(conditional\)$/);
  });

  it('renders a real result with its blast radius', () => {
    const model = loadPathsFixture('fluent-bit-route.yaml');
    const text = renderPathsTable(pathsSection(model), { verbose: true });
    assert.match(text, /ConfigMap amazon-cloudwatch\/fluent-bit-config/);
    assert.match(
      text,
      /Blast radius of provider components\n {2}eks\/fluent-bit \(middleware, 1 workload\(s\)\): node root, cloud identity/,
    );
    assert.match(text, /rbac: RoleBinding\/amazon-cloudwatch\/ci-edits-logging-config/);
    const none = renderPathsTable(findPaths(loadPathsFixture('locked-down.yaml')));
    assert.match(none, /No path from the entries to the targets/);
  });

  it('JSON round-trips', () => {
    const r = findPaths(loadPathsFixture('exec-cluster-admin.yaml'));
    const back = JSON.parse(renderPathsJson(r)) as PathsResult;
    assert.deepEqual(back, JSON.parse(JSON.stringify(r)));
    assert.equal(back.paths[0]?.id, r.paths[0]?.id);
  });
});
