// tradewatch dashboard page: reads the JSON API, draws with Chart.js, refreshes on pushed updates.
// Amounts arrive as decimal strings; they are turned into numbers only to format and draw them.
'use strict';

const state = { pairs: [], source: null, pair: null, charts: {}, refreshTimer: null };
window.tradewatch = { loads: 0, refreshes: 0 };

Chart.defaults.animation = false;

// ---- formatting for people ----
function fmtMoney(text) {
  if (text === null || text === undefined) return '–';
  const v = Number(text);
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toFixed(1) + ' B USD';
  if (a >= 1e6) return (v / 1e6).toFixed(1) + ' M USD';
  if (a >= 1e3) return (v / 1e3).toFixed(1) + ' K USD';
  return v.toFixed(0) + ' USD';
}
function fmtPct(text) {
  if (text === null || text === undefined) return '–';
  const v = Number(text);
  return (v > 0 ? '+' : '') + v.toFixed(1) + ' %';
}
function millions(text) { return text === null || text === undefined ? null : Number(text) / 1e6; }
function el(id) { return document.getElementById(id); }
function cell(text, id, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (id) td.id = id;
  if (cls) td.className = cls;
  return td;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body.error || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

function showMessage(text) {
  const m = el('message');
  m.hidden = !text;
  m.textContent = text || '';
}

// ---- selectors ----
async function loadPairs() {
  const body = await api('/api/pairs?limit=1000');
  state.pairs = body.items;
  const params = new URLSearchParams(location.search);
  const wanted = state.pairs.find(p => p.source === params.get('source')
      && (!params.get('reporter') || p.reporter === params.get('reporter'))
      && (!params.get('partner') || p.partner === params.get('partner')));
  // Without a choice in the address, the series with the most years.
  const richest = state.pairs.slice().sort((a, b) => b.annualFigures - a.annualFigures)[0];
  const chosen = wanted || richest;
  const sources = [...new Set(state.pairs.map(p => p.source))];
  el('source').replaceChildren(...sources.map(s => new Option(s, s)));
  if (chosen) {
    state.source = chosen.source;
    el('source').value = chosen.source;
    fillPairs(chosen.key);
  }
}

function fillPairs(selectedKey) {
  const pairs = state.pairs.filter(p => p.source === state.source);
  el('pair').replaceChildren(...pairs.map(p => new Option(p.reporter + ' → ' + p.partner, p.key)));
  state.pair = pairs.find(p => p.key === selectedKey) || pairs[0] || null;
  if (state.pair) el('pair').value = state.pair.key;
}

el('source').addEventListener('change', () => { state.source = el('source').value; fillPairs(null); refresh(); });
el('pair').addEventListener('change', () => {
  state.pair = state.pairs.find(p => p.key === el('pair').value);
  refresh();
});

// ---- charts ----
function chart(id, config) {
  if (state.charts[id]) {
    state.charts[id].data = config.data;
    state.charts[id].update('none');
  } else {
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false }, config.options || {});
    state.charts[id] = new Chart(el(id), config);
  }
}

function seriesQuery() {
  const p = state.pair;
  return 'source=' + encodeURIComponent(p.source) + '&reporter=' + encodeURIComponent(p.reporter)
      + '&partner=' + encodeURIComponent(p.partner) + '&hsGroup=TOTAL';
}

