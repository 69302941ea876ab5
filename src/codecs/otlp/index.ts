export { decodeLogsProto } from './logs-proto.js';
export { decodeLogsJson, OtlpJsonError } from './logs-json.js';
export { normalizeOtlpLogs, countLogRecords } from './normalize.js';
export { exportLogsResponse, rpcStatus, GRPC_INVALID_ARGUMENT, GRPC_UNAUTHENTICATED, GRPC_UNAVAILABLE, type OtlpEncoding } from './response.js';
export { ProtoDecodeError, ProtoReader, ProtoWriter } from './wire.js';
export { RecordTooDeepError, type OtlpLogsData, type OtlpLogRecord, type OtlpValue } from './model.js';
