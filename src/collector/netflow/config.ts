/**
 * Configuration of the NetFlow/IPFIX UDP source. Every key has a default, so `{}` is a
 * valid config: loopback listeners on the IANA/Cisco conventional ports (INTERFACE.md).
 */
import { z } from 'zod';
import { isIP } from 'node:net';

export interface ListenAddress {
  host: string;
  port: number;
  family: 'udp4' | 'udp6';
}

/** `127.0.0.1:2055`, `[::1]:4739`, `0.0.0.0:2055`; port 0 asks the OS for a free port. */
export function parseListenAddress(text: string): ListenAddress | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const host = m[1] ?? m[2];
  const port = Number(m[3]);
  const version = isIP(host);
  if (version === 0 || port > 65535) return undefined;
  return { host, port, family: version === 6 ? 'udp6' : 'udp4' };
}

const listenAddress = z.string().refine((s) => parseListenAddress(s) !== undefined, {
  message: 'expected IP:PORT or [IPv6]:PORT with a literal address',
});

export const netflowUdpConfig = z
  .object({
    listen: z.array(listenAddress).min(1).default(['127.0.0.1:2055', '127.0.0.1:4739']),
    /** SO_RCVBUF per socket; bursts beyond it are lost in the kernel (see health `kernel_drops`). 0 keeps the OS default. */
    receive_buffer_bytes: z.number().int().min(0).max(1 << 30).default(8 * 1024 * 1024),
    /** Larger datagrams are dropped as `oversized` before decoding. */
    max_datagram_bytes: z.number().int().min(24).max(65535).default(65535),
    /** Templates not refreshed for this long are forgotten (RFC 7011 §8.4). */
    template_expiry_ms: z.number().int().min(1000).default(30 * 60_000),
    /** Data sets that arrive before their template are kept this long; 0 drops them at once. */
    unknown_template_buffer_ms: z.number().int().min(0).default(10_000),
    unknown_template_buffer_bytes: z.number().int().min(0).default(4 * 1024 * 1024),
    max_exporter_sessions: z.number().int().min(1).default(1024),
    max_templates_per_session: z.number().int().min(1).max(65280).default(1024),
    /** Records of consecutive datagrams are coalesced into one batch of at most this many. */
    max_batch_records: z.number().int().min(1).default(1000),
    /** Records handed to the pipeline and not yet acknowledged; beyond this, new flows are dropped as `overload`. */
    max_in_flight_records: z.number().int().min(1).default(200_000),
    /** How often expired templates and stale pending data sets are swept. */
    sweep_interval_ms: z.number().int().min(10).default(1000),
  })
  .strict();

export type NetflowUdpConfig = z.output<typeof netflowUdpConfig>;
