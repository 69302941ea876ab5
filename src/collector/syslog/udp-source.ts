/**
 * Syslog over UDP (RFC 5426): one message per datagram. UDP cannot be paused, so the
 * receiver never waits: oversized and over-rate datagrams are dropped and counted, decoded
 * records are batched, and when the pipeline falls behind the excess is dropped as
 * `overload`. What the kernel drops before we see it is reported from /proc (health).
 */
import { createSocket, type Socket } from 'node:dgram';
import type { BuildContext, RunningComponent, SourceDefinition, SourceOutput } from '../../core/index.js';
import { BatchSender } from './batch-sender.js';
import { parseListenAddress, type SyslogUdpConfig, syslogUdpConfig } from './config.js';
import { decodeFrames, decodeOptions } from './decode-batch.js';
import { kernelUdpDrops } from './kernel-drops.js';
import { SyslogSourceMetrics } from './source-metrics.js';
import { KeyedRateLimiter } from './token-bucket.js';
import { PeerMemory } from '../../codecs/linux-auth/index.js';

interface Bound {
  socket: Socket;
  family: 4 | 6;
  address: string;
  port: number;
}

export class SyslogUdpReceiver implements RunningComponent {
  readonly metrics: SyslogSourceMetrics;
  private readonly sender: BatchSender;
  private readonly perSource: KeyedRateLimiter;
  private readonly peerMemory = new PeerMemory();
  private bound: Bound[] = [];
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
  }

  /** Bound addresses as `ip:port` (useful with port 0). */
  addresses(): string[] {
    return this.bound.map((b) => (b.family === 6 ? `[${b.address}]:${b.port}` : `${b.address}:${b.port}`));
  }

  async start(): Promise<void> {
    for (const text of this.config.listen) {
      const where = parseListenAddress(text)!;
      const socket = createSocket({ type: where.family === 6 ? 'udp6' : 'udp4' });
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(where.port, where.host, () => {
          socket.off('error', reject);
          resolve();
        });
      }).catch(async (err: unknown) => {
        await this.closeAll();
        throw err;
      });
      if (this.config.receive_buffer_bytes > 0) {
        try {
          socket.setRecvBufferSize(this.config.receive_buffer_bytes);
        } catch (err) {
          this.ctx.logger.warn({ err: String(err) }, 'could not set the UDP receive buffer size');
        }
      }
      socket.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo.address, rinfo.port));
      socket.on('error', (err) => this.ctx.logger.error({ err: err.message }, 'syslog UDP socket error'));
      const a = socket.address();
      this.bound.push({ socket, family: where.family, address: a.address, port: a.port });
    }
  }

  private onDatagram(msg: Buffer, address: string, port: number): void {
    if (this.stopping) return;
    this.metrics.messageReceived();
    if (msg.length > this.config.max_message_bytes) {
      this.metrics.dropped('oversized');
      return;
    }
    if (this.perSource.enabled && !this.perSource.bucket(address).tryTake()) {
      this.metrics.dropped('rate_limited');
      return;
    }
    const sender = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
    const batch = decodeFrames([msg], decodeOptions(this.config, sender, Date.now(), this.peerMemory));
    if (batch.invalidUtf8) this.metrics.invalidUtf8Seen(batch.invalidUtf8);
    this.sender.add(batch.records, batch.rejected);
  }

  private async closeAll(): Promise<void> {
    await Promise.all(this.bound.map((b) => new Promise<void>((resolve) => b.socket.close(() => resolve()))));
    this.bound = [];
  }

  stop(deadline: number): Promise<void> {
    this.stopping ??= (async () => {
      await this.closeAll();
      await this.sender.drain(deadline);
    })();
    return this.stopping;
  }

  health(): Record<string, unknown> {
    return {
      addresses: this.addresses(),
      received: this.metrics.received,
      emitted: this.metrics.emitted,
      dropped: this.metrics.drops(),
      in_flight_records: this.sender.recordsInFlight,
      kernel_drops: Object.fromEntries(this.bound.map((b) => [`${b.address}:${b.port}`, kernelUdpDrops(b.family, b.port) ?? null])),
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
