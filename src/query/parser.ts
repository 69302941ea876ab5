/**
 * Recursive-descent parser: `filter | pipe | pipe ...`. OR binds loosest, then AND (also
 * implicit between terms), then NOT / leading '-'. Limits on length, depth and terms keep
 * a hostile query from costing more than a bad one.
 */
import type { Aggregation, AggFn, Expr, Pipe, Query, ValueNode } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';
import { parseDuration } from './time.js';

export const QUERY_LIMITS = { max_length: 10_000, max_depth: 32, max_terms: 256 };

const FIELD_NAME = /^[A-Za-z_@][A-Za-z0-9_@.\-]*$/;
const AGG_FNS: AggFn[] = ['count', 'sum', 'avg', 'min', 'max', 'dc'];

export function parseQuery(input: string): Query {
  if (input.length > QUERY_LIMITS.max_length) throw new QuerySyntaxError(`query longer than ${QUERY_LIMITS.max_length} characters`, QUERY_LIMITS.max_length + 1);
  return new Parser(tokenize(input)).parse();
}

class Parser {
  private i = 0;
  private depth = 0;
  private terms = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Query {
    let filter: Expr | undefined;
    if (!this.at('pipe') && !this.at('eof')) filter = this.orExpr();
    const pipes: Pipe[] = [];
    while (this.at('pipe')) {
      this.next();
      pipes.push(this.pipe());
    }
    if (!this.at('eof')) throw this.error(`unexpected "${this.peek().text}"`);
    // A lone `*` means everything.
    if (filter?.kind === 'text' && filter.value.text === '*' && filter.value.wildcard) filter = undefined;
    return { filter, pipes };
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private at(kind: TokenKind, text?: string): boolean {
    const t = this.peek();
    return t.kind === kind && (text === undefined || t.text.toUpperCase() === text);
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private expect(kind: TokenKind, what: string): Token {
    if (!this.at(kind)) throw this.error(`expected ${what}`);
    return this.next();
  }

  private error(message: string, col = this.peek().col): QuerySyntaxError {
    const t = this.peek();
    return new QuerySyntaxError(t.kind === 'eof' && !message.startsWith('unexpected') ? `${message}, found end of query` : message, col);
  }

  private nested<T>(col: number, fn: () => T): T {
    if (++this.depth > QUERY_LIMITS.max_depth) throw new QuerySyntaxError(`nesting deeper than ${QUERY_LIMITS.max_depth}`, col);
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.at('word', 'OR')) {
      const col = this.next().col;
      left = { kind: 'or', left, right: this.andExpr(), col };
    }
    return left;
  }

  private startsTerm(): boolean {
    const t = this.peek();
    if (t.kind === 'word') return t.text.toUpperCase() !== 'OR' && t.text.toUpperCase() !== 'AND';
    return t.kind === 'string' || t.kind === 'lparen' || t.kind === 'minus';
  }

  private andExpr(): Expr {
    let left = this.notExpr();
    for (;;) {
      if (this.at('word', 'AND')) {
        const col = this.next().col;
        left = { kind: 'and', left, right: this.notExpr(), col };
      } else if (this.startsTerm()) {
        left = { kind: 'and', left, right: this.notExpr(), col: this.peek().col };
      } else return left;
    }
  }

  private notExpr(): Expr {
    if (this.at('word', 'NOT') || this.at('minus')) {
      const col = this.next().col;
      return this.nested(col, () => ({ kind: 'not', expr: this.notExpr(), col }));
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'lparen') {
      this.next();
      const e = this.nested(t.col, () => this.orExpr());
      this.expect('rparen', '")"');
      return e;
    }
    if (++this.terms > QUERY_LIMITS.max_terms) throw new QuerySyntaxError(`more than ${QUERY_LIMITS.max_terms} terms`, t.col);
    if (t.kind === 'word' && this.peek(1).kind === 'colon') return this.fieldTerm();
    if (t.kind === 'word' || t.kind === 'string') return { kind: 'text', value: this.value(), col: t.col };
    throw this.error(t.kind === 'eof' ? 'expected a search term' : `unexpected "${t.text}"`);
  }

  private fieldTerm(): Expr {
    const f = this.next();
    if (!FIELD_NAME.test(f.text)) throw new QuerySyntaxError(`"${f.text}" is not a field name`, f.col);
    const field = f.text;
    this.next(); // colon
    const t = this.peek();
    if (t.kind === 'word' && t.text === '*') {
      this.next();
      return { kind: 'exists', field, col: f.col };
    }
    if (t.kind === 'cmp') {
      this.next();
      return { kind: 'compare', field, op: t.text as '>' | '>=' | '<' | '<=', value: this.value(), col: f.col };
    }
    if (t.kind === 'lbracket') {
      this.next();
      const low = this.value();
      if (!this.at('word', 'TO')) throw this.error('expected TO in a range [low TO high]');
      this.next();
      const high = this.value();
      this.expect('rbracket', '"]" to close the range');
      return { kind: 'range', field, low, high, col: f.col };
    }
    if (t.kind === 'lparen') {
      // field:(a OR b c) — every value applies to the field.
      this.next();
      const e = this.nested(t.col, () => this.valueGroup(field));
      this.expect('rparen', '")"');
      return e;
    }
    return { kind: 'match', field, value: this.value(), col: f.col };
  }

  private valueGroup(field: string): Expr {
    const one = (): Expr => {
      if (this.at('word', 'NOT')) {
        const col = this.next().col;
        return { kind: 'not', expr: one(), col };
      }
      const col = this.peek().col;
      return { kind: 'match', field, value: this.value(), col };
    };
    let left = one();
    while (!this.at('rparen') && !this.at('eof')) {
      const isOr = this.at('word', 'OR');
      if (isOr || this.at('word', 'AND')) this.next();
      const col = this.peek().col;
      left = { kind: isOr ? 'or' : 'and', left, right: one(), col };
    }
    return left;
  }

  private value(): ValueNode {
    const t = this.peek();
    if (t.kind === 'string') {
      this.next();
      return { text: t.text, quoted: true, wildcard: false, col: t.col };
    }
    if (t.kind === 'word') {
      this.next();
      return { text: t.text, quoted: false, wildcard: Boolean(t.wildcard), col: t.col };
    }
    throw this.error('expected a value');
  }

  private fieldName(): string {
    const t = this.expect('word', 'a field name');
    if (!FIELD_NAME.test(t.text)) throw new QuerySyntaxError(`"${t.text}" is not a field name`, t.col);
    return t.text;
  }

  private fieldList(): string[] {
    const out = [this.fieldName()];
    while (this.at('comma')) {
      this.next();
      out.push(this.fieldName());
    }
    return out;
  }

  private aggregation(): Aggregation {
    const t = this.expect('word', 'an aggregation such as count()');
    const fn = t.text.toLowerCase() as AggFn;
    if (!AGG_FNS.includes(fn)) throw new QuerySyntaxError(`unknown aggregation "${t.text}" (use ${AGG_FNS.map((f) => `${f}()`).join(', ')})`, t.col);
    this.expect('lparen', `"(" after ${fn}`);
    let field: string | undefined;
    if (!this.at('rparen')) field = this.fieldName();
    this.expect('rparen', '")"');
    if (fn !== 'count' && !field) throw new QuerySyntaxError(`${fn}() needs a field, e.g. ${fn}(network.bytes)`, t.col);
    let name = field ? `${fn}(${field})` : `${fn}()`;
    if (this.at('word', 'AS')) {
      this.next();
      name = this.fieldName();
    }
    return { fn, field, name, col: t.col };
  }

  private aggregations(): Aggregation[] {
    const aggs = [this.aggregation()];
    while (this.at('comma')) {
      this.next();
      aggs.push(this.aggregation());
    }
    return aggs;
  }

  private pipe(): Pipe {
    const t = this.expect('word', 'a command after "|" (stats, timechart, sort, head, fields)');
    const col = t.col;
    switch (t.text.toLowerCase()) {
      case 'stats': {
        const aggs = this.aggregations();
        const by = this.at('word', 'BY') ? (this.next(), this.fieldList()) : [];
        return { kind: 'stats', aggs, by, col };
      }
      case 'timechart': {
        const span = this.expect('word', 'span=DURATION, e.g. span=1h');
        const m = /^span=(.+)$/i.exec(span.text);
        const spanMs = m ? parseDuration(m[1]) : undefined;
        if (!spanMs) throw new QuerySyntaxError(`expected span=DURATION such as span=5m or span=1h, got "${span.text}"`, span.col);
        const aggs = this.aggregations();
        const by = this.at('word', 'BY') ? (this.next(), this.fieldList()) : [];
        if (by.length > 1) throw new QuerySyntaxError('timechart splits by at most one field', col);
        return { kind: 'timechart', spanMs, aggs, by, col };
      }
      case 'sort': {
        const keys: Array<{ field: string; desc: boolean }> = [];
        do {
          if (keys.length) this.next();
          const desc = this.at('minus') ? (this.next(), true) : false;
          const w = this.expect('word', 'a field to sort by');
          let name = w.text.startsWith('-') ? w.text.slice(1) : w.text;
          if (this.at('lparen')) {
            // Sorting by an aggregation's output: `sort -count()`, `sort sum(network.bytes)`.
            this.next();
            const inner = this.at('rparen') ? '' : this.fieldName();
            this.expect('rparen', '")"');
            name = `${name.toLowerCase()}(${inner})`;
          }
          keys.push({ field: name, desc: desc || w.text.startsWith('-') });
        } while (this.at('comma'));
        return { kind: 'sort', keys, col };
      }
      case 'head': {
        const n = this.expect('word', 'a number of rows');
        if (!/^\d+$/.test(n.text) || Number(n.text) < 1) throw new QuerySyntaxError(`head needs a positive whole number, got "${n.text}"`, n.col);
        return { kind: 'head', count: Number(n.text), col };
      }
      case 'fields':
        return { kind: 'fields', fields: this.fieldList(), col };
      default:
        throw new QuerySyntaxError(`unknown command "${t.text}" (use stats, timechart, sort, head, fields)`, col);
    }
  }
}
