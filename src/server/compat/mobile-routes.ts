/**
 * POST /api/v1/mobile/posture[?format=native|intune|jamf]: posture reports become events
 * (through the pipeline, so counted and dead-lettered like any ingest) and the current state of
 * each device; GET /api/v1/mobile/devices[?flag=&platform=&limit=&offset=] lists that state.
 * Bearer auth and roles come from the /api/ hook in app.ts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerDeps } from '../app.js';
import { ApiError } from '../errors.js';
import { ShuttingDownError } from '../../pipeline/pipeline.js';
import { exceedsJsonDepth } from '../../codecs/json/depth.js';
import { decodePostureBody, PLATFORMS } from '../../codecs/mobile/index.js';
import { DEVICE_FLAGS, listMobileDevices, migrateMobileDevices, upsertMobileDevices } from '../../mobile/index.js';
import { acceptRawBodies, BodyError, requestBytes } from './raw-body.js';

const SOURCE = 'mobile';
const MAX_ERRORS_LISTED = 100;

const postQuery = z.object({ format: z.enum(['native', 'intune', 'jamf']).default('native') }).strict();
const listQuery = z
  .object({
    flag: z.enum(DEVICE_FLAGS).optional(),
    platform: z.enum(PLATFORMS).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

function parseQuery<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new ApiError(400, 'bad_request', `${i.path.join('.') || 'query'}: ${i.message}`);
}

export async function registerMobileRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  await migrateMobileDevices(deps.control);

  await app.register(async (scope) => {
    acceptRawBodies(scope);
    scope.post('/api/v1/mobile/posture', async (req) => {
      const { format } = parseQuery(postQuery, req.query);
      let body: unknown;
      try {
        const text = requestBytes(req, deps.config.http.max_body_bytes).toString('utf8');
        // Depth is checked on the whole body: a vendor payload nests a few levels above the device.
        if (exceedsJsonDepth(text, deps.config.http.max_json_depth)) throw new ApiError(400, 'bad_format', `JSON nested deeper than max_json_depth ${deps.config.http.max_json_depth}`);
        body = JSON.parse(text);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        if (err instanceof BodyError) throw new ApiError(err.status, err.status === 413 ? 'body_too_large' : 'bad_encoding', err.message);
        throw new ApiError(400, 'bad_format', `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
      const decoded = decodePostureBody(body, format, deps.config.mobile.min_os);
      try {
        await deps.pipeline.accept({ source: SOURCE, format: `posture-${format}`, records: decoded.records, rejected: decoded.rejected });
      } catch (err) {
        if (err instanceof ShuttingDownError) throw new ApiError(503, 'shutting_down', err.message);
        throw new ApiError(503, 'store_unavailable', 'events could not be stored; nothing from this request was acknowledged, retry');
      }
      await upsertMobileDevices(deps.control, decoded.reports);
      return {
        accepted: decoded.records.length,
        rejected: decoded.rejected.length,
        errors: decoded.rejected.slice(0, MAX_ERRORS_LISTED).map((r) => ({ index: r.position.index, reason: r.reason })),
        devices: decoded.reports.map(({ report, flags }) => ({ device_id: report.device_id, ...flags })),
      };
    });
  });

  app.get('/api/v1/mobile/devices', async (req) => listMobileDevices(deps.control, parseQuery(listQuery, req.query)));
}
