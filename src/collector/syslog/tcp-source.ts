/** Syslog over TCP (RFC 6587): octet counting and LF framing, detected per message by default. */
import { createServer, type Server, type Socket } from 'node:net';
import type { SourceDefinition } from '../../core/index.js';
import { type SyslogTcpConfig, syslogTcpConfig } from './config.js';
import { StreamSyslogReceiver } from './stream-server.js';

export class SyslogTcpReceiver extends StreamSyslogReceiver {
  protected createServer(admit: (socket: Socket) => void): Server {
    return createServer({ noDelay: true, keepAlive: true }, admit);
  }
}

export const SyslogTcpSource: SourceDefinition<SyslogTcpConfig> = {
  kind: 'source',
  type: 'syslog_tcp',
  description: 'Syslog over TCP (RFC 6587 octet counting or LF framing): RFC 3164/5424, CEF, LEEF, Linux auth semantics',
  config: syslogTcpConfig,
  build: (config, ctx, output) => new SyslogTcpReceiver(config, ctx, output),
};
