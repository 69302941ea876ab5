// Sign-in form: POST /api/v1/session sets the HttpOnly cookie and answers the CSRF token.
import { html, useState } from '../lib.js';
import { post } from '../api.js';

export function SignIn({ onSignedIn }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      onSignedIn(await post('/api/v1/session', { user, password }));
    } catch (err) {
      setError(err.status === 429 ? `${err.message} (${err.details.retry_after_s}s)` : err.message);
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="signin" onSubmit=${submit}>
    <h1>Vigil</h1>
    <label>User <input name="user" autocomplete="username" value=${user} onInput=${(e) => setUser(e.target.value)} required /></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" value=${password} onInput=${(e) => setPassword(e.target.value)} required /></label>
    ${error ? html`<div class="error" role="alert">${error}</div>` : ''}
    <button type="submit" disabled=${busy}>Sign in</button>
  </form>`;
}
