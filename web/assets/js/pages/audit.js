// Audit trail (admins): every change and search, newest first, and a chain verification.
import { html, useState } from '../lib.js';
import { get, qs } from '../api.js';
import { useAsync, ErrorBox, Pager, fmtTime, navigate } from '../ui.js';

const PAGE = 100;

export function AuditPage({ params }) {
  const offset = Number(params.get('offset') || 0);
  const actor = params.get('actor') || '';
  const { data, error } = useAsync(() => get(`/api/v1/audit${qs({ limit: PAGE, offset, actor })}`), [offset, actor]);
  const [verify, setVerify] = useState(null);
  const [verifyError, setVerifyError] = useState(null);
  const runVerify = async () => {
    try { setVerify(await get('/api/v1/audit/verify')); setVerifyError(null); } catch (err) { setVerifyError(err); }
  };
  return html`<div>
    <h2>Audit trail</h2>
    <div class="toolbar">
      <input placeholder="actor" value=${actor} onChange=${(e) => navigate(`#/audit${qs({ actor: e.target.value })}`)} />
      <button onClick=${runVerify} data-test="verify">Verify chain</button>
      ${verify ? html`<span data-test="verify-result" class=${verify.ok ? 'ok' : 'error'}>
        ${verify.ok ? `intact: ${verify.entries} entries` : `BROKEN at entry ${verify.first_bad} (${verify.reason}); ${verify.entries} entries before it check out`}</span>` : ''}
    </div>
    <${ErrorBox} error=${error || verifyError} />
    <table class="grid" data-test="audit"><thead><tr><th>#</th><th>time</th><th>actor</th><th>role</th><th>via</th><th>action</th><th>target</th><th>status</th><th>ip</th></tr></thead>
      <tbody>${(data?.entries || []).map((e) => html`<tr>
        <td>${e.seq}</td><td>${fmtTime(e.ts)}</td><td>${e.actor}</td><td>${e.role || ''}</td><td>${e.via}</td><td>${e.action}</td>
        <td><small>${JSON.stringify(e.target)}</small></td><td class=${e.status >= 400 ? 'warn' : ''}>${e.status}</td><td>${e.ip || ''}</td>
      </tr>`)}</tbody></table>
    <${Pager} total=${data?.total} limit=${PAGE} offset=${offset} onChange=${(o) => navigate(`#/audit${qs({ actor, offset: o })}`)} />
  </div>`;
}
