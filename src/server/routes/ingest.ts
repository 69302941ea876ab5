/** POST /api/v1/ingest: NDJSON, a JSON array or one object (gzip accepted); one bad record never fails the rest. */
import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../app.js';
import { ApiError } from '../errors.js';
import { decodeBody } from '../body.js';
import { decodeText } from '../../ingest/decode-text.js';
import { BadInputError } from '../../core/errors.js';
import { ShuttingDownError } from '../../pipeline/pipeline.js';

const SOURCE_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_ERRORS_LISTED = 100;

export async function registerIngestRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  await app.register(async (scope) => {
    // Ingest bodies are raw bytes whatever their content type: decoding is ours, by format.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    scope.post('/api/v1/ingest', async (req) => {
      const q = req.query as Record<string, string | undefined>;
      const source = q.source ?? 'api';
      if (!SOURCE_NAME.test(source)) throw new ApiError(400, 'bad_source', 'source must be 1-64 characters of letters, digits, _ . : -');
      const body = req.body instanceof Buffer ? req.body : Buffer.alloc(0);
      const text = decodeBody(body, req.headers['content-encoding'], deps.config.http.max_body_bytes);
      let decoded;
      try {
        decoded = decodeText(text, q.format ?? 'auto', {
          max_depth: deps.config.http.max_json_depth,
          max_record_bytes: deps.config.http.max_record_bytes,
          now: Date.now,
        });
      } catch (err) {
        if (err instanceof BadInputError) throw new ApiError(400, 'bad_format', err.message);
        throw err;
      }
      try {
        const result = await deps.pipeline.accept({ source, format: decoded.format, records: decoded.records, rejected: decoded.rejected });
        const errors = decoded.rejected.slice(0, MAX_ERRORS_LISTED).map((r) => ({ ...r.position, reason: r.reason }));
        return {
          accepted: result.accepted,
          rejected: result.rejected,
          errors,
          ...(decoded.rejected.length > MAX_ERRORS_LISTED ? { errors_truncated: true } : {}),
        };
      } catch (err) {
        if (err instanceof ShuttingDownError) throw new ApiError(503, 'shutting_down', err.message);
        throw new ApiError(503, 'store_unavailable', 'events could not be stored; nothing from this request was acknowledged, retry');
      }
    });
  });
}
