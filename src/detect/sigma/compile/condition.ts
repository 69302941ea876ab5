/**
 * The Sigma condition language: `and`, `or`, `not`, parentheses, `1 of` / `any of` / `all of`
 * a pattern or `them`. Precedence (loosest first): or, and, not, x of, parentheses.
 * Operators are lower case only. Sigma 1.x aggregations (`| count() ...`, `near`) are rejected
 * with a message that names them.
 *
 * Search identifiers are resolved against the rule's detection here, so an undefined name or a
 * pattern matching nothing is an error at its column in the condition.
 */
export type CondAst =
  | { t: 'and'; children: CondAst[] }
  | { t: 'or'; children: CondAst[] }
  | { t: 'not'; child: CondAst }
  | { t: 'id'; name: string };

export class ConditionError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the condition text. */
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Token {
  kind: 'word' | 'lparen' | 'rparen' | 'pipe' | 'end';
  text: string;
  offset: number;
}

const MAX_CONDITION_LENGTH = 16_384;
const MAX_DEPTH = 128;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, offset: i });
      i++;
    } else if (c === '|') {
      tokens.push({ kind: 'pipe', text: c, offset: i });
      i++;
    } else {
      const start = i;
      while (i < text.length && !/[\s()|]/.test(text[i])) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), offset: start });
    }
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}

const IDENT = /^[A-Za-z0-9_*.\-]+$/;
const RESERVED = new Set(['and', 'or', 'not', 'of', 'them', 'all', 'any']);

/** Parse and resolve a condition against the defined identifiers (in definition order). */
export function parseCondition(text: string, identifiers: readonly string[]): CondAst {
  if (text.length > MAX_CONDITION_LENGTH) throw new ConditionError(`condition is longer than ${MAX_CONDITION_LENGTH} characters`, 0);
  const tokens = tokenize(text);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos];
  const next = (): Token => tokens[pos++];
  const unexpected = (t: Token): never => {
    if (t.kind === 'end') throw new ConditionError('condition ends unexpectedly', t.offset);
    if (t.kind === 'pipe') throw new ConditionError(`aggregation '${text.slice(t.offset).trim()}' is Sigma 1.x syntax and is not supported; write a correlation rule instead`, t.offset);
    if (/^(AND|OR|NOT|And|Or|Not)$/.test(t.text)) throw new ConditionError(`operator '${t.text}' must be lower case`, t.offset);
    throw new ConditionError(`unexpected '${t.text}'`, t.offset);
  };

  const parseOr = (): CondAst => {
    const children = [parseAnd()];
    while (peek().kind === 'word' && peek().text === 'or') {
      next();
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0] : flatten('or', children);
  };
  const parseAnd = (): CondAst => {
    const children = [parseNot()];
    while (peek().kind === 'word' && peek().text === 'and') {
      next();
      children.push(parseNot());
    }
    return children.length === 1 ? children[0] : flatten('and', children);
  };
  const parseNot = (): CondAst => {
    if (peek().kind === 'word' && peek().text === 'not') {
      next();
      return { t: 'not', child: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): CondAst => {
    const t = next();
    if (t.kind === 'lparen') {
      if (++depth > MAX_DEPTH) throw new ConditionError(`condition nests deeper than ${MAX_DEPTH} parentheses`, t.offset);
      const inner = parseOr();
      const close = next();
      if (close.kind !== 'rparen') {
        if (close.kind === 'end') throw new ConditionError('missing closing parenthesis', t.offset);
        unexpected(close);
      }
      depth--;
      return inner;
    }
    if (t.kind !== 'word') return unexpected(t);
    if (t.text === '1' || t.text === 'any' || t.text === 'all') {
      const of = next();
      if (of.kind !== 'word' || of.text !== 'of') {
        if (t.text === 'all' || t.text === 'any') throw new ConditionError(`'${t.text}' must be followed by 'of'`, of.offset);
        return unexpected(of);
      }
      const target = next();
      if (target.kind !== 'word') return unexpected(target);
      return quantifier(t.text === 'all' ? 'and' : 'or', target);
    }
    if (/^\d+$/.test(t.text) && peek().text === 'of') {
      throw new ConditionError(`'${t.text} of' is not Sigma: only '1 of', 'any of' and 'all of' exist`, t.offset);
    }
    if (t.text === 'near') throw new ConditionError("'near' is Sigma 1.x aggregation syntax and is not supported; write a temporal correlation rule instead", t.offset);
    if (RESERVED.has(t.text) || !IDENT.test(t.text) || t.text.includes('*')) return unexpected(t);
    if (!identifiers.includes(t.text)) throw new ConditionError(`search identifier '${t.text}' is not defined in the detection`, t.offset);
    return { t: 'id', name: t.text };
  };
  const quantifier = (op: 'and' | 'or', target: Token): CondAst => {
    let names: string[];
    if (target.text === 'them') {
      names = identifiers.filter((n) => !n.startsWith('_'));
      if (names.length === 0) throw new ConditionError("'them' matches no search identifier", target.offset);
    } else {
      if (RESERVED.has(target.text) || !IDENT.test(target.text)) return unexpected(target);
      const re = new RegExp('^' + target.text.split('*').map(escapeRe).join('.*') + '$');
      names = identifiers.filter((n) => re.test(n));
      if (names.length === 0) throw new ConditionError(`no search identifier matches '${target.text}'`, target.offset);
    }
    const ids: CondAst[] = names.map((name) => ({ t: 'id', name }));
    return ids.length === 1 ? ids[0] : { t: op, children: ids };
  };

  const ast = parseOr();
  const rest = peek();
  if (rest.kind !== 'end') unexpected(rest);
  return ast;
}

function flatten(t: 'and' | 'or', children: CondAst[]): CondAst {
  const out: CondAst[] = [];
  for (const c of children) {
    if (c.t === t) out.push(...c.children);
    else out.push(c);
  }
  return { t, children: out };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The parse tree in the nested-list form pySigma's tests use: ["or", "a", ["not", "b"]]. */
export function conditionToList(ast: CondAst): unknown {
  if (ast.t === 'id') return ast.name;
  if (ast.t === 'not') return ['not', conditionToList(ast.child)];
  return [ast.t, ...ast.children.map(conditionToList)];
}
