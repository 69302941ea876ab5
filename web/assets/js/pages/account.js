// The signed-in user's API tokens (the secret is shown once) and password change.
import { html, useState } from '../lib.js';
import { get, post, del } from '../api.js';
import { useAsync, ErrorBox, fmtTime } from '../ui.js';

export function AccountPage({ me }) {
  const isUser = me.via !== 'admin_token';
  const { data, error, reload } = useAsync(() => (isUser ? get('/api/v1/users/me/tokens') : Promise.resolve({ tokens: [] })), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState(null);
  const [pw, setPw] = useState({ current_password: '', password: '' });
  const [msg, setMsg] = useState('');
  const [actionError, setActionError] = useState(null);
  const act = async (fn) => { try { await fn(); setActionError(null); reload(); } catch (err) { setActionError(err); } };
  if (!isUser) return html`<div><h2>${me.user.name}</h2><p>You are using the bootstrap admin token, which has no user account. Create users on the Users page.</p></div>`;
  return html`<div>
    <h2>${me.user.name} <small class="muted">${me.user.role}</small></h2>
    <${ErrorBox} error=${error || actionError} />
    <h3>API tokens</h3>
    <p class="muted">Use as <code>Authorization: Bearer TOKEN</code>. A token acts with your role; only its hash is stored.</p>
    <table class="grid" data-test="tokens"><thead><tr><th>name</th><th>created</th><th>last used</th><th>expires</th><th></th></tr></thead>
      <tbody>${(data?.tokens || []).map((t) => html`<tr><td>${t.name}</td><td>${fmtTime(t.created_at)}</td><td>${fmtTime(t.last_used_at)}</td><td>${fmtTime(t.expires_at) || 'never'}</td>
        <td><button onClick=${() => act(() => del(`/api/v1/users/me/tokens/${t.id}`))}>Revoke</button></td></tr>`)}</tbody></table>
    <form class="toolbar" onSubmit=${(e) => { e.preventDefault(); act(async () => { setCreated(await post('/api/v1/users/me/tokens', { name })); setName(''); }); }}>
      <input placeholder="token name, e.g. laptop-cli" value=${name} onInput=${(e) => setName(e.target.value)} required />
      <button>Create token</button>
    </form>
    ${created ? html`<div class="ok" data-test="new-token">Copy it now, it is not shown again: <code>${created.token}</code></div>` : ''}
    <h3>Change password</h3>
    <form class="toolbar" onSubmit=${(e) => { e.preventDefault(); act(async () => { await post('/api/v1/users/me/password', pw); setMsg('Password changed; sign in again.'); setTimeout(() => location.reload(), 1500); }); }}>
      <input type="password" autocomplete="current-password" placeholder="current password" value=${pw.current_password} onInput=${(e) => setPw({ ...pw, current_password: e.target.value })} required />
      <input type="password" autocomplete="new-password" placeholder="new password (10+ characters)" value=${pw.password} onInput=${(e) => setPw({ ...pw, password: e.target.value })} required />
      <button>Change</button>
    </form>
    ${msg ? html`<div class="ok">${msg}</div>` : ''}
  </div>`;
}
