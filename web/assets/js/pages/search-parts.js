// Pieces of the search page: time picker, query error with a caret, field sidebar, event view.
import { html, useState, useMemo, useEffect } from '../lib.js';
import { fmtValue } from '../ui.js';

export const RELATIVE_RANGES = [['-15m', 'Last 15 minutes'], ['-1h', 'Last hour'], ['-24h', 'Last 24 hours'], ['-7d', 'Last 7 days'], ['-30d', 'Last 30 days'], ['', 'All time']];

/** Relative presets, or an absolute range with two datetime inputs (UTC, sent as ISO-8601). */
export function TimePicker({ from, to, onChange }) {
  const absolute = from && !from.startsWith('-') && from !== 'now';
  const [mode, setMode] = useState(absolute ? 'absolute' : 'relative');
  // Zooming on the histogram sets an absolute range: show it as one.
  useEffect(() => { if (absolute) setMode('absolute'); }, [absolute]);
  const toInput = (v) => (v && !v.startsWith('-') && v !== 'now' ? v.slice(0, 16) : '');
  return html`<span class="timepicker">
    <select data-test="time-mode" value=${mode} onChange=${(e) => setMode(e.target.value)}>
      <option value="relative">Relative</option><option value="absolute">Absolute (UTC)</option>
    </select>
    ${mode === 'relative'
      ? html`<select data-test="time-range" value=${from || ''} onChange=${(e) => onChange(e.target.value, '')}>
          ${RELATIVE_RANGES.map(([v, label]) => html`<option value=${v}>${label}</option>`)}
        </select>`
      : html`<input type="datetime-local" value=${toInput(from)} onChange=${(e) => onChange(e.target.value ? `${e.target.value}:00Z` : '', to)} />
          → <input type="datetime-local" value=${toInput(to)} onChange=${(e) => onChange(from, e.target.value ? `${e.target.value}:00Z` : '')} />`}
  </span>`;
}

/** The query with a caret under the column the API reported (1-based). */
export function QueryError({ q, error }) {
  if (!error) return null;
  const column = error.details?.column;
  return html`<div class="error query-error" role="alert" data-test="query-error">
    ${typeof column === 'number' ? html`<pre class="caret">${`${q}\n${' '.repeat(Math.max(0, column - 1))}^`}</pre>` : ''}
    <div>${error.message}</div>
  </div>`;
}

export function SyntaxHelp() {
  return html`<div class="help" data-test="syntax-help"><table>
    <tr><td><code>user.name:alice</code></td><td>field equals (any case)</td></tr>
    <tr><td><code>host.name:web-*</code></td><td>wildcards <code>*</code> <code>?</code></td></tr>
    <tr><td><code>source.port:>1024</code>, <code>[1 TO 5]</code></td><td>comparisons, ranges</td></tr>
    <tr><td><code>source.ip:10.0.0.0/8</code></td><td>network membership</td></tr>
    <tr><td><code>a:1 OR NOT b:2</code>, <code>-b:2</code></td><td>boolean logic, grouping with ( )</td></tr>
    <tr><td><code>mimikatz</code>, <code>native:*certutil*</code></td><td>free text; whole original record</td></tr>
    <tr><td><code>| stats count() by user.name</code></td><td>aggregate (also <code>dc</code>, <code>sum</code>, <code>avg</code>, <code>min</code>, <code>max</code>)</td></tr>
    <tr><td><code>| timechart span=1h count() by source</code></td><td>counts over time</td></tr>
    <tr><td><code>| sort -count | head 10 | fields a, b</code></td><td>order, limit, columns</td></tr>
  </table></div>`;
}

/** Flat normalized fields of an event (everything but native and meta). */
export function normalizedFields(event) {
  const out = {};
  for (const [k, v] of Object.entries(event)) if (k !== 'native' && k !== 'meta') out[k] = v;
  return out;
}

function quote(v) {
  return /^[\w.@-]+$/.test(v) ? v : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export function filterTerm(field, value, exclude) {
  return `${exclude ? '-' : ''}${field}:${quote(value)}`;
}

/** Top values per field over the loaded events (a sample: the page says how many). */
export function FieldSidebar({ rows, columns, onToggleColumn, onFilter }) {
  const [open, setOpen] = useState('');
  const stats = useMemo(() => {
    const fields = new Map();
    for (const row of rows) {
      for (const [k, v] of Object.entries(normalizedFields(row))) {
        if (v === null || v === undefined || k === 'id') continue;
        let f = fields.get(k);
        if (!f) fields.set(k, (f = { count: 0, values: new Map() }));
        f.count++;
        const key = fmtValue(v).slice(0, 200);
        f.values.set(key, (f.values.get(key) || 0) + 1);
      }
    }
    return [...fields.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  }, [rows]);
  return html`<aside class="fields" data-test="fields">
    <div class="muted">Fields in ${rows.length} events</div>
    ${stats.map(([name, f]) => html`<div class="field">
      <div class="field-name">
        <input type="checkbox" title="show as column" checked=${columns.includes(name)} onChange=${() => onToggleColumn(name)} />
        <a href="#" onClick=${(e) => { e.preventDefault(); setOpen(open === name ? '' : name); }} data-field=${name}>${name}</a>
        <span class="muted">${f.count}</span>
      </div>
      ${open === name ? html`<ul class="top-values">
        ${[...f.values.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([v, n]) => html`<li>
          <span class="value" title=${v}>${v}</span> <span class="muted">${n}</span>
          <button class="mini" title="filter in" data-test="filter-in" onClick=${() => onFilter(filterTerm(name, v, false))}>+</button>
          <button class="mini" title="filter out" data-test="filter-out" onClick=${() => onFilter(filterTerm(name, v, true))}>−</button>
        </li>`)}
      </ul>` : ''}
    </div>`)}
  </aside>`;
}

export function EventDetail({ event, onClose }) {
  const [tab, setTab] = useState('normalized');
  const fields = normalizedFields(event);
  return html`<div class="detail" data-test="event-detail">
    <div class="detail-head">
      <b>Event ${event.id}</b>
      <span class="tabs">
        ${['normalized', 'native', 'meta', 'json'].map((t) => html`<button class=${tab === t ? 'active' : ''} onClick=${() => setTab(t)} data-tab=${t}>${t}</button>`)}
      </span>
      <button class="link" onClick=${onClose}>close ✕</button>
    </div>
    ${tab === 'normalized' ? html`<table class="kv">${Object.keys(fields).sort().map((k) => html`<tr><th>${k}</th><td>${fmtValue(fields[k])}</td></tr>`)}</table>` : ''}
    ${tab === 'native' ? html`<pre data-test="native">${JSON.stringify(event.native ?? {}, null, 2)}</pre>` : ''}
    ${tab === 'meta' ? html`<pre>${JSON.stringify(event.meta ?? {}, null, 2)}</pre>` : ''}
    ${tab === 'json' ? html`<pre>${JSON.stringify(event, null, 2)}</pre>` : ''}
  </div>`;
}
