/**
 * Stream framing for syslog over TCP/TLS (RFC 6587): octet counting (`MSG-LEN SP MSG`, §3.4.1,
 * also RFC 5425 §4.3) and non-transparent framing (MSG then LF, §3.4.2). A pure incremental
 * state machine: feed it chunks as they arrive, get whole frames and counted drops back.
 *
 * `auto` decides per frame, as rsyslog does: a frame starting with a non-zero digit followed by
 * more digits and a space is octet-counted; anything else runs to the next LF. Frames longer
 * than `maxFrameBytes` are skipped (the octet count tells how far; otherwise up to the next LF)
 * and reported once, so a giant line neither buffers unbounded nor desynchronises the stream.
 */
export type FramingMode = 'auto' | 'newline' | 'octet_counting';

export type FrameEvent =
  | { kind: 'frame'; data: Buffer }
  | { kind: 'dropped'; reason: 'oversized' | 'invalid_frame'; detail: string };

export interface FrameDecoderOptions {
  mode: FramingMode;
  maxFrameBytes: number;
}

const LF = 10;
const CR = 13;
const NUL = 0;
const SP = 32;
/** Ten digits is already > 4 GB; a longer "length" is not a length. */
const MAX_LEN_DIGITS = 10;

type State =
  | { s: 'start' }
  | { s: 'line'; scanned: number }
  | { s: 'body'; need: number }
  | { s: 'skip_line' }
  | { s: 'skip_bytes'; remaining: number };

export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = { s: 'start' };

  constructor(private readonly opts: FrameDecoderOptions) {}

  /** Bytes held for an incomplete frame (bounded by maxFrameBytes + a length prefix). */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): FrameEvent[] {
    const out: FrameEvent[] = [];
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let i = 0;
    const max = this.opts.maxFrameBytes;
    for (;;) {
      const st = this.state;
      if (st.s === 'skip_bytes') {
        const n = Math.min(st.remaining, data.length - i);
        i += n;
        st.remaining -= n;
        if (st.remaining > 0) break;
        this.state = { s: 'start' };
        continue;
      }
      if (st.s === 'skip_line') {
        const j = data.indexOf(LF, i);
        if (j < 0) {
          i = data.length;
          break;
        }
        i = j + 1;
        this.state = { s: 'start' };
        continue;
      }
      if (st.s === 'body') {
        if (data.length - i < st.need) break;
        out.push({ kind: 'frame', data: data.subarray(i, i + st.need) });
        i += st.need;
        this.state = { s: 'start' };
        continue;
      }
      if (st.s === 'line') {
        const j = data.indexOf(LF, i + st.scanned);
        if (j < 0) {
          if (data.length - i > max) {
            out.push({ kind: 'dropped', reason: 'oversized', detail: `line longer than ${max} bytes` });
            this.state = { s: 'skip_line' };
            i = data.length;
          } else {
            st.scanned = data.length - i;
          }
          break;
        }
        let end = j;
        if (end > i && data[end - 1] === CR) end--;
        if (end - i > max) out.push({ kind: 'dropped', reason: 'oversized', detail: `line of ${end - i} bytes exceeds ${max}` });
        else if (end > i) out.push({ kind: 'frame', data: data.subarray(i, end) });
        i = j + 1;
        this.state = { s: 'start' };
        continue;
      }
      // At a frame boundary: stray trailers between frames are not frames.
      while (i < data.length && (data[i] === LF || data[i] === CR || data[i] === NUL)) i++;
      if (i >= data.length) break;
      const c = data[i];
      const digitStart = c >= 49 && c <= 57;
      if (this.opts.mode === 'newline' || (this.opts.mode === 'auto' && !digitStart)) {
        this.state = { s: 'line', scanned: 0 };
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
          this.state = { s: 'line', scanned: 0 };
        } else {
          out.push({ kind: 'dropped', reason: 'invalid_frame', detail: 'octet-counted frame without a valid MSG-LEN' });
          this.state = { s: 'skip_line' };
        }
        continue;
      }
      i = j + 1;
      if (len > max) {
        out.push({ kind: 'dropped', reason: 'oversized', detail: `octet count ${len} exceeds ${max}` });
        this.state = { s: 'skip_bytes', remaining: len };
      } else {
        this.state = { s: 'body', need: len };
      }
    }
    this.pending = i >= data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(i));
    return out;
  }

  /** The connection closed: a newline frame without its LF is still a message (RFC 6587 §3.4.2). */
  end(): FrameEvent[] {
    const out: FrameEvent[] = [];
    const rest = this.pending;
    const st = this.state;
    this.pending = Buffer.alloc(0);
    this.state = { s: 'start' };
    if (st.s === 'line' && rest.length > 0) {
      let end = rest.length;
      if (rest[end - 1] === CR) end--;
      if (end > 0) out.push({ kind: 'frame', data: rest.subarray(0, end) });
    } else if (st.s === 'body') {
      out.push({ kind: 'dropped', reason: 'invalid_frame', detail: `connection closed ${st.need - rest.length} bytes short of an octet-counted frame` });
    } else if (st.s === 'start' && rest.length > 0) {
      // Only digits were left: in auto mode that is a short unterminated line, otherwise a cut MSG-LEN.
      if (this.opts.mode === 'auto') out.push({ kind: 'frame', data: rest });
      else out.push({ kind: 'dropped', reason: 'invalid_frame', detail: 'connection closed inside a MSG-LEN' });
    }
    return out;
  }
}
