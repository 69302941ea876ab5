/**
 * A text format that files and request bodies can be decoded with. Decoders are stateful
 * objects fed complete lines (Zeek headers and auditd multi-record events need state), but
 * they stay pure: no I/O, no clock.
 */
import type { NormalizedRecord, RejectedRecord } from '../core/event.js';

export interface DecodeResult {
  records: NormalizedRecord[];
  rejected: RejectedRecord[];
}

export interface DecoderOptions {
  max_depth: number;
  max_record_bytes: number;
  /**
   * The receive time (epoch ms) as the caller sees it: codecs never read the clock themselves,
   * so sources pass `Date.now` and tests a fixed time. Formats with yearless timestamps
   * (RFC 3164 syslog) anchor the year on it.
   */
  now?: () => number;
}

export interface StreamDecoder {
  /** A block of complete lines; `firstLine` is the 1-based line number of its first line. */
  push(text: string, firstLine: number): DecodeResult;
  /** End of input: whatever was held back (a JSON document, an unfinished auditd event). */
  end(): DecodeResult;
}

export interface TextFormat {
  name: string;
  description: string;
  /** File name endings (before any .gz) that mean this format. */
  extensions: string[];
  /** Whether the first bytes of an input look like this format (used by `auto`). */
  sniff(head: string): boolean;
  createDecoder(opts: DecoderOptions): StreamDecoder;
}

export const EMPTY_RESULT: DecodeResult = Object.freeze({ records: [], rejected: [] }) as DecodeResult;
