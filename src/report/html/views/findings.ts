// Findings: the filter bar and an empty table the client script fills from the embedded JSON (so thousands of
// findings do not become thousands of DOM rows up front). Filter options are indexes into the data, not strings.
import { SEVERITIES, type Finding } from '../../../checks/types.ts';
import { resolveReference } from '../../../knowledge/frameworks.ts';
import { formatOrigin } from '../../location.ts';
import {
  CLASS_LABEL,
  SEVERITY_LABEL,
  findingClass,
  findingNamespace,
  refLabel,
  type FindingClass,
  type ReportContext,
} from '../context.ts';
import { h, type Html } from '../dom.ts';
import { section } from '../ui.ts';

/** One finding for the client: a positional tuple keeps the embedded JSON small. */
export type FindingRow = [
  severity: number,
  check: number,
  cls: number,
  namespace: number,
  resource: string,
  path: string,
  message: string,
  status: string,
  component: string,
  severityReason: string,
  origin: string,
  waiver: string,
];

export interface CheckInfo {
  id: string;
  title: string;
  category: string;
  rationale: string;
  remediation: string;
  /** [label, title, url] */
  refs: [string, string, string][];
}

export interface FindingsData {
  severities: readonly string[];
  classes: { id: FindingClass; label: string }[];
  namespaces: string[];
  checks: CheckInfo[];
  findings: FindingRow[];
  /** Findings left out of the report (beyond the cap). */
  omitted: number;
}

/** Above this many findings the report embeds the most severe ones and says how many it left out. */
export const MAX_EMBEDDED_FINDINGS = 10000;

const CLASS_ORDER: FindingClass[] = ['workload', 'middleware', 'core', 'agent', 'host', 'cluster'];

export function findingsData(ctx: ReportContext): FindingsData {
  // Findings arrive sorted by severity (scan's compareFindings), so the cap keeps the most severe.
  const all = ctx.result.findings;
  const kept = all.slice(0, MAX_EMBEDDED_FINDINGS);
  const nsIndex = new Map<string, number>();
  const namespaces = [...new Set(kept.map(findingNamespace))].sort((a, b) =>
    a === '(cluster)' ? -1 : b === '(cluster)' ? 1 : a.localeCompare(b),
  );
  namespaces.forEach((n, i) => nsIndex.set(n, i));
  const checkIndex = new Map<string, number>();
  const checks: CheckInfo[] = [];
  const ids = [...new Set(kept.map((f) => f.checkId))].sort();
  for (const id of ids) {
    const c = ctx.lookup(id);
    checkIndex.set(id, checks.length);
    checks.push({
      id,
      title: c?.title ?? id,
      category: c?.category ?? '',
      rationale: c?.rationale ?? '',
      remediation: c?.remediation ?? '',
      refs: (c?.references ?? []).map((ref): [string, string, string] => {
        const r = resolveReference(ref);
        return r ? [`${r.framework.name} ${r.id}`, r.title, r.url] : [ref, '', ''];
      }),
    });
  }
  const row = (f: Finding): FindingRow => {
    const cls = findingClass(f);
    const comp = f.component;
    return [
      SEVERITIES.indexOf(f.severity),
      checkIndex.get(f.checkId) ?? 0,
      CLASS_ORDER.indexOf(cls),
      nsIndex.get(findingNamespace(f)) ?? 0,
      refLabel(f.resource),
      f.path,
      f.message,
      f.status,
      comp?.component ?? (comp?.provider ? comp.provider : ''),
      f.severityReason ?? '',
      formatOrigin(f.origin),
      f.waiver ? `${f.waiver.justification} (owner ${f.waiver.owner}, expires ${f.waiver.expires})` : '',
    ];
  };
  return {
    severities: SEVERITIES,
    classes: CLASS_ORDER.map((id) => ({ id, label: CLASS_LABEL[id] })),
    namespaces,
    checks,
    findings: kept.map(row),
    omitted: all.length - kept.length,
  };
}

export function renderFindings(ctx: ReportContext, data: FindingsData): Html {
  const sevCount = SEVERITIES.map((s) => ctx.open.filter((f) => f.severity === s).length);
  const classesPresent = new Set(data.findings.map((r) => r[2]));
  const filters = h(
    'div',
    { class: 'filters', role: 'group', 'aria-label': 'Filter findings' },
    h(
      'div',
      { class: 'sev-toggles', role: 'group', 'aria-label': 'Severity' },
      SEVERITIES.map((s, i) =>
        h(
          'button',
          {
            type: 'button',
            class: `toggle sev-${s}`,
            'data-sev': i,
            'aria-pressed': 'true',
            title: `Show or hide ${s} findings`,
          },
          SEVERITY_LABEL[s],
          ' ',
          h('span', { class: 'n' }, String(sevCount[i] ?? 0)),
        ),
      ),
    ),
    h(
      'label',
      null,
      'Where ',
      h(
        'select',
        { id: 'f-class' },
        h('option', { value: '' }, 'All'),
        data.classes.map((c, i) => (classesPresent.has(i) ? h('option', { value: i }, c.label) : null)),
      ),
    ),
    h(
      'label',
      null,
      'Namespace ',
      h(
        'select',
        { id: 'f-ns' },
        h('option', { value: '' }, 'All'),
        data.namespaces.map((n, i) => h('option', { value: i }, n)),
      ),
    ),
    h(
      'label',
      null,
      'Check ',
      h(
        'select',
        { id: 'f-check' },
        h('option', { value: '' }, 'All'),
        data.checks.map((c, i) => h('option', { value: i }, `${c.title} (${c.id})`)),
      ),
    ),
    h(
      'label',
      null,
      'Status ',
      h(
        'select',
        { id: 'f-status' },
        h('option', { value: 'active' }, 'Open and expired waivers'),
        h('option', { value: 'waived' }, 'Waived'),
        h('option', { value: '' }, 'All'),
      ),
    ),
    h(
      'label',
      null,
      'Search ',
      h('input', { id: 'f-text', type: 'search', placeholder: 'name, message, path…', autocomplete: 'off' }),
    ),
    h('button', { type: 'button', id: 'f-reset', class: 'link' }, 'Reset'),
  );
  return section(
    'findings',
    'Findings',
    'Every finding of the scan. Filter by severity, where it is, namespace and check; select a row for the field at fault, why it matters, how to fix it and the framework references.',
    filters,
    h('p', { id: 'findings-count', class: 'count', 'aria-live': 'polite' }),
    data.omitted > 0
      ? h(
          'p',
          { class: 'notice' },
          `${data.omitted} findings of lower severity are not embedded in this report; use the JSON output for all of them.`,
        )
      : null,
    h(
      'div',
      { class: 'table-frame tall' },
      h(
        'table',
        { id: 'findings-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Severity', 'Finding', 'Resource', 'Where', 'Namespace'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h('tbody', { id: 'findings-body' }),
      ),
    ),
    h(
      'noscript',
      null,
      h('p', { class: 'notice' }, 'The findings table needs JavaScript; the JSON output lists every finding.'),
    ),
    h('button', { type: 'button', id: 'findings-more', class: 'more-button', hidden: true }, 'Show more'),
  );
}
