/** The console's API on the real server: sign-in, cookie flags, CSRF, roles, tokens, audit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/server.js';

/** Status of a response whose body is read, so no half-read keep-alive socket outlives the server. */
async function status(res: Promise<Response> | Response): Promise<number> {
  const r = await res;
  await r.arrayBuffer();
  return r.status;
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({ headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function addUser(s: TestServer, name: string, role: string, password = `${name}-password-1`) {
  const res = await s.request('/api/v1/users', { method: 'POST', ...json({ name, role, password }) });
  assert.equal(res.status, 201, await res.clone().text());
}

async function signIn(s: TestServer, user: string, password = `${user}-password-1`) {
  const res = await fetch(`${s.url}/api/v1/session`, { method: 'POST', ...json({ user, password }) });
  const body = (await res.json()) as { csrf: string; user: { role: string } };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { res, body, cookie };
}

test('sign-in sets an HttpOnly SameSite=Strict session cookie; changes need the CSRF header; sign-out ends it', async () => {
  const s = await startTestServer();
  try {
    await addUser(s, 'ana', 'analyst');
    const { res, body, cookie } = await signIn(s, 'ana');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('set-cookie') ?? '', /^vigil_session=vgs_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    assert.equal(body.user.role, 'analyst');

    const me = await fetch(`${s.url}/api/v1/session/me`, { headers: { cookie } });
    assert.deepEqual(await me.json(), { user: { name: 'ana', role: 'analyst' }, via: 'session', csrf: body.csrf });

    const save = (headers: Record<string, string>) => fetch(`${s.url}/api/v1/saved-searches`, { method: 'POST', ...json({ name: 'fails', q: 'event.outcome:failure' }, { cookie, ...headers }) });
    assert.equal(await status(save({})), 403, 'no CSRF header');
    assert.equal(await status(save({ 'x-vigil-csrf': 'forged' })), 403, 'wrong CSRF header');
    assert.equal(await status(save({ 'x-vigil-csrf': body.csrf })), 201);

    const out = await fetch(`${s.url}/api/v1/session`, { method: 'DELETE', headers: { cookie, 'x-vigil-csrf': body.csrf } });
    assert.equal(await status(out), 200);
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    assert.equal(await status(fetch(`${s.url}/api/v1/session/me`, { headers: { cookie } })), 401);
  } finally {
    await s.stop();
  }
});

test('wrong passwords get one answer, are rate-limited per user with 429, and are counted', async () => {
  const s = await startTestServer();
  try {
    await addUser(s, 'ana', 'analyst');
    const unknown = await signIn(s, 'nobody', 'whatever-password');
    const wrong = await signIn(s, 'ana', 'wrong-password-1');
    assert.equal(unknown.res.status, 401);
    assert.deepEqual(unknown.body, wrong.body, 'no hint whether the user exists');
    for (let i = 0; i < 4; i++) assert.equal((await signIn(s, 'ana', 'wrong-password-1')).res.status, 401);
    const limited = await signIn(s, 'ana');
    assert.equal(limited.res.status, 429, 'even the right password waits once the limit is hit');
    assert.ok(Number(limited.res.headers.get('retry-after')) > 0);
    const metrics = await (await s.request('/metrics')).text();
    assert.match(metrics, /vigil_sign_in_total\{outcome="failed"\} 6/);
    assert.match(metrics, /vigil_sign_in_total\{outcome="rate_limited"\} 1/);
  } finally {
    await s.stop();
  }
});

test('roles: user management is admin-only; a read-only user reads but cannot change', async () => {
  const s = await startTestServer();
  try {
    await addUser(s, 'vera', 'read_only');
    await addUser(s, 'ana', 'analyst');
    await addUser(s, 'root', 'admin');
    const vera = await signIn(s, 'vera');
    const ana = await signIn(s, 'ana');
    const root = await signIn(s, 'root');
    const as = (who: { cookie: string; body: { csrf: string } }, path: string, init: RequestInit = {}) =>
      fetch(`${s.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: who.cookie, 'x-vigil-csrf': who.body.csrf } });

    assert.equal(await status(as(vera, '/api/v1/search?q=*')), 200);
    assert.equal(await status(as(vera, '/api/v1/users')), 403);
    assert.equal(await status(as(ana, '/api/v1/users')), 403);
    assert.equal(await status(as(vera, '/api/v1/ingest', { method: 'POST', body: '{}' })), 403);
    assert.equal(await status(as(root, '/api/v1/users')), 200);

    const demote = await as(root, '/api/v1/users/ana', { method: 'PATCH', ...json({ role: 'read_only' }) });
    assert.equal(demote.status, 200);
    assert.equal(await status(as(ana, '/api/v1/saved-searches', { method: 'POST', ...json({ name: 'x', q: '*' }) })), 201, 'read-only users may keep saved searches');
    assert.equal(await status(as(root, '/api/v1/users/root', { method: 'PATCH', ...json({ disabled: true }) })), 400, 'no self-lockout');
    assert.equal(await status(as(root, '/api/v1/users/ana', { method: 'PATCH', ...json({ disabled: true }) })), 200);
    assert.equal(await status(as(ana, '/api/v1/search?q=*')), 401, 'disabling ends the sessions');
    assert.equal(await status(as(root, '/api/v1/users/vera/password', { method: 'POST', ...json({ password: 'a-fresh-password' }) })), 200);
    assert.equal(await status(as(vera, '/api/v1/search?q=*')), 401, 'a reset ends the sessions');
    assert.equal((await signIn(s, 'vera', 'a-fresh-password')).res.status, 200);
  } finally {
    await s.stop();
  }
});

test('user API tokens: created once, act with the user\'s role, revocable; the admin token has none', async () => {
  const s = await startTestServer();
  try {
    await addUser(s, 'vera', 'read_only');
    const vera = await signIn(s, 'vera');
    const headers = { cookie: vera.cookie, 'x-vigil-csrf': vera.body.csrf };
    const created = await fetch(`${s.url}/api/v1/users/me/tokens`, { method: 'POST', ...json({ name: 'cli' }, headers) });
    assert.equal(created.status, 201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal(await status(fetch(`${s.url}/api/v1/health`, { headers: bearer })), 200);
    assert.equal(await status(fetch(`${s.url}/api/v1/ingest`, { method: 'POST', headers: bearer, body: '{}' })), 403);
    const list = (await (await fetch(`${s.url}/api/v1/users/me/tokens`, { headers })).json()) as { tokens: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(list.tokens[0]).sort(), ['created_at', 'expires_at', 'id', 'last_used_at', 'name'], 'the secret is never listed');
    assert.equal(await status(fetch(`${s.url}/api/v1/users/me/tokens/${id}`, { method: 'DELETE', headers })), 200);
    assert.equal(await status(fetch(`${s.url}/api/v1/health`, { headers: bearer })), 401);
    assert.equal(await status(s.request('/api/v1/users/me/tokens')), 400);
    assert.ok(!s.logs.join('').includes(token), 'tokens never reach the log');
  } finally {
    await s.stop();
  }
});

test('audit: changes, searches and sign-in failures are recorded without secrets; admin-only; the chain verifies', async () => {
  const s = await startTestServer();
  try {
    await addUser(s, 'ana', 'analyst', 'ana-secret-password');
    await signIn(s, 'ana', 'not-the-password');
    const ana = await signIn(s, 'ana', 'ana-secret-password');
    assert.equal(await status(fetch(`${s.url}/api/v1/search?q=${encodeURIComponent('user.name:root')}&from=-1h`, { headers: { cookie: ana.cookie } })), 200);
    assert.equal(await status(fetch(`${s.url}/api/v1/health`, { headers: { cookie: ana.cookie } })), 200);
    assert.equal(await status(fetch(`${s.url}/api/v1/audit`, { headers: { cookie: ana.cookie } })), 403);

    const res = await s.request('/api/v1/audit?limit=50');
    const { entries, total } = (await res.json()) as { entries: Array<{ seq: number; actor: string; action: string; status: number; target: Record<string, unknown> }>; total: number };
    const trail = entries.reverse().map((e) => `${e.actor} ${e.action} ${e.status}`);
    assert.deepEqual(trail, [
      'admin POST /api/v1/users 201',
      'ana POST /api/v1/session 401',
      'ana POST /api/v1/session 200',
      'ana GET /api/v1/search 200',
      'ana GET /api/v1/audit 403',
    ].filter((x) => !x.includes('/audit ')), 'reads other than search are not audited; the refused audit read is a GET');
    assert.equal(total, 4);
    assert.deepEqual(entries[3].target, { q: 'user.name:root', from: '-1h' });
    const text = JSON.stringify(entries);
    assert.ok(!text.includes('ana-secret-password') && !text.includes('not-the-password') && !text.includes(ana.body.csrf));
    const verify = (await (await s.request('/api/v1/audit/verify')).json()) as { ok: boolean; entries: number };
    assert.deepEqual(verify, { ok: true, entries: 4 });
  } finally {
    await s.stop();
  }
});

test('the console is served without credentials, with a strict CSP, and nothing outside web/', async () => {
  const s = await startTestServer();
  try {
    const index = await fetch(`${s.url}/`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    const csp = index.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self' 'sha256-[\w+/=]+'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    const html = await index.text();
    assert.ok(!/<script(?![^>]*(type="importmap"|src=))/.test(html), 'the only inline script is the import map');
    const elastic = await fetch(`${s.url}/`, { headers: { accept: 'application/json' } });
    assert.notEqual(elastic.headers.get('content-type')?.includes('text/html'), true, 'a client not asking for HTML still reaches the Elasticsearch-compatible GET /');
    await elastic.arrayBuffer();
    for (const path of ['/assets/js/main.js', '/assets/app.css', '/vendor/preact.mjs', '/vendor/preact-hooks.mjs', '/vendor/htm.mjs', '/vendor/uplot.mjs']) {
      const res = await fetch(`${s.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.ok((await res.arrayBuffer()).byteLength > 0, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const etag = res.headers.get('etag') ?? '';
      assert.equal(await status(fetch(`${s.url}${path}`, { headers: { 'if-none-match': etag } })), 304, path);
    }
    for (const path of ['/assets/../package.json', '/assets/%2e%2e/package.json', '/vendor/..%2fpackage.json', '/assets/nope.js']) {
      assert.equal(await status(fetch(`${s.url}${path}`)), 404, path);
    }
  } finally {
    await s.stop();
  }
});
