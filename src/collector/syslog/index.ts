export { SyslogUdpSource, SyslogUdpReceiver } from './udp-source.js';
export { SyslogTcpSource, SyslogTcpReceiver } from './tcp-source.js';
export { SyslogTlsSource, SyslogTlsReceiver } from './tls-source.js';
export { StreamSyslogReceiver } from './stream-server.js';
export {
  syslogUdpConfig, syslogTcpConfig, syslogTlsConfig, parseListenAddress,
  type SyslogUdpConfig, type SyslogTcpConfig, type SyslogTlsConfig, type ListenAddress,
} from './config.js';
export { TokenBucket, KeyedRateLimiter } from './token-bucket.js';
export type { DropReason } from './source-metrics.js';
