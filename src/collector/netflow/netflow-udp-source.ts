/**
 * `netflow` source: NetFlow v5, v9 and IPFIX over UDP. Every listener accepts every
 * version (the first two octets tell them apart); exporters share one session store, so
 * templates are scoped by exporter address/port, version and observation domain.
 *
 * Accounting (ComponentCounters, unit = record): each decoded flow or options record is
 * received once and then emitted or dropped as `overload`; each rejected piece of a
 * datagram (a malformed datagram or set, a data set whose template never came, an
 * oversized datagram, an exporter over the session limit) is received once and dropped
 * under its reason. Data sets waiting for a template are counted when they resolve.
 *
 * The socket callback only queues the datagram with its receive time. Datagrams are decoded
 * in one batch per event-loop turn (libuv reads up to 32 per socket before the loop moves
 * on, which also bounds the queue), so the socket is emptied quickly and the counters,
 * clock reads and the hand-over to the pipeline are paid per batch rather than per datagram.
 */
import dgram from 'node:dgram';
import type { BuildContext, Metric, RunningComponent, SourceDefinition, SourceOutput } from '../../core/index.js';
import { ComponentCounters } from '../../core/index.js';
import { decodeNetflowPacket, expireNetflowState, NetflowSessionStore, type NetflowDecodeResult } from '../../codecs/netflow/index.js';
import { BatchEmitter } from './batch-emitter.js';
import { netflowUdpConfig, parseListenAddress, type ListenAddress, type NetflowUdpConfig } from './config.js';
import { kernelUdpDrops } from '../kernel-drops.js';

interface Listener {
  address: ListenAddress;
  socket: dgram.Socket;
  boundPort: number;
  /** SO_RCVBUF as the kernel reports it (Linux doubles the request and caps it at net.core.rmem_max). */
  receiveBufferBytes: number;
}

interface QueuedDatagram {
  msg: Buffer;
  address: string;
  port: number;
  receivedAt: number;
}

class NetflowUdpComponent implements RunningComponent {
  private readonly store: NetflowSessionStore;
  private readonly counters: ComponentCounters;
  private readonly datagrams: Metric;
  private readonly emitter: BatchEmitter;
  private readonly listeners: Listener[] = [];
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private datagramCount = 0;
  private queue: QueuedDatagram[] = [];
  private drainScheduled = false;
  // Per-batch tallies, added to the metrics once per batch.
  private batchReceived = 0;
  private readonly batchVersions = new Map<string, number>();

  constructor(
    private readonly config: NetflowUdpConfig,
    private readonly ctx: BuildContext,
    output: SourceOutput,
  ) {
    this.store = new NetflowSessionStore({
      templateExpiryMs: config.template_expiry_ms,
      pendingMaxAgeMs: config.unknown_template_buffer_ms,
      pendingMaxBytes: config.unknown_template_buffer_bytes,
      maxSessions: config.max_exporter_sessions,
      maxTemplatesPerSession: config.max_templates_per_session,
    });
    this.counters = new ComponentCounters(ctx.metrics, ctx.id, 'source');
    this.datagrams = ctx.metrics.counter('vigil_netflow_datagrams_total', 'NetFlow/IPFIX datagrams received, by export version');
    const logger = ctx.logger.child({ component: ctx.id });
    this.emitter = new BatchEmitter(
      { source: ctx.id, format: 'netflow', maxBatchRecords: config.max_batch_records, maxInFlightRecords: config.max_in_flight_records },
      output,
      this.counters,
      logger,
    );
  }

