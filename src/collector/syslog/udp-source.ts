/**
 * Syslog over UDP (RFC 5426): one message per datagram. UDP cannot be paused, so the
 * receiver never waits: oversized and over-rate datagrams are dropped and counted, decoded
 * records are batched, and when the pipeline falls behind the excess is dropped as
 * `overload`. What the kernel drops before we see it is reported from /proc (health).
 *
 * Each socket is read on its own thread (UdpReaderThread), so a store append that holds the
 * main event loop does not stop the socket being drained. Datagrams arrive here in batches
 * (every few milliseconds) as one buffer and are decoded in one pass, with one clock read and one options object
 * per batch, and go to the pipeline as one batch. The granted receive buffer and the kernel's
 * limit are in health.
 */
import { readFileSync } from 'node:fs';
import type { BuildContext, RunningComponent, SourceDefinition, SourceOutput } from '../../core/index.js';
import { decodeSyslogBytes, INVALID_UTF8_WARNING, type SyslogDecodeOptions } from '../../codecs/syslog/index.js';
import { BatchSender } from './batch-sender.js';
import { parseListenAddress, type SyslogUdpConfig, syslogUdpConfig } from './config.js';
import { decodeOptions } from './decode-batch.js';
import { kernelUdpDrops } from '../kernel-drops.js';
import { SyslogSourceMetrics } from './source-metrics.js';
import { KeyedRateLimiter } from './token-bucket.js';
import { type UdpReadBatch, UdpReaderThread, type UdpSender } from './udp-reader.js';
import { PeerMemory } from '../../codecs/linux-auth/index.js';

/** How long a reader thread collects datagrams before handing them over: latency traded for per-batch cost. */
const READ_BATCH_INTERVAL_MS = 5;

interface Bound {
  reader: UdpReaderThread;
  family: 4 | 6;
}

/** net.core.rmem_max: the most SO_RCVBUF an unprivileged socket can get on Linux; undefined elsewhere. */
function kernelReceiveBufferMax(): number | undefined {
  try {
    return Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8').trim());
  } catch {
    return undefined;
  }
}

function senderText(s: UdpSender): string {
  return s.address.includes(':') ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}

