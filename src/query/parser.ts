/**
 * Recursive-descent parser for `filter | pipe | pipe ...`.
 *
 * Precedence, loosest first: OR, then AND (also implicit between terms), then NOT / `-` / `!`.
 * `field:(a OR b)` applies every value in the group to the field. Limits on length, nesting,
 * terms and pipes bound the work a hostile query can cause; regexes are checked with RE2.
 */
import { RE2JS } from 're2js';
import type { FieldRef, FilterNode, Match, Query, Span, TermNode } from './ast.js';
import { hasWildcards, literalText } from './ast.js';
import { parseCidr } from './cidr.js';
import { QuerySyntaxError } from './errors.js';
import { Lexer, type Token } from './lexer.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits.js';
import { parsePipes } from './pipes.js';

export interface ParseOptions {
  limits?: Partial<QueryLimits>;
}

export function parseQuery(text: string, options: ParseOptions = {}): Query {
  const limits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  if (text.length > limits.max_query_length) {
    throw new QuerySyntaxError(`query is longer than ${limits.max_query_length} characters`, limits.max_query_length + 1);
  }
  return new FilterParser(new Lexer(text), limits).parse();
}

type Mode = 'filter' | 'group';

class FilterParser {
  private depth = 0;
  private terms = 0;

  constructor(
    private readonly lexer: Lexer,
    private readonly limits: QueryLimits,
  ) {}

  parse(): Query {
    let filter: FilterNode | null = null;
    const first = this.peek('filter');
    if (first.kind !== 'pipe' && first.kind !== 'eof') filter = this.or('filter');
    const after = this.peek('filter');
    if (after.kind !== 'pipe' && after.kind !== 'eof') throw unexpected(after, ['AND', 'OR', 'a search term', '"|"', 'the end of the query']);
    const pipes = parsePipes(this.lexer, this.limits);
    return { text: this.lexer.input, filter: isMatchAll(filter) ? null : filter, pipes };
  }

  private peek(mode: Mode): Token {
    const at = this.lexer.save();
    const t = this.read(mode);
    this.lexer.restore(at);
    return t;
  }

  private read(mode: Mode): Token {
    return mode === 'filter' ? this.lexer.filterToken() : this.lexer.groupToken();
  }

