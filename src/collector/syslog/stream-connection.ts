/**
 * One TCP or TLS syslog connection: bytes → frames (RFC 6587) → records → pipeline.
 *
 * Backpressure: while a batch from this connection is being emitted the socket is paused, so
 * a slow pipeline slows this sender only; other connections keep their own pace. Rate
 * limits either pause the socket until the token bucket is out of debt (lossless) or drop
 * the excess (`rate_limited`). A partial frame at close or stop is flushed: an unterminated
 * line is still a message (RFC 6587 §3.4.2), a cut octet-counted frame is `invalid_frame`.
 */
import type { Socket } from 'node:net';
import { errorMessage, type Logger, type SourceOutput } from '../../core/index.js';
import { type FrameEvent, FrameDecoder } from '../../codecs/syslog/index.js';
import type { PeerMemory } from '../../codecs/linux-auth/index.js';
import type { SyslogStreamConfig } from './config.js';
import { decodeFrames, decodeOptions } from './decode-batch.js';
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

  private frames(events: FrameEvent[]): Buffer[] {
    const frames: Buffer[] = [];
    for (const ev of events) {
      if (ev.kind === 'frame') frames.push(ev.data);
      else {
        this.deps.metrics.messageReceived();
        this.deps.metrics.dropped(ev.reason);
      }
    }
    this.deps.metrics.messageReceived(frames.length);
    this.messages += frames.length;
    return frames;
  }

  private applyRateLimits(frames: Buffer[]): Buffer[] {
    const perSource = this.deps.perSource.enabled ? this.deps.perSource.bucket(this.remoteAddress) : undefined;
    if (!this.bucket && !perSource) return frames;
    if (this.deps.config.on_rate_limit === 'drop') {
      const kept = frames.filter((_, i) => (this.bucket?.tryTake() ?? true) && (perSource?.tryTake() ?? true));
      this.deps.metrics.dropped('rate_limited', frames.length - kept.length);
      return kept;
    }
    const wait = Math.max(this.bucket?.takeWithDebt(frames.length) ?? 0, perSource?.takeWithDebt(frames.length) ?? 0);
    if (wait > 0 && !this.rateTimer) {
      this.socket.pause();
      this.rateTimer = setTimeout(() => {
        this.rateTimer = undefined;
        this.maybeResume();
      }, wait);
    }
    return frames;
  }

  private onData(chunk: Buffer): void {
    const frames = this.applyRateLimits(this.frames(this.decoder.push(chunk)));
    if (frames.length) this.emit(frames);
  }

  private emit(frames: Buffer[]): Promise<void> {
    const { config, output, metrics, logger, id } = this.deps;
    const batch = decodeFrames(frames, decodeOptions(config, this.remote, Date.now(), this.deps.peerMemory));
    if (batch.invalidUtf8) metrics.invalidUtf8Seen(batch.invalidUtf8);
    const n = batch.records.length + batch.rejected.length;
    this.socket.pause();
    const previous = this.emitting ?? Promise.resolve();
    const p = previous
      .then(() => output.emit({ source: id, format: 'syslog', records: batch.records, rejected: batch.rejected }))
      .then(
        () => metrics.messagesEmitted(n),
        (err: unknown) => {
          metrics.dropped('emit_failed', n);
          metrics.counters.failed('emit');
          logger.warn({ err: errorMessage(err), records: n, remote: this.remote }, 'syslog batch not accepted by the pipeline');
        },
      )
      .finally(() => {
        if (this.emitting === p) {
          this.emitting = undefined;
          this.maybeResume();
        }
      });
    this.emitting = p;
    return p;
  }

  private maybeResume(): void {
    if (!this.emitting && !this.rateTimer && !this.finished && !this.socket.destroyed) this.socket.resume();
  }

  /** The peer closed (or we stop): hand on what is buffered, then close. Idempotent. */
  finish(): Promise<void> {
    this.finished ??= (async () => {
      if (this.rateTimer) {
        clearTimeout(this.rateTimer);
        this.rateTimer = undefined;
      }
      this.socket.pause();
      const tail = this.frames(this.decoder.end());
      if (tail.length) await this.emit(tail);
      else await this.emitting;
      this.socket.destroy();
      this.closedResolve();
    })();
    return this.finished;
  }

  get bufferedBytes(): number {
    return this.decoder.bufferedBytes;
  }
}
