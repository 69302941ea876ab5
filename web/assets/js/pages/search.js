// Search: query bar, time range, histogram (| timechart), field sidebar, results, event view,
// export and saved searches. The query and range live in the URL, so a search can be shared.
import { html, useState, useEffect, useCallback } from '../lib.js';
import { get, post, del, qs } from '../api.js';
import { ErrorBox, fmtTime, fmtValue, navigate, download } from '../ui.js';
import { TimeChart, pivotTimechart } from '../chart.js';
import { TimePicker, QueryError, SyntaxHelp, FieldSidebar, EventDetail } from './search-parts.js';

const DEFAULT_COLUMNS = ['@timestamp', 'source', 'host.name', 'user.name', 'event.action', 'message'];
const PAGE_SIZES = [100, 500, 1000];
const SPANS = [['1m', 60e3], ['5m', 300e3], ['10m', 600e3], ['30m', 1800e3], ['1h', 3600e3], ['3h', 10800e3], ['12h', 43200e3], ['1d', 86400e3]];
const RELATIVE = { m: 60e3, h: 3600e3, d: 86400e3 };

/** A histogram span giving about 60-150 bars over the range (the API's default is coarser). */
function histogramSpan(from, to) {
  const rel = /^-(\d+)([mhd])$/.exec(from || '');
  const start = rel ? Date.now() - Number(rel[1]) * RELATIVE[rel[2]] : Date.parse(from);
  const end = to ? Date.parse(to) : Date.now();
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return '';
  const found = SPANS.find(([, ms]) => (end - start) / ms <= 150);
  return found ? ` span=${found[0]}` : ' span=7d';
}

