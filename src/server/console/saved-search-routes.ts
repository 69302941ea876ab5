/** /api/v1/saved-searches: list, save, delete (owner or admin). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../errors.js';
import type { ConsoleServices } from './services.js';
import { parseBody } from './validate.js';

const saveSearch = z
  .object({
    name: z.string().min(1).max(200),
    q: z.string().max(10_000),
    from: z.string().max(64).nullable().optional(),
    to: z.string().max(64).nullable().optional(),
    columns: z.array(z.string().max(200)).max(50).optional(),
  })
  .strict();

export async function registerSavedSearchRoutes(app: FastifyInstance, c: ConsoleServices): Promise<void> {
  app.get('/api/v1/saved-searches', async () => ({ saved_searches: await c.savedSearches.list() }));

  app.post('/api/v1/saved-searches', { config: { minRole: 'read_only' } }, async (req, reply) => {
    const body = parseBody(saveSearch, req.body);
    req.auditTarget = { name: body.name, q: body.q };
    try {
      const saved = await c.savedSearches.create({ name: body.name, q: body.q, from: body.from ?? null, to: body.to ?? null, columns: body.columns ?? [], owner: req.principal!.user });
      return reply.code(201).send({ saved_search: saved });
    } catch (err) {
      throw new ApiError(409, 'limit', (err as Error).message);
    }
  });

  app.delete<{ Params: { id: string } }>('/api/v1/saved-searches/:id', { config: { minRole: 'read_only' } }, async (req) => {
    const owner = await c.savedSearches.owner(req.params.id);
    if (owner === undefined) throw new ApiError(404, 'not_found', `no saved search ${req.params.id}`);
    const p = req.principal!;
    if (owner !== p.user && p.role !== 'admin') throw new ApiError(403, 'forbidden', 'only the owner or an admin deletes a saved search');
    await c.savedSearches.delete(req.params.id);
    return { deleted: true };
  });
}
