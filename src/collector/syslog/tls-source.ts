/**
 * Syslog over TLS (RFC 5425): the TCP receiver behind a TLS handshake. The certificate and
 * key are read at build time (so a bad path is a config error, not a runtime one); with
 * `require_client_cert`, peers must present a certificate that `ca_file` signed. Failed
 * handshakes are counted as refused connections with reason `tls_handshake`.
 */
import { readFileSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import { type BuildContext, ConfigError, type SourceDefinition, type SourceOutput } from '../../core/index.js';
import { type SyslogTlsConfig, syslogTlsConfig } from './config.js';
import { StreamSyslogReceiver } from './stream-server.js';

function readPem(path: string, configPath: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`, configPath);
  }
}

export class SyslogTlsReceiver extends StreamSyslogReceiver {
  private readonly tlsOptions: TlsOptions;

  constructor(config: SyslogTlsConfig, ctx: BuildContext, output: SourceOutput) {
    super(config, ctx, output);
    const t = config.tls;
    const base = `sources.${ctx.id}.tls`;
    this.tlsOptions = {
      cert: readPem(t.cert_file, `${base}.cert_file`),
      key: readPem(t.key_file, `${base}.key_file`),
      ca: t.ca_file ? readPem(t.ca_file, `${base}.ca_file`) : undefined,
      requestCert: t.require_client_cert,
      rejectUnauthorized: t.require_client_cert,
      minVersion: t.min_version,
      handshakeTimeout: t.handshake_timeout_ms,
    };
  }

  protected createServer(admit: (socket: Socket) => void): Server {
    const server = createTlsServer(this.tlsOptions, admit);
    server.on('tlsClientError', (err) => {
      this.metrics.connectionRefused('tls_handshake');
      this.ctx.logger.debug({ err: err.message }, 'syslog TLS handshake failed');
    });
    return server;
  }
}

export const SyslogTlsSource: SourceDefinition<SyslogTlsConfig> = {
  kind: 'source',
  type: 'syslog_tls',
  description: 'Syslog over TLS (RFC 5425) with optional client certificates: RFC 3164/5424, CEF, LEEF, Linux auth semantics',
  config: syslogTlsConfig,
  build: (config, ctx, output) => new SyslogTlsReceiver(config, ctx, output),
};