async function drawAnnual() {
  const body = await api('/api/annual?' + seriesQuery() + '&limit=1000');
  const rows = body.items.map(i => i.value);
  el('series-title').textContent = 'Trade, all products: ' + state.pair.reporter + ' with '
      + state.pair.partner + ' as ' + state.pair.source + ' reports it';
  const tbody = el('annual-rows');
  tbody.replaceChildren(...rows.slice().reverse().map(a => {
    const tr = document.createElement('tr');
    const partial = a.monthsReported > 0 && a.monthsReported < 12
        && a.exportsBasis !== 'ANNUAL_RECORD' ? ' (' + a.monthsReported + ' months)' : '';
    tr.append(cell(a.year + partial),
        cell(fmtMoney(a.exportsUsd), 'exports-' + a.year),
        cell(fmtMoney(a.importsUsd), 'imports-' + a.year),
        cell(fmtMoney(a.turnoverUsd), 'turnover-' + a.year),
        cell(fmtMoney(a.balanceUsd), 'balance-' + a.year),
        cell(fmtPct(a.turnoverYoyPct), 'growth-' + a.year,
            a.turnoverYoyPct === null ? '' : (Number(a.turnoverYoyPct) >= 0 ? 'up' : 'down')),
        cell(a.exportsBasis === a.importsBasis ? a.exportsBasis : a.exportsBasis + '/' + a.importsBasis));
    return tr;
  }));
  chart('chart-growth', {
    type: 'bar',
    data: {
      labels: rows.map(a => a.year),
      datasets: [{ label: 'turnover growth, %', data: rows.map(a => a.turnoverYoyPct === null ? null : Number(a.turnoverYoyPct)),
        backgroundColor: rows.map(a => Number(a.turnoverYoyPct) >= 0 ? '#2e9d5b' : '#d0473c') }]
    },
    options: { plugins: { tooltip: { callbacks: { label: c => fmtPct(c.raw) } } } }
  });
}

async function drawMonthly() {
  const body = await api('/api/series?' + seriesQuery() + '&limit=1000');
  const months = body.items.map(i => i.value);
  const label = m => m.year + '-' + String(m.month).padStart(2, '0');
  chart('chart-monthly', {
    type: 'line',
    data: {
      labels: months.map(label),
      datasets: [
        { label: 'turnover, M USD', data: months.map(m => millions(m.turnoverUsd)), borderColor: '#1d2330', pointRadius: 0 },
        { label: 'exports, M USD', data: months.map(m => millions(m.exportsUsd)), borderColor: '#2e7dd0', pointRadius: 0 },
        { label: 'imports, M USD', data: months.map(m => millions(m.importsUsd)), borderColor: '#e08a1e', pointRadius: 0 },
        { label: 'turnover, trailing 12 months, M USD', data: months.map(m => millions(m.t12mTurnoverUsd)),
          borderColor: '#8a3ab9', borderDash: [6, 3], pointRadius: 0, yAxisID: 'y12' }
      ]
    },
    options: { scales: { y: { title: { display: true, text: 'month, M USD' } },
      y12: { position: 'right', title: { display: true, text: '12 months, M USD' }, grid: { drawOnChartArea: false } } } }
  });
}

async function drawTarget() {
  const body = await api('/api/targets?limit=1000');
  const p = state.pair;
  const mine = body.items.map(i => i.value)
      .filter(t => t.source === p.source && t.reporter === p.reporter && t.partner === p.partner);
  if (mine.length === 0) {
    el('target-progress').textContent = 'no target for this series';
    chart('chart-target', { type: 'doughnut', data: { labels: [], datasets: [] } });
    return;
  }
  const t = mine.sort((a, b) => a.year - b.year)[mine.length - 1];
  const progress = Math.min(100, Number(t.progressPct));
  const schedule = t.scheduleUsd === null ? null : Math.min(100, 100 * Number(t.scheduleUsd) / Number(t.targetUsd));
  const datasets = [{ label: 'achieved', data: [progress, 100 - progress], backgroundColor: ['#2e9d5b', '#e5e7eb'] }];
  if (schedule !== null) {
    datasets.push({ label: 'schedule', data: [schedule, 100 - schedule], backgroundColor: ['#8a3ab9', '#f1eef6'] });
  }
  chart('chart-target', {
    type: 'doughnut',
    data: { labels: ['done', 'to go'], datasets },
    options: { rotation: -90, circumference: 180, cutout: '55%' }
  });
  el('target-progress').textContent = t.name + ', ' + t.year + ': ' + fmtMoney(t.achievedUsd) + ' of '
      + fmtMoney(t.targetUsd) + ' (' + Number(t.progressPct).toFixed(1) + ' %)'
      + (t.scheduleUsd === null ? '' : '; schedule ' + fmtMoney(t.scheduleUsd))
      + (t.requiredGrowthPct === null ? '' : '; needs ' + fmtPct(t.requiredGrowthPct) + ' a year');
}

