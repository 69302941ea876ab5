/**
 * One TCP or TLS syslog connection: bytes → frames (RFC 6587) → records → pipeline.
 *
 * Backpressure: one batch per connection is in the pipeline at a time. While it is being
 * stored the connection keeps reading ahead, up to `max_batch_records` frames, which become
 * the next batch; beyond that the socket is paused. A slow pipeline therefore slows this
 * sender only (other connections keep their own pace), and the pipeline's acknowledgement
 * latency (its flush interval) costs no throughput as long as the read-ahead covers it. Rate
 * limits either pause the socket until the token bucket is out of debt (lossless) or drop
 * the excess (`rate_limited`). A partial frame at close or stop is flushed: an unterminated
 * line is still a message (RFC 6587 §3.4.2), a cut octet-counted frame is `invalid_frame`.
 */
import type { Socket } from 'node:net';
import { errorMessage, type Logger, type SourceOutput } from '../../core/index.js';
import { FrameDecoder, type FrameDropReason, type FrameSink, FrameSpans } from '../../codecs/syslog/index.js';
import type { PeerMemory } from '../../codecs/linux-auth/index.js';
import type { SyslogStreamConfig } from './config.js';
import { decodeOptions, decodeSpans } from './decode-batch.js';
import type { SyslogSourceMetrics } from './source-metrics.js';
import { type Clock, type KeyedRateLimiter, TokenBucket } from './token-bucket.js';

export interface StreamConnectionDeps {
  id: string;
  config: SyslogStreamConfig;
  output: SourceOutput;
  metrics: SyslogSourceMetrics;
  logger: Logger;
  perSource: KeyedRateLimiter;
  /** Shared by the source's connections: one sender may reconnect mid-session. */
  peerMemory?: PeerMemory;
  now: Clock;
}

export class StreamConnection {
  readonly remote: string;
  readonly remoteAddress: string;
  private readonly decoder: FrameDecoder;
  private readonly bucket: TokenBucket | undefined;
  private emitting: Promise<void> | undefined;
  /** Frames read while a batch is in flight: the next batch (spans of the chunks read). */
  private backlog = new FrameSpans();
  /** The decoder's sink: frames join the backlog, framing drops are counted. */
  private readonly sink: FrameSink = {
    frame: (buf, start, end) => this.backlog.add(buf, start, end),
    dropped: (reason: FrameDropReason) => {
      this.deps.metrics.messageReceived();
      this.deps.metrics.dropped(reason);
    },
  };
  private rateTimer: NodeJS.Timeout | undefined;
  private finished: Promise<void> | undefined;
  private closedResolve!: () => void;
  /** Resolves when the socket is closed and everything read from it has been handed on. */
  readonly closed = new Promise<void>((resolve) => {
    this.closedResolve = resolve;
  });
  messages = 0;

  constructor(
    private readonly socket: Socket,
    private readonly deps: StreamConnectionDeps,
  ) {
    this.remoteAddress = socket.remoteAddress ?? 'unknown';
    this.remote = this.remoteAddress.includes(':') ? `[${this.remoteAddress}]:${socket.remotePort}` : `${this.remoteAddress}:${socket.remotePort}`;
    const cfg = deps.config;
    this.decoder = new FrameDecoder({ mode: cfg.framing, maxFrameBytes: cfg.max_message_bytes });
    const rl = cfg.rate_limit;
    if (rl.per_connection_messages_per_second > 0) this.bucket = new TokenBucket(rl.per_connection_messages_per_second, rl.burst_messages, deps.now);
  }

  start(): void {
    const s = this.socket;
    s.on('data', (chunk: Buffer) => this.onData(chunk));
    s.on('end', () => void this.finish());
    s.on('close', () => void this.finish());
    s.on('error', (err) => this.deps.logger.debug({ err: err.message, remote: this.remote }, 'syslog connection error'));
    if (this.deps.config.idle_timeout_ms > 0) {
      s.setTimeout(this.deps.config.idle_timeout_ms, () => {
        // A socket we paused ourselves is not idle: its sender is waiting for us.
        if (this.emitting || this.rateTimer) return;
        this.deps.metrics.connectionRefused('idle_timeout');
        s.destroy();
      });
    }
  }

