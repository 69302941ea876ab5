/**
 * Records every change made through the API, and every search, in the audit trail: one
 * hook for all routes, so a new route is audited without doing anything. The entry
 * holds who (principal), what (method + route pattern), on what (route params, the search text,
 * the scalar members of the JSON body with secrets removed) and the status. Ingest is left out:
 * it is data, counted by the pipeline, and would drown the trail.
 *
 * The hook is `onSend` rather than `onResponse`: the entry is stored before the caller gets the
 * answer, so an acknowledged change is always in the trail, and shutdown (which waits for
 * in-flight requests) cannot cut an entry off.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AuditLog } from '../../control/audit/index.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const AUDITED_READS = new Set(['/api/v1/search', '/api/v1/audit/verify']);
// Telemetry coming in (events, device posture reports) is data, not an analyst's action.
const NOT_AUDITED = new Set(['/api/v1/ingest', '/api/v1/mobile/posture']);
const SECRET_KEY = /pass|secret|token|cookie|authorization|csrf/i;
const MAX_STRING = 500;
const MAX_LIST = 50;

/** Top-level scalars (and lists of scalars) of a JSON body, without secret-looking keys. */
export function bodySummary(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (SECRET_KEY.test(k)) continue;
    if (typeof v === 'string') out[k] = v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) out[k] = v.slice(0, MAX_LIST);
  }
  return out;
}

export function shouldAudit(req: FastifyRequest, status: number): boolean {
  const route = req.routeOptions.url;
  if (!route || !req.url.startsWith('/api/') || NOT_AUDITED.has(route)) return false;
  // Requests without credentials are not anyone's action, except sign-in attempts.
  if (!req.principal && !req.routeOptions.config?.public) return false;
  if (status === 401 && !req.routeOptions.config?.public) return false;
  return !SAFE_METHODS.has(req.method) || AUDITED_READS.has(route);
}

function target(req: FastifyRequest): Record<string, unknown> {
  const params = (req.params ?? {}) as Record<string, unknown>;
  const query = req.method === 'GET' ? bodySummary(req.query) : {};
  return { ...query, ...bodySummary(req.body), ...params, ...(req.auditTarget ?? {}) };
}

export function installAuditHook(app: FastifyInstance, audit: AuditLog, logger: Logger): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!shouldAudit(req, reply.statusCode)) return payload;
    const p = req.principal;
    const t = target(req);
    try {
      await audit.append({
        ts: Date.now(),
        actor: p?.user ?? (typeof t.user === 'string' ? t.user : 'anonymous'),
        role: p?.role ?? null,
        via: p?.via ?? 'none',
        action: `${req.method} ${req.routeOptions.url}`,
        target: t,
        status: reply.statusCode,
        ip: req.ip ?? null,
      });
    } catch (err) {
      // The change itself is done; failing the answer would invite a retry that repeats it.
      logger.error({ err: String(err), action: `${req.method} ${req.routeOptions.url}` }, 'audit entry could not be written');
    }
    return payload;
  });
}
