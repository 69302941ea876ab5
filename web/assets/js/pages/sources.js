// Sources: per-source counters and every receiver's own state (addresses, connections, drops).
import { html } from '../lib.js';
import { ErrorBox } from '../ui.js';
import { SourceTable, useLastSeen, useHealthPoll } from './overview.js';

const fmt = (v) => (v && typeof v === 'object' ? Object.entries(v).map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : x}`).join(', ') : String(v ?? ''));

export function SourcesPage() {
  const { data, error, rates } = useHealthPoll();
  const lastSeen = useLastSeen();
  const components = Object.entries(data?.components || {});
  return html`<div>
    <h2>Sources <small class="muted">refreshed every 5 s</small></h2>
    <${ErrorBox} error=${error} />
    <h3>Event sources</h3>
    <${SourceTable} health=${data} lastSeen=${lastSeen} rates=${rates} />
    <h3>Receivers and components</h3>
    <table class="grid" data-test="components"><thead><tr><th>component</th><th>kind</th><th>received</th><th>emitted</th><th>dropped</th><th>failed</th><th>state</th></tr></thead>
      <tbody>${components.map(([id, c]) => {
        const { kind, received, emitted, dropped, failed, ...state } = c;
        return html`<tr><td>${id}</td><td>${kind}</td><td>${received}</td><td>${emitted}</td><td>${fmt(dropped)}</td><td>${fmt(failed)}</td><td><small>${fmt(state)}</small></td></tr>`;
      })}</tbody></table>
    ${data ? html`<h3>Store</h3><pre>${JSON.stringify(data.store, null, 2)}</pre>` : ''}
  </div>`;
}
