// The dashboard's page script: sortable and filterable tables, training curves drawn with uPlot,
// the builds page kept live from server-sent events. No inline handlers (the pages' CSP forbids them).
(function () {
  'use strict';
  const COLORS = ['#2f5fb3', '#d9482b', '#2b9d5b', '#8e44ad', '#e69b00', '#16a2b8', '#7a5230', '#c2185b', '#556b2f', '#34495e', '#ff6f61', '#009688'];

  function cellValue(row, col, type) {
    const cell = row.cells[col];
    if (!cell) { return type === 'num' ? NaN : ''; }
    const v = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    return type === 'num' ? (v === '' ? NaN : parseFloat(v)) : v;
  }

  function sortable(table) {
    table.querySelectorAll('thead th').forEach(function (th, col) {
      const type = th.dataset.type || 'text';
      if (type === 'none') { return; }
      th.classList.add('sort');
      th.title = 'sort by ' + th.textContent.trim();
      th.addEventListener('click', function () {
        const desc = th.dataset.dir !== 'desc';
        table.querySelectorAll('thead th').forEach(function (o) { delete o.dataset.dir; });
        th.dataset.dir = desc ? 'desc' : 'asc';
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const x = cellValue(a, col, type);
          const y = cellValue(b, col, type);
          let c;
          if (type === 'num') {
            // rows without the value go last either way
            if (isNaN(x) && isNaN(y)) { c = 0; } else if (isNaN(x)) { return 1; } else if (isNaN(y)) { return -1; } else { c = x - y; }
          } else {
            c = String(x).localeCompare(String(y), undefined, { numeric: true });
          }
          return desc ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function filters() {
    const selects = document.querySelectorAll('select.filter');
    const table = document.getElementById('realizations');
    if (!selects.length || !table) { return; }
    function apply() {
      Array.from(table.tBodies[0].rows).forEach(function (row) {
        let show = true;
        selects.forEach(function (s) {
          if (s.value !== '' && cellValue(row, parseInt(s.dataset.col, 10), 'text') !== s.value) { show = false; }
        });
        row.hidden = !show;
      });
    }
    selects.forEach(function (s) { s.addEventListener('change', apply); });
  }

  function charts() {
    const data = document.getElementById('chart-data');
    if (!data || typeof uPlot === 'undefined') { return; }
    const specs = JSON.parse(data.textContent);
    document.querySelectorAll('div.chart').forEach(function (el) {
      const spec = specs[parseInt(el.dataset.chart, 10)];
      const xs = Array.from(new Set([].concat.apply([], spec.series.map(function (s) { return s.points.map(function (p) { return p[0]; }); }))))
        .sort(function (a, b) { return a - b; });
      const index = new Map(xs.map(function (x, i) { return [x, i]; }));
      const columns = [xs];
      const series = [{ label: spec.x || 'step' }];
      spec.series.forEach(function (s, i) {
        const ys = new Array(xs.length).fill(null);
        s.points.forEach(function (p) { ys[index.get(p[0])] = p[1]; });
        columns.push(ys);
        series.push({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true, points: { show: xs.length < 60 } });
      });
      const width = Math.max(320, Math.min(el.parentElement.clientWidth || 560, 560));
      new uPlot({ title: spec.title, width: width, height: 240, series: series, scales: { x: { time: false } },
        axes: [{ label: spec.x || 'step' }, {}] }, columns, el);
      el.dataset.drawn = String(spec.series.length);
    });
  }

  function builds() {
    const jobs = document.getElementById('jobs');
    if (!jobs || typeof EventSource === 'undefined') { return; }
    function section(id) {
      let s = document.getElementById('job-' + id);
      if (!s) {
        const none = document.getElementById('no-jobs');
        if (none) { none.remove(); }
        s = document.createElement('section');
        s.className = 'job';
        s.id = 'job-' + id;
        s.dataset.job = id;
        s.innerHTML = '<h3>job ' + id + ' <span class="outcome">running</span></h3><table class="grid steps"><tbody></tbody></table><div class="result"></div>';
        jobs.insertBefore(s, jobs.firstChild);
      }
      return s;
    }
    function link(rref, text) {
      const a = document.createElement('a');
      a.href = '/realization/' + rref;
      a.textContent = text;
      return a;
    }
    const source = new EventSource('/events');
    source.onmessage = function (m) {
      const e = JSON.parse(m.data);
      const s = section(e.job);
      if (e.kind === 'job') {
        s.querySelector('.outcome').textContent = e.outcome;
        const result = s.querySelector('.result');
        result.textContent = '';
        e.result.forEach(function (r) {
          const a = link(r, r);
          a.className = 'result-rref';
          result.appendChild(a);
          result.appendChild(document.createTextNode(' '));
        });
        return;
      }
      const body = s.querySelector('tbody');
      let row = Array.from(body.rows).find(function (r) { return r.dataset.dref === e.dref; });
      if (!row) {
        row = body.insertRow();
        row.dataset.dref = e.dref;
        row.innerHTML = '<td><code></code></td><td class="state"></td><td><progress max="1" value="0"></progress></td><td class="message"></td><td class="rref"></td>';
        row.querySelector('code').textContent = e.stage;
      }
      if (e.type !== 'LOG') { row.querySelector('.state').textContent = e.type; }
      if (e.fraction >= 0) { row.querySelector('progress').value = e.fraction; }
      if (e.type === 'FINISHED' || e.type === 'CACHED') { row.querySelector('progress').value = 1; }
      if (e.message) { row.querySelector('.message').textContent = e.message; }
      if (e.rref) {
        const cell = row.querySelector('.rref');
        cell.textContent = '';
        cell.appendChild(link(e.rref, e.rref.split(':')[1].substring(0, 12)));
      }
    };
    source.onopen = function () { document.getElementById('live').dataset.connected = 'true'; };
  }

  // sweeps started from the dashboard: the page follows them by reloading until none runs
  function sweepRuns() {
    if (document.querySelector('#runs[data-running="true"]')) {
      setTimeout(function () { window.location.reload(); }, 2000);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('table.sortable').forEach(sortable);
    filters();
    charts();
    builds();
    sweepRuns();
  });
}());
