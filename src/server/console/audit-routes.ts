/** Admin-only: GET /api/v1/audit (newest first, paged) and GET /api/v1/audit/verify. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ConsoleServices } from './services.js';
import { parseBody } from './validate.js';

const page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  actor: z.string().max(64).optional(),
  action: z.string().max(200).optional(),
});

export async function registerAuditRoutes(app: FastifyInstance, c: ConsoleServices): Promise<void> {
  const admin = { config: { minRole: 'admin' as const } };
  app.get('/api/v1/audit', admin, async (req) => c.audit.list(parseBody(page, req.query)));
  app.get('/api/v1/audit/verify', admin, async () => c.audit.verify());
}
