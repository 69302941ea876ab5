/**
 * GET /api/v1/incidents, GET /api/v1/incidents/:id ({incident, alerts, entities, comments,
 * timeline}), PATCH /api/v1/incidents/:id and POST /api/v1/incidents/:id/comments (analyst).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DETECTION_LEVELS } from '../../../detect/detection.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../../respond/index.js';
import type { ServerDeps } from '../../app.js';
import { ApiError } from '../../errors.js';
import { alertsOf, listOf, mapErrors, paging, parse, time, user } from './parse.js';

const incidentQuery = z
  .object({
    status: listOf(INCIDENT_STATUSES).optional(),
    level: listOf(DETECTION_LEVELS).optional(),
    assignee: z.string().max(200).optional(),
    entity: z.string().max(1000).optional(),
    merged: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    from: time.optional(),
    to: time.optional(),
    ...paging,
  })
  .strict();

const patchBody = z
  .object({
    status: z.enum(INCIDENT_STATUSES as [IncidentStatus, ...IncidentStatus[]]).optional(),
    assignee: z.string().min(1).max(200).nullable().optional(),
    resolution: z.string().min(1).max(2000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give status, assignee or resolution');

const commentBody = z.object({ text: z.string().trim().min(1).max(20_000) }).strict();

export async function registerIncidentRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  app.get('/api/v1/incidents', async (req) => {
    const q = parse(incidentQuery, req.query);
    const { incidents, total } = await alertsOf(deps).listIncidents(q);
    return { incidents, total, limit: q.limit, offset: q.offset };
  });

  app.get<{ Params: { id: string } }>('/api/v1/incidents/:id', async (req) => {
    const detail = await alertsOf(deps).getIncident(req.params.id);
    if (!detail) throw new ApiError(404, 'not_found', `no incident ${req.params.id}`);
    return detail;
  });

  app.patch<{ Params: { id: string } }>('/api/v1/incidents/:id', { config: { minRole: 'analyst' } }, async (req) => {
    const b = parse(patchBody, req.body);
    const incident = await mapErrors(() => alertsOf(deps).updateIncident(req.params.id, b));
    req.log.info({ incident: incident.id, status: incident.status, by: user(req) }, 'incident updated');
    return { incident };
  });

  app.post<{ Params: { id: string } }>('/api/v1/incidents/:id/comments', { config: { minRole: 'analyst' } }, async (req, reply) => {
    const b = parse(commentBody, req.body);
    const comment = await mapErrors(() => alertsOf(deps).addComment(req.params.id, user(req), b.text));
    return reply.code(201).send({ comment });
  });
}