  private nested<T>(column: number, parse: () => T): T {
    if (++this.depth > this.limits.max_nesting_depth) {
      throw new QuerySyntaxError(`nesting is deeper than ${this.limits.max_nesting_depth} levels`, column);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private or(mode: Mode, field?: FieldRef): FilterNode {
    const children = [this.and(mode, field)];
    while (this.peek(mode).kind === 'or') {
      this.read(mode);
      children.push(this.and(mode, field));
    }
    return children.length === 1 ? children[0] : { type: 'or', children, ...cover(children) };
  }

  private startsTerm(t: Token): boolean {
    return t.kind === 'field' || t.kind === 'word' || t.kind === 'phrase' || t.kind === 'lparen' || t.kind === 'not' || t.kind === 'regex' || t.kind === 'compare' || t.kind === 'range_open';
  }

  private and(mode: Mode, field?: FieldRef): FilterNode {
    const children = [this.unary(mode, field)];
    for (;;) {
      const t = this.peek(mode);
      if (t.kind === 'and') this.read(mode);
      else if (!this.startsTerm(t)) break;
      children.push(this.unary(mode, field));
    }
    return children.length === 1 ? children[0] : { type: 'and', children, ...cover(children) };
  }

  private unary(mode: Mode, field?: FieldRef): FilterNode {
    const t = this.peek(mode);
    if (t.kind === 'not') {
      this.read(mode);
      const child = this.nested(t.column, () => this.unary(mode, field));
      return { type: 'not', child, column: t.column, end: child.end };
    }
    return this.primary(mode, field);
  }

  private primary(mode: Mode, field?: FieldRef): FilterNode {
    const t = this.peek(mode);
    if (t.kind === 'lparen') {
      this.read(mode);
      const inner = this.nested(t.column, () => this.or(mode, field));
      const close = this.read(mode);
      if (close.kind !== 'rparen') throw unexpected(close, ['")"']);
      return { ...inner, column: t.column, end: close.end };
    }
    if (++this.terms > this.limits.max_terms) throw new QuerySyntaxError(`more than ${this.limits.max_terms} terms`, t.column);
    if (mode === 'group') return this.value(field!);
    const token = this.read(mode);
    if (token.kind === 'field') return this.fieldTerm({ name: token.text, column: token.column, end: token.end });
    if (token.kind === 'word' || token.kind === 'phrase') {
      const parts = token.parts ?? [{ kind: 'literal' as const, text: token.text }];
      return { type: 'text', parts, quoted: token.kind === 'phrase', text: token.text, column: token.column, end: token.end };
    }
    throw unexpected(token, ['a search term']);
  }

  private fieldTerm(field: FieldRef): FilterNode {
    const at = this.lexer.save();
    const t = this.lexer.valueToken();
    if (t.kind === 'lparen') {
      const inner = this.nested(t.column, () => this.or('group', field));
      const close = this.lexer.groupToken();
      if (close.kind !== 'rparen') throw unexpected(close, ['")"']);
      return { ...inner, column: field.column, end: close.end };
    }
    this.lexer.restore(at);
    return this.value(field);
  }

  private value(field: FieldRef): TermNode {
    const t = this.lexer.valueToken();
    const term = (match: Match, value: Span): TermNode => ({ type: 'term', field, match, value, column: Math.min(field.column, value.column), end: value.end });
    switch (t.kind) {
      case 'phrase':
        return term({ kind: 'value', parts: t.parts!, quoted: true, text: t.text }, t);
      case 'word': {
        const parts = t.parts!;
        if (parts.length === 1 && parts[0].kind === 'any') return term({ kind: 'exists' }, t);
        if (!hasWildcards(parts)) {
          const network = parseCidr(literalText(parts));
          if (network) return term({ kind: 'cidr', text: t.text, network }, t);
        }
        return term({ kind: 'value', parts, quoted: false, text: t.text }, t);
      }
      case 'regex':
        return term({ kind: 'regex', pattern: this.checkRegex(t) }, t);
      case 'compare': {
        const v = this.lexer.valueToken();
        if (v.kind !== 'word' && v.kind !== 'phrase') throw unexpected(v, [`a value after "${t.text}"`]);
        return term({ kind: 'compare', op: t.text as '>' | '>=' | '<' | '<=', value: v.text }, { column: t.column, end: v.end });
      }
      case 'range_open':
        return this.range(field, t);
      default:
        throw unexpected(t, [`a value for ${field.name}`]);
    }
  }

  private range(field: FieldRef, open: Token): TermNode {
    const bound = (): { text: string | null; token: Token } => {
      const b = this.lexer.rangeToken();
      if (b.kind === 'phrase') return { text: b.text, token: b };
      if (b.kind !== 'word') throw unexpected(b, ['a range bound (a value or *)']);
      const open = b.parts!.length === 1 && b.parts![0].kind === 'any';
      if (!open && hasWildcards(b.parts!)) throw new QuerySyntaxError('a range bound cannot hold wildcards', b.column, ['a value', '*']);
      return { text: open ? null : b.text, token: b };
    };
    const lower = bound();
    const to = this.lexer.rangeToken();
    if (to.kind !== 'to') throw unexpected(to, ['TO']);
    const upper = bound();
    const close = this.lexer.rangeToken();
    if (close.kind !== 'range_close') throw unexpected(close, ['"]"', '"}"']);
    const match: Match = { kind: 'range', lower: lower.text, upper: upper.text, lowerInclusive: open.text === '[', upperInclusive: close.text === ']' };
    return { type: 'term', field, match, value: { column: open.column, end: close.end }, column: field.column, end: close.end };
  }

  private checkRegex(t: Token): string {
    if (t.text.length > this.limits.max_regex_length) {
      throw new QuerySyntaxError(`regular expression is longer than ${this.limits.max_regex_length} characters`, t.column);
    }
    try {
      RE2JS.compile(t.text);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new QuerySyntaxError(`invalid regular expression: ${reason}`, t.column);
    }
    return t.text;
  }
}

function cover(nodes: readonly Span[]): Span {
  return { column: nodes[0].column, end: nodes[nodes.length - 1].end };
}

export function unexpected(t: Token, expected: string[]): QuerySyntaxError {
  const found = t.kind === 'eof' ? 'the end of the query' : `"${t.text}"`;
  return new QuerySyntaxError(`unexpected ${found}`, t.column, expected);
}

/** A lone `*` (or only `*` terms ANDed) filters nothing. */
function isMatchAll(node: FilterNode | null): boolean {
  if (!node) return true;
  if (node.type === 'text') return !node.quoted && node.parts.length === 1 && node.parts[0].kind === 'any';
  if (node.type === 'and') return node.children.every(isMatchAll);
  return false;
}
