/**
 * Listener lifecycle shared by the TCP and TLS sources: bind every `listen` address, admit
 * connections within `max_connections` and `max_connections_per_source` (the rest are closed
 * and counted), and on stop close the listeners, flush every connection's partial frame and
 * wait for its last batch until the deadline.
 */
import type { Server, Socket } from 'node:net';
import type { BuildContext, RunningComponent, SourceOutput } from '../../core/index.js';
import { parseListenAddress, type SyslogStreamConfig } from './config.js';
import { SyslogSourceMetrics } from './source-metrics.js';
import { StreamConnection } from './stream-connection.js';
import { KeyedRateLimiter } from './token-bucket.js';
import { PeerMemory } from '../../codecs/linux-auth/index.js';

export abstract class StreamSyslogReceiver implements RunningComponent {
  readonly metrics: SyslogSourceMetrics;
  protected readonly perSource: KeyedRateLimiter;
  private readonly peerMemory = new PeerMemory();
  private servers: Server[] = [];
  private readonly connections = new Set<StreamConnection>();
  private readonly perSourceCount = new Map<string, number>();
  private stopping: Promise<void> | undefined;

  constructor(
    protected readonly config: SyslogStreamConfig,
    protected readonly ctx: BuildContext,
    private readonly output: SourceOutput,
  ) {
    this.metrics = new SyslogSourceMetrics(ctx.metrics, ctx.id);
    const rl = config.rate_limit;
    this.perSource = new KeyedRateLimiter(rl.per_source_messages_per_second, rl.burst_messages, () => performance.now());
  }

  /** Creates a listening-ready server that calls `admit` for each established (and, for TLS, authenticated) socket. */
  protected abstract createServer(admit: (socket: Socket) => void): Server;

  addresses(): string[] {
    return this.servers.flatMap((s) => {
      const a = s.address();
      if (a === null || typeof a === 'string') return [];
      return [a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`];
    });
  }

  async start(): Promise<void> {
    for (const text of this.config.listen) {
      const where = parseListenAddress(text)!;
      const server = this.createServer((socket) => this.admit(socket));
      server.maxConnections = this.config.max_connections;
      server.on('drop', () => this.metrics.connectionRefused('max_connections'));
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ host: where.host, port: where.port }, () => {
            server.off('error', reject);
            resolve();
          });
        });
      } catch (err) {
        await this.closeServers();
        throw err;
      }
      server.on('error', (err) => this.ctx.logger.error({ err: err.message }, 'syslog listener error'));
      this.servers.push(server);
    }
  }

  private admit(socket: Socket): void {
    const ip = socket.remoteAddress ?? 'unknown';
    if (this.stopping) {
      socket.destroy();
      return;
    }
    const count = this.perSourceCount.get(ip) ?? 0;
    if (count >= this.config.max_connections_per_source) {
      this.metrics.connectionRefused('max_connections_per_source');
      socket.destroy();
      return;
    }
    this.perSourceCount.set(ip, count + 1);
    const conn = new StreamConnection(socket, {
      id: this.ctx.id,
      config: this.config,
      output: this.output,
      metrics: this.metrics,
      logger: this.ctx.logger,
      perSource: this.perSource,
      peerMemory: this.peerMemory,
      now: () => performance.now(),
    });
    this.connections.add(conn);
    this.metrics.connectionOpened(this.connections.size);
    void conn.closed.then(() => {
      this.connections.delete(conn);
      const left = (this.perSourceCount.get(ip) ?? 1) - 1;
      if (left <= 0) this.perSourceCount.delete(ip);
      else this.perSourceCount.set(ip, left);
      this.metrics.connectionClosed(this.connections.size);
    });
    conn.start();
  }

  private async closeServers(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }

  stop(deadline: number): Promise<void> {
    this.stopping ??= (async () => {
      const closing = this.closeServers();
      const flushed = Promise.all([...this.connections].map((c) => c.finish()));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      });
      await Promise.race([Promise.all([closing, flushed]), timeout]);
      clearTimeout(timer);
    })();
    return this.stopping;
  }

  health(): Record<string, unknown> {
    const bySource: Record<string, number> = {};
    for (const [ip, n] of this.perSourceCount) bySource[ip] = n;
    return {
      addresses: this.addresses(),
      connections: this.connections.size,
      connections_by_source: bySource,
      connections_refused: this.metrics.refusals(),
      buffered_bytes: [...this.connections].reduce((sum, c) => sum + c.bufferedBytes, 0),
      read_ahead_records: [...this.connections].reduce((sum, c) => sum + c.readAheadRecords, 0),
      received: this.metrics.received,
      emitted: this.metrics.emitted,
      dropped: this.metrics.drops(),
      framing: this.config.framing,
    };
  }
}
