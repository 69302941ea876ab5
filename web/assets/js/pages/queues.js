// Alert and incident queues: filters in the URL, server-side paging, bulk status/assignee changes.
import { html, useState } from '../lib.js';
import { get, post, patch, qs } from '../api.js';
import { useAsync, ErrorBox, Pager, fmtTime, Level, navigate } from '../ui.js';

export const ALERT_STATUSES = ['new', 'acknowledged', 'closed'];
export const INCIDENT_STATUSES = ['open', 'in_progress', 'closed'];
const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'];
const PAGE = 50;

function Filters({ params, base, statuses, withRule }) {
  const set = (k, v) => { const p = new URLSearchParams(params); if (v) p.set(k, v); else p.delete(k); p.delete('offset'); navigate(`#/${base}?${p}`); };
  return html`<div class="toolbar filters">
    <select data-test="filter-status" value=${params.get('status') || ''} onChange=${(e) => set('status', e.target.value)}>
      <option value="">any status</option>${statuses.map((s) => html`<option value=${s}>${s}</option>`)}
    </select>
    <select value=${params.get('level') || ''} onChange=${(e) => set('level', e.target.value)}>
      <option value="">any level</option>${LEVELS.map((s) => html`<option value=${s}>${s}</option>`)}
    </select>
    <input placeholder="assignee" value=${params.get('assignee') || ''} onChange=${(e) => set('assignee', e.target.value)} />
    ${withRule ? html`<input placeholder="rule id" value=${params.get('rule') || ''} onChange=${(e) => set('rule', e.target.value)} />` : ''}
  </div>`;
}

function Entities({ entities }) {
  return html`<span class="entities">${Object.entries(entities || {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).slice(0, 3).map((x) => html`<span class="chip" title=${k}>${k}: ${x}</span>`))}</span>`;
}

function BulkBar({ count, statuses, onApply, canEdit }) {
  const [status, setStatus] = useState('');
  const [assignee, setAssignee] = useState('');
  if (!canEdit) return null;
  return html`<div class="toolbar bulk" data-test="bulk">
    <span>${count} selected</span>
    <select data-test="bulk-status" value=${status} onChange=${(e) => setStatus(e.target.value)}><option value="">status…</option>${statuses.map((s) => html`<option value=${s}>${s}</option>`)}</select>
    <input placeholder="assign to" value=${assignee} onInput=${(e) => setAssignee(e.target.value)} />
    <button data-test="bulk-apply" disabled=${!count || (!status && !assignee)} onClick=${() => onApply({ ...(status ? { status } : {}), ...(assignee ? { assignee } : {}) })}>Apply</button>
  </div>`;
}

function filtersOf(params) {
  return { status: params.get('status'), level: params.get('level'), assignee: params.get('assignee'), rule: params.get('rule') };
}

