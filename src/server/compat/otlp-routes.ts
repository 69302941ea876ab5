/**
 * POST /v1/logs: OTLP/HTTP logs (https://opentelemetry.io/docs/specs/otlp/#otlphttp), binary
 * protobuf or JSON, gzip accepted. Records that cannot be accepted are dead-lettered and
 * reported in partial_success.rejected_log_records; the others are stored. Errors are a
 * google.rpc.Status in the request's encoding. Auth: `Authorization: Bearer TOKEN`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerDeps } from '../app.js';
import { ShuttingDownError } from '../../pipeline/pipeline.js';
import {
  decodeLogsJson,
  decodeLogsProto,
  exportLogsResponse,
  normalizeOtlpLogs,
  rpcStatus,
  GRPC_INVALID_ARGUMENT,
  GRPC_UNAUTHENTICATED,
  GRPC_UNAVAILABLE,
  OtlpJsonError,
  ProtoDecodeError,
  RecordTooDeepError,
  type OtlpEncoding,
  type OtlpLogsData,
} from '../../codecs/otlp/index.js';
import { acceptRawBodies, BodyError, requestBytes } from './raw-body.js';
import { authorizationParts, checkIngestToken } from './credentials.js';

const SOURCE = 'otlp';
const MAX_REASONS = 5;

function encodingOf(req: FastifyRequest): OtlpEncoding | undefined {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return undefined;
}

function send(reply: FastifyReply, encoding: OtlpEncoding, status: number, body: Uint8Array | string): FastifyReply {
  reply.code(status).header('content-type', encoding === 'json' ? 'application/json' : 'application/x-protobuf');
  return reply.send(typeof body === 'string' ? body : Buffer.from(body));
}

export async function registerOtlpRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  await app.register(async (scope) => {
    acceptRawBodies(scope);
    scope.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
      const encoding = encodingOf(req) ?? 'json';
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, encoding, 413, rpcStatus(encoding, GRPC_INVALID_ARGUMENT, `request body exceeds max_body_bytes ${deps.config.http.max_body_bytes}`));
      req.log.error({ err: err.message }, 'OTLP request failed');
      return send(reply, encoding, 500, rpcStatus(encoding, 13, 'internal error; see the server log'));
    });

    scope.post('/v1/logs', async (req, reply) => {
      const encoding = encodingOf(req);
      if (!encoding) {
        return send(reply, 'json', 415, rpcStatus('json', GRPC_INVALID_ARGUMENT, 'Content-Type must be application/x-protobuf or application/json'));
      }
      const auth = authorizationParts(req.headers.authorization);
      const check = auth?.scheme === 'bearer' ? await checkIngestToken(deps, auth.value) : undefined;
      if (!check?.ok) {
        const forbidden = check?.reason === 'forbidden';
        if (!forbidden) reply.header('www-authenticate', 'Bearer realm="vigil"');
        return send(reply, encoding, forbidden ? 403 : 401, rpcStatus(encoding, forbidden ? 7 : GRPC_UNAUTHENTICATED, forbidden ? 'this token may not ingest' : 'missing or invalid bearer token'));
      }

      let data: OtlpLogsData;
      try {
        const bytes = requestBytes(req, deps.config.http.max_body_bytes);
        const limits = { max_depth: deps.config.http.max_json_depth };
        data = encoding === 'protobuf' ? decodeLogsProto(bytes, limits) : decodeLogsJson(bytes.toString('utf8'), limits);
      } catch (err) {
        if (err instanceof BodyError) return send(reply, encoding, err.status, rpcStatus(encoding, GRPC_INVALID_ARGUMENT, err.message));
        if (err instanceof ProtoDecodeError || err instanceof OtlpJsonError || err instanceof RecordTooDeepError) {
          return send(reply, encoding, 400, rpcStatus(encoding, GRPC_INVALID_ARGUMENT, `cannot decode ExportLogsServiceRequest: ${err.message}`));
        }
        throw err;
      }

      const { records, rejected } = normalizeOtlpLogs(data, { max_record_bytes: deps.config.http.max_record_bytes });
      try {
        await deps.pipeline.accept({ source: SOURCE, format: `otlp-${encoding}`, records, rejected });
      } catch (err) {
        const message = err instanceof ShuttingDownError ? err.message : 'events could not be stored; nothing from this request was acknowledged, retry';
        // 503 is retryable for OTLP exporters; Retry-After tells them when.
        reply.header('retry-after', '5');
        return send(reply, encoding, 503, rpcStatus(encoding, GRPC_UNAVAILABLE, message));
      }
      const reasons = rejected.slice(0, MAX_REASONS).map((r) => `log record ${r.position.index}: ${r.reason}`);
      const message = rejected.length > MAX_REASONS ? `${reasons.join('; ')}; and ${rejected.length - MAX_REASONS} more` : reasons.join('; ');
      return send(reply, encoding, 200, exportLogsResponse(encoding, rejected.length, message));
    });
  });
}
