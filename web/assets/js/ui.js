// Small shared pieces: data loading hook, error box, pager, time and level formatting, routing.
import { html, useState, useEffect, useCallback } from './lib.js';

/** Loads `fn()` whenever a dependency changes; keeps the last good data while reloading. */
export function useAsync(fn, deps) {
  const [state, setState] = useState({ loading: true, data: undefined, error: undefined });
  const reload = useCallback(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live && setState({ loading: false, data, error: undefined }),
      (error) => live && setState((s) => ({ loading: false, data: s.data, error })),
    );
    return () => { live = false; };
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

export function ErrorBox({ error }) {
  if (!error) return null;
  const missing = error.status === 404 && error.code === 'not_found' && /no route/.test(error.message);
  return html`<div class="error" role="alert" data-test="error">
    ${error.status ? html`<b>${error.status}</b> ` : ''}${missing ? 'This part of the API is not available on this server yet.' : error.message}
  </div>`;
}

export function Pager({ total, limit, offset, onChange }) {
  if (!total || total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return html`<div class="pager">
    <button disabled=${offset === 0} onClick=${() => onChange(Math.max(0, offset - limit))}>‹ Previous</button>
    <span>page ${page} of ${pages} (${total.toLocaleString()})</span>
    <button disabled=${offset + limit >= total} onClick=${() => onChange(offset + limit)}>Next ›</button>
  </div>`;
}

export function fmtTime(v) {
  if (v === null || v === undefined || v === '') return '';
  const d = typeof v === 'number' ? new Date(v) : new Date(String(v));
  if (Number.isNaN(d.getTime())) return String(v);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, '');
}

export function Level({ level }) {
  return html`<span class=${`level level-${level || 'unknown'}`}>${level || '—'}</span>`;
}

export function navigate(hash) {
  if (location.hash !== hash) location.hash = hash;
}

/** The current hash route: `#/incidents/abc?x=1` → { path: ['incidents','abc'], params }. */
export function parseHash(hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

const ENTITY_FIELDS = {
  host: ['host.name'],
  user: ['user.name'],
  ip: ['source.ip', 'destination.ip', 'host.ip'],
  process: ['process.executable', 'process.name'],
  hash: ['process.hash.sha256', 'file.hash.sha256', 'process.hash.md5'],
  domain: ['dns.question.name', 'url.domain', 'destination.domain'],
};

/** A search link for an entity: its value in the fields that hold that kind of entity. */
export function entitySearchHash(kind, value) {
  const quoted = `"${String(value).replace(/["\\]/g, (c) => `\\${c}`)}"`;
  const fields = ENTITY_FIELDS[kind];
  const q = fields ? fields.map((f) => `${f}:${quoted}`).join(' OR ') : quoted;
  return `#/search?q=${encodeURIComponent(q)}&from=-7d`;
}

export function fmtValue(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