function toCsv(rows, columns) {
  const cell = (v) => { const s = fmtValue(v); return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n');
}

export function SearchPage({ me, params }) {
  const q0 = params.get('q') ?? '*';
  const [q, setQ] = useState(q0);
  const [range, setRange] = useState({ from: params.get('from') ?? '-24h', to: params.get('to') ?? '' });
  const [limit, setLimit] = useState(100);
  const [result, setResult] = useState(null);
  const [chart, setChart] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [columns, setColumns] = useState(DEFAULT_COLUMNS);
  const [selected, setSelected] = useState(null);
  const [help, setHelp] = useState(false);
  const [saved, setSaved] = useState([]);

  const loadSaved = useCallback(() => get('/api/v1/saved-searches').then((r) => setSaved(r.saved_searches), () => setSaved([])), []);
  useEffect(() => { loadSaved(); }, []);

  const run = useCallback(async (query, r, n, append) => {
    setBusy(true);
    setError(null);
    if (!append) setSelected(null);
    const to = append && result?.rows.length ? String(Date.parse(result.rows[result.rows.length - 1]['@timestamp'])) : r.to;
    try {
      const res = await get(`/api/v1/search${qs({ q: query, from: r.from, to, limit: n })}`);
      if (append) {
        const seen = new Set(result.rows.map((e) => e.id));
        res.rows = [...result.rows, ...res.rows.filter((e) => !seen.has(e.id))];
      }
      setResult(res);
      // The histogram is a second, aggregated query over the same filter (raw-event searches only).
      if (!query.includes('|') && !append) {
        get(`/api/v1/search${qs({ q: `${query} | timechart${histogramSpan(r.from, r.to)} count()`, from: r.from, to: r.to })}`).then(
          (t) => setChart(pivotTimechart(t.rows, undefined, 'count')), () => setChart(null));
      } else if (!append) setChart(res.shape === 'timechart' ? pivotTimechart(res.rows, res.columns.find((c) => c !== '_time' && c !== 'count' && !c.includes('(')), res.columns.includes('count') ? 'count' : res.columns[res.columns.length - 1]) : null);
    } catch (err) {
      setError(err);
      if (!append) { setResult(null); setChart(null); }
    } finally {
      setBusy(false);
    }
  }, [result]);

  useEffect(() => { run(q0, range, limit, false); }, [q0, params.get('from'), params.get('to')]);

  const submit = (query = q, r = range) => {
    const hash = `#/search${qs({ q: query, from: r.from, to: r.to })}`;
    if (location.hash === hash) run(query, r, limit, false); else navigate(hash);
  };
  const addFilter = (term) => { const next = q.trim() === '*' || !q.trim() ? term : `${q.trim()} ${term}`; setQ(next); submit(next); };
  const toggleColumn = (c) => setColumns((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]));
  const save = async () => {
    const name = prompt('Name of the saved search');
    if (!name) return;
    try { await post('/api/v1/saved-searches', { name, q, from: range.from || null, to: range.to || null, columns }); loadSaved(); } catch (err) { setError(err); }
  };
  const rows = result?.rows ?? [];
  const raw = result?.shape === 'rows';
  const shownColumns = raw ? columns : result?.columns ?? [];

  return html`<div class="search-page">
    <form class="querybar" onSubmit=${(e) => { e.preventDefault(); submit(); }}>
      <input class="query" name="q" data-test="query" value=${q} onInput=${(e) => setQ(e.target.value)} spellcheck="false" placeholder="event.outcome:failure | stats count() by user.name" />
      <${TimePicker} from=${range.from} to=${range.to} onChange=${(from, to) => setRange({ from, to })} />
      <button type="submit" data-test="run" disabled=${busy}>${busy ? 'Searching…' : 'Search'}</button>
      <button type="button" class="link" onClick=${() => setHelp(!help)}>syntax</button>
    </form>
    <div class="toolbar">
      <select data-test="saved" onChange=${(e) => { const s = saved.find((x) => x.id === e.target.value); if (s) { setQ(s.q); if (s.columns.length) setColumns(s.columns); const r = { from: s.from ?? '', to: s.to ?? '' }; setRange(r); submit(s.q, r); } }}>
        <option value="">Saved searches (${saved.length})</option>
        ${saved.map((s) => html`<option value=${s.id}>${s.name} — ${s.owner}</option>`)}
      </select>
      <button onClick=${save} data-test="save-search">Save</button>
      ${saved.some((s) => s.owner === me.user.name) ? html`<button class="link" onClick=${async () => { const mine = saved.filter((s) => s.owner === me.user.name); const name = prompt(`Delete which? ${mine.map((s) => s.name).join(', ')}`); const s = mine.find((x) => x.name === name); if (s) { await del(`/api/v1/saved-searches/${s.id}`); loadSaved(); } }}>delete…</button>` : ''}
      <span class="spacer"></span>
      ${raw ? html`<label>rows <select value=${limit} onChange=${(e) => { const n = Number(e.target.value); setLimit(n); run(q, range, n, false); }}>${PAGE_SIZES.map((n) => html`<option value=${n}>${n}</option>`)}</select></label>` : ''}
      <button disabled=${!rows.length} onClick=${() => download('vigil-search.csv', 'text/csv', toCsv(rows, shownColumns))} data-test="export-csv">CSV</button>
      <button disabled=${!rows.length} onClick=${() => download('vigil-search.json', 'application/json', JSON.stringify(rows, null, 2))} data-test="export-json">JSON</button>
    </div>
    ${help ? html`<${SyntaxHelp} />` : ''}
    ${error?.details?.column !== undefined ? html`<${QueryError} q=${q} error=${error} />` : html`<${ErrorBox} error=${error} />`}
    ${chart && chart.x.length ? html`<${TimeChart} x=${chart.x} series=${chart.series} bars=${raw} height=${raw ? 110 : 200} testId="histogram"
        onSelect=${(from, to) => { const r = { from: new Date(from).toISOString(), to: new Date(to).toISOString() }; setRange(r); submit(q, r); }} />` : ''}
    ${result ? html`<div class="muted" data-test="result-summary">${rows.length.toLocaleString()} ${raw ? 'events (newest first)' : 'rows'} in ${result.took_ms} ms</div>` : ''}
    <div class="search-body">
      ${raw ? html`<${FieldSidebar} rows=${rows} columns=${columns} onToggleColumn=${toggleColumn} onFilter=${addFilter} />` : ''}
      <div class="results">
        <table class="grid" data-test="results">
          <thead><tr>${shownColumns.map((c) => html`<th>${c}${raw ? html` <button class="mini" title="remove column" onClick=${() => toggleColumn(c)}>×</button>` : ''}</th>`)}</tr></thead>
          <tbody>${rows.map((r) => html`<tr class=${selected?.id && selected.id === r.id ? 'selected' : ''} onClick=${() => raw && setSelected(r)}>
            ${shownColumns.map((c) => html`<td>${c === '@timestamp' || c === '_time' ? fmtTime(r[c]) : fmtValue(r[c]).slice(0, 300)}</td>`)}
          </tr>`)}</tbody>
        </table>
        ${raw && rows.length >= limit ? html`<button onClick=${() => run(q, range, limit, true)} data-test="load-older" disabled=${busy}>Load older events</button>` : ''}
      </div>
      ${selected ? html`<${EventDetail} event=${selected} onClose=${() => setSelected(null)} />` : ''}
    </div>
  </div>`;
}
