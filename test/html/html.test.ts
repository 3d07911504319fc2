// The HTML report in a real browser (Debian's chromium driven by playwright-core): it loads from file:// with no
// console errors, CSP violations or network requests; the findings filters and the attack-path graph work; a
// hostile cluster's names execute nothing; and each view is screenshotted to test-artifacts/html/<view>.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml, VIEWS } from '../../src/report/html/index.ts';
import type { ScanResult } from '../../src/result.ts';
import { scanSource } from '../../src/run.ts';
import { hostileResult, HOSTILE_CHECKS, HOSTILE_TEXT } from './hostile.ts';

// The functions passed to page.evaluate run in the browser. The project compiles without the DOM library, so they
// see these few shapes, declared for this module only.
interface PageElement {
  id: string;
  hidden: boolean;
  value: string;
  href: string;
  textContent: string | null;
  attributes: Iterable<{ name: string }>;
  getAttribute(name: string): string | null;
  click(): void;
  getBoundingClientRect(): { width: number };
}
interface PageNodeList extends Iterable<PageElement> {
  length: number;
  forEach(f: (e: PageElement) => void): void;
}
declare const document: {
  title: string;
  body: { innerText: string };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageNodeList;
  getElementById(id: string): PageElement | null;
  addEventListener(type: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void;
};
declare const window: unknown;

const CHROMIUM = process.env.KUBESEAM_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/html/', import.meta.url));

interface Watch {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

/** Opens a report file with every way it could misbehave recorded. */
async function open(browser: Browser, html: string, name: string): Promise<{ page: Page; watch: Watch }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = `${ARTIFACTS}${name}.html`;
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
  const watch: Watch = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watch.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) watch.requests.push(r.url());
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data):/.test(url)) return route.continue();
    watch.requests.push(url);
    return route.abort();
  });
  // Injected by the browser driver (not subject to the page's CSP): records every policy violation.
  await page.addInitScript(() => {
    const w = window as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('#findings-count[data-matching]', { state: 'attached' });
  return { page, watch };
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as { __csp: string[] }).__csp);
}

async function matching(page: Page): Promise<{ matching: number; rows: number }> {
  return page.evaluate(() => ({
    matching: Number(document.getElementById('findings-count')?.getAttribute('data-matching')),
    rows: document.querySelectorAll('#findings-body tr.finding').length,
  }));
}

