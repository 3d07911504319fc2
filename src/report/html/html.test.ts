// The HTML report without a browser: escaping, the builder's guards, the Content-Security-Policy hashes, the
// embedded JSON, and what a rendered demo and a hostile cluster produce. Browser tests: test/html/html.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { ScanResult } from '../../result.ts';
import { scanSource } from '../../run.ts';
import { cspHash } from './csp.ts';
import { extLink, h, inlineMarkdown } from './dom.ts';
import { escapeHtml, jsonForScript, safeHref, sourceHref, visible } from './escape.ts';
import { layoutPaths } from './graph.ts';
import { SCRIPT } from './assets/client.ts';
import { STYLE } from './assets/style.ts';
import { renderHtml } from './index.ts';
import { table } from './ui.ts';
import { MAX_EMBEDDED_FINDINGS } from './views/findings.ts';

describe('escaping', () => {
  it('escapes the HTML specials and the backtick', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&\`</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });

  it('makes control, separator and bidi characters visible instead of passing them through', () => {
    assert.equal(visible('a\u0000b\u001bc\u2028d\u202ee\u0007'), 'a\\u0000b\\u001Bc\\u2028d\\u202Ee\\u0007');
    assert.equal(visible('tab\tand\nnewline stay'), 'tab\tand\nnewline stay');
    assert.ok(!/[\u0000-\u0008\u2028\u202e]/.test(escapeHtml('\u0000\u2028\u202e')));
  });

  it('writes JSON that cannot close its script element and reads back unchanged', () => {
    const value = { s: '</script><script>alert(1)</script><!-- & \u2028\u2029 `${x}`', n: [1, '>'] };
    const out = jsonForScript(value);
    assert.ok(!/[<>&\u2028\u2029]/.test(out), out);
    assert.deepEqual(JSON.parse(out), value);
  });

  it('lets only http(s) URLs become links', () => {
    assert.equal(safeHref('https://example.com/a?b=1'), 'https://example.com/a?b=1');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      '/relative',
      'vbscript:x',
      ' javascript:x',
    ]) {
      assert.equal(safeHref(bad), undefined, bad);
    }
    assert.equal(
      sourceHref('kubernetes/kubernetes:cluster/addons/dns/nodelocaldns/nodelocaldns.yaml'),
      'https://github.com/kubernetes/kubernetes/blob/HEAD/cluster/addons/dns/nodelocaldns/nodelocaldns.yaml',
    );
    assert.equal(sourceHref('not a source'), undefined);
  });
});

describe('builder', () => {
  it('escapes children and attribute values', () => {
    assert.equal(
      h('td', { title: '"><script>' }, '<b>', 1).html,
      '<td title="&quot;&gt;&lt;script&gt;">&lt;b&gt;1</td>',
    );
  });

  it('refuses inline event handlers and style attributes', () => {
    assert.throws(() => h('div', { onclick: 'x()' }), /not allowed/);
    assert.throws(() => h('div', { OnLoad: 'x()' }), /not allowed/);
    assert.throws(() => h('div', { style: 'color:red' }), /not allowed/);
    assert.throws(() => h('div onclick=x', null), /invalid tag/);
    assert.throws(() => h('div', { 'a b': '1' }), /invalid attribute/);
  });

  it('drops links that are not http(s) or in-page anchors', () => {
    assert.equal(h('a', { href: 'javascript:alert(1)' }, 'x').html, '<a>x</a>');
    assert.equal(h('a', { href: '#findings' }, 'x').html, '<a href="#findings">x</a>');
    assert.equal(extLink('javascript:alert(1)', 'x').html, 'x');
    assert.match(extLink('https://kubernetes.io/', 'k').html, /rel="noopener noreferrer"/);
  });

  it('folds long tables behind a "show more" button', () => {
    const rows = [1, 2, 3, 4, 5].map((i) => h('tr', null, h('td', null, String(i))));
    const out = table(['n'], rows, {}, 2).html;
    assert.match(out, /<tbody><tr><td>1<\/td><\/tr><tr><td>2<\/td><\/tr><\/tbody><tbody class="rest" hidden><tr><td>3/);
    assert.match(out, /<button type="button" class="more-button" data-reveal>Show 3 more<\/button>/);
    assert.doesNotMatch(table(['n'], rows, {}, 5).html, /rest|button/);
  });

  it('formats only code spans in check texts', () => {
    assert.equal(
      inlineMarkdown('set `readOnly: true` <b>now</b>').html,
      'set <code>readOnly: true</code> &lt;b&gt;now&lt;/b&gt;',
    );
    assert.equal(inlineMarkdown('odd ` tick').html, 'odd &#96; tick');
  });
});