export function AlertsPage({ me, params }) {
  const offset = Number(params.get('offset') || 0);
  const { data, error, reload } = useAsync(() => get(`/api/v1/alerts${qs({ ...filtersOf(params), limit: PAGE, offset })}`), [params.toString()]);
  const [picked, setPicked] = useState(new Set());
  const [open, setOpen] = useState('');
  const [bulkError, setBulkError] = useState(null);
  const alerts = data?.alerts || [];
  const toggle = (id) => setPicked((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const apply = async (change) => {
    try { await post('/api/v1/alerts/bulk', { ids: [...picked], ...change }); setPicked(new Set()); setBulkError(null); reload(); } catch (err) { setBulkError(err); }
  };
  return html`<div>
    <h2>Alerts</h2>
    <${Filters} params=${params} base="alerts" statuses=${ALERT_STATUSES} withRule=${true} />
    <${BulkBar} count=${picked.size} statuses=${ALERT_STATUSES} onApply=${apply} canEdit=${me.user.role !== 'read_only'} />
    <${ErrorBox} error=${error || bulkError} />
    <table class="grid" data-test="alerts"><thead><tr><th><input type="checkbox" onChange=${(e) => setPicked(e.target.checked ? new Set(alerts.map((a) => a.id)) : new Set())} /></th>
      <th>level</th><th>rule</th><th>status</th><th>assignee</th><th>count</th><th>entities</th><th>last seen</th><th>incident</th></tr></thead>
      <tbody>${alerts.map((a) => html`<tr onClick=${(e) => { if (e.target.tagName !== 'INPUT' && e.target.tagName !== 'A') setOpen(open === a.id ? '' : a.id); }}>
        <td><input type="checkbox" checked=${picked.has(a.id)} onChange=${() => toggle(a.id)} /></td>
        <td><${Level} level=${a.rule?.level} /></td>
        <td title=${(a.explanation || []).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n')}>${a.rule?.title}</td>
        <td>${a.status}</td><td>${a.assignee || ''}</td><td>${a.count}</td>
        <td><${Entities} entities=${a.entities} /></td><td>${fmtTime(a.last_seen)}</td>
        <td>${a.incident_id ? html`<a href=${`#/incidents/${a.incident_id}`}>open</a>` : ''}</td>
      </tr>${open === a.id ? html`<tr class="expanded"><td></td><td colspan="8" data-test="alert-detail">
        <ul>${(a.explanation || []).map((x) => html`<li><code>${typeof x === 'string' ? x : JSON.stringify(x)}</code></li>`)}</ul>
        ${(a.event_ids || []).length ? html`<a href=${`#/search?q=${encodeURIComponent(a.event_ids.slice(0, 20).map((id) => `id:${id}`).join(' OR '))}&from=`}>matched events (${a.event_count ?? a.event_ids.length})</a>` : ''}
      </td></tr>` : ''}`)}</tbody></table>
    <${Pager} total=${data?.total} limit=${PAGE} offset=${offset} onChange=${(o) => { const p = new URLSearchParams(params); p.set('offset', o); navigate(`#/alerts?${p}`); }} />
  </div>`;
}

export function IncidentsPage({ me, params }) {
  const offset = Number(params.get('offset') || 0);
  const { data, error, reload } = useAsync(() => get(`/api/v1/incidents${qs({ ...filtersOf(params), limit: PAGE, offset })}`), [params.toString()]);
  const [picked, setPicked] = useState(new Set());
  const [bulkError, setBulkError] = useState(null);
  const incidents = data?.incidents || [];
  const apply = async (change) => {
    try {
      // No bulk route for incidents: one PATCH each, at most a page (50) at a time.
      for (const id of picked) await patch(`/api/v1/incidents/${encodeURIComponent(id)}`, change);
      setPicked(new Set()); setBulkError(null); reload();
    } catch (err) { setBulkError(err); }
  };
  return html`<div>
    <h2>Incidents</h2>
    <${Filters} params=${params} base="incidents" statuses=${INCIDENT_STATUSES} withRule=${false} />
    <${BulkBar} count=${picked.size} statuses=${INCIDENT_STATUSES} onApply=${apply} canEdit=${me.user.role !== 'read_only'} />
    <${ErrorBox} error=${error || bulkError} />
    <table class="grid" data-test="incidents"><thead><tr><th></th><th>level</th><th>title</th><th>status</th><th>assignee</th><th>alerts</th><th>entities</th><th>first seen</th><th>last seen</th></tr></thead>
      <tbody>${incidents.map((i) => html`<tr>
        <td><input type="checkbox" checked=${picked.has(i.id)} onChange=${() => setPicked((s) => { const n = new Set(s); if (n.has(i.id)) n.delete(i.id); else n.add(i.id); return n; })} /></td>
        <td><${Level} level=${i.level ?? i.severity} /></td>
        <td><a href=${`#/incidents/${encodeURIComponent(i.id)}`} data-test="incident-link">${i.title}</a></td>
        <td>${i.status}</td><td>${i.assignee || ''}</td><td>${i.alert_count}</td>
        <td><${Entities} entities=${i.entities} /></td><td>${fmtTime(i.first_seen)}</td><td>${fmtTime(i.last_seen)}</td>
      </tr>`)}</tbody></table>
    <${Pager} total=${data?.total} limit=${PAGE} offset=${offset} onChange=${(o) => { const p = new URLSearchParams(params); p.set('offset', o); navigate(`#/incidents?${p}`); }} />
  </div>`;
}

export { Entities };
