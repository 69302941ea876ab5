/**
 * The query lexer. What a character means depends on where it stands — `:` separates a field
 * from its value, but is part of a time or an IPv6 value after it; `/` starts a regex only as a
 * whole value — so the parser asks for the next token in the mode it is in, and the lexer
 * reads only as far as that token.
 *
 * Escapes follow Sigma: a backslash before a special character makes it literal (`\*`, `\?`,
 * `\(`, `\"`, `\\`, `\ `); before any other character it is an ordinary backslash, so Windows
 * paths are typed as they are (`C:\Windows\*`; write `\\*` for a backslash followed by a wildcard).
 */
import type { ValuePart } from './ast.js';
import { QuerySyntaxError } from './errors.js';

export type TokenKind =
  | 'lparen'
  | 'rparen'
  | 'pipe'
  | 'and'
  | 'or'
  | 'not'
  /** `field:` — the name is in `text`. */
  | 'field'
  /** An unquoted run of characters; `parts` splits it into literals and wildcards. */
  | 'word'
  | 'phrase'
  | 'regex'
  /** `>`, `>=`, `<`, `<=` right after `field:`. */
  | 'compare'
  /** `[` or `{` opening a range; `]` or `}` closing it. */
  | 'range_open'
  | 'range_close'
  | 'to'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The token as written (for words and phrases: the unescaped text). */
  text: string;
  /** 1-based column where the token starts; `end` is the column after it. */
  column: number;
  end: number;
  parts?: ValuePart[];
}

/** Characters a backslash makes literal; before anything else a backslash is itself. */
const ESCAPABLE = new Set([...'\\*?()"|:[]{}/<>=!&-+ ', '\t']);
export const FIELD_NAME = /^[A-Za-z_@$][A-Za-z0-9_@$.\-]*$/;

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

export class Lexer {
  private pos = 0;

  constructor(readonly input: string) {}

  get column(): number {
    return this.pos + 1;
  }

  /** Position bookkeeping for backtracking in the parser (peeking a token). */
  save(): number {
    return this.pos;
  }

  restore(pos: number): void {
    this.pos = pos;
  }

