/**
 * Configuration of the syslog sources. Every key has a default, so `{}` is a valid UDP or
 * TCP config (loopback, port 5514, INTERFACE.md); TLS needs a certificate and key.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { isValidTimeZone } from '../../codecs/syslog/index.js';

export interface ListenAddress {
  host: string;
  port: number;
  family: 4 | 6;
}

/** `127.0.0.1:5514`, `[::1]:5514`, `0.0.0.0:514`; port 0 asks the OS for a free port. */
export function parseListenAddress(text: string): ListenAddress | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const host = m[1] ?? m[2];
  const port = Number(m[3]);
  const version = isIP(host);
  if (version === 0 || port > 65535) return undefined;
  return { host, port, family: version === 6 ? 6 : 4 };
}

const listenAddress = z.string().refine((s) => parseListenAddress(s) !== undefined, {
  message: 'expected IP:PORT or [IPv6]:PORT with a literal address',
});

const logsource = z.strictObject({ product: z.string().optional(), service: z.string().optional(), category: z.string().optional() });

/** Message-rate limits (token buckets); 0 means unlimited. */
const rateLimits = z.strictObject({
  /** Sustained messages per second allowed from one sender address (all its connections together). */
  per_source_messages_per_second: z.number().min(0).default(0),
  /** Sustained messages per second on one TCP/TLS connection. */
  per_connection_messages_per_second: z.number().min(0).default(0),
  /** Bucket size: how many messages may arrive at once above the sustained rate. */
  burst_messages: z.number().int().min(1).default(1000),
});

const common = {
  /** Messages (datagram payload, or frame without its length prefix/trailer) longer than this are dropped as `oversized`. */
  max_message_bytes: z.number().int().min(480).max(16 * 1024 * 1024).default(64 * 1024),
  rate_limit: rateLimits.prefault({}),
  /** Zone for timestamps that carry no offset (RFC 3164); an IANA name. */
  timezone: z.string().default('UTC').refine(isValidTimeZone, { message: 'not an IANA time zone name' }),
  /** Year for yearless RFC 3164 timestamps; by default inferred from the receive time. */
  default_year: z.number().int().min(1970).max(9999).optional(),
  /** Sigma logsource for records that are neither Linux-auth, CEF nor LEEF (e.g. `{product: cisco}`). */
  logsource: logsource.optional(),
  /**
   * Records coalesced into one batch for the pipeline. TCP/TLS: also how far a connection reads
   * ahead while its previous batch is being stored; the pipeline acknowledges a batch when it is
   * durable (up to its flush interval later), so this bounds one connection's rate.
   */
  max_batch_records: z.number().int().min(1).default(10_000),
};

export const syslogUdpConfig = z.strictObject({
  listen: z.array(listenAddress).min(1).default(['127.0.0.1:5514']),
  ...common,
  /** SO_RCVBUF per socket; bursts beyond it are lost in the kernel (health `kernel_drops`). 0 keeps the OS default. */
  receive_buffer_bytes: z.number().int().min(0).max(1 << 30).default(8 * 1024 * 1024),
  /** Records handed to the pipeline and not yet acknowledged; beyond this new ones are dropped as `overload`. */
  max_in_flight_records: z.number().int().min(1).default(200_000),
});

const stream = {
  ...common,
  /** `auto` detects octet counting or LF framing per message (RFC 6587). */
  framing: z.enum(['auto', 'newline', 'octet_counting']).default('auto'),
  max_connections: z.number().int().min(1).default(1024),
  max_connections_per_source: z.number().int().min(1).default(64),
  /** Over-rate connections are paused (`pause`, lossless TCP backpressure) or their messages dropped (`drop`). */
  on_rate_limit: z.enum(['pause', 'drop']).default('pause'),
  /** Close connections silent this long; 0 never (senders such as rsyslog keep one connection open). */
  idle_timeout_ms: z.number().int().min(0).default(0),
};

export const syslogTcpConfig = z.strictObject({
  listen: z.array(listenAddress).min(1).default(['127.0.0.1:5514']),
  ...stream,
});

export const syslogTlsConfig = z.strictObject({
  listen: z.array(listenAddress).min(1).default(['127.0.0.1:6514']),
  ...stream,
  tls: z.strictObject({
    cert_file: z.string().min(1),
    key_file: z.string().min(1),
    /** CA bundle used to verify client certificates. */
    ca_file: z.string().min(1).optional(),
    /** Demand a client certificate signed by `ca_file` (mutual TLS, RFC 5425 §5.2). */
    require_client_cert: z.boolean().default(false),
    min_version: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
    handshake_timeout_ms: z.number().int().min(100).default(10_000),
  }).refine((t) => !t.require_client_cert || t.ca_file !== undefined, { message: 'require_client_cert needs ca_file', path: ['ca_file'] }),
});

export type SyslogUdpConfig = z.output<typeof syslogUdpConfig>;
export type SyslogTcpConfig = z.output<typeof syslogTcpConfig>;
export type SyslogTlsConfig = z.output<typeof syslogTlsConfig>;
export type SyslogStreamConfig = SyslogTcpConfig | SyslogTlsConfig;
export type SyslogCommonConfig = SyslogUdpConfig | SyslogStreamConfig;
