/**
 * Tokenizer for the body of an audit record: `key=value` pairs where a value is bare,
 * "double-quoted" or, for user-space messages, a 'single-quoted' msg whose contents are
 * themselves key=value pairs (flattened into the same list). Words that are not pairs
 * (`user`, `login`, `auditd start,`) are kept apart. Nothing here throws: malformed input
 * yields fewer pairs, never an exception.
 */

export interface AuditToken {
  key: string;
  value: string;
  /** Quoted values are literal text; only unquoted values may be hex-encoded. */
  quoted: boolean;
}

export interface TokenizedBody {
  pairs: AuditToken[];
  words: string[];
}

/** Depth bound for msg='...' nesting (one level in practice). */
const MAX_NESTING = 3;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Old LOGIN records say `old auid=1 new auid=2`; the words qualify the key. */
const QUALIFIERS = new Set(['old', 'new']);

/**
 * Userspace messages of old formats wrap part of the message in parentheses:
 * `(hostname=?, addr=?, terminal=cron res=success)`. The punctuation is not part of values.
 */
function trimPunctuation(value: string): string {
  let v = value;
  // A stray closing quote on an unquoted (hex) value is seen in the wild; it is not data.
  if (v.endsWith('"') && !v.startsWith('"')) v = v.slice(0, -1);
  if (v.endsWith(',')) v = v.slice(0, -1);
  const opens = v.split('(').length - 1;
  const closes = v.split(')').length - 1;
  if (v.endsWith(')') && closes > opens) v = v.slice(0, -1);
  if (v.endsWith(',')) v = v.slice(0, -1);
  return v;
}

export function tokenizeAuditBody(text: string, depth = 0): TokenizedBody {
  const pairs: AuditToken[] = [];
  const words: string[] = [];
  let i = 0;
  let lastWasQualifier: string | undefined;
  while (i < text.length) {
    while (i < text.length && isSpace(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && text[i] !== '=' && !isSpace(text[i])) i++;
    if (i >= text.length || text[i] !== '=' || i === start) {
      const word = text.slice(start, i);
      words.push(word);
      lastWasQualifier = QUALIFIERS.has(word) ? word : undefined;
      if (i < text.length && text[i] === '=') i++; // a bare '=' token
      continue;
    }
    let key = text.slice(start, i).replace(/^\(/, '');
    if (lastWasQualifier) {
      key = `${lastWasQualifier}_${key}`;
      words.pop();
      lastWasQualifier = undefined;
    }
    i++; // '='
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, i + 1);
      const inner = end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
      i = end < 0 ? text.length : end + 1;
      if (quote === "'" && key === 'msg' && depth < MAX_NESTING) {
        const nested = tokenizeAuditBody(inner, depth + 1);
        pairs.push(...nested.pairs);
        words.push(...nested.words);
      } else {
        pairs.push({ key, value: inner, quoted: true });
      }
      continue;
    }
    const vstart = i;
    while (i < text.length && !isSpace(text[i])) i++;
    pairs.push({ key, value: trimPunctuation(text.slice(vstart, i)), quoted: false });
  }
  return { pairs, words };
}
