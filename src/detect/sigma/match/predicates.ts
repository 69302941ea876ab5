/**
 * IR predicates → closures over the per-event context. Value semantics (docs/sigma.md):
 *  - a list value (`event.category: [a, b]`) matches when any element does;
 *  - numbers and booleans in events are compared as their text for string tests;
 *  - an absent field never matches a value test (`null` and `exists: false` test absence);
 *  - `''` (an empty value) matches an empty string, a JSON null or an absent field: event log
 *    exporters differ in whether they write empty fields at all; `null` matches an absent or
 *    JSON-null field.
 */
import type { IrPredicate, TimePart } from '../compile/ir.js';
import { cidrContains, parseCidr } from '../compile/cidr.js';
import { compileRegex } from '../compile/regex.js';
import { factsHold } from '../compile/regex-facts.js';
import type { EvalContext } from './eval-context.js';
import { compileTextMatcher, lowerParts } from './string-match.js';

export type Pred = (c: EvalContext) => boolean;

/** Resolves a Sigma field to the slot of its accessor in the current route. */
export type SlotOf = (field: string) => number;

export function compilePredicate(p: IrPredicate, slotOf: SlotOf): Pred {
  const t = p.test;
  if (p.field === null) return compileKeyword(p);
  const slot = slotOf(p.field);
  switch (t.op) {
    case 'string': {
      if (t.parts.length === 0) {
        return (c) => {
          const v = c.value(slot);
          return v === undefined || v === null || v === '' || (Array.isArray(v) && v.some((x) => x === '' || x === null));
        };
      }
      const m = compileTextMatcher(t.cased ? t.parts : lowerParts(t.parts));
      if (t.cased) return (c) => anyScalar(c.value(slot), (s) => m(s));
      return (c) => {
        const v = c.value(slot);
        if (typeof v === 'string') return m(c.lower(slot, v));
        return anyScalar(v, (s) => m(s.toLowerCase()));
      };
    }
    case 'number': {
      const a = String(t.value);
      const b = t.text.toLowerCase();
      const n = t.value;
      return (c) => anyValue(c.value(slot), (v) => (typeof v === 'number' ? v === n : typeof v === 'string' && (v === a || v.toLowerCase() === b)));
    }
    case 'bool': {
      const text = String(t.value);
      return (c) => anyValue(c.value(slot), (v) => (typeof v === 'boolean' ? v === t.value : typeof v === 'string' && v.toLowerCase() === text));
    }
    case 'null':
      return (c) => {
        const v = c.value(slot);
        return v === undefined || v === null;
      };
    case 'exists':
      return t.value ? (c) => c.value(slot) !== undefined : (c) => c.value(slot) === undefined;
    case 'regex': {
      const r = compileRegex(t.source, t.flags, p.origin.pos);
      const re = r.re;
      const guard = r.guard;
      const facts = r.facts;
      if (guard || facts) {
        // The expression runs only on values that pass its cheap necessary conditions.
        const pass = (s: string, lower: string): boolean => (guard === undefined || lower.includes(guard)) && (facts === undefined || factsHold(facts, s, lower));
        return (c) => {
          const v = c.value(slot);
          if (typeof v === 'string') return pass(v, c.lower(slot, v)) && re.test(v);
          return anyScalar(v, (s) => pass(s, s.toLowerCase()) && re.test(s));
        };
      }
      return (c) => anyScalar(c.value(slot), (s) => re.test(s));
    }
    case 'cidr': {
      const net = parseCidr(t.cidr, p.origin.pos);
      return (c) => anyValue(c.value(slot), (v) => typeof v === 'string' && cidrContains(net, v));
    }
    case 'compare': {
      const n = t.value;
      const cmp = t.cmp === 'gt' ? (x: number) => x > n : t.cmp === 'gte' ? (x: number) => x >= n : t.cmp === 'lt' ? (x: number) => x < n : (x: number) => x <= n;
      return (c) => anyValue(c.value(slot), (v) => {
        const x = toNumber(v);
        return x !== undefined && cmp(x);
      });
    }
    case 'fieldref': {
      const other = slotOf(t.ref);
      const fold = (s: string): string => (t.cased ? s : s.toLowerCase());
      const test =
        t.mode === 'equals'
          ? (a: string, b: string) => a === b
          : t.mode === 'startswith'
            ? (a: string, b: string) => a.startsWith(b)
            : t.mode === 'endswith'
              ? (a: string, b: string) => a.endsWith(b)
              : (a: string, b: string) => a.includes(b);
      return (c) => {
        const v = c.value(slot);
        const refVal = c.value(other);
        // Two strings, the common case: compared through the per-event lower-case cache.
        if (typeof v === 'string' && typeof refVal === 'string') return t.cased ? test(v, refVal) : test(c.lower(slot, v), c.lower(other, refVal));
        return anyScalar(v, (a) => anyScalar(refVal, (b) => test(fold(a), fold(b))));
      };
    }
    case 'timepart': {
      const part = t.part;
      return (c) => anyValue(c.value(slot), (v) => timePart(v, part) === t.value);
    }
  }
}

function compileKeyword(p: IrPredicate): Pred {
  const t = p.test;
  if (t.op === 'string') {
    const m = compileTextMatcher(t.cased ? t.parts : lowerParts(t.parts));
    return t.cased ? (c) => c.allValues().some(m) : (c) => c.allValuesLower().some(m);
  }
  if (t.op === 'regex') {
    const r = compileRegex(t.source, t.flags, p.origin.pos);
    return (c) => c.allValues().some((s) => r.re.test(s));
  }
  // Other tests need a field; the compiler rejects them for keywords.
  return () => false;
}

/** Calls fn on each string form of a scalar (or of each element of a list). */
function anyScalar(v: unknown, fn: (s: string) => boolean): boolean {
  if (typeof v === 'string') return fn(v);
  if (typeof v === 'number' || typeof v === 'boolean') return fn(String(v));
  if (Array.isArray(v)) {
    for (const x of v) if (anyScalar(x, fn)) return true;
  }
  return false;
}

function anyValue(v: unknown, fn: (v: unknown) => boolean): boolean {
  if (Array.isArray(v)) {
    for (const x of v) if (anyValue(x, fn)) return true;
    return false;
  }
  return v !== undefined && v !== null && fn(v);
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s === '' || !/^[-+]?(0x[0-9a-f]+|\d+(\.\d*)?([e][-+]?\d+)?|\.\d+)$/i.test(s)) return undefined;
  const n = /^[-+]?0x/i.test(s) ? (s.startsWith('-') ? -1 : 1) * parseInt(s.replace(/^[-+]?0x/i, ''), 16) : Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Date/time part (UTC) of an ISO-8601 string, `YYYY-MM-DD hh:mm:ss` text or epoch number. */
export function timePart(v: unknown, part: TimePart): number | undefined {
  let ms: number | undefined;
  if (typeof v === 'number') ms = v > 1e11 ? v : v * 1000; // seconds or milliseconds since the epoch
  else if (typeof v === 'string') {
    let s = v.trim().replace(' ', 'T');
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s += 'Z'; // no zone: UTC, as Windows UtcTime
    const parsed = Date.parse(s);
    if (!Number.isNaN(parsed)) ms = parsed;
  }
  if (ms === undefined) return undefined;
  const d = new Date(ms);
  switch (part) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    case 'week': {
      // ISO 8601 week number
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const day = t.getUTCDay() || 7;
      t.setUTCDate(t.getUTCDate() + 4 - day);
      const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
      return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
    }
  }
}
