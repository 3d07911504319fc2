// `kubeseam scan --format html`: one self-contained file a security lead can open from disk or mail around. All CSS
// and JS are inline and allowed only by their hashes in a strict Content-Security-Policy; the data the script needs
// is embedded as JSON (escaped so it cannot end its script element) and every cluster string is HTML-escaped.
// Nothing is fetched: no fonts, images, scripts or styles from anywhere.
import type { AnyCheck } from '../../checks/types.ts';
import type { ScanResult } from '../../result.ts';
import { SCRIPT } from './assets/client.ts';
import { STYLE } from './assets/style.ts';
import { buildContext, providerLabel, type ReportContext } from './context.ts';
import { contentSecurityPolicy } from './csp.ts';
import { h, raw, type Html } from './dom.ts';
import { jsonForScript } from './escape.ts';
import { renderCompliance } from './views/compliance.ts';
import { findingsData, renderFindings } from './views/findings.ts';
import { renderInventory } from './views/inventory.ts';
import { renderPaths } from './views/paths.ts';
import { renderPss } from './views/pss.ts';
import { isRbacFinding, renderRbac } from './views/rbac.ts';
import { renderResponsibility } from './views/responsibility.ts';
import { formatTime, renderSummary } from './views/summary.ts';
import { renderThreats } from './views/threats.ts';

export interface HtmlOptions {
  /** The checks the scan ran (built-in plus custom rules), for titles, remediation and the compliance summary. */
  checks?: readonly AnyCheck[];
}

/** The views in navigation order: id, tab label, and a count shown on the tab. */
export const VIEWS = [
  'summary',
  'inventory',
  'findings',
  'pss',
  'paths',
  'rbac',
  'responsibility',
  'compliance',
  'threats',
] as const;
export type ViewId = (typeof VIEWS)[number];

function tabs(ctx: ReportContext): Html {
  const r = ctx.result;
  const tab = (id: ViewId, label: string, n?: number): Html =>
    h(
      'a',
      { href: `#${id}`, 'data-view': id },
      label,
      n !== undefined ? h('span', { class: 'tab-n' }, String(n)) : null,
    );
  return h(
    'nav',
    { class: 'tabs', 'aria-label': 'Report sections' },
    tab('summary', 'Summary'),
    tab('inventory', 'Middleware inventory', r.inventory.length),
    tab('findings', 'Findings', ctx.open.length),
    tab('pss', 'Pod Security', r.pss.namespaces.length),
    tab('paths', 'Attack paths', r.paths.paths.length),
    tab('rbac', 'RBAC', r.findings.filter(isRbacFinding).length),
    tab('responsibility', 'Shared responsibility', r.responsibility.length),
    tab('compliance', 'Compliance'),
    tab('threats', 'Threat summary', ctx.components.filter((c) => c.class === 'middleware').length),
  );
}

function header(ctx: ReportContext): Html {
  const r = ctx.result;
  const cl = r.cluster;
  const name = cl.name ?? cl.context ?? (r.source.kind === 'files' ? 'Manifests' : 'Cluster');
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'brand' }, 'kubeseam · managed Kubernetes security report'),
    h('h1', null, name),
    h(
      'div',
      { class: 'meta' },
      h('span', null, 'Provider ', h('strong', null, providerLabel(cl.provider))),
      h('span', null, 'Kubernetes ', h('strong', null, cl.version?.gitVersion ?? 'unknown')),
      h('span', null, 'Scanned ', h('strong', null, formatTime(r.scannedAt))),
      h('span', null, 'Open findings ', h('strong', null, String(ctx.open.length))),
      h('span', null, 'kubeseam ', h('strong', null, r.tool.version)),
    ),
  );
}

export function renderHtml(result: ScanResult, options: HtmlOptions = {}): string {
  const ctx = buildContext(result, options.checks);
  const findings = findingsData(ctx);
  const csp = contentSecurityPolicy(SCRIPT, STYLE);
  const title = `kubeseam report — ${result.cluster.name ?? result.cluster.context ?? providerLabel(result.cluster.provider)}`;
  const doc = h(
    'html',
    { lang: 'en' },
    h(
      'head',
      null,
      h('meta', { charset: 'utf-8' }),
      // Written as is: the policy holds only keywords, hashes and quotes, none of them from the scan.
      raw(`<meta http-equiv="Content-Security-Policy" content="${csp}">`),
      h('meta', { name: 'referrer', content: 'no-referrer' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { name: 'generator', content: `kubeseam ${result.tool.version}` }),
      // An empty icon keeps browsers from asking for /favicon.ico.
      raw('<link rel="icon" href="data:,">'),
      h('title', null, title),
      h('style', null, raw(STYLE)),
    ),
    h(
      'body',
      null,
      header(ctx),
      tabs(ctx),
      h(
        'main',
        null,
        renderSummary(ctx),
        renderInventory(ctx),
        renderFindings(ctx, findings),
        renderPss(ctx),
        renderPaths(ctx),
        renderRbac(ctx),
        renderResponsibility(ctx),
        renderCompliance(ctx),
        renderThreats(ctx),
      ),
      h(
        'footer',
        null,
        `Generated by kubeseam ${result.tool.version} from a scan at ${result.scannedAt} (result schema v${result.schemaVersion}). `,
        'This file is self-contained: it loads nothing from the network, and its script runs only under its own Content-Security-Policy hash.',
      ),
      h('script', { type: 'application/json', id: 'data' }, raw(jsonForScript({ findings }))),
      h('script', null, raw(SCRIPT)),
    ),
  );
  return `<!DOCTYPE html>\n${doc.html}\n`;
}
