// Text renderers for host scans: a table for terminals, and stable JSON. Pure functions of the result.

import { oneLine } from '../report/sanitize.ts';
import type { HostScanResult, PodWritableHostPath } from './types.ts';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function table(rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const widths = rows[0]!.map((_, i) => Math.min(60, Math.max(...rows.map((r) => (r[i] ?? '').length))));
  return rows.map((r) =>
    r
      .map((c, i) =>
        i === r.length - 1 ? c : pad(c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c, widths[i]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

export function renderHostTable(result: HostScanResult): string {
  const lines: string[] = [];
  const p = result.provider;
  lines.push(
    oneLine(
      `Node ${result.node ?? '(unknown)'} · root ${result.root} · provider ${p.provider}${p.evidence.length > 0 ? ` (${p.evidence.join(', ')})` : ''}${p.osId !== undefined ? ` · os ${p.osId} ${p.osVersion ?? ''}` : ''}`,
    ),
  );
  const f = result.facts;
  lines.push(
    `Read ${f.units.length} units, ${f.processes.length} processes (${f.processStatus}), ${f.npdConfigs.length} NPD plugin configs, ${f.files.length} paths${f.notes.length > 0 ? `; ${f.notes.length} notes` : ''}`,
  );
  if (result.kubelet) {
    const s = result.kubelet.settings;
    const show = (k: string): string => `${k}=${JSON.stringify(s[k]?.value ?? null)}`;
    lines.push(
      oneLine(
        `Kubelet (${result.kubelet.from}${result.kubelet.configFile !== undefined ? `, config ${result.kubelet.configFile}` : ''}): ${['anonymousAuth', 'authorizationMode', 'readOnlyPort', 'rotateCertificates', 'serverTLSBootstrap'].map(show).join(' ')}`,
      ),
    );
  }
  lines.push('');
  const sum = result.summary;
  lines.push(
    `Findings: ${result.findings.length} (critical ${sum.critical}, high ${sum.high}, medium ${sum.medium}, low ${sum.low}, info ${sum.info})`,
  );
  if (result.findings.length > 0) {
    lines.push(
      ...table([
        ['SEVERITY', 'ID', 'PATH', 'MESSAGE'],
        ...result.findings.map((x) => [x.severity.toUpperCase(), x.id, oneLine(x.path), oneLine(x.message)]),
      ]),
    );
  }
  lines.push('');
  const inv = result.inventory;
  const count = (c: string): number => inv.filter((e) => e.class === c).length;
  lines.push(
    `Services: ${inv.length} (catalog ${count('catalog')}, os ${count('os')}, allowed ${count('allowed')}, unknown ${count('unknown')})`,
  );
  const shown = inv.filter((e) => e.class !== 'os');
  if (shown.length > 0) {
    lines.push(
      ...table([
        ['CLASS', 'KIND', 'NAME', 'ROOT', 'STATE', 'CATALOG', 'EXE'],
        ...shown.map((e) => [
          e.class,
          e.kind,
          oneLine(e.name),
          e.runsAsRoot ? 'yes' : 'no',
          [e.enabled ? 'enabled' : '', e.running ? 'running' : ''].filter((x) => x !== '').join(',') || '-',
          e.catalogId ?? '-',
          oneLine(e.exe ?? '-'),
        ]),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function renderHostJson(result: HostScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Pods that can write where root agents read or execute, one block per node path. */
export function renderPodWritableTable(entries: PodWritableHostPath[]): string {
  if (entries.length === 0)
    return 'No workload has a writable hostPath over a sensitive host path found on the nodes.\n';
  const rows: string[][] = [['SEVERITY', 'NODE', 'HOST PATH', 'WORKLOAD', 'MOUNT', 'COVERAGE']];
  for (const e of entries) {
    for (const w of e.writers) {
      rows.push([
        e.severity.toUpperCase(),
        oneLine(e.node ?? '-'),
        oneLine(e.path),
        oneLine(
          `${w.workload.kind}/${w.workload.namespace !== undefined ? `${w.workload.namespace}/` : ''}${w.workload.name}${w.container !== undefined ? ` [${w.container}]` : ''}`,
        ),
        oneLine(w.mountPath),
        w.coverage,
      ]);
    }
  }
  return `${table(rows).join('\n')}\n`;
}
