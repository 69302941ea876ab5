/**
 * The pipes after the filter: `| stats …`, `| timechart …`, `| sort …`, `| head N`, `| fields …`.
 * Pipe syntax is small and regular (names, numbers, parentheses, commas, `=`), so it has its
 * own tokenizer over the same text, continuing where the filter parser stopped.
 */
import type { Aggregate, AggregateFunction, FieldRef, Pipe, SortKey, TimechartPipe } from './ast.js';
import { defaultAggregateName } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { FIELD_NAME, type Lexer } from './lexer.js';
import type { QueryLimits } from './limits.js';
import { parseDuration } from './time.js';

type Kind = 'name' | 'number' | 'lparen' | 'rparen' | 'comma' | 'equals' | 'minus' | 'plus' | 'pipe' | 'eof';
interface PipeToken {
  kind: Kind;
  text: string;
  column: number;
  end: number;
}

const AGGREGATES: AggregateFunction[] = ['count', 'sum', 'avg', 'min', 'max', 'dc'];
const COMMANDS = ['stats', 'timechart', 'sort', 'head', 'fields'];
const ALIAS = /^[A-Za-z_][A-Za-z0-9_.@\-]*$/;
const MAX_HEAD = 1_000_000_000;

export function parsePipes(lexer: Lexer, limits: QueryLimits): Pipe[] {
  return new PipeParser(lexer, limits).parse();
}

class PipeParser {
  constructor(
    private readonly lexer: Lexer,
    private readonly limits: QueryLimits,
  ) {}

  parse(): Pipe[] {
    const pipes: Pipe[] = [];
    for (let t = this.next(); t.kind !== 'eof'; t = this.next()) {
      if (t.kind !== 'pipe') throw unexpected(t, ['"|"', 'the end of the query']);
      if (pipes.length >= this.limits.max_pipes) throw new QuerySyntaxError(`more than ${this.limits.max_pipes} pipes`, t.column);
      pipes.push(this.pipe());
    }
    return pipes;
  }

  private peek(): PipeToken {
    const at = this.lexer.save();
    const t = this.next();
    this.lexer.restore(at);
    return t;
  }

  private next(): PipeToken {
    this.lexer.skipSpace();
    const input = this.lexer.input;
    const start = this.lexer.save();
    const c = input[start];
    const make = (kind: Kind, end: number): PipeToken => {
      this.lexer.restore(end);
      return { kind, text: input.slice(start, end), column: start + 1, end: end + 1 };
    };
    if (c === undefined) return make('eof', start);
    const singles: Record<string, Kind> = { '(': 'lparen', ')': 'rparen', ',': 'comma', '=': 'equals', '-': 'minus', '+': 'plus', '|': 'pipe' };
    if (singles[c]) return make(singles[c], start + 1);
    let i = start;
    while (i < input.length && /[A-Za-z0-9_@$.\-]/.test(input[i])) i++;
    if (i === start) throw new QuerySyntaxError(`unexpected "${c}"`, start + 1);
    return make(/^\d+$/.test(input.slice(start, i)) ? 'number' : 'name', i);
  }

  private expect(kind: Kind, expected: string): PipeToken {
    const t = this.next();
    if (t.kind !== kind) throw unexpected(t, [expected]);
    return t;
  }

  private pipe(): Pipe {
    const command = this.next();
    if (command.kind !== 'name') throw unexpected(command, ['a command: stats, timechart, sort, head or fields']);
    switch (command.text.toLowerCase()) {
      case 'stats': {
        const aggregates = this.aggregates();
        const by = this.keyword('by') ? this.fieldList('a field to group by') : [];
        return { type: 'stats', aggregates, by, column: command.column, end: this.lastEnd(command, aggregates, by) };
      }
      case 'timechart':
        return this.timechart(command);
      case 'sort': {
        const keys: SortKey[] = [];
        do {
          if (keys.length >= this.limits.max_list_items) throw new QuerySyntaxError(`more than ${this.limits.max_list_items} sort keys`, this.peek().column);
          let descending = false;
          const sign = this.peek();
          if (sign.kind === 'minus' || sign.kind === 'plus') {
            this.next();
            descending = sign.kind === 'minus';
          }
          keys.push({ field: this.outputName('a field to sort by'), descending });
        } while (this.comma());
        return { type: 'sort', keys, column: command.column, end: keys[keys.length - 1].field.end };
      }
      case 'head': {
        const n = this.peek();
        if (n.kind !== 'number') {
          if (n.kind === 'name') throw new QuerySyntaxError(`head takes a whole number of rows, not "${n.text}"`, n.column, ['a positive whole number']);
          return { type: 'head', count: 10, column: command.column, end: command.end };
        }
        this.next();
        const count = Number(n.text);
        if (count < 1 || count > MAX_HEAD) throw new QuerySyntaxError(`head takes 1 to ${MAX_HEAD} rows, not ${n.text}`, n.column);
        return { type: 'head', count, column: command.column, end: n.end };
      }
      case 'fields': {
        const fields: FieldRef[] = [];
        do {
          if (fields.length >= this.limits.max_list_items) throw new QuerySyntaxError(`more than ${this.limits.max_list_items} fields`, this.peek().column);
          fields.push(this.outputName('a field name'));
          // Commas are optional between field names, as in Splunk.
        } while (this.comma() || this.peek().kind === 'name');
        return { type: 'fields', fields, column: command.column, end: fields[fields.length - 1].end };
      }
      default:
        throw new QuerySyntaxError(`unknown command "${command.text}"`, command.column, COMMANDS);
    }
  }

