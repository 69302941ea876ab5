/**
 * Stream framing for syslog over TCP/TLS (RFC 6587): octet counting (`MSG-LEN SP MSG`, §3.4.1,
 * also RFC 5425 §4.3) and non-transparent framing (MSG then LF, §3.4.2). A pure incremental
 * state machine: feed it chunks as they arrive, get whole frames and counted drops back.
 *
 * `auto` decides per frame, as rsyslog does: a frame starting with a non-zero digit followed by
 * more digits and a space is octet-counted; anything else runs to the next LF. Frames longer
 * than `maxFrameBytes` are skipped (the octet count tells how far; otherwise up to the next LF)
 * and reported once, so a giant line neither buffers unbounded nor desynchronises the stream.
 *
 * `read` hands each frame to a sink as a span (buffer, start, end) of the chunk it arrived in:
 * a receiver collects spans in a `FrameSpans` and decodes them in place, with no Buffer view or
 * event object per frame (a Buffer view alone cost about half of the framing). `finish` at the
 * end of the connection hands on what is left.
 */
export type FramingMode = 'auto' | 'newline' | 'octet_counting';

export type FrameDropReason = 'oversized' | 'invalid_frame';

export interface FrameDecoderOptions {
  mode: FramingMode;
  maxFrameBytes: number;
}

/** Receives what the decoder reads, in stream order. */
export interface FrameSink {
  /** A frame: bytes `[start, end)` of `buf` (which stays valid: the decoder never reuses it). */
  frame(buf: Buffer, start: number, end: number): void;
  dropped(reason: FrameDropReason, detail: string): void;
}

/** Frames as spans of the buffers they were read into, in three parallel arrays. */
export class FrameSpans {
  readonly bufs: Buffer[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  get length(): number {
    return this.starts.length;
  }

  add(buf: Buffer, start: number, end: number): void {
    this.bufs.push(buf);
    this.starts.push(start);
    this.ends.push(end);
  }

  /** Keeps, in order, the spans from index `from` on for which `keep()` (asked once per span, in order) holds; returns how many were removed. */
  retainFrom(from: number, keep: () => boolean): number {
    let to = from;
    const n = this.starts.length;
    for (let i = from; i < n; i++) {
      if (!keep()) continue;
      this.bufs[to] = this.bufs[i];
      this.starts[to] = this.starts[i];
      this.ends[to] = this.ends[i];
      to++;
    }
    this.bufs.length = this.starts.length = this.ends.length = to;
    return n - to;
  }
}

const LF = 10;
const CR = 13;
const NUL = 0;
const SP = 32;
/** Ten digits is already > 4 GB; a longer "length" is not a length. */
const MAX_LEN_DIGITS = 10;

/** Decoder states; numbers in fields rather than a state object per frame (the state changes twice a frame). */
const START = 0;
/** Inside a line; `scanned` bytes of it are known to hold no LF. */
const LINE = 1;
/** Inside an octet-counted frame of `need` bytes. */
const BODY = 2;
const SKIP_LINE = 3;
/** Skipping `remaining` bytes of an oversized octet-counted frame. */
const SKIP_BYTES = 4;
const EMPTY = Buffer.alloc(0);

export class FrameDecoder {
  private pending: Buffer = EMPTY;
  private state = START;
  private scanned = 0;
  private need = 0;
  private remaining = 0;

  constructor(private readonly opts: FrameDecoderOptions) {}

  /** Bytes held for an incomplete frame (bounded by maxFrameBytes + a length prefix). */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  /** Feeds one chunk; complete frames and drops go to `sink`, a partial frame is kept for the next chunk. */
  read(chunk: Buffer, sink: FrameSink): void {
    const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let i = 0;
    const max = this.opts.maxFrameBytes;
    for (;;) {
      const st = this.state;
      if (st === SKIP_BYTES) {
        const n = Math.min(this.remaining, data.length - i);
        i += n;
        this.remaining -= n;
        if (this.remaining > 0) break;
        this.state = START;
        continue;
      }
      if (st === SKIP_LINE) {
        const j = data.indexOf(LF, i);
        if (j < 0) {
          i = data.length;
          break;
        }
        i = j + 1;
        this.state = START;
        continue;
      }
      if (st === BODY) {
        if (data.length - i < this.need) break;
        sink.frame(data, i, i + this.need);
        i += this.need;
        this.state = START;
        continue;
      }
      if (st === LINE) {
        const j = data.indexOf(LF, i + this.scanned);
        if (j < 0) {
          if (data.length - i > max) {
            sink.dropped('oversized', `line longer than ${max} bytes`);
            this.state = SKIP_LINE;
            i = data.length;
          } else {
            this.scanned = data.length - i;
          }
          break;
        }
        let end = j;
        if (end > i && data[end - 1] === CR) end--;
        if (end - i > max) sink.dropped('oversized', `line of ${end - i} bytes exceeds ${max}`);
        else if (end > i) sink.frame(data, i, end);
        i = j + 1;
        this.state = START;
        continue;
      }
      // At a frame boundary: stray trailers between frames are not frames.
      while (i < data.length && (data[i] === LF || data[i] === CR || data[i] === NUL)) i++;
      if (i >= data.length) break;
      const c = data[i];
      const digitStart = c >= 49 && c <= 57;
      if (this.opts.mode === 'newline' || (this.opts.mode === 'auto' && !digitStart)) {
        this.state = LINE;
        this.scanned = 0;
        continue;
      }
      // Octet counting (forced, or auto with a leading digit): read MSG-LEN.
      let j = i;
      let len = 0;
      while (j < data.length && j - i <= MAX_LEN_DIGITS && data[j] >= 48 && data[j] <= 57) {
        len = len * 10 + (data[j] - 48);
        j++;
      }
      if (j === data.length && j - i <= MAX_LEN_DIGITS) break; // need more bytes to see the SP
      const validPrefix = digitStart && data[j] === SP && j - i <= MAX_LEN_DIGITS;
      if (!validPrefix) {
        if (this.opts.mode === 'auto') {
          this.state = LINE;
          this.scanned = 0;
        } else {
          sink.dropped('invalid_frame', 'octet-counted frame without a valid MSG-LEN');
          this.state = SKIP_LINE;
        }
        continue;
      }
      i = j + 1;
      if (len > max) {
        sink.dropped('oversized', `octet count ${len} exceeds ${max}`);
        this.state = SKIP_BYTES;
        this.remaining = len;
      } else {
        this.state = BODY;
        this.need = len;
      }
    }
    this.pending = i >= data.length ? EMPTY : Buffer.from(data.subarray(i));
  }

  /** The connection closed: hands on the partial frame a newline-framed stream may end with; see `end`. */
  finish(sink: FrameSink): void {
    const rest = this.pending;
    const st = this.state;
    const need = this.need;
    this.pending = EMPTY;
    this.state = START;
    if (st === LINE && rest.length > 0) {
      let end = rest.length;
      if (rest[end - 1] === CR) end--;
      if (end > 0) sink.frame(rest, 0, end);
    } else if (st === BODY) {
      sink.dropped('invalid_frame', `connection closed ${need - rest.length} bytes short of an octet-counted frame`);
    } else if (st === START && rest.length > 0) {
      // Only digits were left: in auto mode that is a short unterminated line, otherwise a cut MSG-LEN.
      if (this.opts.mode === 'auto') sink.frame(rest, 0, rest.length);
      else sink.dropped('invalid_frame', 'connection closed inside a MSG-LEN');
    }
  }
}