export class SyslogUdpReceiver implements RunningComponent {
  readonly metrics: SyslogSourceMetrics;
  private readonly sender: BatchSender;
  private readonly perSource: KeyedRateLimiter;
  private readonly peerMemory = new PeerMemory();
  private readonly decodeOpts: SyslogDecodeOptions;
  private bound: Bound[] = [];
  // `ip:port` per interned sender id, built once per sender rather than once per datagram.
  private readonly senderTexts = new WeakMap<UdpSender, string>();
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly config: SyslogUdpConfig,
    private readonly ctx: BuildContext,
    output: SourceOutput,
  ) {
    this.metrics = new SyslogSourceMetrics(ctx.metrics, ctx.id);
    this.sender = new BatchSender(ctx.id, config.max_batch_records, config.max_in_flight_records, output, this.metrics, ctx.logger);
    const rl = config.rate_limit;
    this.perSource = new KeyedRateLimiter(rl.per_source_messages_per_second, rl.burst_messages, () => performance.now());
    this.decodeOpts = decodeOptions(config, '', 0, this.peerMemory);
  }

  /** Bound addresses as `ip:port` (useful with port 0). */
  addresses(): string[] {
    return this.bound.map((b) => (b.family === 6 ? `[${b.reader.address}]:${b.reader.port}` : `${b.reader.address}:${b.reader.port}`));
  }

  async start(): Promise<void> {
    const max = kernelReceiveBufferMax();
    for (const text of this.config.listen) {
      const where = parseListenAddress(text)!;
      const reader = new UdpReaderThread(
        {
          host: where.host,
          port: where.port,
          family: where.family,
          receiveBufferBytes: this.config.receive_buffer_bytes,
          maxMessageBytes: this.config.max_message_bytes,
          maxQueuedDatagrams: this.config.max_in_flight_records,
          maxBatchDatagrams: this.config.max_batch_records,
          batchIntervalMs: READ_BATCH_INTERVAL_MS,
        },
        (batch, senders) => this.onBatch(reader, batch, senders),
        (message) => this.ctx.logger.error({ err: message, listen: text }, 'syslog UDP socket error'),
      );
      try {
        await reader.start();
      } catch (err) {
        await this.closeAll();
        throw err;
      }
      this.bound.push({ reader, family: where.family });
      const wanted = this.config.receive_buffer_bytes;
      if (reader.receiveBufferError) this.ctx.logger.warn({ err: reader.receiveBufferError, listen: text }, 'could not set the UDP receive buffer size');
      else if (wanted > 0 && max !== undefined && wanted > max) {
        this.ctx.logger.warn(
          { listen: text, requested_bytes: wanted, granted_bytes: reader.receiveBufferBytes, rmem_max: max },
          'syslog UDP receive buffer capped by net.core.rmem_max; raise it (sysctl -w net.core.rmem_max=…) to absorb longer bursts',
        );
      }
    }
  }

  private senderAddress(s: UdpSender): string {
    let text = this.senderTexts.get(s);
    if (text === undefined) {
      text = senderText(s);
      this.senderTexts.set(s, text);
    }
    return text;
  }

  /** Decodes one turn's datagrams from one socket and hands the records over as one batch. */
  private onBatch(reader: UdpReaderThread, batch: UdpReadBatch, senders: readonly UdpSender[]): void {
    const { data, lengths, senderIds } = batch;
    this.metrics.messageReceived(lengths.length + batch.oversized + batch.overload);
    this.metrics.dropped('oversized', batch.oversized);
    const opts = this.decodeOpts;
    opts.receivedAt = Date.now();
    const sender = this.sender;
    let rateLimited = 0;
    let overload = batch.overload;
    let invalidUtf8 = 0;
    let off = 0;
    for (let i = 0; i < lengths.length; i++) {
      const start = off;
      off += lengths[i];
      const from = senders[senderIds[i]];
      if (this.perSource.enabled && !this.perSource.bucket(from.address).tryTake()) {
        rateLimited++;
        continue;
      }
      // Checked before decoding, so that overload sheds work instead of adding to it.
      if (sender.room() <= 0) {
        overload++;
        continue;
      }
      opts.sourceAddress = this.senderAddress(from);
      const r = decodeSyslogBytes(data, start, off, opts, 0);
      if (r.ok) {
        if (r.record.warnings?.[0] === INVALID_UTF8_WARNING) invalidUtf8++;
        sender.pushRecord(r.record);
      } else {
        sender.pushRejected(r.rejected);
      }
    }
    reader.acknowledge(lengths.length);
    this.metrics.dropped('rate_limited', rateLimited);
    this.metrics.dropped('overload', overload);
    if (invalidUtf8) this.metrics.invalidUtf8Seen(invalidUtf8);
    sender.flush();
  }

  private async closeAll(): Promise<void> {
    await Promise.all(this.bound.map((b) => b.reader.stop()));
  }

  stop(deadline: number): Promise<void> {
    this.stopping ??= (async () => {
      // Each reader delivers what it has read before its thread exits; then the records are flushed.
      await this.closeAll();
      await this.sender.drain(deadline);
    })();
    return this.stopping;
  }

  health(): Record<string, unknown> {
    const key = (b: Bound) => `${b.reader.address}:${b.reader.port}`;
    return {
      addresses: this.addresses(),
      received: this.metrics.received,
      emitted: this.metrics.emitted,
      dropped: this.metrics.drops(),
      in_flight_records: this.sender.recordsInFlight,
      queued_datagrams: this.bound.reduce((sum, b) => sum + b.reader.queuedDatagrams, 0),
      receive_buffer_bytes: Object.fromEntries(this.bound.map((b) => [key(b), b.reader.receiveBufferBytes])),
      receive_buffer_max_bytes: kernelReceiveBufferMax() ?? null,
      kernel_drops: Object.fromEntries(this.bound.map((b) => [key(b), kernelUdpDrops(b.family, b.reader.port) ?? null])),
    };
  }
}

export const SyslogUdpSource: SourceDefinition<SyslogUdpConfig> = {
  kind: 'source',
  type: 'syslog_udp',
  description: 'Syslog over UDP (RFC 5426): RFC 3164/5424, CEF and LEEF payloads, Linux auth semantics',
  config: syslogUdpConfig,
  build: (config, ctx, output) => new SyslogUdpReceiver(config, ctx, output),
};
