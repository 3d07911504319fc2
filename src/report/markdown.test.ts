import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../checks/types.ts';
import { buildModel } from '../model/build.ts';
import type { ScanResult } from '../result.ts';
import { scan } from '../scan.ts';
import { parseManifestText } from '../sources/files.ts';
import { mdEscape, renderMarkdown } from './markdown.ts';

const HOSTILE =
  'x|y`z<img src=x onerror=alert(1)>[click](https://evil.example)\n# Owned @security-team **b** \u001b[2J';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop }
spec:
  hostPID: true
  containers: [{ name: app, image: "busybox:1.36" }]
`;

function result(): ScanResult {
  const model = buildModel({ objects: parseManifestText(MANIFEST, 'k8s/my app (1).yaml'), sourceKind: 'files' });
  return scan(model, { source: { kind: 'files', files: ['k8s/my app (1).yaml'] }, asOf: new Date('2025-06-01Z') });
}

/** Cells of a table row, split on the pipes Markdown treats as delimiters (not on escaped ones). */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === '\\') {
      cur += c + (row[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.slice(1, -1);
}

describe('renderMarkdown', () => {
  it('summarises counts and links the top findings to file lines', () => {
    const r = result();
    const md = renderMarkdown(r);
    const open = r.findings.filter((f) => f.status !== 'waived');
    assert.match(md, new RegExp(`^### kubeseam: ${open.length} open findings`));
    const sevRow = md.split('\n').find((l) => l.includes(' high |'))!;
    assert.equal(cells(sevRow)[1]!.trim(), String(r.summary.bySeverity.high));
    const pidRow = md.split('\n').find((l) => l.startsWith('| high | host\\-pid |'))!;
    assert.ok(pidRow, md);
    // The link target is percent-encoded, relative, and names the line of hostPID.
    assert.ok(pidRow.includes('(k8s/my%20app%20%281%29.yaml#L5)'), pidRow);
    assert.ok(md.includes('<details><summary>All '));
    assert.ok(md.trimEnd().endsWith('</details>'));
    const withBase = renderMarkdown(r, { linkBase: 'https://github.com/o/r/blob/abc/' });
    assert.ok(withBase.includes('(https://github.com/o/r/blob/abc/k8s/my%20app%20%281%29.yaml#L5)'));
  });

  it('keeps hostile names and messages from adding columns, links, HTML, headings or mentions', () => {
    const base = result();
    const f0 = base.findings.find((f) => f.checkId === 'host-pid')!;
    const hostile: Finding = {
      ...f0,
      resource: { ...f0.resource, name: HOSTILE },
      message: HOSTILE,
      origin: { file: `k8s/${HOSTILE}.yaml`, line: 3 },
    };
    const md = renderMarkdown({ ...base, findings: [hostile] });
    const row = md.split('\n').find((l) => l.startsWith('| high |'))!;
    assert.equal(cells(row).length, 5, row);
    assert.doesNotMatch(md, /<img/);
    assert.doesNotMatch(md, /\]\(https:\/\/evil/);
    assert.doesNotMatch(md, /^#+ Owned/m);
    assert.doesNotMatch(md, /@security-team/);
    assert.doesNotMatch(md, /\u001b/);
    // Backticks survive only in built-in remediation text (kubeseam's own Markdown).
    const untrusted = md.split('\n').filter((l) => !l.startsWith('Fix: '));
    for (const l of untrusted) assert.doesNotMatch(l, /(^|[^\\])`/, l);
    // Only the markup kubeseam writes itself remains: its own headings, details and the link to the file.
    const links = [...md.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]!);
    for (const l of links) assert.doesNotMatch(l, /[\s<>()]/, l);
  });

  it('escapes Markdown and HTML metacharacters one by one', () => {
    assert.equal(mdEscape('a|b'), 'a\\|b');
    assert.equal(mdEscape('`x`'), '\\`x\\`');
    assert.equal(mdEscape('<b>&'), '&lt;b&gt;&amp;');
    assert.equal(mdEscape('[t](u)'), '\\[t\\]\\(u\\)');
    assert.equal(mdEscape('line\nbreak'), 'line break');
    assert.equal(mdEscape('@team'), '@\u200bteam');
    assert.equal(mdEscape('back\\slash'), 'back\\\\slash');
  });

  it('marks waived findings and reports a clean scan', () => {
    const base = result();
    const waived = base.findings.map((f): Finding => ({
      ...f,
      status: 'waived',
      waiver: { justification: 'ok', owner: 'o', expires: '2030-01-01' },
    }));
    const md = renderMarkdown({
      ...base,
      findings: waived,
      summary: { ...base.summary, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } },
    });
    assert.match(md, /^### kubeseam: no open findings/);
    assert.doesNotMatch(md, /Top findings/);
    assert.match(md, /\(waived\)/);
  });
});