async function drawMirror() {
  const p = state.pair;
  const [a, b] = await Promise.all([
    api('/api/mirror?exporter=' + p.reporter + '&importer=' + p.partner + '&limit=1000'),
    api('/api/mirror?exporter=' + p.partner + '&importer=' + p.reporter + '&limit=1000')]);
  const gaps = a.items.concat(b.items).map(i => i.value);
  const labels = gaps.map(g => g.exporter + '→' + g.importer + ' ' + g.year);
  chart('chart-mirror', {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'exports as the exporter reports, M USD', data: gaps.map(g => millions(g.exportsUsd)), backgroundColor: '#2e7dd0' },
        { label: 'imports as the importer reports, M USD', data: gaps.map(g => millions(g.importsUsd)), backgroundColor: '#e08a1e' }
      ]
    }
  });
  el('mirror-rows').replaceChildren(...gaps.map(g => {
    const tr = document.createElement('tr');
    tr.append(cell(g.exporter + '→' + g.importer + ' ' + g.year + (g.complete ? '' : ' (partial)')),
        cell(g.exporterSource + ' ' + fmtMoney(g.exportsUsd)), cell(g.importerSource + ' ' + fmtMoney(g.importsUsd)),
        cell('gap ' + fmtMoney(g.gapUsd) + ' (' + fmtPct(g.gapPct) + ')'));
    return tr;
  }));
}

async function drawAlerts() {
  const list = el('alerts');
  try {
    const body = await api('/api/alerts?limit=50');
    list.replaceChildren(...body.items.map(i => {
      const li = document.createElement('li');
      const v = i.value || {};
      li.textContent = (v.severity ? v.severity + ': ' : '') + (v.message || v.rule || i.key);
      return li;
    }));
    if (body.items.length === 0) list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'no open alerts' }));
  } catch (e) {
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: e.message, className: 'muted' }));
  }
}

async function drawRevisions() {
  const body = await api('/api/revisions?limit=20');
  const list = el('revisions');
  list.replaceChildren(...body.items.map(i => {
    const r = i.value;
    const li = document.createElement('li');
    li.textContent = r.recordKey + ': revision ' + r.previousRevision + ' → ' + r.revision + ', '
        + fmtMoney(r.previousValueUsd) + ' → ' + fmtMoney(r.valueUsd);
    return li;
  }));
  if (body.items.length === 0) list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'no revisions yet' }));
}

async function refresh() {
  if (!state.pair) {
    showMessage('No figures yet: publish some data.');
    return;
  }
  try {
    await Promise.all([drawAnnual(), drawMonthly(), drawTarget(), drawMirror(), drawAlerts(), drawRevisions()]);
    showMessage(null);
    window.tradewatch.refreshes++;
  } catch (e) {
    showMessage('Could not load the figures: ' + e.message);
  }
}

function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(refresh, 250);
}

// ---- live updates ----
function connect() {
  const source = new EventSource('/api/stream');
  source.onopen = () => { el('live-status').textContent = 'live'; el('live-status').className = 'status live'; };
  source.onerror = () => { el('live-status').textContent = 'reconnecting…'; el('live-status').className = 'status'; };
  source.addEventListener('update', e => {
    const event = JSON.parse(e.data);
    el('last-update').textContent = 'updated ' + new Date().toLocaleTimeString() + ': ' + event.topic + ' ' + event.key;
    if (state.pairs.length === 0 || (event.topic === 'trade-annual' && !state.pairs.some(p => event.key.startsWith(p.key + '|')))) {
      loadPairs().then(scheduleRefresh);
    } else {
      scheduleRefresh();
    }
  });
  source.addEventListener('resync', scheduleRefresh);
}

window.tradewatch.loads++;
loadPairs().then(refresh).catch(e => showMessage('Could not load the series: ' + e.message)).finally(connect);
