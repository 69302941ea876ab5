// One incident: status / assignee / resolution, its alerts, entities, a timeline across sources,
// a process tree where process events exist, and comments.
import { html, useState, useEffect } from '../lib.js';
import { get, post, patch } from '../api.js';
import { useAsync, ErrorBox, fmtTime, fmtValue, Level } from '../ui.js';
import { INCIDENT_STATUSES, Entities } from './queues.js';
import { ProcessTree } from './process-tree.js';

const TIMELINE_COLUMNS = ['@timestamp', 'source', 'host.name', 'user.name', 'event.action', 'process.command_line', 'message'];

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

function Comments({ incident, canEdit, onAdded }) {
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const add = async (e) => {
    e.preventDefault();
    try { await post(`/api/v1/incidents/${encodeURIComponent(incident.id)}/comments`, { text }); setText(''); setError(null); onAdded(); } catch (err) { setError(err); }
  };
  return html`<section><h3>Comments</h3>
    <ul class="comments">${(incident.comments || []).map((c) => html`<li><b>${c.author || c.user}</b> <span class="muted">${fmtTime(c.created_at || c.ts)}</span><div>${c.text}</div></li>`)}</ul>
    ${canEdit ? html`<form onSubmit=${add}><textarea data-test="comment" value=${text} onInput=${(e) => setText(e.target.value)} rows="3"></textarea><button disabled=${!text.trim()}>Add comment</button></form>` : ''}
    <${ErrorBox} error=${error} />
  </section>`;
}

export function IncidentPage({ id, me }) {
  const { data, error, reload } = useAsync(() => get(`/api/v1/incidents/${encodeURIComponent(id)}`), [id]);
  const [selected, setSelected] = useState(null);
  if (error && !data) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<div class="muted">Loading…</div>`;
  const { incident, alerts = [], entities, timeline = [] } = data;
  const canEdit = me.user.role !== 'read_only';
  return html`<div class="incident" data-test="incident">
    <h2><${Level} level=${incident.severity} /> ${incident.title}</h2>
    <div class="muted">${incident.id} · ${incident.alert_count ?? alerts.length} alerts · ${fmtTime(incident.first_seen)} → ${fmtTime(incident.last_seen)}</div>
    <${Editor} incident=${incident} canEdit=${canEdit} onSaved=${reload} />
    <section><h3>Entities</h3><${Entities} entities=${entities || incident.entities} /></section>
    <section><h3>Alerts</h3><table class="grid"><thead><tr><th>level</th><th>rule</th><th>status</th><th>count</th><th>first</th><th>last</th></tr></thead>
      <tbody>${alerts.map((a) => html`<tr><td><${Level} level=${a.rule?.level} /></td><td>${a.rule?.title}</td><td>${a.status}</td><td>${a.count}</td><td>${fmtTime(a.first_seen)}</td><td>${fmtTime(a.last_seen)}</td></tr>`)}</tbody></table></section>
    <section><h3>Timeline (${timeline.length} events)</h3>
      <table class="grid" data-test="timeline"><thead><tr>${TIMELINE_COLUMNS.map((c) => html`<th>${c}</th>`)}</tr></thead>
        <tbody>${[...timeline].sort((a, b) => String(a['@timestamp']).localeCompare(String(b['@timestamp']))).map((e) => html`<tr onClick=${() => setSelected(selected === e ? null : e)}>
          ${TIMELINE_COLUMNS.map((c) => html`<td>${c === '@timestamp' ? fmtTime(e[c]) : fmtValue(e[c]).slice(0, 200)}</td>`)}</tr>`)}</tbody></table>
      ${selected ? html`<pre>${JSON.stringify(selected, null, 2)}</pre>` : ''}
    </section>
    <section><h3>Process tree</h3><${ProcessTree} events=${timeline} /></section>
    <${Comments} incident=${incident} canEdit=${canEdit} onAdded=${reload} />
  </div>`;
}
