/**
 * Builds NetFlow v5/v9 and IPFIX datagrams for tests and the benchmark: an encoder kept
 * deliberately literal (every header field explicit) so tests can also build broken packets.
 */
import { parseIp } from '../addresses.js';

export interface FieldSpec {
  id: number;
  length: number;
  /** Enterprise number (IPFIX only); sets the enterprise bit. */
  pen?: number;
}

export interface TemplateSpec {
  id: number;
  fields: FieldSpec[];
  /** Options templates: how many leading fields are scope fields. */
  scopeCount?: number;
}

/** Accumulates big-endian values into one record or set body. */
export class ByteWriter {
  private readonly parts: Buffer[] = [];

  u8(v: number): this {
    this.parts.push(Buffer.from([v & 255]));
    return this;
  }
  u16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v);
    this.parts.push(b);
    return this;
  }
  u32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    this.parts.push(b);
    return this;
  }
  u64(v: number | bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(v));
    this.parts.push(b);
    return this;
  }
  ip(text: string): this {
    const bytes = parseIp(text);
    if (!bytes) throw new Error(`bad address ${text}`);
    this.parts.push(Buffer.from(bytes));
    return this;
  }
  bytes(b: Uint8Array): this {
    this.parts.push(Buffer.from(b));
    return this;
  }
  /** An IPFIX variable-length value: one length octet, or 255 and two length octets. */
  varlen(b: Uint8Array): this {
    if (b.length < 255) this.u8(b.length);
    else this.u8(255).u16(b.length);
    return this.bytes(b);
  }
  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function set(id: number, body: Buffer, padTo4 = false): Buffer {
  const pad = padTo4 ? (4 - ((body.length + 4) % 4)) % 4 : 0;
  return new ByteWriter().u16(id).u16(body.length + 4 + pad).bytes(body).bytes(Buffer.alloc(pad)).build();
}

export function ipfixTemplateSet(templates: TemplateSpec[], options = false): Buffer {
  const w = new ByteWriter();
  for (const t of templates) {
    w.u16(t.id).u16(t.fields.length);
    if (options) w.u16(t.scopeCount ?? 1);
    for (const f of t.fields) {
      if (f.pen !== undefined) w.u16(f.id | 0x8000).u16(f.length).u32(f.pen);
      else w.u16(f.id).u16(f.length);
    }
  }
  return set(options ? 3 : 2, w.build());
}

/** A template withdrawal record (field count 0) in an IPFIX template set. */
export function ipfixWithdrawalSet(templateId: number, options = false): Buffer {
  return set(options ? 3 : 2, new ByteWriter().u16(templateId).u16(0).build());
}

export function dataSet(templateId: number, records: Buffer[], padTo4 = false): Buffer {
  return set(templateId, Buffer.concat(records), padTo4);
}

export function ipfixMessage(h: { exportTime: number; sequence: number; domainId: number }, sets: Buffer[]): Buffer {
  const body = Buffer.concat(sets);
  return Buffer.concat([new ByteWriter().u16(10).u16(16 + body.length).u32(h.exportTime).u32(h.sequence).u32(h.domainId).build(), body]);
}

export function netflow9TemplateFlowset(templates: TemplateSpec[]): Buffer {
  const w = new ByteWriter();
  for (const t of templates) {
    w.u16(t.id).u16(t.fields.length);
    for (const f of t.fields) w.u16(f.id).u16(f.length);
  }
  return set(0, w.build());
}

/** v9 options template: scope fields use the RFC 3954 scope types (1 system, 2 interface, ...). */
export function netflow9OptionsTemplateFlowset(t: TemplateSpec): Buffer {
  const scopeCount = t.scopeCount ?? 1;
  const w = new ByteWriter().u16(t.id).u16(scopeCount * 4).u16((t.fields.length - scopeCount) * 4);
  for (const f of t.fields) w.u16(f.id).u16(f.length);
  return set(1, w.build(), true);
}

export function netflow9Packet(h: { sysUpTime: number; unixSecs: number; sequence: number; sourceId: number; count: number }, flowsets: Buffer[]): Buffer {
  const header = new ByteWriter().u16(9).u16(h.count).u32(h.sysUpTime).u32(h.unixSecs).u32(h.sequence).u32(h.sourceId).build();
  return Buffer.concat([header, ...flowsets]);
}

export interface V5Flow {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  protocol: number;
  packets: number;
  octets: number;
  first: number;
  last: number;
  tcpFlags?: number;
}

export function netflow5Packet(h: { sysUpTime: number; unixSecs: number; unixNsecs: number; sequence: number; sampling?: number }, flows: V5Flow[]): Buffer {
  const w = new ByteWriter().u16(5).u16(flows.length).u32(h.sysUpTime).u32(h.unixSecs).u32(h.unixNsecs).u32(h.sequence).u8(0).u8(0).u16(h.sampling ?? 0);
  for (const f of flows) {
    w.ip(f.src).ip(f.dst).ip('0.0.0.0').u16(1).u16(2).u32(f.packets).u32(f.octets).u32(f.first).u32(f.last);
    w.u16(f.sport).u16(f.dport).u8(0).u8(f.tcpFlags ?? 0).u8(f.protocol).u8(0).u16(0).u16(0).u8(24).u8(24).u16(0);
  }
  return w.build();
}
