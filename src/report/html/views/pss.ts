// Pod Security: a namespace grid of enforce/audit/warn levels with what enforcing baseline or restricted would
// break today, and the label plan (audit and warn first, then enforce) for each namespace that can go further.
import type { PssNamespaceCoverage } from '../../../pss/coverage.ts';
import type { NamespaceModePolicy } from '../../../pss/namespace.ts';
import { plural, refLabel, type ReportContext } from '../context.ts';
import { fragment, h, type Html } from '../dom.ts';
import { badge, card, empty, revealButton, section, subsection, tableBodies } from '../ui.ts';

const LEVEL_KIND: Record<string, string> = { privileged: 'bad', baseline: 'warn', restricted: 'ok' };

/** A mode's level; an unset mode reads as what it means: enforce nothing, audit or warn about nothing. */
function level(p: NamespaceModePolicy, mode: 'enforce' | 'audit' | 'warn'): Html {
  if (!p.explicit && p.level === 'privileged') {
    return mode === 'enforce'
      ? badge('not enforced', 'bad', 'no enforce label: every pod is admitted (privileged)')
      : badge('off', 'neutral', `no ${mode} label`);
  }
  return h(
    'span',
    { class: 'level' },
    badge(p.level, LEVEL_KIND[p.level] ?? 'neutral', p.explicit ? `label set · version ${p.version}` : 'default level'),
    h('span', { class: 'muted small' }, ` ${p.explicit ? p.version : 'default'}`),
  );
}

function breaks(n: number): Html {
  return n === 0 ? h('span', { class: 'ok-text' }, '0') : badge(String(n), 'bad');
}

function nsRow(n: PssNamespaceCoverage): Html {
  return h(
    'tr',
    null,
    h(
      'td',
      null,
      h('span', { class: 'mono' }, n.namespace),
      n.middleware
        ? badge('provider components', 'provider', 'kube-system or a namespace running provider middleware')
        : null,
      n.declared ? null : badge('labels unknown', 'neutral', 'the Namespace object was not in the source'),
    ),
    h('td', null, level(n.policy.enforce, 'enforce')),
    h('td', null, level(n.policy.audit, 'audit')),
    h('td', null, level(n.policy.warn, 'warn')),
    h('td', { class: 'num' }, String(n.workloads)),
    h('td', { class: 'num' }, breaks(n.wouldBreak.baseline.length)),
    h('td', { class: 'num' }, breaks(n.wouldBreak.restricted.length)),
    h('td', null, badge(n.strictestAllowed, LEVEL_KIND[n.strictestAllowed] ?? 'neutral')),
  );
}

export function renderPss(ctx: ReportContext): Html {
  const pss = ctx.result.pss;
  const list = pss.namespaces;
  const enforced = list.filter((n) => n.enforced).length;
  const restrictedReady = list.filter((n) => !n.enforced && n.strictestAllowed !== 'privileged').length;
  const withPlan = list.filter((n) => n.plan.commands.length > 0 || n.plan.note);
  const broken = list.filter((n) => n.wouldBreak.baseline.length > 0 || n.wouldBreak.restricted.length > 0);

  const grid = h(
    'div',
    { class: 'table-frame' },
    h(
      'table',
      { id: 'pss-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            'Namespace',
            'Enforce',
            'Audit',
            'Warn',
            'Workloads',
            'Break at baseline',
            'Break at restricted',
            'Strictest allowed today',
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      tableBodies(list.map(nsRow), 300),
    ),
  );

  const plan =
    withPlan.length > 0
      ? withPlan.map((n) =>
          h(
            'div',
            { class: 'plan' },
            h(
              'h4',
              null,
              h('span', { class: 'mono' }, n.namespace),
              ' → enforce ',
              badge(n.plan.target, LEVEL_KIND[n.plan.target] ?? 'neutral'),
            ),
            n.plan.commands.length > 0 ? h('pre', null, h('code', null, n.plan.commands.join('\n'))) : null,
            n.plan.note ? h('p', { class: 'muted' }, n.plan.note) : null,
          ),
        )
      : empty('Every namespace already enforces the strictest level its workloads allow.');

  const details =
    broken.length > 0
      ? broken.map((n) =>
          h(
            'details',
            null,
            h(
              'summary',
              null,
              h('span', { class: 'mono' }, n.namespace),
              ` — ${plural(n.wouldBreak.baseline.length, 'workload')} rejected at baseline, ${n.wouldBreak.restricted.length} at restricted`,
            ),
            (['baseline', 'restricted'] as const).map((lvl) =>
              n.wouldBreak[lvl].length > 0
                ? fragment(
                    h('h4', null, `At ${lvl}`),
                    h(
                      'ul',
                      { class: 'breaks' },
                      n.wouldBreak[lvl].map((b) =>
                        h(
                          'li',
                          null,
                          h('strong', null, refLabel(b.resource)),
                          h('div', { class: 'muted small' }, b.message),
                        ),
                      ),
                    ),
                  )
                : null,
            ),
          ),
        )
      : empty('No workload would be rejected at baseline or restricted.');

  return section(
    'pss',
    'Pod Security',
    `Pod Security admission per namespace, evaluated exactly as upstream at policy version ${pss.version}. “Break” counts the workloads that enforcing the level would reject today.`,
    h(
      'div',
      { class: 'cards' },
      card(
        'Namespaces enforcing',
        `${enforced}/${list.length}`,
        'baseline or restricted',
        enforced < list.length ? 'card-warn' : 'card-ok',
      ),
      card('Ready to tighten', String(restrictedReady), 'not enforcing, but every workload passes baseline or better'),
      card(
        'Namespaces with blockers',
        String(list.filter((n) => n.wouldBreak.baseline.length > 0).length),
        'at least one workload fails baseline',
      ),
    ),
    grid,
    revealButton(list.length, 300),
    subsection(
      'Label plan',
      h(
        'p',
        { class: 'muted' },
        'Audit and warn first, so violations surface without rejecting anything; then enforce, pinned to the evaluated version.',
      ),
      plan,
    ),
    subsection('What enforcement would break', details),
  );
}
