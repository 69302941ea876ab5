/**
 * The same AST in plain English, for the console and `vigil search --explain`:
 * "events where user.name is 'alice' (any case) and source.ip is in 10.0.0.0/8, counted by host.name".
 */
import type { Aggregate, FilterNode, Match, Pipe, Query } from './ast.js';
import { hasWildcards, literalText, patternText } from './ast.js';

const COMPARISONS = { '>': 'is greater than', '>=': 'is at least', '<': 'is less than', '<=': 'is at most' } as const;

function quote(text: string): string {
  return `'${text.replace(/'/g, "\\'")}'`;
}

function match(field: string, m: Match): string {
  switch (m.kind) {
    case 'value':
      if (m.quoted) return `${field} is ${quote(m.text)} (any case)`;
      if (hasWildcards(m.parts)) return `${field} matches ${quote(patternText(m.parts))} (any case)`;
      return `${field} is ${quote(literalText(m.parts))} (any case)`;
    case 'compare':
      return `${field} ${COMPARISONS[m.op]} ${m.value}`;
    case 'range': {
      if (m.lower === null && m.upper === null) return `${field} is present`;
      if (m.lower === null) return `${field} ${m.upperInclusive ? COMPARISONS['<='] : COMPARISONS['<']} ${m.upper}`;
      if (m.upper === null) return `${field} ${m.lowerInclusive ? COMPARISONS['>='] : COMPARISONS['>']} ${m.lower}`;
      const ends = m.lowerInclusive && m.upperInclusive ? 'inclusive' : !m.lowerInclusive && !m.upperInclusive ? 'exclusive' : `${m.lowerInclusive ? 'including' : 'excluding'} ${m.lower}, ${m.upperInclusive ? 'including' : 'excluding'} ${m.upper}`;
      return `${field} is between ${m.lower} and ${m.upper} (${ends})`;
    }
    case 'exists':
      return `${field} is present`;
    case 'regex':
      return `${field} matches the regular expression /${m.pattern}/`;
    case 'cidr':
      return `${field} is in ${m.text}`;
  }
}

function filter(node: FilterNode, parent?: FilterNode['type']): string {
  switch (node.type) {
    case 'term':
      return match(node.field.name, node.match);
    case 'text':
      return node.quoted || !hasWildcards(node.parts)
        ? `the text contains ${quote(node.text)} (any case)`
        : `the text contains ${quote(patternText(node.parts))} (any case)`;
    case 'not':
      return `not ${node.child.type === 'and' || node.child.type === 'or' ? `(${filter(node.child)})` : filter(node.child, 'not')}`;
    case 'and': {
      const text = node.children.map((c) => filter(c, 'and')).join(' and ');
      return parent === 'not' ? `(${text})` : text;
    }
    case 'or': {
      const text = node.children.map((c) => filter(c, 'or')).join(' or ');
      return parent === 'and' || parent === 'not' ? `(${text})` : text;
    }
  }
}

function aggregate(a: Aggregate): string {
  const f = a.field?.name ?? '';
  const words = { count: f ? `count of ${f}` : 'count', sum: `sum of ${f}`, avg: `average of ${f}`, min: `minimum of ${f}`, max: `maximum of ${f}`, dc: `distinct count of ${f}` }[a.fn];
  const defaultName = f ? `${a.fn}(${f})` : a.fn;
  return a.name === defaultName ? words : `${words} as ${a.name}`;
}

function aggregates(list: Aggregate[]): string {
  return list.length === 1 && list[0].fn === 'count' && !list[0].field && list[0].name === 'count' ? 'counted' : `with ${list.map(aggregate).join(', ')}`;
}

function pipe(p: Pipe): string {
  switch (p.type) {
    case 'stats': {
      const by = p.by.map((f) => f.name).join(', ');
      return `${aggregates(p.aggregates)}${by ? ` by ${by}` : ''}`;
    }
    case 'timechart':
      return `${aggregates(p.aggregates)} per ${p.spanText || 'automatic'} interval${p.by ? ` split by ${p.by.name}` : ''}`;
    case 'sort':
      return `sorted by ${p.keys.map((k) => `${k.field.name}${k.descending ? ' descending' : ''}`).join(', ')}`;
    case 'head':
      return `first ${p.count}`;
    case 'fields':
      return `showing ${p.fields.map((f) => f.name).join(', ')}`;
  }
}

export function explainQuery(query: Query): string {
  const base = query.filter ? `events where ${filter(query.filter)}` : 'all events';
  return [base, ...query.pipes.map(pipe)].join(', ');
}
