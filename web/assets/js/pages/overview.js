// Overview: event rate by source, source health (last event, drops with reasons), detections
// over time by level, riskiest entities. Every query is bounded (time range, limits).
import { html, useState, useEffect, useRef } from '../lib.js';
import { get, qs } from '../api.js';
import { useAsync, ErrorBox, fmtTime, Level, entitySearchHash } from '../ui.js';
import { TimeChart, pivotTimechart } from '../chart.js';

const sum = (o) => Object.values(o || {}).reduce((a, b) => a + b, 0);
const reasons = (o) => Object.entries(o || {}).map(([k, v]) => `${k}: ${v}`).join(', ');

/** Events per second by source over the last hour (1-minute buckets ÷ 60). */
function RateChart() {
  const { data, error } = useAsync(() => get(`/api/v1/search${qs({ q: '* | timechart span=1m count() by source', from: '-1h' })}`), []);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<div class="muted">Loading…</div>`;
  const p = pivotTimechart(data.rows, 'source', 'count');
  const perSecond = { x: p.x, series: p.series.map((s) => ({ label: s.label, values: s.values.map((v) => v / 60) })) };
  return p.x.length ? html`<${TimeChart} x=${perSecond.x} series=${perSecond.series} testId="rate-chart" />` : html`<div class="muted">No events in the last hour.</div>`;
}

/** Detections per hour by level, from the newest alerts (bounded to 1000). */
function DetectionsChart() {
  const { data, error } = useAsync(() => get(`/api/v1/alerts${qs({ limit: 1000, from: '-7d' })}`), []);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<div class="muted">Loading…</div>`;
  const rows = [];
  for (const a of data.alerts || []) {
    const t = typeof a.last_seen === 'number' ? a.last_seen : Date.parse(a.last_seen);
    if (Number.isNaN(t)) continue;
    rows.push({ _time: new Date(Math.floor(t / 3600_000) * 3600_000).toISOString(), level: a.rule?.level || 'unknown', count: a.count || 1 });
  }
  const p = pivotTimechart(rows, 'level', 'count');
  return p.x.length ? html`<${TimeChart} x=${p.x} series=${p.series} bars=${true} testId="detections-chart" />` : html`<div class="muted">No detections yet.</div>`;
}

function RiskyEntities() {
  const { data, error } = useAsync(() => get(`/api/v1/entities/risk${qs({ limit: 10 })}`), []);
  if (error) return html`<${ErrorBox} error=${error} />`;
  const entities = (data?.entities || []).slice(0, 10);
  return html`<table class="grid" data-test="risky-entities"><thead><tr><th>entity</th><th>kind</th><th>risk</th><th>alerts</th><th>max level</th></tr></thead>
    <tbody>${entities.map((e) => html`<tr><td><a href=${entitySearchHash(e.kind, e.value)}>${e.value}</a></td><td>${e.kind}</td><td>${Math.round(e.score ?? e.risk ?? 0)}</td><td>${e.alerts ?? ''}</td><td>${e.max_level ? html`<${Level} level=${e.max_level} />` : ''}</td></tr>`)}</tbody></table>`;
}

/**
 * Polls /api/v1/health and derives events per second per source from the difference of the
 * `stored` counters between two polls (the counters are totals since the server started).
 */
export function useHealthPoll(intervalMs = 5000) {
  const [state, setState] = useState({ data: undefined, error: undefined, rates: {} });
  const last = useRef(undefined);
  useEffect(() => {
    let live = true;
    const poll = async () => {
      // A hidden tab does not poll: it would only keep the session from reaching its idle timeout.
      if (document.hidden && last.current) return;
      try {
        const data = await get('/api/v1/health');
        const now = performance.now();
        const rates = {};
        if (last.current) {
          const seconds = (now - last.current.at) / 1000;
          for (const [id, s] of Object.entries(data.sources)) rates[id] = Math.max(0, (s.stored - (last.current.sources[id]?.stored ?? 0)) / seconds);
        }
        last.current = { at: now, sources: data.sources };
        if (live) setState({ data, error: undefined, rates });
      } catch (error) {
        if (live) setState((s) => ({ ...s, error }));
      }
    };
    poll();
    const timer = setInterval(poll, intervalMs);
    return () => { live = false; clearInterval(timer); };
  }, [intervalMs]);
  return state;
}

export function SourceTable({ health, lastSeen, rates }) {
  const sources = Object.entries(health?.sources || {}).sort((a, b) => b[1].received - a[1].received);
  return html`<table class="grid" data-test="source-health"><thead><tr>
      <th>source</th><th>now (ev/s)</th><th>received</th><th>stored</th><th>evaluated</th><th>rejected</th><th>dropped</th><th>last event</th></tr></thead>
    <tbody>${sources.map(([id, s]) => html`<tr>
      <td><a href=${`#/search?q=${encodeURIComponent(`source:${id}`)}`}>${id}</a></td>
      <td>${rates && id in rates ? rates[id].toFixed(1) : '…'}</td>
      <td>${s.received.toLocaleString()}</td><td>${s.stored.toLocaleString()}</td><td>${s.evaluated.toLocaleString()}</td>
      <td title=${reasons(s.rejected)} class=${sum(s.rejected) ? 'warn' : ''}>${sum(s.rejected)}${sum(s.rejected) ? html` <small>${reasons(s.rejected)}</small>` : ''}</td>
      <td class=${sum(s.dropped) ? 'warn' : ''}>${sum(s.dropped)}${sum(s.dropped) ? html` <small>${reasons(s.dropped)}</small>` : ''}</td>
      <td>${fmtTime(lastSeen?.[id])}</td>
    </tr>`)}</tbody></table>`;
}

/** Last event time per source (stored data, last 7 days), to spot a silent source. */
export function useLastSeen() {
  const [lastSeen, setLastSeen] = useState({});
  useEffect(() => {
    get(`/api/v1/search${qs({ q: '* | stats max(@timestamp) as last_seen by source', from: '-7d' })}`)
      .then((r) => setLastSeen(Object.fromEntries(r.rows.map((x) => [x.source, x.last_seen]))), () => {});
  }, []);
  return lastSeen;
}

export function OverviewPage() {
  const health = useHealthPoll();
  const lastSeen = useLastSeen();
  const h = health.data;
  return html`<div class="overview">
    <h2>Overview</h2>
    ${h ? html`<div class="cards">
      <div class="card"><b>${h.store.events.toLocaleString()}</b><span>events stored</span></div>
      <div class="card"><b>${Object.keys(h.sources).length}</b><span>sources</span></div>
      <div class="card"><b>${h.pipeline.pending_events}</b><span>pending</span></div>
      <div class="card"><b>${h.store.dead_letters}</b><span>dead letters</span></div>
      <div class="card"><b>${Math.round(h.uptime_s / 60)} min</b><span>uptime (v${h.version})</span></div>
    </div>` : ''}
    <${ErrorBox} error=${health.error} />
    <section><h3>Events per second by source (last hour)</h3><${RateChart} /></section>
    <section><h3>Detections over time by level</h3><${DetectionsChart} /></section>
    <div class="two">
      <section><h3>Source health</h3><${SourceTable} health=${h} lastSeen=${lastSeen} rates=${health.rates} /></section>
      <section><h3>Top entities by risk</h3><${RiskyEntities} /></section>
    </div>
  </div>`;
}
