/**
 * Test-only writer for EVTX chunks: BinXML tokens, template definitions and instances,
 * typed substitution values, records, chunk and file headers with correct checksums. It
 * writes at absolute chunk offsets (names and templates are referenced by offset), so the
 * bytes it produces are what Windows writes, token for token.
 */
import { crc32 } from '../bytes.js';
import { CHUNK_HEADER_SIZE, CHUNK_SIZE, makeFileHeader } from '../headers.js';

export interface ValueSpec {
  type: number;
  write(w: ChunkWriter): void;
}

export class ChunkWriter {
  readonly buf = new Uint8Array(CHUNK_SIZE);
  private readonly view = new DataView(this.buf.buffer);
  pos = CHUNK_HEADER_SIZE;
  private readonly names = new Map<string, number>();
  private readonly templates = new Map<string, number>();
  private records: { id: number; offset: number }[] = [];

  u8(v: number): this { this.buf[this.pos++] = v & 0xff; return this; }
  u16(v: number): this { this.view.setUint16(this.pos, v, true); this.pos += 2; return this; }
  u32(v: number): this { this.view.setUint32(this.pos, v >>> 0, true); this.pos += 4; return this; }
  u64(v: bigint): this { this.view.setBigUint64(this.pos, BigInt.asUintN(64, v), true); this.pos += 8; return this; }
  bytes(b: ArrayLike<number>): this { for (let i = 0; i < b.length; i++) this.buf[this.pos++] = b[i]; return this; }
  utf16(s: string): this { for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i)); return this; }
  patch32(at: number, v: number): void { this.view.setUint32(at, v >>> 0, true); }

  /** A name reference: inline the first time a name is used in the chunk, by offset after that. */
  nameRef(name: string): this {
    const known = this.names.get(name);
    if (known !== undefined) return this.u32(known);
    const at = this.pos + 4;
    this.names.set(name, at);
    return this.u32(at).u32(0).u16(0).u16(name.length).utf16(name).u16(0);
  }

  fragmentHeader(): this { return this.u8(0x0f).u8(1).u8(1).u8(0); }
  eof(): this { return this.u8(0x00); }

  /** Open element; template definitions carry a dependency id, record-level elements do not. */
  open(name: string, opts: { attributes?: boolean; dependencyId?: boolean } = {}): this {
    this.u8(opts.attributes ? 0x41 : 0x01);
    if (opts.dependencyId ?? true) this.u16(0xffff);
    this.u32(0).nameRef(name);
    if (opts.attributes) this.u32(0);
    return this;
  }
  attribute(name: string): this { return this.u8(0x06).nameRef(name); }
  closeStart(): this { return this.u8(0x02); }
  closeEmpty(): this { return this.u8(0x03); }
  end(): this { return this.u8(0x04); }
  text(s: string): this { return this.u8(0x05).u8(0x01).u16(s.length).utf16(s); }
  sub(index: number, type: number, optional = false): this { return this.u8(optional ? 0x0e : 0x0d).u16(index).u8(type); }
  entity(name: string): this { return this.u8(0x09).nameRef(name); }
  charRef(code: number): this { return this.u8(0x08).u16(code); }
  cdata(s: string): this { return this.u8(0x07).u16(s.length).utf16(s); }
  piTarget(name: string): this { return this.u8(0x0a).nameRef(name); }
  piData(s: string): this { return this.u8(0x0b).u16(s.length).utf16(s); }

  /**
   * Template instance: the definition (written by `body`, in template mode) is inlined the
   * first time `key` is used in this chunk and referenced by offset afterwards.
   */
  template(key: string, body: (w: ChunkWriter) => void, values: ValueSpec[]): this {
    this.u8(0x0c).u8(0x01).u32(0x1234);
    const known = this.templates.get(key);
    if (known !== undefined) {
      this.u32(known);
    } else {
      const defAt = this.pos + 4;
      this.templates.set(key, defAt);
      this.u32(defAt).u32(0).bytes(new Array(16).fill(0x42)).u32(0);
      const start = this.pos;
      this.fragmentHeader();
      body(this);
      this.eof();
      this.patch32(defAt + 20, this.pos - start);
    }
    this.u32(values.length);
    const descriptors = this.pos;
    this.pos += 4 * values.length;
    values.forEach((v, i) => {
      const start = this.pos;
      v.write(this);
      this.view.setUint16(descriptors + 4 * i, this.pos - start, true);
      this.buf[descriptors + 4 * i + 2] = v.type;
    });
    return this;
  }

  /** A record whose BinXML `body` writes (usually fragmentHeader + template + eof). */
  record(id: number, writtenTicks: bigint, body: (w: ChunkWriter) => void): this {
    const start = this.pos;
    this.u32(0x00002a2a).u32(0).u64(BigInt(id)).u64(writtenTicks);
    body(this);
    const size = this.pos + 4 - start;
    this.u32(size);
    this.patch32(start + 4, size);
    this.records.push({ id, offset: start });
    return this;
  }

  /** Fills in the chunk header (ids, offsets, both checksums) and returns the 64 KiB chunk. */
  finish(opts: { flags?: number; lastRecordId?: number } = {}): Uint8Array {
    const h = this.view;
    this.buf.set([0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]);
    const first = this.records[0]?.id ?? 0;
    const last = opts.lastRecordId ?? this.records[this.records.length - 1]?.id ?? 0;
    h.setBigUint64(8, BigInt(first), true);
    h.setBigUint64(16, BigInt(last), true);
    h.setBigUint64(24, BigInt(first), true);
    h.setBigUint64(32, BigInt(last), true);
    h.setUint32(40, 128, true);
    h.setUint32(44, this.records[this.records.length - 1]?.offset ?? 0, true);
    h.setUint32(48, this.pos, true);
    h.setUint32(52, crc32(this.buf.subarray(CHUNK_HEADER_SIZE, this.pos)), true);
    h.setUint32(120, opts.flags ?? 0, true);
    h.setUint32(124, crc32(this.buf.subarray(128, CHUNK_HEADER_SIZE), crc32(this.buf.subarray(0, 120))), true);
    return this.buf;
  }
}