  /** Counts the frames the decoder added to the backlog since it held `before`; returns how many. */
  private countFrames(before: number): number {
    const n = this.backlog.length - before;
    this.deps.metrics.messageReceived(n);
    this.messages += n;
    return n;
  }

  /** Rate limits for the `n` frames just read (the backlog's last `n`): drops some, or pauses the socket. */
  private applyRateLimits(n: number): void {
    const perSource = this.deps.perSource.enabled ? this.deps.perSource.bucket(this.remoteAddress) : undefined;
    if (!this.bucket && !perSource) return;
    if (this.deps.config.on_rate_limit === 'drop') {
      const removed = this.backlog.retainFrom(this.backlog.length - n, () => (this.bucket?.tryTake() ?? true) && (perSource?.tryTake() ?? true));
      this.deps.metrics.dropped('rate_limited', removed);
      return;
    }
    const wait = Math.max(this.bucket?.takeWithDebt(n) ?? 0, perSource?.takeWithDebt(n) ?? 0);
    if (wait > 0 && !this.rateTimer) {
      this.socket.pause();
      this.rateTimer = setTimeout(() => {
        this.rateTimer = undefined;
        this.maybeResume();
      }, wait);
    }
  }

  private onData(chunk: Buffer): void {
    const before = this.backlog.length;
    this.decoder.read(chunk, this.sink);
    this.applyRateLimits(this.countFrames(before));
    if (!this.emitting) this.emitBacklog();
    else if (this.backlog.length >= this.deps.config.max_batch_records) this.socket.pause();
  }

  /** Decodes the backlog and hands it to the pipeline as one batch; the next one follows when it is stored. */
  private emitBacklog(): void {
    if (this.backlog.length === 0) return;
    const frames = this.backlog;
    this.backlog = new FrameSpans();
    const { config, output, metrics, logger, id } = this.deps;
    const batch = decodeSpans(frames, decodeOptions(config, this.remote, Date.now(), this.deps.peerMemory));
    if (batch.invalidUtf8) metrics.invalidUtf8Seen(batch.invalidUtf8);
    const n = batch.records.length + batch.rejected.length;
    const p: Promise<void> = output
      .emit({ source: id, format: 'syslog', records: batch.records, rejected: batch.rejected })
      .then(
        () => metrics.messagesEmitted(n),
        (err: unknown) => {
          metrics.dropped('emit_failed', n);
          metrics.counters.failed('emit');
          logger.warn({ err: errorMessage(err), records: n, remote: this.remote }, 'syslog batch not accepted by the pipeline');
        },
      )
      .finally(() => {
        this.emitting = undefined;
        this.emitBacklog();
        this.maybeResume();
      });
    this.emitting = p;
  }

  private maybeResume(): void {
    if (this.backlog.length < this.deps.config.max_batch_records && !this.rateTimer && !this.finished && !this.socket.destroyed) this.socket.resume();
  }

  /** The peer closed (or we stop): hand on what is buffered, then close. Idempotent. */
  finish(): Promise<void> {
    this.finished ??= (async () => {
      if (this.rateTimer) {
        clearTimeout(this.rateTimer);
        this.rateTimer = undefined;
      }
      this.socket.pause();
      const before = this.backlog.length;
      this.decoder.finish(this.sink);
      this.countFrames(before);
      while (this.emitting || this.backlog.length > 0) {
        if (this.emitting) await this.emitting;
        else this.emitBacklog();
      }
      this.socket.destroy();
      this.closedResolve();
    })();
    return this.finished;
  }

  get bufferedBytes(): number {
    return this.decoder.bufferedBytes;
  }

  /** Frames read ahead while the previous batch is being stored. */
  get readAheadRecords(): number {
    return this.backlog.length;
  }
}
