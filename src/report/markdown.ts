// A compact Markdown summary for a pull-request or merge-request comment (GitHub-flavoured Markdown, which GitLab
// also renders). Every string from manifests or the cluster is escaped: a resource name must not be able to add
// table columns, links, HTML, headings or @-mentions to the comment.
import { CHECKS, findCheck } from '../checks/index.ts';
import { SEVERITIES, type AnyCheck, type Finding } from '../checks/types.ts';
import { formatRef } from '../model/refs.ts';
import type { Origin } from '../model/types.ts';
import type { ScanResult } from '../result.ts';
import { formatOrigin } from './location.ts';
import { oneLine } from './sanitize.ts';
import { providerName } from './table.ts';

export interface MarkdownOptions {
  /** Checks beyond the built-in registry (custom rules), for titles and remediation. */
  checks?: readonly AnyCheck[];
  /** Rows in the top-findings table (default 10). */
  top?: number;
  /** Findings listed in the collapsed details (default 200), keeping the comment under forge size limits. */
  maxDetails?: number;
  /** Prefix for file links, e.g. `https://github.com/o/r/blob/<sha>/`; links are relative without it. */
  linkBase?: string;
}

/** Escapes untrusted text for inline Markdown, one line, safe inside a table cell. */
export function mdEscape(s: string): string {
  return (
    oneLine(s)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Backslash first so the escapes added next are not themselves escaped.
      .replace(/[\\`*_{}[\]()#+\-!|~]/g, (c) => `\\${c}`)
      // A zero-width space after @ keeps names like @org/team from notifying anyone.
      .replace(/@/g, '@\u200b')
  );
}

/** A link target: percent-encoded so spaces, parentheses and brackets cannot end or break the link. */
function linkTarget(s: string): string {
  return s
    .replace(/\\/g, '/')
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function locationCell(o: Origin, linkBase: string): string {
  if (!o.file || o.file.startsWith('<')) return mdEscape(formatOrigin(o));
  const label = mdEscape(`${o.file}${o.line ? `:${o.line}` : ''}`);
  const rel = o.file.replace(/^(\.\/)+/, '');
  if (rel.startsWith('/') || /^[A-Za-z]:[\\/]/.test(rel)) return label; // absolute paths do not link anywhere useful
  return `[${label}](${linkBase}${linkTarget(rel)}${o.line ? `#L${o.line}` : ''})`;
}

const BADGE: Record<string, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

export function renderMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const lookup = (id: string): AnyCheck | undefined => options.checks?.find((c) => c.id === id) ?? findCheck(id);
  const trusted = (id: string): boolean => CHECKS.some((c) => c.id === id);
  const linkBase = options.linkBase ?? '';
  const open = result.findings.filter((f) => f.status !== 'waived');
  const s = result.summary;
  const out: string[] = [];

  out.push(
    open.length
      ? `### kubeseam: ${open.length} open finding${open.length === 1 ? '' : 's'}`
      : '### kubeseam: no open findings',
  );
  const cl = result.cluster;
  const where = result.source.demo
    ? `demo ${result.source.demo}`
    : result.source.kind === 'files'
      ? `${result.source.files?.length ?? 0} file(s)`
      : `${providerName(cl.provider)}${cl.name ? ` cluster ${cl.name}` : ''}`;
  out.push(
    '',
    `kubeseam ${mdEscape(result.tool.version)} · ${mdEscape(where)} · ${s.workloads} workloads · ${s.objects} objects`,
    '',
  );

  out.push('| Severity | Open | Waived |', '|---|---:|---:|');
  for (const sev of SEVERITIES) {
    const waived = result.findings.filter((f) => f.severity === sev && f.status === 'waived').length;
    if (s.bySeverity[sev] === 0 && waived === 0) continue;
    out.push(`| ${BADGE[sev]} ${sev} | ${s.bySeverity[sev]} | ${waived} |`);
  }
  if (result.findings.length === 0) out.push('| none | 0 | 0 |');
  out.push('');

  const top = open.slice(0, options.top ?? 10);
  if (top.length) {
    out.push(`#### Top findings`, '', '| Severity | Check | Resource | Location | Finding |', '|---|---|---|---|---|');
    for (const f of top) {
      out.push(
        `| ${f.severity} | ${mdEscape(f.checkId)} | ${mdEscape(formatRef(f.resource))} | ${locationCell(f.origin, linkBase)} | ${mdEscape(f.message)} |`,
      );
    }
    if (open.length > top.length) out.push('', `… and ${open.length - top.length} more below.`);
    out.push('');
  }

  if (result.findings.length) {
    const max = options.maxDetails ?? 200;
    const groups = new Map<string, Finding[]>();
    for (const f of result.findings) {
      let g = groups.get(f.checkId);
      if (!g) groups.set(f.checkId, (g = []));
      g.push(f);
    }
    out.push(`<details><summary>All ${result.findings.length} findings by check</summary>`, '');
    let shown = 0;
    for (const [id, fs] of groups) {
      const check = lookup(id);
      const title = check ? `: ${check.title}` : '';
      out.push(`**${mdEscape(`${id}${title}`)}** (${fs.length})`, '');
      if (check?.remediation) {
        // Built-in remediation is our own Markdown; custom-rule text comes from a config file and is escaped.
        out.push(`Fix: ${trusted(id) ? oneLine(check.remediation) : mdEscape(check.remediation)}`, '');
      }
      for (const f of fs) {
        if (shown >= max) break;
        shown++;
        const status = f.status === 'waived' ? ' (waived)' : f.status === 'waiver-expired' ? ' (waiver expired)' : '';
        out.push(
          `- ${f.severity}${status} ${mdEscape(formatRef(f.resource))}: ${mdEscape(f.message)} · ${mdEscape(f.path)} · ${locationCell(f.origin, linkBase)}`,
        );
      }
      out.push('');
      if (shown >= max) break;
    }
    if (shown < result.findings.length) out.push(`… ${result.findings.length - shown} more in the full report.`, '');
    out.push('</details>', '');
  }

  if (result.errors.length || result.coverage.notes.length) {
    out.push(`<details><summary>Scan notes (${result.errors.length + result.coverage.notes.length})</summary>`, '');
    for (const e of result.errors)
      out.push(`- check ${mdEscape(e.checkId)} failed on ${mdEscape(e.resource ?? 'cluster')}: ${mdEscape(e.message)}`);
    for (const n of result.coverage.notes) out.push(`- ${mdEscape(n)}`);
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
