// Every call to the API goes through here: JSON in and out, the CSRF header on changes
// (sessions only: the cookie is HttpOnly, the token comes from the sign-in answer), and one
// error type carrying the API's {error:{code,message,...}} details (e.g. `column` for queries).
let csrf = '';
let onUnauthorized = () => {};

export function setCsrf(token) { csrf = token || ''; }
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    this.details = body?.error || {};
  }
}

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-vigil-csrf'] = csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : {}; } catch { json = { error: { message: text.slice(0, 300) } }; }
  if (res.status === 401 && path !== '/api/v1/session') onUnauthorized();
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

/** Builds a query string, leaving out empty values. */
export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
