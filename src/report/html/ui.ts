// Small building blocks shared by the views: badges, cards, tables, severity bars.
import { SEVERITIES, type Severity } from '../../checks/types.ts';
import { fragment, h, type Attrs, type Child, type Html } from './dom.ts';
import { SEVERITY_LABEL } from './context.ts';

export function sevBadge(s: Severity, text: string = SEVERITY_LABEL[s]): Html {
  return h('span', { class: `sev sev-${s}` }, text);
}

export function badge(text: string, kind = 'neutral', title?: string): Html {
  return h('span', { class: `badge b-${kind}`, title }, text);
}

export function card(label: string, value: Child, sub?: Child, extraClass = ''): Html {
  return h(
    'div',
    { class: `card ${extraClass}`.trim() },
    h('div', { class: 'card-label' }, label),
    h('div', { class: 'card-value' }, value),
    sub ? h('div', { class: 'card-sub' }, sub) : null,
  );
}

export interface Column {
  label: string;
  class?: string;
}

/** Rows past `limit` go in a hidden body that a "show more" button reveals (and print always shows). */
export function tableBodies(rows: readonly Html[], limit: number): Html[] {
  if (rows.length <= limit) return [h('tbody', null, rows)];
  return [h('tbody', null, rows.slice(0, limit)), h('tbody', { class: 'rest', hidden: true }, rows.slice(limit))];
}

export function revealButton(total: number, limit: number): Html | null {
  return total > limit
    ? h('button', { type: 'button', class: 'more-button', 'data-reveal': true }, `Show ${total - limit} more`)
    : null;
}

/** A table in a scrolling frame; its header sticks to the top of the frame. Long tables fold after `limit` rows. */
export function table(
  columns: readonly (Column | string)[],
  rows: readonly Html[],
  attrs: Attrs = {},
  limit = 300,
): Html {
  const cols = columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  return fragment(
    h(
      'div',
      { class: 'table-frame' },
      h(
        'table',
        attrs,
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            cols.map((c) => h('th', { class: c.class, scope: 'col' }, c.label)),
          ),
        ),
        tableBodies(rows, limit),
      ),
    ),
    revealButton(rows.length, limit),
  );
}

export function tr(cells: readonly Child[], attrs: Attrs = {}): Html {
  return h(
    'tr',
    attrs,
    cells.map((c) => h('td', null, c)),
  );
}

export function section(id: string, title: string, intro: Child, ...children: Child[]): Html {
  return h(
    'section',
    { class: 'view', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    intro ? h('p', { class: 'intro' }, intro) : null,
    ...children,
  );
}

export function subsection(title: string, ...children: Child[]): Html {
  return h('div', { class: 'block' }, h('h3', null, title), ...children);
}

export function empty(text: string): Html {
  return h('p', { class: 'empty' }, text);
}

/** A horizontal stacked bar of severity counts, as SVG (no style attributes under the CSP). */
export function sevBar(counts: Record<Severity, number>, total: number, width = 260): Html {
  let x = 0;
  const rects: Html[] = [];
  for (const s of SEVERITIES) {
    const n = counts[s];
    if (n === 0 || total === 0) continue;
    const w = (n / total) * width;
    rects.push(
      h(
        'rect',
        { x: x.toFixed(2), y: 0, width: Math.max(w, 1).toFixed(2), height: 14, class: `fill-${s}` },
        h('title', null, `${SEVERITY_LABEL[s]}: ${n}`),
      ),
    );
    x += w;
  }
  return h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'sevbar',
      viewBox: `0 0 ${width} 14`,
      width,
      height: 14,
      role: 'img',
      'aria-label': SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', '),
    },
    h('rect', { x: 0, y: 0, width, height: 14, class: 'track' }),
    rects,
  );
}

/** Severity counts as small inline badges, skipping zeros. */
export function sevCounts(counts: Record<Severity, number>): Html {
  return h(
    'span',
    { class: 'sevcounts' },
    SEVERITIES.filter((s) => counts[s] > 0).map((s) => sevBadge(s, `${counts[s]} ${s}`)),
  );
}