describe('HTML report in a browser', () => {
  let browser: Browser;
  let demo: ScanResult;

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: the HTML report tests need a real browser. ` +
          'Install it with `apt-get install -y chromium` (see .ci/run), or set KUBESEAM_CHROMIUM to its path.',
      );
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    demo = await scanSource({ demo: 'gke' }, { asOf: new Date('2026-01-15T00:00:00Z') });
  });

  after(async () => {
    await browser?.close();
  });

  describe('GKE demo report', () => {
    let page: Page;
    let watch: Watch;
    before(async () => {
      ({ page, watch } = await open(browser, renderHtml(demo), 'gke'));
    });
    after(async () => {
      await page?.close();
    });

    it('loads from file:// with no console errors, no CSP violations and no network requests', async () => {
      assert.deepEqual(watch.errors, []);
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(watch.requests, []);
      assert.equal(await page.title(), 'kubeseam report — analytics-prod');
    });

    it('shows one view at a time and screenshots each', async () => {
      for (const view of VIEWS) {
        await page.click(`nav.tabs a[data-view="${view}"]`);
        const visible = await page.evaluate(() =>
          [...document.querySelectorAll('section.view')].filter((s) => !s.hidden).map((s) => s.id),
        );
        assert.deepEqual(visible, [view]);
        assert.equal(await page.getAttribute(`nav.tabs a[data-view="${view}"]`, 'aria-current'), 'page');
        // The first screen of each view: enough to review, and quick to encode (full pages take seconds each).
        await page.screenshot({ path: `${ARTIFACTS}${view}.png` });
      }
      assert.deepEqual(watch.errors, []);
    });

    it('filters findings by severity, class, namespace and text, and pages with "show more"', async () => {
      await page.click('nav.tabs a[data-view="findings"]');
      const active = demo.findings.filter((f) => f.status !== 'waived');
      let got = await matching(page);
      assert.equal(got.matching, active.length);
      assert.equal(got.rows, Math.min(100, active.length));

      // Hide info, then low: the count drops by exactly those findings.
      await page.click('button[data-sev="4"]');
      got = await matching(page);
      assert.equal(got.matching, active.filter((f) => f.severity !== 'info').length);
      await page.click('button[data-sev="3"]');
      got = await matching(page);
      const critToMedium = active.filter((f) => ['critical', 'high', 'medium'].includes(f.severity));
      assert.equal(got.matching, critToMedium.length);
      assert.equal(got.rows, Math.min(100, critToMedium.length));
      const badges = await page.evaluate(() =>
        [...document.querySelectorAll('#findings-body tr.finding .sev')].map((e) => e.textContent),
      );
      assert.ok(badges.every((b) => b === 'critical' || b === 'high' || b === 'medium'));

      // Provider middleware only.
      const classes = await page.evaluate(() =>
        [...document.querySelectorAll('#f-class option')].map((o) => [o.value, o.textContent ?? '']),
      );
      const mw = classes.find(([, t]) => t === 'Provider middleware')?.[0];
      assert.ok(mw !== undefined);
      await page.selectOption('#f-class', mw);
      got = await matching(page);
      assert.equal(got.matching, critToMedium.filter((f) => f.component?.class === 'middleware').length);

      // Reset, then one namespace.
      await page.click('#f-reset');
      assert.equal((await matching(page)).matching, active.length);
      const nsOption = await page.evaluate(() =>
        [...document.querySelectorAll('#f-ns option')]
          .map((o) => [o.value, o.textContent ?? ''])
          .find(([, t]) => t === 'kube-system'),
      );
      assert.ok(nsOption);
      await page.selectOption('#f-ns', nsOption[0] ?? '');
      got = await matching(page);
      // A finding on the Namespace object itself counts in that namespace.
      const inKubeSystem = (f: (typeof active)[number]): boolean =>
        f.resource.namespace === 'kube-system' ||
        (f.resource.kind === 'Namespace' && f.resource.name === 'kube-system');
      assert.equal(got.matching, active.filter(inKubeSystem).length);

      // Text search over resource, message and check.
      await page.click('#f-reset');
      await page.fill('#f-text', 'nodes/proxy');
      got = await matching(page);
      assert.equal(
        got.matching,
        active.filter(
          (f) => `${f.message} ${f.path}`.toLowerCase().includes('nodes/proxy') || f.checkId.includes('nodes-proxy'),
        ).length,
      );
      assert.ok(got.matching > 0);

      // Show more adds the next page.
      await page.click('#f-reset');
      if (active.length > 100) {
        await page.click('#findings-more');
        assert.equal((await matching(page)).rows, Math.min(200, active.length));
      }
    });

    it('opens a finding with its field, remediation and reference links', async () => {
      await page.click('#f-reset');
      await page.click('#findings-body tr.finding >> nth=0');
      const detail = page.locator('#findings-body tr.detail');
      await detail.waitFor();
      const text = (await detail.textContent()) ?? '';
      const first = demo.findings.find((f) => f.status !== 'waived');
      assert.ok(first);
      assert.ok(text.includes(first.path), 'field path');
      assert.ok(text.includes('How to fix'));
      const hrefs = await page.evaluate(() =>
        [...document.querySelectorAll('#findings-body tr.detail a')].map((a) => a.href),
      );
      assert.ok(hrefs.length > 0 && hrefs.every((u) => u.startsWith('https://')), hrefs.join(' '));
    });

    it('draws the attack-path graph with one node per vertex and one edge per step, and highlights a path', async () => {
      await page.click('nav.tabs a[data-view="paths"]');
      const paths = demo.paths.paths;
      const vertices = new Set(paths.flatMap((p) => [p.entry, ...p.hops.map((x) => x.to)]));
      const steps = new Set(paths.flatMap((p) => p.hops.map((x) => `${x.from}>${x.to}`)));
      const drawn = await page.evaluate(() => ({
        nodes: document.querySelectorAll('#path-graph svg g.node').length,
        edges: document.querySelectorAll('#path-graph svg g.edge').length,
        box: document.querySelector('#path-graph svg')?.getBoundingClientRect().width ?? 0,
      }));
      assert.equal(drawn.nodes, vertices.size);
      assert.equal(drawn.edges, steps.size);
      assert.ok(drawn.box > 300, 'the graph has a size');

      // Selecting the top path lights up exactly its steps.
      const top = paths[0];
      assert.ok(top);
      await page.click('#path-list li.path[data-path="0"] .path-head');
      const lit = await page.evaluate(() => document.querySelectorAll('#path-graph svg g.edge.hl').length);
      assert.equal(lit, new Set(top.hops.map((x) => `${x.from}>${x.to}`)).size);
      await page.locator('#path-graph').screenshot({ path: `${ARTIFACTS}paths-graph-selected.png` });
      assert.deepEqual(watch.errors, []);
      assert.deepEqual(await violations(page), []);
    });
  });

  describe('hostile cluster report', () => {
    it('executes nothing and shows the hostile names as text', async () => {
      const result = hostileResult();
      const { page, watch } = await open(browser, renderHtml(result, { checks: HOSTILE_CHECKS }), 'hostile');
      try {
        for (const view of VIEWS) await page.click(`nav.tabs a[data-view="${view}"]`);
        // Open every finding so the client-built details render too.
        await page.click('nav.tabs a[data-view="findings"]');
        await page.selectOption('#f-status', '');
        const rows = await page.evaluate(() => {
          const list = document.querySelectorAll('#findings-body tr.finding');
          list.forEach((tr) => tr.click());
          return list.length;
        });
        assert.ok(rows > 0);
        assert.equal(await page.locator('#findings-body tr.detail').count(), rows);
        await page.click('nav.tabs a[data-view="paths"]');
        await page.click('#path-list li.path[data-path="0"] .path-head');

        const dom = await page.evaluate(() => ({
          injectedImg: document.querySelectorAll('img').length,
          scripts: document.querySelectorAll('script').length,
          handlers: [...document.querySelectorAll('*')].filter((e) =>
            [...e.attributes].some((a) => a.name.toLowerCase().startsWith('on')),
          ).length,
          iframes: document.querySelectorAll('iframe, object, embed, svg[onload]').length,
          bold: document.querySelectorAll('b').length,
          details: [...document.querySelectorAll('#findings-body tr.detail')].map((e) => e.textContent ?? ''),
          scriptLinks: [...document.querySelectorAll('a')].filter((a) => !/^(https?:|file:)/.test(a.href)).length,
          title: document.title,
          text: document.body.innerText,
          cellText: [...document.querySelectorAll('#findings-body td, #inventory-table td, .chain .chip')].map(
            (e) => e.textContent ?? '',
          ),
        }));
        assert.deepEqual(watch.dialogs, [], 'a dialog opened: script ran');
        assert.deepEqual(watch.errors, []);
        assert.deepEqual(await violations(page), []);
        assert.deepEqual(watch.requests, []);
        assert.equal(dom.injectedImg, 0);
        assert.equal(dom.scripts, 2);
        assert.equal(dom.handlers, 0);
        assert.equal(dom.iframes, 0);
        assert.equal(dom.bold, 0);
        assert.ok(dom.title.includes(HOSTILE_TEXT.cluster), dom.title);
        // The hostile strings are there as text, in the server-rendered views and the client-built table alike.
        assert.ok(
          dom.cellText.some((t) => t.includes(HOSTILE_TEXT.deployment)),
          'deployment name as text',
        );
        assert.ok(
          dom.cellText.some((t) => t.includes(HOSTILE_TEXT.namespace)),
          'namespace as text',
        );
        assert.ok(
          dom.cellText.some((t) => t.includes(HOSTILE_TEXT.user)),
          'subject as text',
        );
        assert.ok(
          dom.cellText.some((t) => t.includes(HOSTILE_TEXT.rule)),
          'custom rule title as text',
        );
        assert.ok(
          dom.details.some((t) => t.includes('<a href="javascript:alert(18)">click</a>')),
          'custom remediation as text',
        );
        assert.equal(dom.scriptLinks, 0);
        // Invisible and line-breaking characters are shown as escapes, not passed through.
        assert.ok(!/[\u2028\u2029\u202e\u0000-\u0008]/.test(dom.text));
        await page.screenshot({ path: `${ARTIFACTS}hostile-paths.png`, fullPage: false });
      } finally {
        await page.close();
      }
    });
  });
});
