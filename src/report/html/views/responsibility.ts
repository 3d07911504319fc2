// Shared responsibility: for each provider component, who must act for a fix to reach the cluster.
import type { PatchedBy } from '../../../knowledge/catalog/types.ts';
import { CLASS_LABEL, plural, providerLabel, refLabel, type ReportContext } from '../context.ts';
import { extLink, h, type Html } from '../dom.ts';
import { sourceHref } from '../escape.ts';
import { badge, card, empty, section, table, tr } from '../ui.ts';
import { PATCHED_BY_KIND, PATCHED_BY_LABEL } from './inventory.ts';

/** `cloud.google.com › security-patching`, `kubernetes/kubernetes › kube-proxy.manifest`: short, the full source on hover. */
export function sourceLabel(s: string): string {
  const repo = /^([\w.-]+\/[\w.-]+):(.+)$/.exec(s);
  if (repo) return `${repo[1] ?? ''} › ${(repo[2] ?? '').split('/').pop() ?? ''}`;
  try {
    const u = new URL(s);
    const last = u.pathname.split('/').filter(Boolean).pop();
    return last ? `${u.hostname} › ${last}` : u.hostname;
  } catch {
    return s;
  }
}

function sourceLink(s: string): Html {
  return h('div', { class: 'small src', title: s }, extLink(sourceHref(s), sourceLabel(s)));
}

export function renderResponsibility(ctx: ReportContext): Html {
  const rows = ctx.result.responsibility;
  const by = (p: PatchedBy): number => rows.filter((r) => r.patchedBy === p).length;
  return section(
    'responsibility',
    'Shared responsibility',
    'Who must act for a security fix to reach each provider component in this cluster: the provider, a node image rollout, or the customer updating an add-on or chart. Sources are the providers’ own documentation.',
    h(
      'div',
      { class: 'cards' },
      card('Provider patches', String(by('provider')), 'keep the cluster on a supported version'),
      card('Node image', String(by('provider-node-image')), 'fix arrives when node pools upgrade'),
      card(
        'Customer add-on',
        String(by('customer-addon')),
        'customer picks and updates the version',
        by('customer-addon') > 0 ? 'card-warn' : '',
      ),
      card('Customer', String(by('customer')), 'chart or manifests', by('customer') > 0 ? 'card-warn' : ''),
    ),
    rows.length > 0
      ? table(
          ['Component', 'Provider', 'Class', 'Workloads', 'Who patches', 'What to do', 'Sources'],
          rows.map((r) =>
            tr([
              h('span', null, h('strong', null, r.name), h('div', { class: 'muted small' }, r.component)),
              h('span', { class: 'nowrap' }, providerLabel(r.provider)),
              badge(r.class, `class-${r.class}`, CLASS_LABEL[r.class]),
              h(
                'span',
                null,
                r.workloads.slice(0, 4).map((w) => h('div', { class: 'mono small' }, refLabel(w))),
                r.workloads.length > 4
                  ? h('div', { class: 'muted small' }, `and ${plural(r.workloads.length - 4, 'more')}`)
                  : null,
              ),
              badge(PATCHED_BY_LABEL[r.patchedBy], PATCHED_BY_KIND[r.patchedBy]),
              h('span', null, r.action, r.note ? h('div', { class: 'muted small' }, r.note) : null),
              r.sources.map(sourceLink),
            ]),
          ),
          { id: 'responsibility-table' },
        )
      : empty('No provider components recognised in this scan.'),
  );
}
