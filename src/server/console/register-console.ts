/** Mounts the console: static files, sign-in, users and tokens, saved searches, audit. */
import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from '../../core/metrics.js';
import type { ConsoleServices } from './services.js';
import { registerStaticRoutes } from './static-files.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerUserRoutes } from './user-routes.js';
import { registerSavedSearchRoutes } from './saved-search-routes.js';
import { registerAuditRoutes } from './audit-routes.js';

export async function registerConsole(app: FastifyInstance, c: ConsoleServices, metrics: MetricsRegistry): Promise<void> {
  await registerStaticRoutes(app);
  await registerSessionRoutes(app, c, metrics);
  await registerUserRoutes(app, c);
  await registerSavedSearchRoutes(app, c);
  await registerAuditRoutes(app, c);
}
