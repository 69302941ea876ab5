export { classifyLinuxAuth, programFamily, MAX_CLASSIFIED_LENGTH, type AuthInput, type AuthClassification } from './classify.js';
export { authEventFields, type AuthEvent, type AuthCategory, type AuthOutcome } from './auth-event.js';
export { normalizeAddress, splitHostPort, type RemoteAddress } from './address.js';
export { PeerMemory, type RememberedPeer } from './peer-memory.js';
