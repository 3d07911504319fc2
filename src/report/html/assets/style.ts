// The report's one stylesheet, inlined and allowed by its hash in the Content-Security-Policy. System fonts only:
// the report loads nothing. Severity colours follow the table renderer's order (critical red → info grey).
export const STYLE = `
:root {
  --bg: #f4f6f9; --panel: #fff; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --head: #0b1426;
  --accent: #2563eb; --accent-soft: #dbeafe;
  --critical: #b42318; --high: #e4572e; --medium: #d9941e; --low: #2f6fdf; --info: #6b7a90;
  --bad-bg: #fdecec; --bad-ink: #9f1d14; --warn-bg: #fdf3e1; --warn-ink: #8a4b08; --ok-bg: #e6f6ec; --ok-ink: #17663a;
  --neutral-bg: #eef1f5; --neutral-ink: #334155; --prov-bg: #ebeefe; --prov-ink: #3730a3; --cust-bg: #e3f5f3; --cust-ink: #115e59;
  --edge-bg: #f1ecfe; --edge-ink: #5b21b6;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, .mono { font-family: var(--mono); font-size: 0.92em; }
code { background: var(--neutral-bg); padding: 0 4px; border-radius: 4px; }
pre { background: #0f172a; color: #e2e8f0; padding: 12px 14px; border-radius: 8px; overflow-x: auto; font-size: 12.5px; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; color: inherit; }
h2 { font-size: 22px; margin: 4px 0 6px; letter-spacing: -0.01em; }
h3 { font-size: 15px; margin: 0 0 10px; text-transform: uppercase; letter-spacing: 0.04em; color: #334155; }
h4 { font-size: 14px; margin: 12px 0 6px; }
h3 .muted { text-transform: none; letter-spacing: 0; font-weight: 500; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.id { font-family: var(--mono); font-size: 11.5px; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.intro { color: #475569; max-width: 980px; margin: 0 0 18px; }
.notice { background: var(--warn-bg); color: var(--warn-ink); padding: 8px 12px; border-radius: 8px; }
.empty { color: var(--muted); font-style: italic; }
.error { color: var(--bad-ink); }
.ok-text { color: var(--ok-ink); }

/* header and navigation */
.top { background: var(--head); color: #e2e8f0; padding: 18px 28px 14px; }
.top .brand { font-size: 12px; letter-spacing: 0.14em; text-transform: uppercase; color: #93a4c3; }
.top h1 { margin: 2px 0 4px; font-size: 26px; color: #fff; letter-spacing: -0.01em; }
.top .meta { display: flex; flex-wrap: wrap; gap: 6px 18px; color: #b6c2d6; font-size: 13px; }
.top .meta strong { color: #fff; font-weight: 600; }
nav.tabs { position: sticky; top: 0; z-index: 20; background: #fff; border-bottom: 1px solid var(--line);
  display: flex; flex-wrap: wrap; gap: 2px; padding: 0 20px; box-shadow: 0 1px 3px rgba(15, 23, 42, 0.06); }
nav.tabs a { padding: 11px 12px 9px; color: #334155; border-bottom: 3px solid transparent; font-weight: 500; white-space: nowrap; }
nav.tabs a:hover { text-decoration: none; color: var(--ink); background: #f8fafc; }
nav.tabs a[aria-current="page"] { color: var(--accent); border-bottom-color: var(--accent); }
nav.tabs .tab-n { display: inline-block; min-width: 18px; margin-left: 4px; padding: 0 5px; border-radius: 9px;
  background: var(--neutral-bg); color: var(--neutral-ink); font-size: 11px; text-align: center; }
main { max-width: 1440px; margin: 0 auto; padding: 22px 28px 40px; }
section.view { margin-bottom: 36px; }
footer { max-width: 1440px; margin: 0 auto; padding: 0 28px 30px; color: var(--muted); font-size: 12px; }

/* blocks, cards, facts */
.block { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px; margin: 0 0 18px; }
.split { display: grid; grid-template-columns: minmax(320px, 1fr) minmax(420px, 1.35fr); gap: 18px; }
.split > .block { margin: 0 0 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(172px, 1fr)); gap: 12px; margin: 0 0 18px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px 12px; position: relative; overflow: hidden; }
.card-label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; font-weight: 600; }
.card-value { font-size: 30px; font-weight: 700; line-height: 1.2; margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
.card-sub { font-size: 12px; color: var(--muted); }
.card::before { content: ""; position: absolute; left: 0; top: 0; bottom: 0; width: 4px; background: transparent; }
.card-critical::before { background: var(--critical); } .card-critical .card-value { color: var(--critical); }
.card-high::before { background: var(--high); } .card-high .card-value { color: var(--high); }
.card-medium::before { background: var(--medium); } .card-medium .card-value { color: #a86a06; }
.card-low::before { background: var(--low); } .card-low .card-value { color: var(--low); }
.card-info::before { background: var(--info); } .card-info .card-value { color: var(--info); }
.card-alert::before { background: var(--critical); } .card-alert .card-value { color: var(--critical); }
.card-warn::before { background: var(--medium); } .card-warn .card-value { color: #a86a06; }
.card-ok::before { background: #22a05a; } .card-ok .card-value { color: var(--ok-ink); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
dl.facts dt { color: var(--muted); font-weight: 600; font-size: 12.5px; text-transform: uppercase; letter-spacing: 0.04em; padding-top: 1px; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }

/* badges */
.sev, .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11.5px; font-weight: 600; line-height: 18px; white-space: nowrap; vertical-align: middle; }
.sev { color: #fff; text-transform: uppercase; letter-spacing: 0.03em; font-size: 10.5px; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.sevcounts { display: inline-flex; flex-wrap: wrap; gap: 3px; }
.sevcounts .sev { text-transform: none; }
.badge { background: var(--neutral-bg); color: var(--neutral-ink); margin: 1px 4px 1px 0; }
.b-bad { background: var(--bad-bg); color: var(--bad-ink); } .b-warn { background: var(--warn-bg); color: var(--warn-ink); }
.b-ok { background: var(--ok-bg); color: var(--ok-ink); } .b-provider, .b-class-middleware { background: var(--prov-bg); color: var(--prov-ink); }
.b-customer, .b-class-workload { background: var(--cust-bg); color: var(--cust-ink); } .b-edge { background: var(--edge-bg); color: var(--edge-ink); font-family: var(--mono); font-weight: 500; }
.b-class-core { background: #eef2f7; color: #1e3a5f; } .b-class-agent { background: #e0f2fe; color: #075985; }
.badges { display: inline-flex; flex-wrap: wrap; gap: 2px; }

/* tables */
.table-frame { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; overflow: auto; max-height: 72vh; margin: 0 0 14px; }
.table-frame.tall { max-height: 78vh; }
.block .table-frame { border-radius: 8px; }
table { border-collapse: separate; border-spacing: 0; width: 100%; font-size: 13.5px; }
thead th { position: sticky; top: 0; z-index: 2; background: #f7f9fc; text-align: left; font-size: 11.5px; text-transform: uppercase;
  letter-spacing: 0.05em; color: #475569; font-weight: 700; padding: 9px 12px; border-bottom: 1px solid var(--line); white-space: nowrap; }
td { padding: 8px 12px; border-bottom: 1px solid #eef1f5; vertical-align: top; overflow-wrap: anywhere; }
tbody tr:last-child td { border-bottom: none; }
tbody tr:hover td { background: #fafbfd; }
table.compact td { padding: 6px 12px; vertical-align: middle; }
tr.group th { background: #f1f5f9; text-align: left; padding: 7px 12px; font-size: 12.5px; color: #1e293b; border-bottom: 1px solid var(--line); position: static; }
td.images { min-width: 230px; max-width: 320px; }
td.images div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#findings-table tbody tr.finding { cursor: pointer; }
#findings-table tr.finding td:first-child { width: 90px; }
#findings-table tr.open td { background: #f5f8ff; }
#findings-table .title { font-weight: 600; }
#findings-table .msg { color: #334155; }
tr.detail td { background: #fbfcfe; padding: 12px 18px 16px; }
tr.detail dl { display: grid; grid-template-columns: 150px 1fr; gap: 6px 16px; margin: 0; }
tr.detail dt { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
tr.detail dd { margin: 0; }
tr.detail ul { margin: 0; padding-left: 18px; }

/* filters */
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 14px; background: var(--panel); border: 1px solid var(--line);
  border-radius: 12px; padding: 12px 14px; margin: 0 0 10px; }
.filters label { font-size: 12.5px; color: #475569; font-weight: 600; }
.filters select, .filters input { font: inherit; font-weight: 400; padding: 5px 8px; border: 1px solid #cbd5e1; border-radius: 7px; background: #fff; max-width: 260px; }
.sev-toggles { display: inline-flex; gap: 6px; flex-wrap: wrap; }
button { font: inherit; cursor: pointer; }
button.toggle { border: 1px solid #cbd5e1; background: #fff; color: #334155; border-radius: 999px; padding: 3px 10px 3px 8px; font-size: 12.5px; font-weight: 600; }
button.toggle::before { content: ""; display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px; background: currentColor; }
button.toggle.sev-critical { color: var(--critical); } button.toggle.sev-high { color: var(--high); } button.toggle.sev-medium { color: #a86a06; }
button.toggle.sev-low { color: var(--low); } button.toggle.sev-info { color: var(--info); }
button.toggle[aria-pressed="true"] { background: #f8fafc; border-color: currentColor; }
button.toggle[aria-pressed="false"] { opacity: 0.45; text-decoration: line-through; }
button.toggle .n { color: #334155; font-weight: 500; }
button.link { border: none; background: none; color: var(--accent); padding: 4px 6px; }
.more-button { display: block; margin: 6px auto 0; border: 1px solid #cbd5e1; background: #fff; border-radius: 8px; padding: 7px 18px; color: #334155; font-weight: 600; }
.count { color: #475569; margin: 4px 2px 8px; font-size: 13px; }

/* lists, details */
details { margin: 6px 0; }
details > summary { cursor: pointer; color: #334155; font-weight: 500; }
details.more > summary { color: var(--accent); }
ul.plain, ol.plain { margin: 0; padding-left: 18px; }
ul.notes { margin: 0; padding-left: 18px; color: #475569; }
ul.breaks li, ul.signals li { margin: 4px 0; }
ul.grants { margin: 0; padding-left: 0; list-style: none; }
ul.grants li { margin: 2px 0; }
.src { white-space: nowrap; }
.plan { border-top: 1px solid #eef1f5; padding-top: 6px; }
.plan:first-of-type { border-top: none; }

/* attack paths */
ol.paths { list-style: none; margin: 0; padding: 0; counter-reset: path; }
li.path { border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; margin: 0 0 8px; background: #fff; }
#path-list li.path { cursor: pointer; }
li.path.selected { border-color: var(--critical); box-shadow: 0 0 0 2px rgba(180, 35, 24, 0.15); }
.path-head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }
.score { display: inline-block; min-width: 34px; text-align: center; border-radius: 7px; background: var(--bad-bg); color: var(--bad-ink); font-weight: 700; font-size: 13px; padding: 1px 6px; }
.path-line { color: #475569; margin: 3px 0 6px 44px; font-size: 13px; }
.chain { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; margin-left: 44px; }
.chip { display: inline-block; border: 1px solid #cbd5e1; background: #f8fafc; border-radius: 6px; padding: 1px 7px; font-size: 12px; font-family: var(--mono); }
.chip-entry { border-color: #93c5fd; background: #eff6ff; }
.chip-target { border-color: #f19a93; background: var(--bad-bg); color: var(--bad-ink); font-weight: 600; }
.arrow { font-size: 11px; color: var(--edge-ink); font-family: var(--mono); }
.arrow::after { content: " →"; color: #94a3b8; }
.arrow.conditional { font-style: italic; }
.t-cluster-admin, .t-node-root, .t-cloud-identity { color: var(--critical); }
li.path details { margin-left: 44px; }
ol.hops { margin: 6px 0 0; padding-left: 20px; }
ol.hops li { margin: 0 0 8px; }
ul.evidence { margin: 4px 0 0; padding-left: 18px; font-size: 12.5px; color: #475569; }
.graph-frame { overflow: auto; border: 1px solid var(--line); border-radius: 10px; background: #fcfdff; max-height: 80vh; }
svg.graph { display: block; max-width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
svg.graph .node rect { fill: #fff; stroke: #94a3b8; stroke-width: 1.2; }
svg.graph .node.k-workload rect { fill: #eff6ff; stroke: #6b9cf0; }
svg.graph .node.k-serviceaccount rect { fill: #f5f3ff; stroke: #a78bfa; }
svg.graph .node.k-user rect, svg.graph .node.k-group rect, svg.graph .node.k-authenticated rect, svg.graph .node.k-anonymous rect { fill: #fff7ed; stroke: #f59e0b; }
svg.graph .node.entry rect { stroke-width: 2.2; }
svg.graph .node.target rect { fill: var(--bad-bg); stroke: var(--critical); stroke-width: 2.2; }
svg.graph .node .caption { font-size: 10px; fill: #64748b; text-transform: uppercase; letter-spacing: 0.05em; }
svg.graph .node .name { font-size: 12px; fill: #0f172a; font-family: var(--mono); }
svg.graph .node.target .name { font-weight: 700; fill: var(--bad-ink); font-family: inherit; font-size: 13px; }
svg.graph .edge path { fill: none; stroke: #9aa8bb; stroke-width: 1.5; }
svg.graph .edge.conditional path { stroke-dasharray: 5 4; }
svg.graph .arrowhead { fill: #9aa8bb; }
svg.graph .edge-label { font-size: 10px; fill: #5b21b6; font-family: var(--mono); paint-order: stroke; stroke: #fcfdff; stroke-width: 3px; stroke-linejoin: round; }
svg.graph.focus .node, svg.graph.focus .edge { opacity: 0.14; }
svg.graph.focus .hl { opacity: 1; }
svg.graph .edge.hl path { stroke: var(--critical); stroke-width: 2.6; marker-end: url(#arrow-hl); }
svg.graph .arrowhead-hl { fill: var(--critical); }
svg.graph .node { cursor: pointer; }
svg.sevbar { display: block; }
svg.sevbar .track { fill: #eef1f5; }
.fill-critical { fill: var(--critical); } .fill-high { fill: var(--high); } .fill-medium { fill: var(--medium); } .fill-low { fill: var(--low); } .fill-info { fill: #b4bfcd; }

/* threat cards */
.threats { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 14px; }
article.threat { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; }
article.threat.reaches { border-top: 3px solid var(--critical); }
article.threat header { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 6px; margin-bottom: 6px; }
article.threat h3 { margin: 0 8px 0 0; text-transform: none; letter-spacing: 0; font-size: 16px; color: var(--ink); }
article.threat p { margin: 6px 0; color: #1f2937; }

/* later refinements */
.nowrap { white-space: nowrap; }
.strong { font-weight: 600; }
details.inline { display: inline; margin: 0 0 0 8px; }
details.inline > summary { display: inline; color: var(--accent); font-size: 12px; list-style: none; }
details.inline[open] > span { display: block; margin-top: 4px; }
table.compact td:first-child, #findings-table td:nth-child(4) { white-space: nowrap; }
#findings-table td:nth-child(3) { min-width: 220px; }
#findings-table .msg { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
#inventory-table td:first-child { min-width: 190px; }
#rbac-table td:nth-child(3) { min-width: 300px; }
#rbac-table td:nth-child(5) { min-width: 150px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 0 0 8px; font-size: 12px; color: #475569; }
.lg::before { content: ""; display: inline-block; width: 14px; height: 10px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; border: 1.5px solid #94a3b8; background: #fff; }
.lg-entry::before { border: 2.2px solid #6b9cf0; background: #eff6ff; }
.lg-workload::before { border-color: #6b9cf0; background: #eff6ff; }
.lg-sa::before { border-color: #a78bfa; background: #f5f3ff; }
.lg-target::before { border: 2.2px solid var(--critical); background: var(--bad-bg); }
.lg-cond::before { border: none; border-top: 2px dashed #9aa8bb; height: 0; border-radius: 0; width: 22px; vertical-align: 3px; background: none; }
dl.threat-facts { display: grid; grid-template-columns: 112px 1fr; gap: 5px 12px; margin: 4px 0 0; }
dl.threat-facts dt { color: var(--muted); font-size: 11.5px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding-top: 2px; }
dl.threat-facts dd { margin: 0; color: #1f2937; }
.signals { margin-top: 10px; background: var(--bad-bg); border-radius: 8px; padding: 8px 12px; }
.signals strong { color: var(--bad-ink); font-size: 12.5px; }
.signals ul { margin: 4px 0 0; padding-left: 18px; }
@media print { .legend { display: flex; } }

@media (max-width: 900px) { .split { grid-template-columns: 1fr; } .threats { grid-template-columns: 1fr; } main { padding: 14px; } }

@media print {
  body { background: #fff; font-size: 11.5px; }
  nav.tabs, .filters, .more-button, button { display: none !important; }
  section.view[hidden] { display: block !important; }
  tbody.rest[hidden] { display: table-row-group !important; }
  section.view { break-before: page; }
  section.view:first-of-type { break-before: auto; }
  .top { background: #fff; color: #000; border-bottom: 2px solid #000; padding: 0 0 8px; }
  .top h1, .top .meta strong { color: #000; } .top .meta, .top .brand { color: #333; }
  .table-frame, .graph-frame { max-height: none; overflow: visible; border-color: #ccc; }
  thead th { position: static; }
  .card, li.path, article.threat, tr, .block { break-inside: avoid; }
  .sev, .badge, .card::before, .score, svg { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; }
}
`;
