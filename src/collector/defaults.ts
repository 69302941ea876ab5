/**
 * Sources that run unless vigil.yaml turns them off (INTERFACE.md, "Default listeners"),
 * all bound to loopback by their own config defaults. Syslog over TLS is not here: it needs
 * a certificate, so it runs only when configured.
 */
import type { DefaultSource } from '../config/load.js';

export const DEFAULT_SOURCES: DefaultSource[] = [
  { id: 'syslog_udp', type: 'syslog_udp' },
  { id: 'syslog_tcp', type: 'syslog_tcp' },
  { id: 'netflow', type: 'netflow' },
];