/** The text of every `<tag …>…</tag>` element of a kind, with its opening tag. */
function elements(html: string, tag: string): { open: string; text: string }[] {
  const re = new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  return [...html.matchAll(re)].map((m) => ({ open: m[1] ?? '', text: m[2] ?? '' }));
}

describe('assets', () => {
  it('cannot end their own elements early', () => {
    assert.doesNotMatch(SCRIPT, /<\/script|<!--|<script/i);
    assert.doesNotMatch(STYLE, /<\/style|<!--/i);
  });

  it('build the page with DOM methods only, and load nothing', () => {
    assert.doesNotMatch(
      SCRIPT,
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(['"]on/,
    );
    assert.doesNotMatch(SCRIPT, /fetch\(|XMLHttpRequest|import\(|\.src\s*=|WebSocket|sendBeacon/);
    assert.doesNotMatch(STYLE, /@import|url\((?!#)/);
  });
});

describe('rendered report', () => {
  let demo: ScanResult;
  let html: string;
  before(async () => {
    demo = await scanSource({ demo: 'gke' }, { asOf: new Date('2026-01-15T00:00:00Z') });
    html = renderHtml(demo);
  });

  it('allows exactly its one inline script and one style by hash, and nothing else', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.ok(csp, 'no CSP meta element');
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /img-src data:/);
    const scripts = elements(html, 'script').filter((s) => !s.open.includes('application/json'));
    assert.equal(scripts.length, 1, 'one executable script');
    const styles = elements(html, 'style');
    assert.equal(styles.length, 1);
    const script = scripts[0]?.text ?? '';
    const style = styles[0]?.text ?? '';
    const sha = (s: string) => `sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}`;
    assert.equal(cspHash(script), sha(script));
    assert.ok(csp.includes(`script-src '${sha(script)}'`), 'script hash in CSP');
    assert.ok(csp.includes(`style-src '${sha(style)}'`), 'style hash in CSP');
    // The CSP meta comes before any script or style.
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'));
  });

  it('embeds the findings as JSON the page can parse', () => {
    const json = elements(html, 'script').find((s) => s.open.includes('id="data"'))?.text ?? '';
    const data = JSON.parse(json) as { findings: { findings: unknown[]; checks: { id: string }[] } };
    assert.equal(data.findings.findings.length, demo.findings.length);
    assert.deepEqual(
      data.findings.checks.map((c) => c.id),
      [...new Set(demo.findings.map((f) => f.checkId))].sort(),
    );
  });

  it('renders every view, and the graph with the paths’ distinct vertices and steps', () => {
    for (const id of [
      'summary',
      'inventory',
      'findings',
      'pss',
      'paths',
      'rbac',
      'responsibility',
      'compliance',
      'threats',
    ]) {
      assert.match(html, new RegExp(`<section class="view" id="${id}"`), id);
    }
    const vertices = new Set(demo.paths.paths.flatMap((p) => [p.entry, ...p.hops.map((x) => x.to)]));
    const steps = new Set(demo.paths.paths.flatMap((p) => p.hops.map((x) => `${x.from}>${x.to}`)));
    const layout = layoutPaths(demo.paths);
    assert.equal(layout.nodes.length, vertices.size);
    assert.equal(layout.edges.length, steps.size);
    assert.match(html, new RegExp(`data-nodes="${vertices.size}" data-edges="${steps.size}"`));
    // Targets sit in the last column, entries never after a step into them.
    const last = layout.layers - 1;
    for (const n of layout.nodes) if (n.target) assert.equal(n.layer, last, n.id);
  });

  it('caps the embedded findings of a huge scan and says how many it left out', () => {
    const many = Array.from(
      { length: Math.ceil((MAX_EMBEDDED_FINDINGS + 500) / demo.findings.length) },
      () => demo.findings,
    ).flat();
    const big = renderHtml({ ...demo, findings: many });
    const json = elements(big, 'script').find((s) => s.open.includes('id="data"'))?.text ?? '';
    const data = JSON.parse(json) as { findings: { findings: unknown[]; omitted: number } };
    assert.equal(data.findings.findings.length, MAX_EMBEDDED_FINDINGS);
    assert.equal(data.findings.omitted, many.length - MAX_EMBEDDED_FINDINGS);
    assert.match(big, new RegExp(`${many.length - MAX_EMBEDDED_FINDINGS} findings of lower severity are not embedded`));
  });

  it('is deterministic and small', () => {
    assert.equal(renderHtml(demo), html);
    assert.ok(html.length < 2_000_000, `${html.length} bytes`);
  });
});