  private timechart(command: PipeToken): TimechartPipe {
    let span_ms: number | undefined;
    let spanText = '';
    const first = this.peek();
    if (first.kind === 'name' && first.text.toLowerCase() === 'span') {
      this.next();
      this.expect('equals', '"=" after span');
      const amount = this.next();
      const text = amount.text;
      span_ms = amount.kind === 'name' ? parseDuration(text) : undefined;
      if (!span_ms) throw new QuerySyntaxError(`"${text}" is not a span`, amount.column, ['a duration such as 30s, 5m, 1h or 1d']);
      spanText = text;
    }
    const next = this.peek();
    const aggregates = next.kind === 'name' && !isKeyword(next, 'by') ? this.aggregates() : [countAggregate(command)];
    let by: FieldRef | undefined;
    if (this.keyword('by')) by = this.field('a field to split by');
    const pipe: TimechartPipe = { type: 'timechart', span_ms: span_ms ?? 0, spanText, aggregates, column: command.column, end: by?.end ?? aggregates[aggregates.length - 1].end };
    if (by) pipe.by = by;
    return pipe;
  }

  private keyword(word: string): boolean {
    if (!isKeyword(this.peek(), word)) return false;
    this.next();
    return true;
  }

  private comma(): boolean {
    if (this.peek().kind !== 'comma') return false;
    this.next();
    return true;
  }

  private field(expected: string): FieldRef {
    const t = this.next();
    if (t.kind !== 'name' || !FIELD_NAME.test(t.text)) throw unexpected(t, [expected]);
    return { name: t.text, column: t.column, end: t.end };
  }

  private fieldList(expected: string): FieldRef[] {
    const out = [this.field(expected)];
    while (this.comma()) {
      if (out.length >= this.limits.max_list_items) throw new QuerySyntaxError(`more than ${this.limits.max_list_items} fields`, this.peek().column);
      out.push(this.field(expected));
    }
    return out;
  }

  /** A field, or an aggregate's output written as the aggregate: `count()`, `sum(bytes)`. */
  private outputName(expected: string): FieldRef {
    const f = this.field(expected);
    if (this.peek().kind !== 'lparen') return f;
    this.next();
    const inner = this.peek().kind === 'rparen' ? undefined : this.field('a field name');
    const close = this.expect('rparen', '")"');
    const fn = f.name.toLowerCase() as AggregateFunction;
    return { name: defaultAggregateName(fn, inner?.name), column: f.column, end: close.end };
  }

  private aggregates(): Aggregate[] {
    const out = [this.aggregate()];
    while (this.comma()) {
      if (out.length >= this.limits.max_list_items) throw new QuerySyntaxError(`more than ${this.limits.max_list_items} aggregations`, this.peek().column);
      out.push(this.aggregate());
    }
    return out;
  }

  /** `count`, `count()`, `count(f)`, `sum(f)`, … with an optional `as name`. */
  private aggregate(): Aggregate {
    const t = this.next();
    const fn = t.text.toLowerCase() as AggregateFunction;
    if (t.kind !== 'name' || !AGGREGATES.includes(fn)) {
      throw new QuerySyntaxError(t.kind === 'eof' ? 'missing aggregation' : `unknown aggregation "${t.text}"`, t.column, AGGREGATES.map((a) => `${a}()`));
    }
    let field: FieldRef | undefined;
    let end = t.end;
    if (this.peek().kind === 'lparen') {
      this.next();
      if (this.peek().kind !== 'rparen') field = this.field('a field name');
      end = this.expect('rparen', '")"').end;
    } else if (fn !== 'count') {
      throw unexpected(this.peek(), [`"(" after ${fn}`]);
    }
    if (fn !== 'count' && !field) throw new QuerySyntaxError(`${fn}() needs a field, e.g. ${fn}(network.bytes)`, t.column);
    let name = defaultAggregateName(fn, field?.name);
    if (this.keyword('as')) {
      const alias = this.next();
      if (alias.kind !== 'name' || !ALIAS.test(alias.text)) throw unexpected(alias, ['a name for the result column']);
      name = alias.text;
      end = alias.end;
    }
    const agg: Aggregate = { fn, name, column: t.column, end };
    if (field) agg.field = field;
    return agg;
  }

  private lastEnd(command: PipeToken, aggregates: Aggregate[], by: FieldRef[]): number {
    return by.length ? by[by.length - 1].end : aggregates.length ? aggregates[aggregates.length - 1].end : command.end;
  }
}

function isKeyword(t: PipeToken, word: string): boolean {
  return t.kind === 'name' && t.text.toLowerCase() === word;
}

function countAggregate(at: PipeToken): Aggregate {
  return { fn: 'count', name: 'count', column: at.column, end: at.end };
}

function unexpected(t: PipeToken, expected: string[]): QuerySyntaxError {
  const found = t.kind === 'eof' ? 'the end of the query' : `"${t.text}"`;
  return new QuerySyntaxError(`unexpected ${found}`, t.column, expected);
}
