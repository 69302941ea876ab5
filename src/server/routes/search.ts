/** GET /api/v1/search?q=&from=&to=&limit= and POST /api/v1/search with the same fields as JSON. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerDeps } from '../app.js';
import { ApiError } from '../errors.js';
import { SearchInputError } from '../../search/search-service.js';

const searchParams = z
  .object({
    q: z.string().max(10_000).default('*'),
    from: z.union([z.string(), z.number()]).optional(),
    to: z.union([z.string(), z.number()]).optional(),
    limit: z.coerce.number().int().positive().optional(),
    explain: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  })
  .strict();

export async function registerSearchRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const handler = async (input: unknown) => {
    const parsed = searchParams.safeParse(input ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new ApiError(400, 'bad_request', `${i.path.join('.') || 'request'}: ${i.message}`);
    }
    try {
      return await deps.search.search(parsed.data, Date.now());
    } catch (err) {
      if (err instanceof SearchInputError) throw new ApiError(400, err.code, err.message, err.details);
      throw err;
    }
  };
  app.get('/api/v1/search', async (req) => handler(req.query));
  app.post('/api/v1/search', async (req) => handler(req.body));
}
