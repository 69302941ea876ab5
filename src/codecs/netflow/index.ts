export { decodeNetflowPacket, expireNetflowState } from './decode-packet.js';
export type { NetflowDecodeResult, NetflowRejection, NetflowDropReason } from './decode-result.js';
export { NetflowSessionStore, DEFAULT_SESSION_OPTIONS } from './session-store.js';
export type { Exporter, NetflowSessionOptions, SessionStats, Session, ExporterOptions } from './session-store.js';
export { communityIdV1, type CommunityIdInput } from './community-id.js';
export { ianaElement, ipfixElement, netflow9Element, enterpriseElementLabel, REVERSE_PEN, type ElementInfo, type IeType } from './element-registry.js';
export { NETFLOW_LOGSOURCE } from './ecs-mapping.js';
