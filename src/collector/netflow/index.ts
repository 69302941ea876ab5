export { NetflowUdpSource } from './netflow-udp-source.js';
export { netflowUdpConfig, parseListenAddress, type NetflowUdpConfig, type ListenAddress } from './config.js';
