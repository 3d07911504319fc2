import { formatRef } from '../model/refs.ts';
import type { InventoryEntry, ScanResult } from '../result.ts';
import { COLOR, PLAIN } from './color.ts';
import { oneLine } from './sanitize.ts';
import { providerName } from './table.ts';

/** Privileges at a glance: the flags a security engineer scans a column for. */
export function privilegeFlags(e: InventoryEntry): string {
  const p = e.privileges;
  const flags: string[] = [];
  if (p.privileged.length) flags.push('PRIV');
  if (p.hostPID) flags.push('hostPID');
  if (p.hostIPC) flags.push('hostIPC');
  if (p.hostNetwork) flags.push('hostNet');
  const caps = [...new Set(p.capabilities.flatMap((c) => c.add))];
  if (caps.length) flags.push(`+${caps.join(',')}`);
  const rw = p.hostPaths.filter((h) => !h.readOnly && h.container !== undefined).map((h) => h.path);
  const ro = p.hostPaths.filter((h) => h.readOnly || h.container === undefined).map((h) => h.path);
  if (rw.length) flags.push(`rw:${[...new Set(rw)].join(',')}`);
  if (ro.length) flags.push(`ro:${[...new Set(ro)].join(',')}`);
  return flags.join(' ') || '-';
}

const CLASS_ORDER = ['middleware', 'core', 'agent', 'host', 'workload'];

/** Every component, grouped by class and namespace, with who patches provider components. */
export function renderInventoryTable(result: ScanResult, options: { color?: boolean } = {}): string {
  const c = options.color ? COLOR : PLAIN;
  const cl = result.cluster;
  const lines = [
    c.bold(`Inventory · ${providerName(cl.provider)}${cl.name ? ` cluster ${oneLine(cl.name)}` : ''}`),
    c.dim(oneLine(cl.providerEvidence ?? '')),
    '',
  ];
  const patchedBy = new Map<string, string>();
  for (const r of result.responsibility) patchedBy.set(r.component, r.patchedBy);
  for (const cls of CLASS_ORDER) {
    const entries = result.inventory.filter((e) => e.classification.class === cls);
    if (entries.length === 0) continue;
    lines.push(c.bold(`${cls.toUpperCase()} (${entries.length})`));
    const rows = entries
      .sort((a, b) => formatRef(a.resource).localeCompare(formatRef(b.resource)))
      .map((e) => [
        formatRef(e.resource),
        e.classification.component ?? '',
        `${e.podCount}/${e.nodeCount}`,
        e.classification.component ? (patchedBy.get(e.classification.component) ?? '') : '',
        privilegeFlags(e),
      ]);
    const head = ['WORKLOAD', 'COMPONENT', 'PODS/NODES', 'PATCHED BY', 'PRIVILEGES'];
    const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => oneLine(r[i] ?? '').length))));
    const fmt = (r: string[]): string =>
      r
        .map((x, i) => (i === r.length - 1 ? oneLine(x) : oneLine(x).padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    lines.push(c.dim(fmt(head)), ...rows.map(fmt), '');
  }
  if (result.nodes.length) {
    lines.push(c.bold(`NODES (${result.nodes.length})`));
    for (const n of result.nodes) {
      lines.push(
        `  ${oneLine(n.name)}  kubelet ${oneLine(n.kubeletVersion ?? '?')}${n.skew ? ` (skew ${n.skew})` : ''}  ` +
          `${oneLine(n.nodeImage?.version ?? n.osImage ?? '')}${n.imageAgeDays !== undefined ? ` (${n.imageAgeDays} days old)` : ''}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
