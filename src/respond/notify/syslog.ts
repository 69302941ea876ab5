/** Syslog/CEF forwarding over UDP or TCP; a fresh TCP connection per message keeps failure handling simple. */
import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { RetryableError } from '../../core/errors.js';
import type { ChannelConfig } from '../config.js';
import { octetCounted, rfc5424Message } from './cef.js';
import type { Notification, Notifier } from './notification.js';

type SyslogConfig = Extract<ChannelConfig, { type: 'syslog' }>;

export class SyslogNotifier implements Notifier {
  readonly type = 'syslog';
  constructor(private readonly cfg: SyslogConfig, private readonly version = '0.1.0') {}

  async send(n: Notification, sentAt: number): Promise<void> {
    const message = rfc5424Message(n, sentAt, { facility: this.cfg.facility, hostname: this.cfg.hostname ?? (hostname() || '-'), app_name: this.cfg.app_name, version: this.version });
    if (this.cfg.protocol === 'udp') await this.sendUdp(Buffer.from(message, 'utf8'));
    else await this.sendTcp(octetCounted(message));
  }

  private sendUdp(datagram: Buffer): Promise<void> {
    const socket = createSocket(isIP(this.cfg.host) === 6 ? 'udp6' : 'udp4');
    return new Promise<void>((resolve, reject) => {
      socket.once('error', (err) => reject(new RetryableError(`UDP send failed: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
      socket.send(datagram, this.cfg.port, this.cfg.host, (err) => (err ? reject(new RetryableError(`UDP send failed: ${(err as NodeJS.ErrnoException).code ?? err.message}`)) : resolve()));
    }).finally(() => socket.close());
  }

  private sendTcp(frame: Buffer): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const socket = connect({ host: this.cfg.host, port: this.cfg.port });
      socket.setTimeout(this.cfg.timeout_ms, () => socket.destroy(new Error('ETIMEDOUT')));
      socket.once('error', (err) => reject(new RetryableError(`TCP send failed: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
      socket.once('connect', () => socket.end(frame, () => resolve()));
    });
  }
}
