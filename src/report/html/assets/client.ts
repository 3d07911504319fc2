// The report's one script, inlined and allowed by its hash in the Content-Security-Policy. It reads the embedded
// JSON with JSON.parse and builds every dynamic element with createElement and textContent: no innerHTML, no
// eval, no inline handlers. Plain ES2017 so it runs in any current browser from file:// without a build step.
export const SCRIPT = `
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('data').textContent);
  var PAGE = 100;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  /* Navigation: one view at a time on screen (all of them in print). */
  var views = all('section.view');
  function show(id, record) {
    var target = views.filter(function (v) { return v.id === id; })[0] || views[0];
    if (!target) return;
    views.forEach(function (v) { v.hidden = v !== target; });
    all('nav.tabs a').forEach(function (a) {
      a.setAttribute('aria-current', a.getAttribute('data-view') === target.id ? 'page' : 'false');
    });
    if (record) {
      try { history.replaceState(null, '', '#' + target.id); } catch (e) { /* file: URLs in some browsers */ }
    }
    window.scrollTo(0, 0);
  }
  all('a[data-view]').forEach(function (a) {
    a.addEventListener('click', function (ev) { ev.preventDefault(); show(a.getAttribute('data-view'), true); });
  });
  window.addEventListener('hashchange', function () { show(location.hash.slice(1), false); });
  show(location.hash ? location.hash.slice(1) : 'summary', false);

  /* Check texts: backtick code spans become <code>, the rest stays text. */
  function inlineMd(parent, text) {
    var parts = String(text).split('\`');
    if (parts.length % 2 === 0) { var last = parts.pop(); parts[parts.length - 1] += '\`' + last; }
    parts.forEach(function (p, i) { parent.appendChild(i % 2 ? el('code', null, p) : document.createTextNode(p)); });
    return parent;
  }
  function safeUrl(u) { return /^https?:\\/\\//i.test(u) ? u : null; }

  /* Findings table */
  var F = DATA.findings;
  var body = byId('findings-body');
  if (F && body) {
    var SEVS = F.severities;
    var state;
    function reset() {
      state = { sev: SEVS.map(function () { return true; }), cls: '', ns: '', check: '', status: 'active', text: '', limit: PAGE };
    }
    reset();
    var searchText = F.findings.map(function (r) {
      var c = F.checks[r[1]] || {};
      return [r[4], r[5], r[6], r[8], r[9], c.id, c.title, F.namespaces[r[3]]].join(' ').toLowerCase();
    });
    function matches(r, i) {
      if (!state.sev[r[0]]) return false;
      if (state.cls !== '' && String(r[2]) !== state.cls) return false;
      if (state.ns !== '' && String(r[3]) !== state.ns) return false;
      if (state.check !== '' && String(r[1]) !== state.check) return false;
      if (state.status === 'active' && r[7] === 'waived') return false;
      if (state.status === 'waived' && r[7] !== 'waived') return false;
      if (state.text && searchText[i].indexOf(state.text) < 0) return false;
      return true;
    }
    function sevBadge(i) { var s = SEVS[i] || 'info'; return el('span', 'sev sev-' + s, s); }
    function detailRow(r) {
      var c = F.checks[r[1]] || {};
      var tr = el('tr', 'detail');
      var td = el('td');
      td.colSpan = 5;
      var dl = el('dl');
      function item(label, node) {
        if (!node) return;
        dl.appendChild(el('dt', null, label));
        var dd = el('dd');
        if (typeof node === 'string') dd.textContent = node; else dd.appendChild(node);
        dl.appendChild(dd);
      }
      item('Finding', r[6]);
      item('Resource', r[4]);
      item('Field', r[5] ? el('code', null, r[5]) : null);
      item('Source', r[10] || null);
      item('Severity', r[9] ? SEVS[r[0]] + ': ' + r[9] : null);
      item('Component', r[8] || null);
      item('Status', r[7] !== 'open' ? r[7] + (r[11] ? ' — ' + r[11] : '') : null);
      item('Check', c.id ? c.title + ' (' + c.id + ')' : null);
      item('Why it matters', c.rationale ? inlineMd(el('div'), c.rationale) : null);
      item('How to fix', c.remediation ? inlineMd(el('div'), c.remediation) : null);
      if (c.refs && c.refs.length) {
        var ul = el('ul');
        c.refs.forEach(function (ref) {
          var li = el('li');
          var url = safeUrl(ref[2]);
          if (url) {
            var a = el('a', null, ref[0]);
            a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer';
            li.appendChild(a);
          } else li.appendChild(document.createTextNode(ref[0]));
          if (ref[1]) li.appendChild(document.createTextNode(' — ' + ref[1]));
          ul.appendChild(li);
        });
        item('References', ul);
      }
      td.appendChild(dl);
      tr.appendChild(td);
      return tr;
    }
    function row(r) {
      var c = F.checks[r[1]] || {};
      var tr = el('tr', 'finding');
      tr.tabIndex = 0;
      var td0 = el('td'); td0.appendChild(sevBadge(r[0])); tr.appendChild(td0);
      var td1 = el('td');
      td1.appendChild(el('div', 'title', c.title || c.id));
      td1.appendChild(el('div', 'msg', r[6]));
      tr.appendChild(td1);
      var td2 = el('td');
      td2.appendChild(el('div', 'mono small', r[4]));
      if (r[5]) td2.appendChild(el('div', 'muted small mono', r[5]));
      tr.appendChild(td2);
      var td3 = el('td', null, (F.classes[r[2]] || {}).label || '');
      if (r[8]) td3.appendChild(el('div', 'muted small', r[8]));
      if (r[7] !== 'open') td3.appendChild(el('div', 'badge b-warn', r[7]));
      tr.appendChild(td3);
      tr.appendChild(el('td', 'mono small', F.namespaces[r[3]]));
      function toggle() {
        var next = tr.nextSibling;
        if (next && next.className === 'detail') { body.removeChild(next); tr.classList.remove('open'); }
        else { body.insertBefore(detailRow(r), tr.nextSibling); tr.classList.add('open'); }
      }
      tr.addEventListener('click', toggle);
      tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); toggle(); } });
      return tr;
    }
    var countEl = byId('findings-count');
    var moreBtn = byId('findings-more');
    function render() {
      var matching = [];
      F.findings.forEach(function (r, i) { if (matches(r, i)) matching.push(r); });
      var shown = matching.slice(0, state.limit);
      body.textContent = '';
      var frag = document.createDocumentFragment();
      shown.forEach(function (r) { frag.appendChild(row(r)); });
      body.appendChild(frag);
      countEl.textContent = 'Showing ' + shown.length + ' of ' + matching.length + ' matching findings (' + F.findings.length + ' in the report).';
      countEl.setAttribute('data-matching', String(matching.length));
      countEl.setAttribute('data-shown', String(shown.length));
      var rest = matching.length - shown.length;
      moreBtn.hidden = rest <= 0;
      moreBtn.textContent = 'Show ' + Math.min(PAGE, rest) + ' more (' + rest + ' not shown)';
    }
    all('button[data-sev]').forEach(function (b) {
      b.addEventListener('click', function () {
        var i = Number(b.getAttribute('data-sev'));
        state.sev[i] = !state.sev[i];
        b.setAttribute('aria-pressed', state.sev[i] ? 'true' : 'false');
        state.limit = PAGE;
        render();
      });
    });
    function bindSelect(id, key) {
      var s = byId(id);
      if (!s) return;
      s.addEventListener('change', function () { state[key] = s.value; state.limit = PAGE; render(); });
    }
    bindSelect('f-class', 'cls'); bindSelect('f-ns', 'ns'); bindSelect('f-check', 'check'); bindSelect('f-status', 'status');
    var text = byId('f-text');
    text.addEventListener('input', function () { state.text = text.value.trim().toLowerCase(); state.limit = PAGE; render(); });
    moreBtn.addEventListener('click', function () { state.limit += PAGE; render(); });
    byId('f-reset').addEventListener('click', function () {
      reset();
      all('button[data-sev]').forEach(function (b) { b.setAttribute('aria-pressed', 'true'); });
      ['f-class', 'f-ns', 'f-check'].forEach(function (id) { byId(id).value = ''; });
      byId('f-status').value = 'active';
      text.value = '';
      render();
    });
    window.addEventListener('beforeprint', function () { state.limit = Infinity; render(); });
    window.addEventListener('afterprint', function () { state.limit = PAGE; render(); });
    render();
  }

  /* Attack-path highlighting: a path in the list, or a node in the graph, lights up its steps. */
  var graph = document.querySelector('#path-graph svg');
  var items = all('#path-list li.path');
  function highlight(paths) {
    if (!graph) return;
    var on = paths.length > 0;
    graph.classList.toggle('focus', on);
    all('[data-paths]', graph).forEach(function (g) {
      var mine = g.getAttribute('data-paths').split(' ');
      g.classList.toggle('hl', on && mine.some(function (p) { return paths.indexOf(p) >= 0; }));
    });
    items.forEach(function (li) { li.classList.toggle('selected', on && paths.indexOf(li.getAttribute('data-path')) >= 0); });
  }
  var current = [];
  items.forEach(function (li) {
    function pick(ev) {
      if (ev.target.closest && ev.target.closest('details')) return;
      var p = li.getAttribute('data-path');
      current = current.length === 1 && current[0] === p ? [] : [p];
      highlight(current);
    }
    li.addEventListener('click', pick);
    li.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') pick(ev); });
  });
  if (graph) {
    all('g.node', graph).forEach(function (n) {
      n.addEventListener('click', function () {
        var p = n.getAttribute('data-paths').split(' ');
        current = current.join(' ') === p.join(' ') ? [] : p;
        highlight(current);
      });
    });
  }

  /* Folded table rows. */
  all('button[data-reveal]').forEach(function (b) {
    b.addEventListener('click', function () {
      var frame = b.previousElementSibling;
      if (frame) all('tbody.rest', frame).forEach(function (t) { t.hidden = false; });
      b.hidden = true;
    });
  });

  /* Print everything: open every disclosure. */
  window.addEventListener('beforeprint', function () { all('details').forEach(function (d) { d.open = true; }); });
})();
`;
