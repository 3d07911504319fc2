// Rendered reports read without a browser: no inline handlers, style attributes or external resources in a demo,
// and the hostile fixture's names reach the report escaped and add no markup. In a browser: html.test.ts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { escapeHtml } from '../../src/report/html/escape.ts';
import { renderHtml } from '../../src/report/html/index.ts';
import { scanSource } from '../../src/run.ts';
import { openingTags, unsafeTags } from './tags.ts';
import { hostileResult, HOSTILE_CHECKS, HOSTILE_TEXT } from './hostile.ts';

describe('demo report markup', () => {
  let html: string;
  before(async () => {
    html = renderHtml(await scanSource({ demo: 'eks' }, { asOf: new Date('2026-01-15T00:00:00Z') }));
  });

  it('has no inline handlers, style attributes, innerHTML, or external resources', () => {
    assert.deepEqual(unsafeTags(html), []);
    assert.doesNotMatch(html, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    assert.doesNotMatch(html, /<(?:img|script|link|iframe|object|embed)\b[^>]*\s(?:src|href)="(?:https?:)?\/\//i);
    assert.doesNotMatch(html, /@import|url\(\s*['"]?https?:/i);
  });
});

describe('hostile cluster data', () => {
  const result = hostileResult();
  const html = renderHtml(result, { checks: HOSTILE_CHECKS });

  it('reaches the report: hostile names appear, escaped', () => {
    assert.ok(
      result.findings.length > 0 && result.paths.paths.length > 0,
      'the fixture must produce findings and paths',
    );
    assert.ok(html.includes(escapeHtml(HOSTILE_TEXT.deployment)), 'deployment name escaped in the page');
    assert.ok(html.includes(escapeHtml(HOSTILE_TEXT.namespace)));
    assert.ok(html.includes(escapeHtml(HOSTILE_TEXT.cluster)));
    assert.ok(html.includes(escapeHtml(HOSTILE_TEXT.rule)), 'custom rule title (top issues)');
  });

  it('adds no markup: two script elements, no img, svg handlers or iframes from data', () => {
    // The detector itself: a handler in a quoted value is text, a handler attribute is not.
    assert.deepEqual(unsafeTags('<p title="a onclick=b"><div onclick="x"><i style=a>'), [
      '<div onclick="x">',
      '<i style=a>',
    ]);
    assert.equal((html.match(/<script\b/g) ?? []).length, 2);
    assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
    assert.doesNotMatch(html, /<img\b|<iframe\b|<svg onload|<b>proxy/i);
    assert.deepEqual(unsafeTags(html), []);
    const tagNames = new Set(openingTags(html).map((t) => /^<([A-Za-z][A-Za-z0-9-]*)/.exec(t)?.[1]?.toLowerCase()));
    for (const bad of ['img', 'iframe', 'object', 'embed', 'b', 'form', 'base']) assert.ok(!tagNames.has(bad), bad);
    assert.ok(
      !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u2028\u2029\u202e]/.test(html),
      'no raw control or separator characters',
    );
  });
});
