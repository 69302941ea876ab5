/**
 * The HTTP server: fastify with one error shape, bearer-token auth on every /api/ route and
 * on /metrics, and each route group in its own file under routes/.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyError } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { MetricsRegistry } from '../core/metrics.js';
import type { EventStore } from '../storage/store.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { VigilConfig } from '../config/schema.js';
import { parseCookies } from './auth.js';
import { defaultMinRole, roleAllows, type Authenticator } from './principal.js';
import type { ControlDb } from '../control/control-db.js';
import { ApiError, errorBody } from './errors.js';
import { registerIngestRoutes } from './routes/ingest.js';
import { registerSearchRoutes } from './routes/search.js';
import { registerHealthRoutes, type HealthSource } from './routes/health.js';
import type { SearchService } from '../search/search-service.js';
import { csrfProblem, installAuditHook, registerConsole, type ConsoleServices } from './console/index.js';
import type { AlertService } from '../respond/index.js';
import { registerAlertRoutes, registerIncidentRoutes, registerSuppressionRoutes } from './routes/respond/index.js';
import type { DetectionService } from '../detect/live/index.js';
import { registerRuleRoutes } from './routes/rules.js';
import { registerContextRoutes } from './routes/context.js';
import type { ContextUploads } from '../enrich/index.js';
import { registerOtlpRoutes } from './compat/otlp-routes.js';
import { registerHecRoutes } from './compat/hec-routes.js';
import { registerElasticRoutes } from './compat/elastic-routes.js';
import { registerMobileRoutes } from './compat/mobile-routes.js';

export interface ServerDeps {
  config: VigilConfig;
  store: EventStore;
  pipeline: Pipeline;
  metrics: MetricsRegistry;
  logger: PinoLogger;
  /** Resolves credentials to a principal with a role; every /api/ route and /metrics need one. */
  auth: Authenticator;
  /** Control-plane database (users, rules, alerts, incidents, audit). */
  control: ControlDb;
  search: SearchService;
  /** Alerts, incidents, suppressions and notifications; the /api/v1 alerting routes answer 503 without it. */
  alerts?: AlertService;
  /** Live detection and rule management; absent when detection is disabled. */
  detection?: DetectionService;
  /** Asset and identity context tables (absent when enrichment is off). */
  context?: ContextUploads;
  health: HealthSource;
  /** True once shutdown has begun: new work is refused with 503. */
  isShuttingDown: () => boolean;
  /** Users, sessions, saved searches and the audit trail; without it there is no console. */
  console?: ConsoleServices;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    // Per-request log lines would dominate at ingest rates; counters cover requests instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.http.max_body_bytes,
    trustProxy: false,
  });

  const requests = deps.metrics.counter('vigil_http_requests_total', 'HTTP requests, by route and status');
  app.addHook('onResponse', async (req, reply) => {
    requests.inc({ route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
  });
  if (deps.console) installAuditHook(app, deps.console.audit, deps.logger);

  app.addHook('onRequest', async (req, reply) => {
    const url = req.url;
    const needsToken = (url.startsWith('/api/') || url === '/metrics' || url.startsWith('/metrics?')) && !req.routeOptions.config?.public;
    if (needsToken) {
      const cookies = parseCookies(req.headers.cookie);
      const principal = await deps.auth.authenticate({ authorization: req.headers.authorization, cookies });
      if (!principal) {
        reply.header('www-authenticate', 'Bearer realm="vigil"');
        return reply.code(401).send(errorBody('unauthorized', 'missing or invalid bearer token or session'));
      }
      req.principal = principal;
      const csrf = csrfProblem(req, cookies);
      if (csrf) return reply.code(403).send(errorBody('csrf', `${csrf}: changes made with a session cookie need the token from /api/v1/session`));
      const need = req.routeOptions.config?.minRole ?? defaultMinRole(req.method);
      if (!roleAllows(principal.role, need)) {
        return reply.code(403).send(errorBody('forbidden', `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]} needs role ${need}; ${principal.user} has ${principal.role}`));
      }
    }
    if (deps.isShuttingDown() && req.method !== 'GET') {
      return reply.code(503).send(errorBody('shutting_down', 'Vigil is shutting down; retry against another instance or later'));
    }
  });

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(errorBody(err.code, err.message, err.details));
    const status = err.statusCode ?? 500;
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody('body_too_large', `request body exceeds max_body_bytes ${deps.config.http.max_body_bytes}`));
    }
    if (status >= 500) {
      req.log.error({ err: err.message, route: req.routeOptions.url }, 'request failed');
      return reply.code(status).send(errorBody('internal', 'internal error; see the server log'));
    }
    return reply.code(status).send(errorBody(err.code ?? 'bad_request', err.message));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
  });

  await registerIngestRoutes(app, deps);
  await registerSearchRoutes(app, deps);
  await registerHealthRoutes(app, deps);
  if (deps.console) await registerConsole(app, deps.console, deps.metrics);
  await registerAlertRoutes(app, deps);
  await registerIncidentRoutes(app, deps);
  await registerSuppressionRoutes(app, deps);
  await registerRuleRoutes(app, deps);
  await registerContextRoutes(app, deps);
  await registerOtlpRoutes(app, deps);
  await registerHecRoutes(app, deps);
  await registerElasticRoutes(app, deps);
  await registerMobileRoutes(app, deps);
  return app;
}
