/**
 * Elasticsearch-compatible ingest: `_bulk` plus the calls Beats, Logstash, Vector and the
 * Elasticsearch clients make before sending (cluster info, licence, templates, ILM policies,
 * ingest pipelines, cluster health). Every route authenticates itself: Basic (any user, the
 * token as password), `ApiKey`, or `Bearer`.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../app.js';
import { acceptRawBodies } from './raw-body.js';
import { checkIngestToken, elasticToken } from './credentials.js';
import { elasticError } from './elastic-shapes.js';
import { addBulkRoutes } from './bulk-routes.js';
import { addElasticProbeRoutes } from './elastic-probe-routes.js';
import { addElasticIndexRoutes } from './elastic-index-routes.js';

const CHALLENGE = ['Basic realm="security" charset="UTF-8"', 'Bearer realm="security"', 'ApiKey'];

export async function registerElasticRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  await app.register(async (scope) => {
    acceptRawBodies(scope);
    // Hooks of this scope run for its routes only, not for the rest of the server.
    scope.addHook('onSend', async (_req, reply, payload) => {
      // Elasticsearch clients (Go, Java) refuse servers that do not say they are Elasticsearch.
      reply.header('x-elastic-product', 'Elasticsearch');
      return payload;
    });
    scope.addHook('onRequest', async (req, reply) => {
      const path = req.url.split('?')[0];
      const token = elasticToken(req.headers.authorization);
      const check = token === undefined ? undefined : await checkIngestToken(deps, token);
      if (check?.ok) return;
      if (check?.reason === 'forbidden') {
        return reply.code(403).send(elasticError(403, 'security_exception', `action [indices:data/write/bulk] is unauthorized for this token on REST request [${path}]`));
      }
      reply.header('www-authenticate', CHALLENGE);
      const reason = token === undefined ? `missing authentication credentials for REST request [${path}]` : `unable to authenticate with provided credentials for REST request [${path}]`;
      const body = elasticError(401, 'security_exception', reason, { header: { 'WWW-Authenticate': CHALLENGE } });
      return reply.code(401).send(req.method === 'HEAD' ? undefined : body);
    });
    scope.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply.code(413).send(elasticError(413, 'content_too_long_exception', `request body exceeds max_body_bytes ${deps.config.http.max_body_bytes}`));
      }
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
      if (status >= 500) req.log.error({ err: err.message }, 'Elasticsearch-compatible request failed');
      return reply.code(status).send(elasticError(status, status >= 500 ? 'exception' : 'illegal_argument_exception', status >= 500 ? 'internal error; see the Vigil server log' : err.message));
    });
    addBulkRoutes(scope, deps);
    addElasticProbeRoutes(scope, deps);
    addElasticIndexRoutes(scope, deps);
  });
}
