/**
 * Who is calling, and what they may do. Roles are ordered: a read-only user may read, an
 * analyst may also change alerts, incidents, rules and searches, an admin may also manage users
 * and configuration. Every route declares the least role it needs in its route config
 * (`config: { minRole: 'admin' }`); without one, reading (GET/HEAD) needs `read_only` and
 * anything else `analyst`, so a new route is never writable by a read-only user by accident.
 */
export type Role = 'read_only' | 'analyst' | 'admin';

export const ROLES: readonly Role[] = ['read_only', 'analyst', 'admin'];

export interface Principal {
  /** User name, or `admin` for the bootstrap admin token. */
  user: string;
  role: Role;
  /** How the caller proved who they are. */
  via: 'admin_token' | 'api_token' | 'session';
}

export function roleAllows(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export function defaultMinRole(method: string): Role {
  return method === 'GET' || method === 'HEAD' ? 'read_only' : 'analyst';
}

/** Resolves a request's credentials to a principal; the admin token is one implementation. */
export interface Authenticator {
  /** `authorization` header and cookies of the request; undefined when nothing valid was presented. */
  authenticate(req: { authorization?: string; cookies: Record<string, string | undefined> }): Promise<Principal | undefined>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    minRole?: Role;
  }
}