  skipSpace(): void {
    while (isSpace(this.input[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.input.length;
  }

  /** Next token of the boolean filter: operators, parentheses, `field:`, free-text words and phrases. */
  filterToken(detectFields = true): Token {
    this.skipSpace();
    const start = this.pos;
    const c = this.input[start];
    if (c === undefined) return this.token('eof', '', start, start);
    const op = this.operator(start);
    if (op) return op;
    if (c === '"') return this.phrase();
    if (c === '-' && !isSpace(this.input[start + 1]) && this.input[start + 1] !== undefined) {
      this.pos++;
      return this.token('not', '-', start, this.pos);
    }
    if (detectFields) {
      const field = this.fieldPrefix(start);
      if (field) return field;
    }
    return this.word(new Set());
  }

  /** The value right after `field:` (spaces after the colon are allowed, as in KQL). */
  valueToken(): Token {
    this.skipSpace();
    const start = this.pos;
    const c = this.input[start];
    if (c === undefined || c === ')' || c === '|') return this.token('eof', '', start, start);
    if (c === '(') return this.single('lparen');
    if (c === '"') return this.phrase();
    if (c === '[' || c === '{') return this.single('range_open');
    if (c === '>' || c === '<') {
      const text = this.input[start + 1] === '=' ? `${c}=` : c;
      this.pos += text.length;
      return this.token('compare', text, start, this.pos);
    }
    if (c === '/') {
      const regex = this.regex();
      if (regex) return regex;
    }
    return this.word(new Set());
  }

  /** Inside `[a TO b]`: bounds, `TO`, and the closing bracket. */
  rangeToken(): Token {
    this.skipSpace();
    const start = this.pos;
    const c = this.input[start];
    if (c === undefined) return this.token('eof', '', start, start);
    if (c === ']' || c === '}') return this.single('range_close');
    if (c === '"') return this.phrase();
    const word = this.word(new Set([']', '}']));
    if (word.text === 'TO' && word.parts?.length === 1) return { ...word, kind: 'to' };
    return word;
  }

  /** Inside `field:( … )`: values and boolean operators, never field names. */
  groupToken(): Token {
    this.skipSpace();
    const start = this.pos;
    const c = this.input[start];
    if (c === undefined) return this.token('eof', '', start, start);
    const op = this.operator(start);
    if (op) return op;
    if (c === '-' && !isSpace(this.input[start + 1]) && this.input[start + 1] !== undefined) {
      this.pos++;
      return this.token('not', '-', start, this.pos);
    }
    return this.valueToken();
  }

  private operator(start: number): Token | undefined {
    const c = this.input[start];
    if (c === '(') return this.single('lparen');
    if (c === ')') return this.single('rparen');
    if (c === '|') {
      if (this.input[start + 1] === '|') return this.fixed('or', 2, start);
      return this.single('pipe');
    }
    if (c === '&' && this.input[start + 1] === '&') return this.fixed('and', 2, start);
    if (c === '!' && !isSpace(this.input[start + 1]) && this.input[start + 1] !== undefined && this.input[start + 1] !== '=') return this.fixed('not', 1, start);
    for (const [word, kind] of [['AND', 'and'], ['OR', 'or'], ['NOT', 'not']] as const) {
      if (this.input.startsWith(word, start) && this.endsWord(start + word.length)) return this.fixed(kind, word.length, start);
    }
    return undefined;
  }

  /** A keyword must stand alone: `ORDER` is a word, `OR(` is the operator. */
  private endsWord(i: number): boolean {
    const c = this.input[i];
    return c === undefined || isSpace(c) || c === '(' || c === ')' || c === '"';
  }

  private fieldPrefix(start: number): Token | undefined {
    let i = start;
    while (i < this.input.length && /[A-Za-z0-9_@$.\-]/.test(this.input[i])) i++;
    if (this.input[i] !== ':' || i === start) return undefined;
    const name = this.input.slice(start, i);
    // `http://host` in free text is a URL, not the field `http`.
    if (this.input.startsWith('//', i + 1) && !name.includes('.')) return undefined;
    if (!FIELD_NAME.test(name)) return undefined;
    this.pos = i + 1;
    return this.token('field', name, start, i);
  }

  private single(kind: TokenKind): Token {
    return this.fixed(kind, 1, this.pos);
  }

  private fixed(kind: TokenKind, length: number, start: number): Token {
    this.pos = start + length;
    return this.token(kind, this.input.slice(start, this.pos), start, this.pos);
  }

  private token(kind: TokenKind, text: string, start: number, end: number, parts?: ValuePart[]): Token {
    return parts ? { kind, text, column: start + 1, end: end + 1, parts } : { kind, text, column: start + 1, end: end + 1 };
  }

  private phrase(): Token {
    const start = this.pos;
    let text = '';
    let i = start + 1;
    for (;;) {
      const c = this.input[i];
      if (c === undefined) throw new QuerySyntaxError('unterminated quoted phrase', start + 1, ['a closing "']);
      if (c === '"') break;
      if (c === '\\' && (this.input[i + 1] === '"' || this.input[i + 1] === '\\')) {
        text += this.input[i + 1];
        i += 2;
        continue;
      }
      text += c;
      i++;
    }
    this.pos = i + 1;
    return this.token('phrase', text, start, this.pos, [{ kind: 'literal', text }]);
  }

  /** `/re/` when the closing slash ends the value; otherwise undefined (a path like `/etc/passwd`). */
  private regex(): Token | undefined {
    const start = this.pos;
    let pattern = '';
    let i = start + 1;
    while (i < this.input.length) {
      const c = this.input[i];
      if (c === '\\' && this.input[i + 1] === '/') {
        pattern += '/';
        i += 2;
        continue;
      }
      if (c === '\\' && i + 1 < this.input.length) {
        pattern += c + this.input[i + 1];
        i += 2;
        continue;
      }
      if (c === '/') {
        const after = this.input[i + 1];
        if (after === undefined || isSpace(after) || after === ')' || after === '|') {
          this.pos = i + 1;
          return this.token('regex', pattern, start, this.pos);
        }
        return undefined;
      }
      pattern += c;
      i++;
    }
    return undefined;
  }

  /** An unquoted run up to whitespace, `)`, `|` or one of `stops`, split into literals and wildcards. */
  private word(stops: Set<string>): Token {
    const start = this.pos;
    const parts: ValuePart[] = [];
    let literal = '';
    let text = '';
    let i = start;
    const flush = () => {
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
    };
    while (i < this.input.length) {
      const c = this.input[i];
      if (isSpace(c) || c === ')' || c === '|' || stops.has(c)) break;
      if (c === '\\' && i + 1 < this.input.length && ESCAPABLE.has(this.input[i + 1])) {
        literal += this.input[i + 1];
        text += this.input[i + 1];
        i += 2;
        continue;
      }
      if (c === '*' || c === '?') {
        flush();
        parts.push({ kind: c === '*' ? 'any' : 'one' });
      } else literal += c;
      text += c;
      i++;
    }
    flush();
    if (i === start) {
      const c = this.input[start];
      throw new QuerySyntaxError(`unexpected "${c}"`, start + 1, ['a search term']);
    }
    this.pos = i;
    return this.token('word', text, start, i, mergeWildcards(parts));
  }
}

/** `**` means the same as `*`; merging keeps patterns small. */
function mergeWildcards(parts: ValuePart[]): ValuePart[] {
  const out: ValuePart[] = [];
  for (const p of parts) {
    if (p.kind === 'any' && out[out.length - 1]?.kind === 'any') continue;
    out.push(p);
  }
  return out;
}
