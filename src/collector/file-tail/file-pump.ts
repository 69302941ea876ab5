/**
 * Reading one followed file on a poll: notice truncation (the file shrank, or its first
 * bytes changed), read new complete lines in batches, decode, emit, and — only once the
 * pipeline accepted a batch — move the file's position and checkpoint. A refused batch
 * leaves position and decoder state as they were, so the same lines are read again later.
 * Quiet files get their decoder's idle flush; quiet rotated files are finished and closed.
 */
import type { Logger, SourceOutput } from '../../core/index.js';
import { errorMessage } from '../../core/index.js';
import { decodeLines, labelRecords, settle, type DecodedLines } from './batch-builder.js';
import { fingerprintOf } from './checkpoint-store.js';
import type { FileLineDecoder } from './codecs.js';
import type { FileTailConfig, FileTailInput } from './config.js';
import type { FollowedFile } from './followed-file.js';
import { readFinalLine, readLines, type ReadPosition } from './line-reader.js';
import type { FileTailMetrics } from './metrics.js';

/** Batches read from one file per poll before the other files get their turn. */
const BATCHES_PER_FILE_PER_POLL = 32;

export interface PumpContext {
  id: string;
  config: FileTailConfig;
  output: SourceOutput;
  metrics: FileTailMetrics;
  logger: Logger;
  now(): number;
  isStopped(): boolean;
  newDecoder(input: FileTailInput, path: string): FileLineDecoder;
  saveCheckpoints(): Promise<void>;
  /** A rotated file was read to its end and closed. */
  retire(f: FollowedFile): Promise<void>;
  setError(message: string): void;
}

export class FilePump {
  constructor(private readonly ctx: PumpContext) {}

  async pump(f: FollowedFile): Promise<void> {
    const { config } = this.ctx;
    const st = await f.handle.stat();
    const changed = st.size !== f.size;
    if (st.size < f.position.offset || (changed && !(await this.sameHead(f)))) await this.restartTruncated(f);
    f.size = st.size;
    if (changed) f.lastActivityMs = this.ctx.now();
    await f.refreshFingerprint();
    let readAny = false;
    for (let i = 0; i < BATCHES_PER_FILE_PER_POLL && !this.ctx.isStopped(); i++) {
      const r = await readLines(f.handle, f.position, st.size, { maxLineBytes: config.max_line_bytes, maxLines: config.max_batch_lines });
      if (r.lines.length === 0 && r.oversized.length === 0 && r.offset === f.position.offset) break;
      const ok = await this.deliver(f, () => decodeLines(f.decoder, r.lines, r.oversized, config.max_line_bytes), r, r.lines.length + r.oversized.length, r.bytes);
      if (!ok) return;
      readAny = true;
      if (r.caughtUp) break;
    }
    if (readAny) {
      f.lastActivityMs = this.ctx.now();
      f.idleFlushed = false;
      return;
    }
    const quietMs = this.ctx.now() - f.lastActivityMs;
    if (f.state === 'rotated' && quietMs >= config.rotate_wait_ms) {
      await this.finish(f);
    } else if (!f.idleFlushed && quietMs >= config.idle_flush_ms) {
      const flushIdle = f.decoder.flushIdle?.bind(f.decoder);
      if (!flushIdle || (await this.deliver(f, () => settle(flushIdle), f.position, 0, 0))) f.idleFlushed = true;
    }
  }

  /** Emit what the decoder still holds (used before closing a file or at shutdown). */
  async flushDecoder(f: FollowedFile): Promise<boolean> {
    return this.deliver(f, () => settle(() => f.decoder.end()), f.position, 0, 0);
  }

  /** Whether the first bytes are still those fingerprinted; if not, the file was rewritten from the start. */
  private async sameHead(f: FollowedFile): Promise<boolean> {
    if (f.fingerprint.bytes === 0) return true;
    const now = await fingerprintOf(f.handle, f.fingerprint.bytes);
    return now.bytes === f.fingerprint.bytes && now.fingerprint === f.fingerprint.fingerprint;
  }

  private async restartTruncated(f: FollowedFile): Promise<void> {
    this.ctx.metrics.truncated();
    this.ctx.logger.warn({ path: f.path, offset: f.position.offset }, 'followed file was truncated (copytruncate); reading it again from the start');
    await this.flushDecoder(f);
    f.decoder = this.ctx.newDecoder(f.input, f.path);
    f.position = { offset: 0, line: 0, skipping: false };
    f.fingerprint = await fingerprintOf(f.handle);
    await this.ctx.saveCheckpoints();
  }

  /** A rotated file quiet for rotate_wait_ms: its unterminated last line, what the decoder holds, then close. */
  private async finish(f: FollowedFile): Promise<void> {
    const { max_line_bytes } = this.ctx.config;
    const last = await readFinalLine(f.handle, f.position, f.size, max_line_bytes);
    const decode = (): DecodedLines => {
      const decoded = decodeLines(f.decoder, last.lines, last.oversized, max_line_bytes);
      const ended = settle(() => f.decoder.end());
      return { records: [...decoded.records, ...ended.records], rejected: [...decoded.rejected, ...ended.rejected], oversized: decoded.oversized };
    };
    if (await this.deliver(f, decode, last, last.lines.length + last.oversized.length, last.bytes)) await this.ctx.retire(f);
  }

  /** Decode, emit, and only once the pipeline has the batch move the position and checkpoint. */
  private async deliver(f: FollowedFile, decode: () => DecodedLines, to: ReadPosition, lines: number, bytes: number): Promise<boolean> {
    const before = f.decoder.snapshot?.();
    const decoded = decode();
    labelRecords(decoded.records, f.path, f.input.logsource);
    if (decoded.records.length > 0 || decoded.rejected.length > 0) {
      try {
        await this.ctx.output.emit({ source: this.ctx.id, format: f.input.format, records: decoded.records, rejected: decoded.rejected });
      } catch (err) {
        if (before !== undefined) f.decoder.restore?.(before);
        this.ctx.setError(`emit failed: ${errorMessage(err)}`);
        this.ctx.metrics.failure('emit_failed');
        this.ctx.logger.warn({ path: f.path, err: errorMessage(err) }, 'pipeline refused a batch; it will be read again');
        return false;
      }
    }
    const m = this.ctx.metrics;
    m.read(lines, bytes);
    m.emittedRecords(decoded.records.length);
    m.drop('oversized_line', decoded.oversized);
    m.drop('decode_error', decoded.rejected.length - decoded.oversized);
    f.position = { offset: to.offset, line: to.line, skipping: to.skipping };
    await this.ctx.saveCheckpoints();
    return true;
  }
}
