/**
 * BinXML value types (MS-EVEN6 2.2.14 and the libyal notes) and their decoding. Values are
 * decoded once into a small tagged object; strings, GUIDs, SIDs and times are formatted at
 * decode time because every record renders them anyway.
 */
import { EvtxFormatError, cp1252UntilNul, hex, i32, i64, need, u16, u32, u64, u8, utf16, utf16UntilNul } from './bytes.js';
import { formatFiletime, formatGuid, formatHex64, formatSid, formatSystemtime } from './value-format.js';

export const VT = {
  Null: 0x00,
  String: 0x01,
  Ansi: 0x02,
  Int8: 0x03,
  UInt8: 0x04,
  Int16: 0x05,
  UInt16: 0x06,
  Int32: 0x07,
  UInt32: 0x08,
  Int64: 0x09,
  UInt64: 0x0a,
  Real32: 0x0b,
  Real64: 0x0c,
  Bool: 0x0d,
  Binary: 0x0e,
  Guid: 0x0f,
  SizeT: 0x10,
  FileTime: 0x11,
  SysTime: 0x12,
  Sid: 0x13,
  HexInt32: 0x14,
  HexInt64: 0x15,
  EvtHandle: 0x20,
  BinXml: 0x21,
  EvtXml: 0x23,
  ArrayFlag: 0x80,
} as const;

/** A region of the chunk holding an embedded BinXML fragment (value type 0x21). */
export interface BinXmlRegion {
  start: number;
  end: number;
}

export type ValuePayload = null | string | number | bigint | boolean | Uint8Array | BinXmlRegion | BinValue[];

/**
 * One decoded value: `t` is the EVTX value type, `v` the payload (see `ValuePayload`). It is
 * also the document node for a value (`kind` 2 = K_VALUE), so no wrapper is allocated per value.
 */
export class BinValue {
  readonly kind = 2 as const;
  constructor(
    readonly t: number,
    readonly v: ValuePayload,
  ) {}
}

export const NULL_VALUE = new BinValue(VT.Null, null);

/** Fixed byte widths of the scalar types; 0 means variable-size. */
const FIXED_SIZE: Record<number, number> = {
  [VT.Int8]: 1, [VT.UInt8]: 1, [VT.Int16]: 2, [VT.UInt16]: 2, [VT.Int32]: 4, [VT.UInt32]: 4,
  [VT.Int64]: 8, [VT.UInt64]: 8, [VT.Real32]: 4, [VT.Real64]: 8, [VT.Guid]: 16,
  [VT.FileTime]: 8, [VT.SysTime]: 16, [VT.HexInt32]: 4, [VT.HexInt64]: 8,
};

const f32buf = new Float32Array(1);
const f32bytes = new Uint8Array(f32buf.buffer);
const f64buf = new Float64Array(1);
const f64bytes = new Uint8Array(f64buf.buffer);

/** Decodes a fixed-width scalar of type `t` at `pos` (the caller checked that `size` bytes exist). */
function decodeFixed(data: Uint8Array, pos: number, t: number, what: string): BinValue {
  switch (t) {
    case VT.Int8: return new BinValue(t, (u8(data, pos, what) << 24) >> 24);
    case VT.UInt8: return new BinValue(t, u8(data, pos, what));
    case VT.Int16: return new BinValue(t, (u16(data, pos, what) << 16) >> 16);
    case VT.UInt16: return new BinValue(t, u16(data, pos, what));
    case VT.Int32: return new BinValue(t, i32(data, pos, what));
    case VT.UInt32: return new BinValue(t, u32(data, pos, what));
    case VT.Int64: return new BinValue(t, i64(data, pos, what));
    case VT.UInt64: return new BinValue(t, u64(data, pos, what));
    case VT.Real32:
      need(data, pos, 4, what);
      for (let i = 0; i < 4; i++) f32bytes[i] = data[pos + i];
      return new BinValue(t, f32buf[0]);
    case VT.Real64:
      need(data, pos, 8, what);
      for (let i = 0; i < 8; i++) f64bytes[i] = data[pos + i];
      return new BinValue(t, f64buf[0]);
    case VT.Guid: need(data, pos, 16, what); return new BinValue(t, formatGuid(data, pos));
    case VT.FileTime: return new BinValue(t, formatFiletime(u32(data, pos + 4, what), u32(data, pos, what)));
    case VT.SysTime: need(data, pos, 16, what); return new BinValue(t, formatSystemtime(data, pos));
    case VT.HexInt32: return new BinValue(t, hex(u32(data, pos, what)));
    case VT.HexInt64: return new BinValue(t, formatHex64(u32(data, pos + 4, what), u32(data, pos, what)));
    default: throw new EvtxFormatError(`${what}: type 0x${t.toString(16)} is not fixed-size`, pos);
  }
}

/** Any non-zero integer is true: real logs carry booleans of 1, 2 or 4 bytes with values other than 1. */
function decodeBool(data: Uint8Array, pos: number, size: number, what: string): BinValue {
  need(data, pos, size, what);
  let any = false;
  for (let i = 0; i < size; i++) if (data[pos + i] !== 0) any = true;
  return new BinValue(VT.Bool, any);
}

function decodeSid(data: Uint8Array, pos: number, size: number, what: string): BinValue {
  if (size < 8) throw new EvtxFormatError(`${what}: SID of ${size} bytes is shorter than its 8-byte header`, pos);
  need(data, pos, size, what);
  const count = data[pos + 1];
  if (8 + 4 * count > size) throw new EvtxFormatError(`${what}: SID claims ${count} sub-authorities but has ${size} bytes`, pos);
  return new BinValue(VT.Sid, formatSid(data, pos, count));
}

