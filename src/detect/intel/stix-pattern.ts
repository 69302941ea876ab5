/**
 * The part of the STIX 2.1 patterning language indicator feeds use in practice: one
 * observation expression `[ ... ]` whose comparisons are `object-path = 'literal'` joined by
 * OR (each comparison becomes its own indicator), e.g.
 *   [ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '203.0.113.0/24']
 *   [file:hashes.'SHA-256' = 'aec0...']
 * Anything else (AND, other operators, several observation expressions, qualifiers) needs a
 * general pattern engine; such patterns are reported as unsupported, not guessed at.
 */
import type { IndicatorType } from './indicator.js';

export interface PatternTerm {
  type: IndicatorType;
  value: string;
}

const PATH_TYPES: Record<string, IndicatorType> = {
  'ipv4-addr:value': 'ip',
  'ipv6-addr:value': 'ip',
  'domain-name:value': 'domain',
  'url:value': 'url',
  'file:hashes.md5': 'md5',
  "file:hashes.'md5'": 'md5',
  "file:hashes.'sha-1'": 'sha1',
  'file:hashes.sha1': 'sha1',
  "file:hashes.'sha1'": 'sha1',
  "file:hashes.'sha-256'": 'sha256',
  'file:hashes.sha256': 'sha256',
  "file:hashes.'sha256'": 'sha256',
};

/** Returns the terms, or an error message. */
export function parseStixPattern(pattern: string): PatternTerm[] | { error: string } {
  const s = pattern.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) return { error: 'pattern is not a single [observation expression]' };
  const body = s.slice(1, -1);
  const terms: PatternTerm[] = [];
  let i = 0;
  const skipWs = () => {
    while (i < body.length && /\s/.test(body[i])) i++;
  };
  for (;;) {
    skipWs();
    // Object path: up to the operator; a quoted path component may contain spaces.
    let path = '';
    while (i < body.length && !/[\s=!<>]/.test(body[i])) {
      if (body[i] === "'") {
        const end = body.indexOf("'", i + 1);
        if (end < 0) return { error: 'unterminated quote in object path' };
        path += body.slice(i, end + 1);
        i = end + 1;
      } else path += body[i++];
    }
    skipWs();
    if (body[i] !== '=' || body[i + 1] === '=') return { error: `unsupported operator after '${path}' (only = is supported)` };
    i++;
    skipWs();
    if (body[i] !== "'") return { error: `expected a quoted string after '${path} ='` };
    let value = '';
    i++;
    for (;;) {
      if (i >= body.length) return { error: 'unterminated string literal' };
      const c = body[i++];
      if (c === '\\') value += body[i++] ?? '';
      else if (c === "'") break;
      else value += c;
    }
    const type = PATH_TYPES[path.toLowerCase()];
    if (!type) return { error: `unsupported object path '${path}'` };
    terms.push({ type, value });
    skipWs();
    if (i >= body.length) return terms;
    const rest = body.slice(i);
    if (/^OR\s/.test(rest)) i += 2;
    else return { error: `unsupported pattern operator near '${rest.slice(0, 20)}' (only OR of = comparisons)` };
  }
}