  async start(): Promise<void> {
    for (const text of this.config.listen) {
      const address = parseListenAddress(text)!;
      const socket = dgram.createSocket({ type: address.family });
      socket.on('message', (msg, rinfo) => this.enqueue(msg, rinfo.address, rinfo.port));
      socket.on('error', (err) => this.ctx.logger.error({ err: err.message, listen: text }, 'netflow socket error'));
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(address.port, address.host, () => {
          socket.off('error', reject);
          resolve();
        });
      }).catch((err: unknown) => {
        socket.close();
        throw new Error(`netflow source ${this.ctx.id}: cannot listen on ${text}: ${(err as Error).message}`);
      });
      const receiveBufferBytes = this.setReceiveBuffer(socket, text);
      this.listeners.push({ address, socket, boundPort: socket.address().port, receiveBufferBytes });
    }
    this.sweepTimer = setInterval(() => {
      this.account(expireNetflowState(this.store, Date.now()));
      this.flushTallies();
    }, this.config.sweep_interval_ms);
    this.sweepTimer.unref();
  }

  /** Asks for `receive_buffer_bytes` and returns what the kernel granted, warning when it is less. */
  private setReceiveBuffer(socket: dgram.Socket, listen: string): number {
    const wanted = this.config.receive_buffer_bytes;
    if (wanted > 0) {
      try {
        socket.setRecvBufferSize(wanted);
      } catch (err) {
        this.ctx.logger.warn({ err: (err as Error).message, listen }, 'netflow: cannot set the socket receive buffer');
      }
    }
    const granted = socket.getRecvBufferSize();
    // Linux reports twice what it reserved for payload; less than asked means net.core.rmem_max capped it.
    if (wanted > 0 && granted < wanted) {
      this.ctx.logger.warn({ listen, requested_bytes: wanted, granted_bytes: granted }, 'netflow: receive buffer smaller than configured; raise net.core.rmem_max');
    }
    return granted;
  }

  private enqueue(msg: Buffer, address: string, port: number): void {
    this.queue.push({ msg, address, port, receivedAt: Date.now() });
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Decodes every queued datagram, then hands the records over as one batch. */
  private drain(): void {
    this.drainScheduled = false;
    const queue = this.queue;
    this.queue = [];
    for (const d of queue) this.onDatagram(d.msg, d.address, d.port, d.receivedAt);
    this.flushTallies();
    this.emitter.flush();
  }

  private onDatagram(msg: Buffer, address: string, port: number, receivedAt: number): void {
    this.datagramCount++;
    if (msg.length > this.config.max_datagram_bytes) {
      this.tallyVersion('oversized');
      this.counters.received(1);
      this.counters.dropped('oversized', 1);
      const reason = `oversized: ${msg.length}-octet datagram from ${address}:${port} exceeds max_datagram_bytes ${this.config.max_datagram_bytes}`;
      this.emitter.add([], [{ reason, position: { offset: 0 }, raw: msg.subarray(0, 64) }]);
      return;
    }
    const result = decodeNetflowPacket(msg, { address, port }, this.store, receivedAt);
    this.tallyVersion(String(result.version));
    this.account(result);
  }

  private tallyVersion(label: string): void {
    this.batchVersions.set(label, (this.batchVersions.get(label) ?? 0) + 1);
  }

  private account(result: NetflowDecodeResult): void {
    const n = result.records.length + result.rejected.length;
    if (n === 0) return;
    this.batchReceived += n;
    for (const r of result.rejected) this.counters.dropped(r.code, 1);
    this.emitter.add(result.records, result.rejected);
  }

  private flushTallies(): void {
    if (this.batchReceived > 0) this.counters.received(this.batchReceived);
    this.batchReceived = 0;
    for (const [version, n] of this.batchVersions) this.datagrams.inc({ component: this.ctx.id, version }, n);
    this.batchVersions.clear();
  }

  stop(deadline: number): Promise<void> {
    this.stopping ??= this.shutdown(deadline);
    return this.stopping;
  }

  private async shutdown(deadline: number): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await Promise.all(this.listeners.map((l) => new Promise<void>((resolve) => l.socket.close(() => resolve()))));
    this.drain();
    // Whatever still waits for a template will not get one now: count it, dead-letter it.
    this.account(expireNetflowState(this.store, Number.MAX_SAFE_INTEGER));
    this.flushTallies();
    await this.emitter.drain(deadline);
  }

  health(): Record<string, unknown> {
    const stats = this.store.stats();
    return {
      listening: this.listeners.map((l) => (l.address.family === 'udp6' ? `[${l.address.host}]:${l.boundPort}` : `${l.address.host}:${l.boundPort}`)),
      receive_buffer_bytes: this.listeners.map((l) => l.receiveBufferBytes),
      datagrams: this.datagramCount,
      datagrams_queued: this.queue.length,
      exporters: stats.sessions,
      templates: stats.templates,
      options_templates: stats.optionsTemplates,
      templates_expired: stats.templatesExpired,
      pending_data_sets: stats.pendingSets,
      pending_bytes: stats.pendingBytes,
      records_in_flight: this.emitter.recordsInFlight,
      // Lost before Vigil saw them: by exporter sequence numbers, and in the kernel receive buffer.
      exporter_sequence_gap: stats.sequenceGap,
      kernel_drops: this.listeners.reduce<number | undefined>((sum, l) => {
        const d = kernelUdpDrops(l.address.family === 'udp6' ? 6 : 4, l.boundPort);
        return d === undefined ? sum : (sum ?? 0) + d;
      }, undefined),
    };
  }
}

export const NetflowUdpSource: SourceDefinition<NetflowUdpConfig> = {
  kind: 'source',
  type: 'netflow',
  description: 'NetFlow v5/v9 and IPFIX over UDP (templates per exporter and observation domain)',
  config: netflowUdpConfig,
  build: (config, ctx, output) => new NetflowUdpComponent(config, ctx, output),
};
