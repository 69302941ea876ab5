/**
 * OTLP/HTTP response bodies (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response):
 * ExportLogsServiceResponse on success, with partial_success when records were rejected, and a
 * google.rpc.Status on failure, each encoded like the request (protobuf or JSON).
 */
import { ProtoWriter } from './wire.js';

export type OtlpEncoding = 'protobuf' | 'json';

export function exportLogsResponse(encoding: OtlpEncoding, rejected: number, errorMessage: string): Uint8Array | string {
  if (encoding === 'json') {
    return JSON.stringify(rejected > 0 ? { partialSuccess: { rejectedLogRecords: String(rejected), errorMessage } } : {});
  }
  if (rejected === 0) return new Uint8Array(0);
  // ExportLogsServiceResponse.partial_success = 1 { rejected_log_records = 1; error_message = 2 }
  const partial = new ProtoWriter().varintField(1, rejected).stringField(2, errorMessage).finish();
  return new ProtoWriter().bytesField(1, partial).finish();
}

/** google.rpc.Status { int32 code = 1; string message = 2; } with a gRPC status code. */
export function rpcStatus(encoding: OtlpEncoding, grpcCode: number, message: string): Uint8Array | string {
  if (encoding === 'json') return JSON.stringify({ code: grpcCode, message });
  return new ProtoWriter().varintField(1, grpcCode).stringField(2, message).finish();
}

export const GRPC_INVALID_ARGUMENT = 3;
export const GRPC_UNAUTHENTICATED = 16;
export const GRPC_UNAVAILABLE = 14;
