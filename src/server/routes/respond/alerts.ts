/**
 * GET /api/v1/alerts, GET /api/v1/alerts/:id, POST /api/v1/alerts/bulk (analyst),
 * GET /api/v1/entities/risk, GET /api/v1/notifications/deliveries.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DETECTION_LEVELS, ENTITY_KINDS, type EntityKind } from '../../../detect/detection.js';
import { ALERT_STATUSES, type AlertStatus } from '../../../respond/index.js';
import type { ServerDeps } from '../../app.js';
import { ApiError } from '../../errors.js';
import { alertsOf, listOf, mapErrors, paging, parse, time } from './parse.js';

const alertQuery = z
  .object({
    status: listOf(ALERT_STATUSES).optional(),
    level: listOf(DETECTION_LEVELS).optional(),
    rule: z.string().max(500).optional(),
    assignee: z.string().max(200).optional(),
    entity: z.string().max(1000).optional(),
    incident: z.string().max(100).optional(),
    from: time.optional(),
    to: time.optional(),
    ...paging,
  })
  .strict();

const bulkBody = z
  .object({
    ids: z.array(z.string().min(1).max(100)).min(1).max(1000),
    status: z.enum(ALERT_STATUSES as [AlertStatus, ...AlertStatus[]]).optional(),
    assignee: z.string().min(1).max(200).nullable().optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.assignee !== undefined, 'give status, assignee or both');

const riskQuery = z.object({ kind: z.enum(ENTITY_KINDS as [EntityKind, ...EntityKind[]]).optional(), limit: paging.limit }).strict();

const deliveryQuery = z
  .object({ status: z.enum(['pending', 'delivered', 'failed']).optional(), channel: z.string().max(100).optional(), alert: z.string().max(100).optional(), incident: z.string().max(100).optional(), ...paging })
  .strict();

export async function registerAlertRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  app.get('/api/v1/alerts', async (req) => {
    const q = parse(alertQuery, req.query);
    const { alerts, total } = await alertsOf(deps).listAlerts(q);
    return { alerts, total, limit: q.limit, offset: q.offset };
  });

  app.get<{ Params: { id: string } }>('/api/v1/alerts/:id', async (req) => {
    const alert = await alertsOf(deps).getAlert(req.params.id);
    if (!alert) throw new ApiError(404, 'not_found', `no alert ${req.params.id}`);
    return { alert };
  });

  app.post('/api/v1/alerts/bulk', { config: { minRole: 'analyst' } }, async (req) => {
    const b = parse(bulkBody, req.body);
    const r = await mapErrors(() => alertsOf(deps).updateAlerts(b.ids, { ...(b.status ? { status: b.status } : {}), ...(b.assignee !== undefined ? { assignee: b.assignee } : {}) }));
    return { updated: r.updated.length, not_found: r.not_found, alerts: r.updated };
  });

  app.get('/api/v1/entities/risk', async (req) => {
    const q = parse(riskQuery, req.query);
    return { entities: await alertsOf(deps).topRisk(q) };
  });

  app.get('/api/v1/notifications/deliveries', async (req) => {
    const q = parse(deliveryQuery, req.query);
    return { deliveries: await alertsOf(deps).listDeliveries(q) };
  });
}
