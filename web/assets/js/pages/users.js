// User management (admins): create, change role, disable/enable, reset password.
import { html, useState } from '../lib.js';
import { get, post, patch } from '../api.js';
import { useAsync, ErrorBox, fmtTime } from '../ui.js';

const ROLES = ['read_only', 'analyst', 'admin'];

export function UsersPage({ me }) {
  const { data, error, reload } = useAsync(() => get('/api/v1/users'), []);
  const [form, setForm] = useState({ name: '', role: 'analyst', password: '' });
  const [actionError, setActionError] = useState(null);
  const act = async (fn) => { try { await fn(); setActionError(null); reload(); } catch (err) { setActionError(err); } };
  const create = (e) => { e.preventDefault(); act(async () => { await post('/api/v1/users', form); setForm({ name: '', role: 'analyst', password: '' }); }); };
  return html`<div>
    <h2>Users</h2>
    <${ErrorBox} error=${error || actionError} />
    <table class="grid" data-test="users"><thead><tr><th>name</th><th>role</th><th>state</th><th>last sign-in</th><th>created</th><th></th></tr></thead>
      <tbody>${(data?.users || []).map((u) => html`<tr data-user=${u.name}>
        <td>${u.name}</td>
        <td><select value=${u.role} disabled=${u.name === me.user.name} onChange=${(e) => act(() => patch(`/api/v1/users/${encodeURIComponent(u.name)}`, { role: e.target.value }))}>${ROLES.map((r) => html`<option value=${r}>${r}</option>`)}</select></td>
        <td>${u.disabled ? html`<span class="warn">disabled</span>` : 'active'}</td>
        <td>${fmtTime(u.last_sign_in_at)}</td><td>${fmtTime(u.created_at)}</td>
        <td>
          ${u.name !== me.user.name ? html`<button onClick=${() => act(() => patch(`/api/v1/users/${encodeURIComponent(u.name)}`, { disabled: !u.disabled }))}>${u.disabled ? 'Enable' : 'Disable'}</button>` : ''}
          <button onClick=${() => { const pw = prompt(`New password for ${u.name} (at least 10 characters)`); if (pw) act(() => post(`/api/v1/users/${encodeURIComponent(u.name)}/password`, { password: pw })); }}>Reset password</button>
        </td>
      </tr>`)}</tbody></table>
    <h3>New user</h3>
    <form class="toolbar" onSubmit=${create} data-test="new-user">
      <input name="name" placeholder="name" value=${form.name} onInput=${(e) => setForm({ ...form, name: e.target.value })} required />
      <select name="role" value=${form.role} onChange=${(e) => setForm({ ...form, role: e.target.value })}>${ROLES.map((r) => html`<option value=${r}>${r}</option>`)}</select>
      <input name="password" type="password" autocomplete="new-password" placeholder="password (10+ characters)" value=${form.password} onInput=${(e) => setForm({ ...form, password: e.target.value })} required />
      <button>Create</button>
    </form>
  </div>`;
}
