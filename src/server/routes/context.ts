/**
 * Asset and identity context over the API (issue 7: "from CSV or the API"):
 *   GET /api/v1/context/assets|identities   rows loaded
 *   PUT /api/v1/context/assets|identities   a CSV table (body text/csv, or JSON {"csv": "..."}),
 *       the same columns as the files (docs/enrichment.md); replaces the table at once and
 *       survives restarts. Rows with errors are listed by line and skipped.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../app.js';
import { ApiError } from '../errors.js';
import { CONTEXT_KINDS, type ContextKind } from '../../enrich/index.js';

const MAX_TABLE_BYTES = 32 * 1024 * 1024;

export async function registerContextRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const uploads = (kind: string) => {
    if (!(CONTEXT_KINDS as readonly string[]).includes(kind)) throw new ApiError(404, 'not_found', `no context table ${kind} (have: ${CONTEXT_KINDS.join(', ')})`);
    if (!deps.context || !deps.context.enabled(kind as ContextKind)) throw new ApiError(409, 'enrichment_disabled', `enrich.${kind} is disabled in the configuration`);
    return deps.context;
  };
  await app.register(async (scope) => {
    scope.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_TABLE_BYTES }, (_req, body, done) => done(null, body));
    scope.get('/api/v1/context/:kind', async (req) => {
      const { kind } = req.params as { kind: string };
      return { kind, rows: uploads(kind).size(kind as ContextKind) };
    });
    scope.put('/api/v1/context/:kind', { config: { minRole: 'admin' } }, async (req) => {
      const { kind } = req.params as { kind: string };
      const ctx = uploads(kind);
      const body = req.body;
      const csv = typeof body === 'string' ? body : body && typeof body === 'object' && typeof (body as { csv?: unknown }).csv === 'string' ? (body as { csv: string }).csv : undefined;
      if (csv === undefined) throw new ApiError(400, 'bad_request', 'send the table as text/csv, or as JSON {"csv": "..."}');
      return ctx.upload(kind as ContextKind, csv, req.principal?.user ?? 'unknown', Date.now());
    });
  });
}
