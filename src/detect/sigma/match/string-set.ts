/**
 * Many string values on one field (`CommandLine|contains: [50 values]`, keyword lists) as one
 * matcher: contained literals in one Aho-Corasick pass, whole values in a hash set, prefixes
 * and suffixes in short loops, anything else (globs) one by one. Same answers as testing the
 * values one at a time, at the cost of one scan.
 */
import type { MatchPart } from '../compile/ir.js';
import { stringShape } from '../compile/ir.js';
import { AhoCorasick } from './aho-corasick.js';
import type { TextMatcher } from './string-match.js';
import { compileTextMatcher, lowerParts } from './string-match.js';

/** Up to this many substrings are searched one by one. */
const FEW = 4;

export function compileStringSet(patterns: ReadonlyArray<readonly MatchPart[]>, cased: boolean): TextMatcher {
  const contains: string[] = [];
  const equals = new Set<string>();
  const starts: string[] = [];
  const ends: string[] = [];
  const others: TextMatcher[] = [];
  let always = false;
  for (const raw of patterns) {
    const parts = cased ? (raw as MatchPart[]) : lowerParts(raw);
    const shape = stringShape(parts);
    if (shape.kind === 'contains') {
      if (shape.literal === '') always = true;
      else contains.push(shape.literal);
    } else if (shape.kind === 'equals') equals.add(shape.literal);
    else if (shape.kind === 'startswith') starts.push(shape.literal);
    else if (shape.kind === 'endswith') ends.push(shape.literal);
    else others.push(compileTextMatcher(parts));
  }
  if (always) return () => true;
  // A few substrings are found faster by the engine's own string search than an automaton is
  // built and run; many are found in one pass.
  const ac = contains.length > FEW ? new AhoCorasick(contains) : undefined;
  const few = ac === undefined ? contains : [];
  return (t) => {
    if (equals.size > 0 && equals.has(t)) return true;
    for (let i = 0; i < starts.length; i++) if (t.startsWith(starts[i])) return true;
    for (let i = 0; i < ends.length; i++) if (t.endsWith(ends[i])) return true;
    for (let i = 0; i < few.length; i++) if (t.includes(few[i])) return true;
    if (ac !== undefined && ac.test(t)) return true;
    for (let i = 0; i < others.length; i++) if (others[i](t)) return true;
    return false;
  };
}