/** Splits NUL-terminated UTF-16 strings packed in `size` bytes (value type 0x81). */
function decodeStringArray(data: Uint8Array, pos: number, size: number, what: string): BinValue {
  need(data, pos, size, what);
  const items: BinValue[] = [];
  const end = pos + (size & ~1);
  let start = pos;
  for (let p = pos; p < end; p += 2) {
    if (data[p] === 0 && data[p + 1] === 0) {
      items.push(new BinValue(VT.String, utf16(data, start, (p - start) >> 1, what)));
      start = p + 2;
    }
  }
  if (start < end) items.push(new BinValue(VT.String, utf16(data, start, (end - start) >> 1, what)));
  return new BinValue(VT.String | VT.ArrayFlag, items);
}

function decodeArray(data: Uint8Array, pos: number, size: number, t: number, what: string): BinValue {
  const base = t & 0x7f;
  if (base === VT.String) return decodeStringArray(data, pos, size, what);
  need(data, pos, size, what);
  const items: BinValue[] = [];
  if (base === VT.Sid) {
    let p = pos;
    const end = pos + size;
    while (p < end) {
      if (p + 8 > end) throw new EvtxFormatError(`${what}: truncated SID in SID array`, p);
      const len = 8 + 4 * data[p + 1];
      items.push(decodeSid(data, p, Math.min(len, end - p), what));
      p += len;
    }
    return new BinValue(t, items);
  }
  const width = base === VT.SizeT ? (size % 8 === 0 ? 8 : 4) : base === VT.Bool ? 4 : FIXED_SIZE[base] ?? 0;
  if (width === 0) throw new EvtxFormatError(`${what}: unsupported array value type 0x${t.toString(16)}`, pos);
  if (size % width !== 0) throw new EvtxFormatError(`${what}: array of ${size} bytes is not a multiple of its ${width}-byte items`, pos);
  for (let p = pos; p < pos + size; p += width) {
    if (base === VT.Bool) items.push(decodeBool(data, p, width, what));
    else if (base === VT.SizeT) items.push(decodeSizeT(data, p, width, what));
    else items.push(decodeFixed(data, p, base, what));
  }
  return new BinValue(t, items);
}

function decodeSizeT(data: Uint8Array, pos: number, size: number, what: string): BinValue {
  if (size === 4) return new BinValue(VT.SizeT, hex(u32(data, pos, what)));
  if (size === 8) return new BinValue(VT.SizeT, formatHex64(u32(data, pos + 4, what), u32(data, pos, what)));
  throw new EvtxFormatError(`${what}: size_t of ${size} bytes (expected 4 or 8)`, pos);
}

/** Decodes a substitution value whose type and byte size come from the template instance's descriptor. */
export function decodeSizedValue(data: Uint8Array, pos: number, size: number, t: number, what: string): BinValue {
  if (t & VT.ArrayFlag) return decodeArray(data, pos, size, t, what);
  switch (t) {
    case VT.Null: return NULL_VALUE;
    case VT.String: return new BinValue(t, utf16UntilNul(data, pos, size, what));
    case VT.Ansi: return new BinValue(t, cp1252UntilNul(data, pos, size, what));
    case VT.Bool: return decodeBool(data, pos, size, what);
    // A copy: a record must not pin the whole read block in memory through a small binary value.
    case VT.Binary: need(data, pos, size, what); return new BinValue(t, data.slice(pos, pos + size));
    case VT.SizeT: return decodeSizeT(data, pos, size, what);
    case VT.Sid: return decodeSid(data, pos, size, what);
    case VT.BinXml: need(data, pos, size, what); return new BinValue(t, { start: pos, end: pos + size });
    default: {
      const width = FIXED_SIZE[t];
      if (width === undefined) throw new EvtxFormatError(`${what}: unsupported value type 0x${t.toString(16)}`, pos);
      if (size < width) throw new EvtxFormatError(`${what}: ${size} bytes for a ${width}-byte value of type 0x${t.toString(16)}`, pos);
      return decodeFixed(data, pos, t, what);
    }
  }
}

/**
 * Decodes a value token's payload (token 0x05): strings carry a UTF-16 character count,
 * fixed-width types their natural size. Returns the value and the position after it.
 */
export function decodeInlineValue(data: Uint8Array, pos: number, t: number, what: string): [BinValue, number] {
  if (t === VT.String) {
    const units = u16(data, pos, what);
    return [new BinValue(t, utf16(data, pos + 2, units, what)), pos + 2 + 2 * units];
  }
  if (t === VT.Null) return [NULL_VALUE, pos];
  if (t === VT.Bool) return [decodeBool(data, pos, 4, what), pos + 4];
  const width = FIXED_SIZE[t];
  if (width === undefined) throw new EvtxFormatError(`${what}: value token of type 0x${t.toString(16)} has no inline size`, pos);
  return [decodeFixed(data, pos, t, what), pos + width];
}

/** An "empty" value: an optional substitution holding it is left out of the document entirely. */
export function isEmptyValue(value: BinValue): boolean {
  const v = value.v;
  if (value.t === VT.Null) return true;
  if (typeof v === 'string') return v.length === 0 && (value.t === VT.String || value.t === VT.Ansi);
  if (v instanceof Uint8Array) return v.length === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (value.t === VT.BinXml) return (v as BinXmlRegion).end === (v as BinXmlRegion).start;
  return false;
}
