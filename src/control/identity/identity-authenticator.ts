/**
 * The Authenticator for people: a `vgu_` bearer token (a user's API token) or the session
 * cookie set at sign-in. Chained after the admin token (src/server/auth.ts ChainAuthenticator).
 * CSRF for cookie sessions is checked in the HTTP layer (src/server/console/csrf.ts), which
 * sees the method and headers.
 */
import type { Authenticator, Principal } from '../../server/principal.js';
import type { IdentityStore } from './identity-store.js';

export const SESSION_COOKIE = 'vigil_session';

export class IdentityAuthenticator implements Authenticator {
  constructor(private readonly identity: IdentityStore) {}

  async authenticate(req: { authorization?: string; cookies: Record<string, string | undefined> }): Promise<Principal | undefined> {
    const header = req.authorization;
    if (header && /^bearer /i.test(header)) {
      const user = await this.identity.resolveToken(header.slice(7).trim());
      return user ? { user: user.name, role: user.role, via: 'api_token' } : undefined;
    }
    const session = req.cookies[SESSION_COOKIE];
    if (session) {
      const user = await this.identity.resolveSession(session);
      if (user) return { user: user.name, role: user.role, via: 'session' };
    }
    return undefined;
  }
}
