/** What the console's routes need besides the core server deps. */
import type { IdentityStore } from '../../control/identity/index.js';
import type { AuditLog } from '../../control/audit/index.js';
import type { SavedSearchStore } from './saved-search-store.js';
import type { SignInLimiter } from './sign-in-limiter.js';

export interface ConsoleServices {
  identity: IdentityStore;
  audit: AuditLog;
  savedSearches: SavedSearchStore;
  signInLimiter: SignInLimiter;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route needs no credentials (sign-in). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** Extra non-secret facts a route adds to its audit entry (the user named at sign-in, ...). */
    auditTarget?: Record<string, unknown>;
  }
}
