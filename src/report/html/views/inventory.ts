// Middleware inventory: every workload grouped by who ships it (provider, then customer) and namespace, with its
// privileges at a glance and who patches it.
import type { PatchedBy } from '../../../knowledge/catalog/types.ts';
import type { InventoryEntry } from '../../../result.ts';
import { CLASS_LABEL, providerLabel, refKey, type ReportContext } from '../context.ts';
import { fragment, h, type Html } from '../dom.ts';
import { badge, card, revealButton, section, tableBodies } from '../ui.ts';

/** Rows (workloads and group headers) shown before "show more". */
const INVENTORY_ROWS = 400;

export const PATCHED_BY_LABEL: Record<PatchedBy, string> = {
  provider: 'Provider',
  'provider-node-image': 'Provider, via node image',
  'customer-addon': 'Customer updates the add-on',
  customer: 'Customer',
};

export const PATCHED_BY_KIND: Record<PatchedBy, string> = {
  provider: 'provider',
  'provider-node-image': 'provider',
  'customer-addon': 'customer',
  customer: 'customer',
};

/** Badges for what a pod template can do to its node: the dangerous ones first. */
export function privilegeBadges(e: InventoryEntry): Html {
  const p = e.privileges;
  const out: Html[] = [];
  if (p.privileged.length > 0)
    out.push(badge('privileged', 'bad', `privileged containers: ${p.privileged.join(', ')}`));
  if (p.hostPID) out.push(badge('hostPID', 'bad'));
  if (p.hostIPC) out.push(badge('hostIPC', 'warn'));
  if (p.hostNetwork) out.push(badge('hostNetwork', 'warn'));
  const caps = [...new Set(p.capabilities.flatMap((c) => c.add))];
  if (caps.length > 0) out.push(badge(`+${caps.join(' +')}`, 'warn', 'added capabilities'));
  const rw = p.hostPaths.filter((m) => !m.readOnly && m.container !== undefined);
  const ro = p.hostPaths.filter((m) => m.readOnly || m.container === undefined);
  if (rw.length > 0)
    out.push(badge(`hostPath rw ×${rw.length}`, 'bad', [...new Set(rw.map((m) => m.path))].join('\n')));
  if (ro.length > 0)
    out.push(badge(`hostPath ro ×${ro.length}`, 'neutral', [...new Set(ro.map((m) => m.path))].join('\n')));
  if (p.hostPorts.length > 0) out.push(badge(`hostPort ${[...new Set(p.hostPorts)].join(',')}`, 'warn'));
  if (p.runsAsRoot.length > 0) out.push(badge('root', 'neutral', `may run as root: ${p.runsAsRoot.join(', ')}`));
  if (p.automountToken) out.push(badge('API token', 'neutral', 'service account token mounted'));
  return out.length > 0 ? h('span', { class: 'badges' }, out) : h('span', { class: 'muted' }, 'none');
}

/** `repo/name:tag` without the registry and path: the full reference is in the cell's title. */
export function shortImage(image: string): string {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  return at >= 0 ? `${last}@${image.slice(at + 1, at + 20)}…` : last;
}

export function renderInventory(ctx: ReportContext): Html {
  const r = ctx.result;
  const patchedBy = new Map<string, PatchedBy>();
  for (const row of r.responsibility) for (const w of row.workloads) patchedBy.set(refKey(w), row.patchedBy);

  const groups = new Map<string, InventoryEntry[]>();
  const groupKey = (e: InventoryEntry): string => {
    const c = e.classification;
    const owner =
      c.class === 'workload' ? 'Customer workloads' : `${providerLabel(c.provider)} · ${CLASS_LABEL[c.class]}`;
    const rank = { middleware: 0, agent: 1, core: 2, host: 3, workload: 4 }[c.class];
    return `${rank}\u0000${owner}\u0000${e.resource.namespace ?? ''}`;
  };
  for (const e of r.inventory) {
    const k = groupKey(e);
    (groups.get(k) ?? groups.set(k, []).get(k))?.push(e);
  }
  const rows: Html[] = [];
  for (const key of [...groups.keys()].sort()) {
    const [, owner, ns] = key.split('\u0000');
    const list = (groups.get(key) ?? []).sort((a, b) => a.resource.name.localeCompare(b.resource.name));
    rows.push(
      h(
        'tr',
        { class: 'group' },
        h(
          'th',
          { colspan: 7, scope: 'colgroup' },
          owner ?? '',
          ' — ',
          h('span', { class: 'mono' }, ns || '(no namespace)'),
          h('span', { class: 'muted' }, ` · ${list.length}`),
        ),
      ),
    );
    for (const e of list) {
      const c = e.classification;
      const comp = c.component ? ctx.components.find((x) => x.id === c.component) : undefined;
      const pb = patchedBy.get(refKey(e.resource));
      rows.push(
        h(
          'tr',
          null,
          h('td', null, h('span', { class: 'mono' }, e.resource.name), h('div', { class: 'muted' }, e.resource.kind)),
          h(
            'td',
            null,
            badge(c.class, `class-${c.class}`, c.reason),
            comp && comp.name !== e.resource.name ? h('div', { class: 'muted small' }, comp.name) : null,
          ),
          h('td', { class: 'num' }, `${e.podCount} / ${e.nodeCount}`),
          h('td', { class: 'mono' }, e.serviceAccount),
          h('td', null, privilegeBadges(e)),
          h(
            'td',
            null,
            pb
              ? badge(PATCHED_BY_LABEL[pb], PATCHED_BY_KIND[pb])
              : c.class === 'workload'
                ? badge('Customer', 'customer')
                : h('span', { class: 'muted' }, 'unknown'),
          ),
          h(
            'td',
            { class: 'images' },
            e.images.map((i) => h('div', { class: 'mono small', title: i }, shortImage(i))),
          ),
        ),
      );
    }
  }

  const count = (cls: string): number => r.inventory.filter((e) => e.classification.class === cls).length;
  const privileged = r.inventory.filter(
    (e) => e.classification.class !== 'workload' && (e.privileges.privileged.length > 0 || e.privileges.hostPID),
  ).length;
  return section(
    'inventory',
    'Middleware inventory',
    fragment(
      'What runs in the cluster, by who ships it. Provider components are recognised from the kubeseam catalog by namespace, name, labels and every container image; ',
      h('em', null, 'privileges at a glance'),
      ' shows what each pod template can do to its node.',
    ),
    h(
      'div',
      { class: 'cards' },
      card('Provider middleware', String(count('middleware')), 'workloads talking to the API server'),
      card('Kubernetes core', String(count('core')), 'kube-proxy, CoreDNS, …'),
      card('Provider agents', String(count('agent')), 'no API access'),
      card('Customer workloads', String(count('workload')), 'yours'),
      card(
        'Privileged provider workloads',
        String(privileged),
        'privileged or host PID',
        privileged > 0 ? 'card-warn' : '',
      ),
    ),
    h(
      'div',
      { class: 'table-frame tall' },
      h(
        'table',
        { id: 'inventory-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            [
              'Workload',
              'Class',
              'Pods / nodes',
              'Service account',
              'Privileges at a glance',
              'Who patches',
              'Images',
            ].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        tableBodies(rows, INVENTORY_ROWS),
      ),
    ),
    revealButton(rows.length, INVENTORY_ROWS),
  );
}
