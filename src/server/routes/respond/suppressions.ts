/**
 * GET /api/v1/suppressions, GET /api/v1/suppressions/:id/suppressed (what it hid), POST /api/v1/suppressions (analyst), DELETE
 * /api/v1/suppressions/:id (analyst), POST /api/v1/suppressions/preview (read-only: it changes
 * nothing) with the same body as POST (name optional) plus optional `from`, `to`, `max_alerts`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { suppressionInput } from '../../../respond/index.js';
import type { ServerDeps } from '../../app.js';
import { alertsOf, mapErrors, paging, parse, time, user } from './parse.js';

/** The range of a preview; the rest of the body is the suppression exactly as POST takes it. */
const previewRange = z.object({ from: time.optional(), to: time.optional(), max_alerts: z.number().int().min(1).max(10_000).optional() });

export async function registerSuppressionRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  app.get('/api/v1/suppressions', async () => ({ suppressions: await alertsOf(deps).listSuppressions() }));

  app.get<{ Params: { id: string } }>('/api/v1/suppressions/:id/suppressed', async (req) => {
    const q = parse(z.object(paging).strict(), req.query);
    return { suppressed: await alertsOf(deps).listSuppressed(req.params.id, q.limit, q.offset) };
  });

  app.post('/api/v1/suppressions', { config: { minRole: 'analyst' } }, async (req, reply) => {
    const input = parse(suppressionInput, req.body);
    const suppression = await mapErrors(() => alertsOf(deps).createSuppression(input, user(req)));
    req.log.info({ suppression: suppression.id, name: suppression.name, by: user(req) }, 'suppression saved');
    return reply.code(201).send({ suppression });
  });

  app.delete<{ Params: { id: string } }>('/api/v1/suppressions/:id', { config: { minRole: 'analyst' } }, async (req, reply) => {
    await mapErrors(() => alertsOf(deps).deleteSuppression(req.params.id));
    req.log.info({ suppression: req.params.id, by: user(req) }, 'suppression deleted');
    return reply.code(204).send();
  });

  app.post('/api/v1/suppressions/preview', { config: { minRole: 'read_only' } }, async (req) => {
    const { from, to, max_alerts, ...rest } = (req.body ?? {}) as Record<string, unknown>;
    const r = parse(previewRange, { from, to, max_alerts });
    const input = parse(suppressionInput, { name: 'preview', ...rest });
    const range = { ...(r.from !== undefined ? { from: r.from } : {}), ...(r.to !== undefined ? { to: r.to } : {}), ...(r.max_alerts ? { max_alerts: r.max_alerts } : {}) };
    return { preview: await mapErrors(() => alertsOf(deps).previewSuppression(input, range)) };
  });
}
