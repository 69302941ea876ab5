/**
 * Tokens of the query language. Words run until whitespace or a special character; a
 * backslash escapes the next character; double-quoted strings allow \" and \\.
 */
import { QuerySyntaxError } from './errors.js';

export type TokenKind = 'word' | 'string' | 'colon' | 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'pipe' | 'comma' | 'minus' | 'cmp' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  col: number;
  /** For words: contains an unescaped * or ?. */
  wildcard?: boolean;
}

const SPECIAL = new Set(['(', ')', '[', ']', '|', ',', ':', '"']);

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let bracketDepth = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const col = i + 1;
    if (c === '"') {
      let text = '';
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && i + 1 < input.length) i++;
        text += input[i++];
      }
      if (i >= input.length) throw new QuerySyntaxError('unterminated quoted string', col);
      i++;
      tokens.push({ kind: 'string', text, col });
      continue;
    }
    const single: Record<string, TokenKind> = { '(': 'lparen', ')': 'rparen', '[': 'lbracket', ']': 'rbracket', '|': 'pipe', ',': 'comma', ':': 'colon' };
    if (single[c]) {
      if (c === '[') bracketDepth++;
      if (c === ']') bracketDepth = Math.max(0, bracketDepth - 1);
      tokens.push({ kind: single[c], text: c, col });
      i++;
      continue;
    }
    if (c === '>' || c === '<') {
      const op = input[i + 1] === '=' ? `${c}=` : c;
      tokens.push({ kind: 'cmp', text: op, col });
      i += op.length;
      continue;
    }
    if (c === '-' && (tokens.length === 0 || !['colon', 'cmp'].includes(tokens[tokens.length - 1].kind)) && i + 1 < input.length && !/[\s\d]/.test(input[i + 1])) {
      // A leading '-' negates the following term (`-user.name:bob`), except as a value.
      tokens.push({ kind: 'minus', text: '-', col });
      i++;
      continue;
    }
    let text = '';
    let wildcard = false;
    // Values may contain ':' (times, IPv6): after `field:`, after a comparator, inside [ ].
    const prev = tokens[tokens.length - 1]?.kind;
    const colonsAllowed = prev === 'colon' || prev === 'cmp' || bracketDepth > 0;
    while (i < input.length && !/\s/.test(input[i]) && (!SPECIAL.has(input[i]) || (colonsAllowed && input[i] === ':'))) {
      if (input[i] === '\\' && i + 1 < input.length) {
        text += input[i + 1] === '*' || input[i + 1] === '?' ? `\\${input[i + 1]}` : input[i + 1];
        i += 2;
        continue;
      }
      if ((input[i] === '>' || input[i] === '<') && text === '') break;
      if (input[i] === '*' || input[i] === '?') wildcard = true;
      text += input[i++];
    }
    if (text === '') throw new QuerySyntaxError(`unexpected character "${c}"`, col);
    tokens.push({ kind: 'word', text, col, wildcard });
  }
  tokens.push({ kind: 'eof', text: '', col: input.length + 1 });
  return tokens;
}
