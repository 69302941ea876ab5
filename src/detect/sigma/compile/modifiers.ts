/**
 * Value modifiers (Sigma modifiers appendix v2.1), applied left to right as pySigma does. Each
 * rule value becomes a typed value; modifiers transform it (or reject it with a located reason
 * naming the modifier and the value type). `all` and `neq` change how the values of one item
 * combine instead of the values themselves.
 */
import type { Pos } from '../diagnostics.js';
import { RuleError } from '../diagnostics.js';
import type { YScalar } from '../yaml/located-yaml.js';
import { parseCidr } from './cidr.js';
import type { EncodedString, Utf16Kind } from './encodings.js';
import { base64Encode, base64OffsetEncode, utf16Encode, windash } from './encodings.js';
import type { RegexFlags } from './regex.js';
import type { TimePart } from './ir.js';
import { endsWithStar, hasSpecial, insertPlaceholders, parseSigmaString, plainText, startsWithStar, withParts } from './sigma-string.js';

export type Value =
  | { t: 'str'; s: EncodedString; cased: boolean }
  | { t: 'num'; n: number; text: string }
  | { t: 'bool'; b: boolean }
  | { t: 'null' }
  | { t: 're'; source: string; flags: RegexFlags }
  | { t: 'cidr'; text: string }
  | { t: 'cmp'; op: 'gt' | 'gte' | 'lt' | 'lte'; n: number }
  | { t: 'fieldref'; ref: string; start: boolean; end: boolean; cased: boolean }
  | { t: 'exists'; b: boolean }
  | { t: 'time'; part: TimePart; n: number }
  /** An or-group of alternatives produced by one modifier (base64offset). */
  | { t: 'exp'; items: Value[] };

export interface ItemSemantics {
  values: Value[];
  /** `all`: every value must match instead of one. */
  linkAll: boolean;
  /** `neq`: the item matches when none of the values do. */
  negate: boolean;
}

interface ModCtx {
  applied: string[];
  pos: Pos;
  field: string | null;
  item: { linkAll: boolean; negate: boolean };
}

type Handler = (v: Value, ctx: ModCtx) => Value;

const TIME_PARTS: readonly TimePart[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];

function typeName(v: Value): string {
  return { str: 'string', num: 'number', bool: 'boolean', null: 'null', re: 'regular expression', cidr: 'CIDR', cmp: 'comparison', fieldref: 'field reference', exists: 'exists test', time: 'time part', exp: 'expansion' }[v.t];
}

function notApplicable(mod: string, v: Value, pos: Pos): never {
  throw new RuleError(`modifier '${mod}' cannot be applied to a ${typeName(v)} value`, pos);
}

/** Strings, and numbers read as the text the author wrote (`|contains: 4624` means "4624"). */
function asString(mod: string, v: Value, pos: Pos): Extract<Value, { t: 'str' }> {
  if (v.t === 'str') return v;
  if (v.t === 'num') return { t: 'str', s: parseSigmaString(v.text), cased: false };
  return notApplicable(mod, v, pos);
}

function regexAnchor(v: Extract<Value, { t: 're' }>, start: boolean, end: boolean): Value {
  // Search semantics: contains is the regex itself; startswith/endswith anchor it.
  let src = v.source;
  if (!start && !end) return v;
  src = `(?:${src})`;
  if (start && !v.source.startsWith('^')) src = '^' + src;
  if (end && !/(^|[^\\])(\\\\)*\$$/.test(v.source)) src = src + '$';
  return { ...v, source: src };
}

