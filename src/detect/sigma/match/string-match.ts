/**
 * Sigma string patterns (literals, `*`, `?`, character classes) → a matcher on text. For the
 * default case-insensitive matching the pattern is lower-cased once at compile time and the
 * event value once per event (cached by the caller), so matching allocates nothing.
 *
 * Patterns are matched segment by segment (segments are the parts between `*`): the first is
 * anchored at the start, the last at the end, the middle ones at their leftmost occurrence,
 * which is correct for `*`-separated globs and linear in practice.
 */
import type { MatchPart } from '../compile/ir.js';
import { stringShape } from '../compile/ir.js';

export type TextMatcher = (text: string) => boolean;

type Tok = { k: 'lit'; s: string } | { k: 'one' } | { k: 'class'; chars: string[] };

export function lowerParts(parts: readonly MatchPart[]): MatchPart[] {
  return parts.map((p) => (p.k === 'lit' ? { k: 'lit', s: p.s.toLowerCase() } : p.k === 'class' ? { k: 'class', chars: p.chars.map((c) => c.toLowerCase()) } : p));
}

export function compileTextMatcher(parts: readonly MatchPart[]): TextMatcher {
  const shape = stringShape(parts as MatchPart[]);
  switch (shape.kind) {
    case 'equals': {
      const l = shape.literal;
      return (t) => t === l;
    }
    case 'startswith': {
      const l = shape.literal;
      return (t) => t.startsWith(l);
    }
    case 'endswith': {
      const l = shape.literal;
      return (t) => t.endsWith(l);
    }
    case 'contains': {
      const l = shape.literal;
      return l === '' ? () => true : (t) => t.includes(l);
    }
    case 'glob':
      return globMatcher(parts);
  }
}

function globMatcher(parts: readonly MatchPart[]): TextMatcher {
  const segments: Tok[][] = [[]];
  for (const p of parts) {
    if (p.k === 'star') segments.push([]);
    else segments[segments.length - 1].push(p);
  }
  const anchoredStart = parts[0]?.k !== 'star';
  const anchoredEnd = parts[parts.length - 1]?.k !== 'star';
  const lens = segments.map(segLength);
  if (segments.length === 1) {
    const seg = segments[0];
    return (t) => t.length === lens[0] && matchAt(t, 0, seg);
  }
  const first = segments[0];
  const last = segments[segments.length - 1];
  const middle = segments.slice(1, -1);
  const middleLens = lens.slice(1, -1);
  const lastLen = lens[lens.length - 1];
  return (t) => {
    let pos = 0;
    if (anchoredStart) {
      if (!matchAt(t, 0, first)) return false;
      pos = lens[0];
    }
    const end = anchoredEnd ? t.length - lastLen : t.length;
    if (end < pos) return false;
    for (let i = 0; i < middle.length; i++) {
      const found = findFrom(t, pos, end, middle[i], middleLens[i]);
      if (found < 0) return false;
      pos = found + middleLens[i];
    }
    if (anchoredEnd) return end >= pos && matchAt(t, end, last);
    return true;
  };
}

function segLength(seg: Tok[]): number {
  let n = 0;
  for (const t of seg) n += t.k === 'lit' ? t.s.length : 1;
  return n;
}

function matchAt(t: string, at: number, seg: Tok[]): boolean {
  let i = at;
  for (const tok of seg) {
    if (tok.k === 'lit') {
      if (!t.startsWith(tok.s, i)) return false;
      i += tok.s.length;
    } else if (tok.k === 'one') {
      if (i >= t.length) return false;
      i++;
    } else {
      if (i >= t.length || !tok.chars.includes(t[i])) return false;
      i++;
    }
  }
  return true;
}

/** Leftmost position >= from where seg matches and ends at or before `end`, or -1. */
function findFrom(t: string, from: number, end: number, seg: Tok[], len: number): number {
  const lead = seg[0]?.k === 'lit' ? (seg[0] as { s: string }).s : undefined;
  for (let i = from; i + len <= end; i++) {
    if (lead !== undefined) {
      const j = t.indexOf(lead, i);
      if (j < 0 || j + len > end) return -1;
      i = j;
    }
    if (matchAt(t, i, seg)) return i;
  }
  return -1;
}
