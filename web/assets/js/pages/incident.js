// One incident: status / assignee / resolution, its alerts, entities, a timeline across sources,
// a process tree where process events exist, and comments.
import { html, useState, useEffect } from '../lib.js';
import { get, post, patch } from '../api.js';
import { useAsync, ErrorBox, fmtTime, fmtValue, Level, entitySearchHash } from '../ui.js';
import { INCIDENT_STATUSES, Entities } from './queues.js';
import { ProcessTree } from './process-tree.js';

const TIMELINE_COLUMNS = ['@timestamp', 'source', 'why', 'host.name', 'user.name', 'event.action', 'process.command_line', 'message'];

/** Timeline entries ({id, ts, source, reason, fields}) as flat events, oldest first. */
export function timelineEvents(timeline) {
  const list = Array.isArray(timeline) ? timeline : timeline?.events || [];
  return list
    .map((e) => (e.fields ? { ...e.fields, id: e.id, '@timestamp': e.fields['@timestamp'] ?? e.ts, source: e.source ?? e.fields.source, why: e.reason } : e))
    .sort((a, b) => String(a['@timestamp']).localeCompare(String(b['@timestamp'])));
}

function Editor({ incident, canEdit, onSaved }) {
  const [status, setStatus] = useState(incident.status);
  const [assignee, setAssignee] = useState(incident.assignee || '');
  const [resolution, setResolution] = useState(incident.resolution || '');
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => { setStatus(incident.status); setAssignee(incident.assignee || ''); }, [incident.status, incident.assignee]);
  const save = async () => {
    setSaved(false);
    try {
      await patch(`/api/v1/incidents/${encodeURIComponent(incident.id)}`, { status, assignee: assignee || null, ...(resolution ? { resolution } : {}) });
      setError(null); setSaved(true); onSaved();
    } catch (err) { setError(err); }
  };
  const statuses = INCIDENT_STATUSES.includes(incident.status) ? INCIDENT_STATUSES : [incident.status, ...INCIDENT_STATUSES];
  return html`<div class="toolbar editor">
    <label>Status <select data-test="incident-status" value=${status} disabled=${!canEdit} onChange=${(e) => setStatus(e.target.value)}>${statuses.map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
    <label>Assignee <input data-test="incident-assignee" value=${assignee} disabled=${!canEdit} onInput=${(e) => setAssignee(e.target.value)} /></label>
    <label>Resolution <input value=${resolution} disabled=${!canEdit} onInput=${(e) => setResolution(e.target.value)} placeholder="e.g. true positive, contained" /></label>
    <button data-test="incident-save" onClick=${save}>Save</button>
    ${saved ? html`<span class="ok" data-test="saved">saved</span>` : ''}
    <${ErrorBox} error=${error} />
  </div>`;
}

function Comments({ incident, comments, canEdit, onAdded }) {
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const add = async (e) => {
    e.preventDefault();
    try { await post(`/api/v1/incidents/${encodeURIComponent(incident.id)}/comments`, { text }); setText(''); setError(null); onAdded(); } catch (err) { setError(err); }
  };
  return html`<section><h3>Comments</h3>
    <ul class="comments">${comments.map((c) => html`<li><b>${c.author || c.user}</b> <span class="muted">${fmtTime(c.created_at || c.ts)}</span><div>${c.text}</div></li>`)}</ul>
    ${canEdit ? html`<form onSubmit=${add}><textarea data-test="comment" value=${text} onInput=${(e) => setText(e.target.value)} rows="3"></textarea><button disabled=${!text.trim()}>Add comment</button></form>` : ''}
    <${ErrorBox} error=${error} />
  </section>`;
}

export function IncidentPage({ id, me }) {
  const { data, error, reload } = useAsync(() => get(`/api/v1/incidents/${encodeURIComponent(id)}`), [id]);
  const [selected, setSelected] = useState(null);
  if (error && !data) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<div class="muted">Loading…</div>`;
  const { incident, alerts = [], entities, risk = [] } = data;
  const timeline = timelineEvents(data.timeline);
  const truncated = data.timeline?.truncated;
  const canEdit = me.user.role !== 'read_only';
  return html`<div class="incident" data-test="incident">
    <h2><${Level} level=${incident.level ?? incident.severity} /> ${incident.title}</h2>
    <div class="muted">${incident.id} · ${incident.alert_count ?? alerts.length} alerts · ${fmtTime(incident.first_seen)} → ${fmtTime(incident.last_seen)}</div>
    <${Editor} incident=${incident} canEdit=${canEdit} onSaved=${reload} />
    <section><h3>Entities</h3>
      ${risk.length ? '' : html`<${Entities} entities=${entities || incident.entities} />`}
      ${risk.length ? html`<table class="grid"><thead><tr><th>entity</th><th>kind</th><th>risk</th><th>alerts</th></tr></thead>
        <tbody>${risk.map((r) => html`<tr><td><a href=${entitySearchHash(r.kind, r.value)}>${r.value}</a></td><td>${r.kind}</td><td>${Math.round(r.score)}</td><td>${r.alerts}</td></tr>`)}</tbody></table>` : ''}
    </section>
    <section><h3>Alerts</h3><table class="grid"><thead><tr><th>level</th><th>rule</th><th>status</th><th>count</th><th>first</th><th>last</th></tr></thead>
      <tbody>${alerts.map((a) => html`<tr><td><${Level} level=${a.rule?.level} /></td><td>${a.rule?.title}</td><td>${a.status}</td><td>${a.count}</td><td>${fmtTime(a.first_seen)}</td><td>${fmtTime(a.last_seen)}</td></tr>`)}</tbody></table></section>
    <section><h3>Timeline (${timeline.length} events${truncated ? ', truncated' : ''})</h3>
      <table class="grid" data-test="timeline"><thead><tr>${TIMELINE_COLUMNS.map((c) => html`<th>${c}</th>`)}</tr></thead>
        <tbody>${timeline.map((e) => html`<tr onClick=${() => setSelected(selected === e ? null : e)}>
          ${TIMELINE_COLUMNS.map((c) => html`<td>${c === '@timestamp' ? fmtTime(e[c]) : fmtValue(e[c]).slice(0, 200)}</td>`)}</tr>`)}</tbody></table>
      ${selected ? html`<pre>${JSON.stringify(selected, null, 2)}</pre>` : ''}
    </section>
    <section><h3>Process tree</h3><${ProcessTree} events=${timeline} /></section>
    <${Comments} incident=${incident} comments=${data.comments || incident.comments || []} canEdit=${canEdit} onAdded=${reload} />
  </div>`;
}
