// Compliance summary: the CIS, NIST SP 800-53, ISO/IEC 27001:2022 Annex A and SOC 2 items the findings bear on,
// from src/knowledge/compliance.ts. Controls tested without findings are folded away; inferred mappings say so.
import {
  complianceSummary,
  type ComplianceFrameworkSummary,
  type ComplianceItem,
} from '../../../knowledge/compliance.ts';
import { plural, type ReportContext } from '../context.ts';
import { extLink, h, type Html } from '../dom.ts';
import { badge, empty, section, sevCounts, table, tr } from '../ui.ts';

function itemRow(i: ComplianceItem, showVia: boolean): Html {
  return tr([
    h('span', { class: 'mono' }, i.url ? extLink(i.url, i.id) : i.id),
    h(
      'span',
      null,
      i.title,
      i.inferred
        ? badge(
            'inferred mapping',
            'neutral',
            'derived, not read from a published crosswalk; see src/knowledge/compliance.ts',
          )
        : null,
    ),
    i.findings > 0 ? sevCounts(i.bySeverity) : badge('no findings', 'ok'),
    h('span', { class: 'small' }, (i.findings > 0 ? i.failingChecks : i.checks).join(', ')),
    showVia ? h('span', { class: 'mono small' }, i.via.join(', ')) : null,
  ]);
}

function frameworkBlock(fw: ComplianceFrameworkSummary): Html {
  const failing = fw.items.filter((i) => i.findings > 0);
  const passing = fw.items.filter((i) => i.findings === 0);
  const mapped = fw.id === 'iso-27001-2022' || fw.id === 'soc2-2017';
  const cols = ['Control', 'Title', 'Open findings', 'Checks', ...(mapped ? ['Via NIST'] : [])];
  return h(
    'div',
    { class: 'block framework', 'data-framework': fw.id },
    h('h3', null, fw.name, h('span', { class: 'muted' }, ` ${fw.edition}`)),
    h(
      'p',
      { class: 'muted' },
      `${plural(failing.length, 'control')} with open findings, ${passing.length} tested without findings. ${fw.basis}. `,
      extLink(fw.source, 'Source'),
    ),
    failing.length > 0
      ? table(
          cols,
          failing.map((i) => itemRow(i, mapped)),
        )
      : empty('No open findings on the controls the checks test.'),
    passing.length > 0
      ? h(
          'details',
          { class: 'more' },
          h('summary', null, `${passing.length} controls tested with no open findings`),
          table(
            cols,
            passing.map((i) => itemRow(i, mapped)),
          ),
        )
      : null,
  );
}

export function renderCompliance(ctx: ReportContext): Html {
  const summary = complianceSummary(ctx.checks, ctx.result.findings, ctx.result.cluster.provider);
  return section(
    'compliance',
    'Compliance summary',
    'Which framework controls the findings bear on. A finding is evidence for a control, not a verdict on it; an auditor decides whether the control is met. CIS and NIST items come from the checks’ own references; ISO/IEC 27001 and SOC 2 items are reached through NIST SP 800-53 using published crosswalks where available, marked “inferred” where kubeseam derived them.',
    summary.length > 0 ? summary.map(frameworkBlock) : empty('No framework references.'),
  );
}
