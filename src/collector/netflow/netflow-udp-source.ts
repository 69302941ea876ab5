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
 */
import dgram from 'node:dgram';
import type { BuildContext, Metric, RunningComponent, SourceDefinition, SourceOutput } from '../../core/index.js';
import { ComponentCounters } from '../../core/index.js';
import { decodeNetflowPacket, expireNetflowState, NetflowSessionStore, type NetflowDecodeResult } from '../../codecs/netflow/index.js';
import { BatchEmitter } from './batch-emitter.js';
import { netflowUdpConfig, parseListenAddress, type ListenAddress, type NetflowUdpConfig } from './config.js';
import { udpSocketDrops } from './kernel-drops.js';

interface Listener {
  address: ListenAddress;
  socket: dgram.Socket;
  boundPort: number;
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
      socket.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo.address, rinfo.port));
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
      if (this.config.receive_buffer_bytes > 0) socket.setRecvBufferSize(this.config.receive_buffer_bytes);
      this.listeners.push({ address, socket, boundPort: socket.address().port });
    }
    this.sweepTimer = setInterval(() => this.account(expireNetflowState(this.store, Date.now())), this.config.sweep_interval_ms);
    this.sweepTimer.unref();
  }

  private onDatagram(msg: Buffer, address: string, port: number): void {
    this.datagramCount++;
    if (msg.length > this.config.max_datagram_bytes) {
      this.datagrams.inc({ component: this.ctx.id, version: 'oversized' });
      this.counters.received(1);
      this.counters.dropped('oversized', 1);
      const reason = `oversized: ${msg.length}-octet datagram from ${address}:${port} exceeds max_datagram_bytes ${this.config.max_datagram_bytes}`;
      this.emitter.add([], [{ reason, position: { offset: 0 }, raw: msg.subarray(0, 64) }]);
      return;
    }
    const result = decodeNetflowPacket(msg, { address, port }, this.store, Date.now());
    this.datagrams.inc({ component: this.ctx.id, version: String(result.version) });
    this.account(result);
  }

  private account(result: NetflowDecodeResult): void {
    const n = result.records.length + result.rejected.length;
    if (n === 0) return;
    this.counters.received(n);
    for (const r of result.rejected) this.counters.dropped(r.code, 1);
    this.emitter.add(result.records, result.rejected);
  }

  stop(deadline: number): Promise<void> {
    this.stopping ??= this.shutdown(deadline);
    return this.stopping;
  }

  private async shutdown(deadline: number): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await Promise.all(this.listeners.map((l) => new Promise<void>((resolve) => l.socket.close(() => resolve()))));
    // Whatever still waits for a template will not get one now: count it, dead-letter it.
    this.account(expireNetflowState(this.store, Number.MAX_SAFE_INTEGER));
    await this.emitter.drain(deadline);
  }

  health(): Record<string, unknown> {
    const stats = this.store.stats();
    return {
      listening: this.listeners.map((l) => (l.address.family === 'udp6' ? `[${l.address.host}]:${l.boundPort}` : `${l.address.host}:${l.boundPort}`)),
      datagrams: this.datagramCount,
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
        const d = udpSocketDrops(l.address.family, l.boundPort);
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
