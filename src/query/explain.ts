/** The same AST in plain English, for the console and `vigil search --explain`. */
import type { Aggregation, Expr, Pipe, Query, ValueNode } from './ast.js';
import { literal } from './filter.js';

function value(v: ValueNode): string {
  const t = literal(v);
  if (v.wildcard) return `matches the pattern '${v.text}'`;
  if (/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(t) && !v.quoted) return `is in ${t}`;
  return `is '${t}' (any case)`;
}

function expr(e: Expr): string {
  switch (e.kind) {
    case 'and':
      return `${expr(e.left)} and ${expr(e.right)}`;
    case 'or':
      return `(${expr(e.left)} or ${expr(e.right)})`;
    case 'not':
      return `not (${expr(e.expr)})`;
    case 'match':
      return `${e.field} ${value(e.value)}`;
    case 'exists':
      return `${e.field} is present`;
    case 'compare': {
      const words = { '>': 'is greater than', '>=': 'is at least', '<': 'is less than', '<=': 'is at most' };
      return `${e.field} ${words[e.op]} ${literal(e.value)}`;
    }
    case 'range':
      return `${e.field} is between ${literal(e.low)} and ${literal(e.high)}`;
    case 'text':
      return `the text contains '${literal(e.value)}'`;
  }
}

function aggs(list: Aggregation[]): string {
  return list
    .map((a) => {
      const f = a.field ?? '';
      const text = { count: f ? `count of ${f}` : 'count', sum: `sum of ${f}`, avg: `average of ${f}`, min: `minimum of ${f}`, max: `maximum of ${f}`, dc: `distinct count of ${f}` }[a.fn];
      return a.name === (f ? `${a.fn}(${f})` : `${a.fn}()`) ? text : `${text} as ${a.name}`;
    })
    .join(', ');
}

function pipe(p: Pipe): string {
  switch (p.kind) {
    case 'stats':
      return `${aggs(p.aggs)}${p.by.length ? ` by ${p.by.join(', ')}` : ''}`;
    case 'timechart':
      return `${aggs(p.aggs)} per ${p.spanMs / 1000} s${p.by.length ? ` split by ${p.by[0]}` : ''}`;
    case 'sort':
      return `sorted by ${p.keys.map((k) => `${k.field}${k.desc ? ' descending' : ''}`).join(', ')}`;
    case 'head':
      return `first ${p.count}`;
    case 'fields':
      return `showing ${p.fields.join(', ')}`;
  }
}

export function explainQuery(q: Query): string {
  const base = q.filter ? `events where ${expr(q.filter)}` : 'all events';
  return [base, ...q.pipes.map(pipe)].join(', then ');
}