const HANDLERS: Record<string, Handler> = {
  contains: (v, c) => {
    if (v.t === 're') return regexAnchor(v, false, false);
    if (v.t === 'fieldref') return { ...v, start: true, end: true };
    const s = asString('contains', v, c.pos);
    const parts = [...s.s.parts];
    if (!startsWithStar(s.s)) parts.unshift({ k: 'star' });
    if (!endsWithStar(s.s)) parts.push({ k: 'star' });
    return { ...s, s: { ...withParts(parts), bytes: s.s.bytes } };
  },
  startswith: (v, c) => {
    if (v.t === 're') return regexAnchor(v, true, false);
    if (v.t === 'fieldref') return { ...v, start: true };
    const s = asString('startswith', v, c.pos);
    return endsWithStar(s.s) ? s : { ...s, s: { ...withParts([...s.s.parts, { k: 'star' }]), bytes: s.s.bytes } };
  },
  endswith: (v, c) => {
    if (v.t === 're') return regexAnchor(v, false, true);
    if (v.t === 'fieldref') return { ...v, end: true };
    const s = asString('endswith', v, c.pos);
    return startsWithStar(s.s) ? s : { ...s, s: { ...withParts([{ k: 'star' }, ...s.s.parts]), bytes: s.s.bytes } };
  },
  all: (v, c) => {
    c.item.linkAll = true;
    return v;
  },
  neq: (v, c) => {
    c.item.negate = true;
    return v;
  },
  // Encoded values keep Sigma's default case-insensitive matching, as pySigma's backends do.
  base64: (v, c) => ({ t: 'str', s: base64Encode(asString('base64', v, c.pos).s, c.pos), cased: false }),
  base64offset: (v, c) => ({ t: 'exp', items: base64OffsetEncode(asString('base64offset', v, c.pos).s, c.pos).map((s) => ({ t: 'str', s, cased: false }) as Value) }),
  wide: (v, c) => utf16('utf16le', v, c),
  utf16le: (v, c) => utf16('utf16le', v, c),
  utf16be: (v, c) => utf16('utf16be', v, c),
  utf16: (v, c) => utf16('utf16', v, c),
  windash: (v, c) => {
    const s = asString('windash', v, c.pos);
    return { ...s, s: windash(s.s) };
  },
  re: (v, c) => {
    if (c.applied.length > 0) throw new RuleError(`modifier 're' must come first (found after '${c.applied.join('|')}')`, c.pos);
    return notApplicable('re', v, c.pos); // string values are turned into regexes before the chain runs
  },
  i: (v, c) => regexFlag(v, c, 'i'),
  ignorecase: (v, c) => regexFlag(v, c, 'i'),
  m: (v, c) => regexFlag(v, c, 'm'),
  multiline: (v, c) => regexFlag(v, c, 'm'),
  s: (v, c) => regexFlag(v, c, 's'),
  dotall: (v, c) => regexFlag(v, c, 's'),
  cased: (v, c) => ({ ...asString('cased', v, c.pos), cased: true }),
  cidr: (v, c) => notApplicable('cidr', v, c.pos),
  exists: (v, c) => {
    if (c.field === null) throw new RuleError("modifier 'exists' needs a field", c.pos);
    if (c.applied.length > 0) throw new RuleError("modifier 'exists' must be the only modifier", c.pos);
    if (v.t !== 'bool') throw new RuleError(`modifier 'exists' needs true or false, found a ${typeName(v)} value`, c.pos);
    return { t: 'exists', b: v.b };
  },
  expand: (v, c) => {
    const s = asString('expand', v, c.pos);
    return { ...s, s: { ...insertPlaceholders(s.s), bytes: s.s.bytes } };
  },
  fieldref: (v, c) => {
    if (c.field === null) throw new RuleError("modifier 'fieldref' needs a field", c.pos);
    const s = asString('fieldref', v, c.pos);
    if (hasSpecial(s.s)) throw new RuleError('a field reference must not contain wildcards', c.pos);
    return { t: 'fieldref', ref: plainText(s.s), start: false, end: false, cased: false };
  },
  gt: (v, c) => compare('gt', v, c),
  gte: (v, c) => compare('gte', v, c),
  lt: (v, c) => compare('lt', v, c),
  lte: (v, c) => compare('lte', v, c),
};
for (const part of TIME_PARTS) {
  HANDLERS[part] = (v, c) => {
    if (v.t !== 'num' || !Number.isInteger(v.n)) throw new RuleError(`modifier '${part}' needs a whole number, found a ${typeName(v)} value`, c.pos);
    return { t: 'time', part, n: v.n };
  };
}

function utf16(kind: Utf16Kind, v: Value, c: ModCtx): Value {
  const s = asString(kind, v, c.pos);
  return { ...s, s: utf16Encode(s.s, kind, c.pos) };
}

function regexFlag(v: Value, c: ModCtx, flag: keyof RegexFlags): Value {
  if (v.t !== 're') throw new RuleError(`modifier '${flag}' only applies after 're'`, c.pos);
  return { ...v, flags: { ...v.flags, [flag]: true } };
}

function compare(op: 'gt' | 'gte' | 'lt' | 'lte', v: Value, c: ModCtx): Value {
  if (v.t !== 'num') throw new RuleError(`modifier '${op}' needs a number, found a ${typeName(v)} value (write it unquoted)`, c.pos);
  return { t: 'cmp', op, n: v.n };
}

export const KNOWN_MODIFIERS = new Set(Object.keys(HANDLERS));

function initialValue(s: YScalar, first: string | undefined, pos: Pos): Value {
  const v = s.value;
  if (first === 're') {
    if (typeof v !== 'string' && typeof v !== 'number') throw new RuleError(`modifier 're' needs a string, found ${v === null ? 'null' : typeof v}`, pos);
    return { t: 're', source: typeof v === 'string' ? v : s.source, flags: { i: false, m: false, s: false } };
  }
  if (first === 'cidr') {
    if (typeof v !== 'string') throw new RuleError(`modifier 'cidr' needs a string such as 10.0.0.0/8, found ${v === null ? 'null' : typeof v}`, pos);
    parseCidr(v, s.pos);
    return { t: 'cidr', text: v };
  }
  if (v === null) return { t: 'null' };
  if (typeof v === 'boolean') return { t: 'bool', b: v };
  if (typeof v === 'number') return { t: 'num', n: v, text: s.source || String(v) };
  return { t: 'str', s: parseSigmaString(v), cased: false };
}

/** Apply an item's modifiers to each of its values. */
export function applyModifiers(field: string | null, modifiers: Array<{ name: string; pos: Pos }>, values: YScalar[]): ItemSemantics {
  const item = { linkAll: false, negate: false };
  for (const m of modifiers) {
    if (!KNOWN_MODIFIERS.has(m.name)) throw new RuleError(`unknown modifier '${m.name}'`, m.pos);
    if ((m.name === 're' || m.name === 'cidr') && modifiers[0] !== m) {
      throw new RuleError(`modifier '${m.name}' only applies to unmodified values: it must come first`, m.pos);
    }
  }
  const first = modifiers[0]?.name;
  const out: Value[] = [];
  for (const s of values) {
    let v = initialValue(s, first, s.pos);
    const applied: string[] = [];
    for (const [i, m] of modifiers.entries()) {
      if (i === 0 && (m.name === 're' || m.name === 'cidr')) {
        applied.push(m.name);
        continue;
      }
      const ctx: ModCtx = { applied, pos: m.pos, field, item };
      v = applyOne(m.name, v, ctx);
      applied.push(m.name);
    }
    out.push(v);
  }
  return { values: out, linkAll: item.linkAll, negate: item.negate };
}

function applyOne(name: string, v: Value, ctx: ModCtx): Value {
  if (v.t === 'exp') return { t: 'exp', items: v.items.map((x) => applyOne(name, x, ctx)) };
  return HANDLERS[name](v, ctx);
}
