/**
 * A minimal protobuf wire-format reader and writer (https://protobuf.dev/programming-guides/encoding/):
 * just what OTLP logs need. Every read is bounds-checked and errors carry the byte offset,
 * so a truncated or hostile body is a clear 400 rather than an exception deep inside.
 */
export class ProtoDecodeError extends Error {
  override readonly name = 'ProtoDecodeError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

export interface FieldTag {
  field: number;
  wire: number;
  /** Offset of the tag itself, for error messages. */
  at: number;
}

/** Reads one message's bytes; nested messages get a sub-reader over their own slice. */
export class ProtoReader {
  pos: number;

  constructor(
    private readonly buf: Uint8Array,
    private readonly base = 0,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Absolute offset in the request body, for errors. */
  get offset(): number {
    return this.base + this.pos;
  }

  tag(): FieldTag {
    const at = this.offset;
    const key = this.varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new ProtoDecodeError('field number 0 is invalid', at);
    return { field, wire, at };
  }

  /** A varint as bigint (64-bit values such as int64 do not fit a double exactly). */
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    const start = this.offset;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoDecodeError('truncated varint', start);
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result & 0xffffffffffffffffn;
      shift += 7n;
    }
    throw new ProtoDecodeError('varint longer than 10 bytes', start);
  }

  /** uint32/enum/bool sized varints as a number. */
  uint32(): number {
    return Number(this.varint() & 0xffffffffn);
  }

  int64(): bigint {
    return BigInt.asIntN(64, this.varint());
  }

  fixed64(): bigint {
    const b = this.take(8);
    return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
  }

  fixed32(): number {
    const b = this.take(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
  }

  double(): number {
    const b = this.take(8);
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  }

  bytes(): Uint8Array {
    const len = this.uint32Len();
    return this.take(len);
  }

  string(): string {
    const at = this.offset;
    const b = this.bytes();
    try {
      return UTF8.decode(b);
    } catch {
      throw new ProtoDecodeError('string field is not valid UTF-8', at);
    }
  }

  /** A reader over a length-delimited sub-message. */
  message(): ProtoReader {
    const len = this.uint32Len();
    const start = this.pos;
    this.ensure(len);
    this.pos += len;
    return new ProtoReader(this.buf, this.base, start, start + len);
  }

  /** Skips a field this decoder does not know (forward compatibility, as protobuf requires). */
  skip(t: FieldTag): void {
    switch (t.wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.take(8);
        return;
      case WIRE_LEN:
        this.take(this.uint32Len());
        return;
      case WIRE_FIXED32:
        this.take(4);
        return;
      default:
        throw new ProtoDecodeError(`unsupported wire type ${t.wire} for field ${t.field}`, t.at);
    }
  }

  /** Throws unless the field has the wire type its schema declares. */
  expect(t: FieldTag, wire: number): void {
    if (t.wire !== wire) throw new ProtoDecodeError(`field ${t.field} has wire type ${t.wire}, expected ${wire}`, t.at);
  }

  private uint32Len(): number {
    const at = this.offset;
    const len = this.varint();
    if (len > BigInt(this.end - this.pos)) throw new ProtoDecodeError(`length ${len} runs past the end of the message`, at);
    return Number(len);
  }

  private ensure(n: number): void {
    if (this.pos + n > this.end) throw new ProtoDecodeError(`truncated field: ${n} bytes needed, ${this.end - this.pos} left`, this.offset);
  }

  private take(n: number): Uint8Array {
    this.ensure(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Builds small messages (OTLP responses); fields are appended in call order. */
export class ProtoWriter {
  private readonly parts: number[] = [];

  varintField(field: number, value: bigint | number): this {
    this.key(field, WIRE_VARINT);
    this.varint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  stringField(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  bytesField(field: number, value: Uint8Array): this {
    this.key(field, WIRE_LEN);
    this.varint(BigInt(value.length));
    for (const b of value) this.parts.push(b);
    return this;
  }

  fixed64Field(field: number, value: bigint): this {
    this.key(field, WIRE_FIXED64);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, value, true);
    for (const x of b) this.parts.push(x);
    return this;
  }

  /** A nested message built by another writer. */
  messageField(field: number, message: ProtoWriter): this {
    return this.bytesField(field, message.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }

  private key(field: number, wire: number): void {
    this.varint(BigInt((field << 3) | wire));
  }

  private varint(v: bigint): void {
    while (v >= 0x80n) {
      this.parts.push(Number((v & 0x7fn) | 0x80n));
      v >>= 7n;
    }
    this.parts.push(Number(v));
  }
}
