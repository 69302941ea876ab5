export { parseAuditLine, type AuditRecord, type AuditLineResult } from './line-parser.js';
export { interpretAuditRecord, type InterpretedRecord } from './interpret.js';
export { AuditEventAssembler, type AuditEvent, type AssemblerOptions, type CloseReason } from './assembler.js';
export { mapAuditEvent, nativeRecord } from './ecs-map.js';
export {
  AuditdLineDecoder,
  createAuditdDecoder,
  decodeAuditdLines,
  type AuditdDecoderOptions,
  type AuditdDecoderState,
} from './decoder.js';
export { decodeSockaddr, type DecodedSockaddr } from './sockaddr.js';
export { recordTypeName, recordTypeNumber, isStandaloneType } from './record-types.js';
export { archName, errnoName, signalName } from './kernel-tables.js';
export { syscallName } from './syscall-tables.js';
export { auditdFormat, createAuditdStreamDecoder, type AuditdStreamDecoder } from './format.js';