/** Header + chunks, as one EVTX file. */
export function buildEvtxFile(chunks: Uint8Array[], nextRecordId = 1): Uint8Array {
  const out = new Uint8Array(4096 + chunks.length * CHUNK_SIZE);
  out.set(makeFileHeader(chunks.length, nextRecordId));
  chunks.forEach((c, i) => out.set(c, 4096 + i * CHUNK_SIZE));
  return out;
}

const le = (n: number, bytes: number, signed = false): number[] => {
  const dv = new DataView(new ArrayBuffer(8));
  if (bytes === 8) dv.setBigUint64(0, BigInt.asUintN(64, BigInt(n)), true);
  else if (bytes === 4) signed ? dv.setInt32(0, n, true) : dv.setUint32(0, n, true);
  else if (bytes === 2) signed ? dv.setInt16(0, n, true) : dv.setUint16(0, n, true);
  else signed ? dv.setInt8(0, n) : dv.setUint8(0, n);
  return [...new Uint8Array(dv.buffer, 0, bytes)];
};

/** Encoders for substitution values, by EVTX value type. */
export const V = {
  raw: (type: number, bytes: number[]): ValueSpec => ({ type, write: (w) => w.bytes(bytes) }),
  null: (): ValueSpec => ({ type: 0x00, write: () => undefined }),
  string: (s: string): ValueSpec => ({ type: 0x01, write: (w) => w.utf16(s) }),
  ansi: (bytes: number[]): ValueSpec => V.raw(0x02, bytes),
  int8: (n: number) => V.raw(0x03, le(n, 1, true)),
  uint8: (n: number) => V.raw(0x04, le(n, 1)),
  int16: (n: number) => V.raw(0x05, le(n, 2, true)),
  uint16: (n: number) => V.raw(0x06, le(n, 2)),
  int32: (n: number) => V.raw(0x07, le(n, 4, true)),
  uint32: (n: number) => V.raw(0x08, le(n, 4)),
  int64: (n: bigint): ValueSpec => ({ type: 0x09, write: (w) => w.u64(n) }),
  uint64: (n: bigint): ValueSpec => ({ type: 0x0a, write: (w) => w.u64(n) }),
  real32: (x: number): ValueSpec => { const dv = new DataView(new ArrayBuffer(4)); dv.setFloat32(0, x, true); return V.raw(0x0b, [...new Uint8Array(dv.buffer)]); },
  real64: (x: number): ValueSpec => { const dv = new DataView(new ArrayBuffer(8)); dv.setFloat64(0, x, true); return V.raw(0x0c, [...new Uint8Array(dv.buffer)]); },
  bool: (n: number, bytes = 4) => V.raw(0x0d, le(n, bytes)),
  binary: (bytes: number[]) => V.raw(0x0e, bytes),
  guid: (bytes: number[]) => V.raw(0x0f, bytes),
  sizeT: (n: bigint, bytes: 4 | 8): ValueSpec => ({ type: 0x10, write: (w) => (bytes === 8 ? w.u64(n) : w.u32(Number(n))) }),
  filetime: (ticks: bigint): ValueSpec => ({ type: 0x11, write: (w) => w.u64(ticks) }),
  systime: (parts: number[]): ValueSpec => ({ type: 0x12, write: (w) => parts.forEach((p) => w.u16(p)) }),
  sid: (revision: number, authority: number, subs: number[]): ValueSpec => ({
    type: 0x13,
    write: (w) => { w.u8(revision).u8(subs.length).bytes(le(authority, 8).slice(0, 6).reverse()); subs.forEach((s) => w.u32(s)); },
  }),
  hex32: (n: number) => V.raw(0x14, le(n, 4)),
  hex64: (n: bigint): ValueSpec => ({ type: 0x15, write: (w) => w.u64(n) }),
  stringArray: (items: string[]): ValueSpec => ({ type: 0x81, write: (w) => items.forEach((s) => w.utf16(s).u16(0)) }),
  uint16Array: (items: number[]): ValueSpec => ({ type: 0x86, write: (w) => items.forEach((n) => w.u16(n)) }),
  binxml: (body: (w: ChunkWriter) => void): ValueSpec => ({ type: 0x21, write: (w) => { w.fragmentHeader(); body(w); w.eof(); } }),
};

/** 100 ns ticks since 1601 for an ISO instant (whole milliseconds). */
export function ticksOf(iso: string): bigint {
  return (BigInt(Date.parse(iso)) + 11644473600000n) * 10000n;
}
