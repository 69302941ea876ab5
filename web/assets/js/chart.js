// uPlot charts: time series (x = epoch seconds), lines or bars, resized with their box.
import uPlot from 'uplot';
import { html, useEffect, useRef } from './lib.js';

const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/**
 * `x`: epoch seconds; `series`: [{ label, values }]. `bars` draws bars (stacked when there are
 * several series) for histograms. `onSelect(fromMs, toMs)` fires when the user drags a range.
 */
export function TimeChart({ x, series: given, height = 160, bars = false, onSelect, testId }) {
  const box = useRef(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const paths = bars ? uPlot.paths.bars({ size: [0.9, 40] }) : undefined;
    const series = bars ? stacked(given) : given;
    // Half a bucket of room on each side, so the first and last bars are not cut in half.
    const step = x.length > 1 ? Math.min(...x.slice(1).map((v, i) => v - x[i])) : 3600;
    const opts = {
      width: Math.max(200, box.current.clientWidth),
      height,
      legend: { show: series.length > 1 },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true, ...(bars ? { range: (_u, min, max) => [min - step / 2, max + step / 2] } : {}) } },
      axes: [{ stroke: '#999' }, { stroke: '#999', size: 50 }],
      series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], fill: bars ? `${COLORS[i % COLORS.length]}99` : undefined, width: 1.5, paths, points: { show: false } }))],
      hooks: onSelect ? { setSelect: [(u) => {
        if (u.select.width < 3) return;
        const from = u.posToVal(u.select.left, 'x');
        const to = u.posToVal(u.select.left + u.select.width, 'x');
        onSelect(Math.round(from * 1000), Math.round(to * 1000));
      }] } : {},
    };
    const plot = new uPlot(opts, [x, ...series.map((s) => s.values)], box.current);
    const el = box.current;
    const resize = new ResizeObserver(() => { if (el.isConnected) plot.setSize({ width: Math.max(200, el.clientWidth), height }); });
    resize.observe(el);
    return () => { resize.disconnect(); plot.destroy(); };
  }, [x, given, height, bars]);
  return html`<div class="chart" ref=${box} data-test=${testId || 'chart'}></div>`;
}

/**
 * Bars for several series are drawn as cumulative totals, largest first, so each group's bar
 * sits on top of the previous ones (uPlot draws series in order and has no stacking of its own).
 */
function stacked(series) {
  let running = null;
  const totals = series.map((s) => {
    running = running ? running.map((v, i) => v + (s.values[i] || 0)) : s.values.map((v) => v || 0);
    return { label: s.label, values: running };
  });
  return totals.reverse();
}

/**
 * Pivots timechart rows (long format: _time, by-value, count) into uPlot columns, keeping the
 * `maxSeries` largest groups and folding the rest into "other" so a chart stays readable.
 */
export function pivotTimechart(rows, byField, valueField = 'count', maxSeries = 8) {
  const times = [...new Set(rows.map((r) => Date.parse(r._time)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const totals = new Map();
  for (const r of rows) {
    const key = byField ? String(r[byField] ?? '(none)') : valueField;
    totals.set(key, (totals.get(key) || 0) + Number(r[valueField] || 0));
  }
  const keep = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, maxSeries).map(([k]) => k);
  const others = totals.size > keep.length;
  const cols = new Map([...keep, ...(others ? ['other'] : [])].map((k) => [k, new Array(times.length).fill(0)]));
  for (const r of rows) {
    const key = byField ? String(r[byField] ?? '(none)') : valueField;
    const col = cols.get(keep.includes(key) ? key : 'other');
    col[index.get(Date.parse(r._time))] += Number(r[valueField] || 0);
  }
  return { x: times.map((t) => t / 1000), series: [...cols.entries()].map(([label, values]) => ({ label, values })) };
}
