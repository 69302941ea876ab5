/**
 * User management (admin only) and each user's own API tokens and password.
 * The bootstrap admin token has no user row, so /users/me/* needs a signed-in user or a user token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES, type Role } from '../principal.js';
import { ApiError } from '../errors.js';
import type { ConsoleServices } from './services.js';
import { identityCall, parseBody } from './validate.js';

const role = z.enum(ROLES as unknown as [Role, ...Role[]]);
const createUser = z.object({ name: z.string().min(1).max(64), role, password: z.string().min(1).max(1024) }).strict();
const changeUser = z.object({ role: role.optional(), disabled: z.boolean().optional() }).strict();
const resetPassword = z.object({ password: z.string().min(1).max(1024) }).strict();
const changeOwnPassword = z.object({ current_password: z.string().min(1).max(1024), password: z.string().min(1).max(1024) }).strict();
const createToken = z.object({ name: z.string().min(1).max(100), ttl_days: z.number().int().positive().max(3650).optional() }).strict();

function selfName(req: FastifyRequest): string {
  const p = req.principal!;
  if (p.via === 'admin_token') throw new ApiError(400, 'no_user', 'the bootstrap admin token has no user account; sign in as a user or use a user token');
  return p.user;
}

export async function registerUserRoutes(app: FastifyInstance, c: ConsoleServices): Promise<void> {
  const admin = { config: { minRole: 'admin' as const } };
  const anyone = { config: { minRole: 'read_only' as const } };

  app.get('/api/v1/users', admin, async () => ({ users: await c.identity.listUsers() }));

  app.post('/api/v1/users', admin, async (req, reply) => {
    const body = parseBody(createUser, req.body);
    req.auditTarget = { name: body.name, role: body.role };
    const user = await identityCall(() => c.identity.createUser(body.name, body.role, body.password));
    return reply.code(201).send({ user });
  });

  app.patch<{ Params: { name: string } }>('/api/v1/users/:name', admin, async (req) => {
    const body = parseBody(changeUser, req.body);
    req.auditTarget = { ...body };
    if (req.params.name === req.principal!.user && (body.disabled || (body.role && body.role !== 'admin'))) {
      // An admin demoting or disabling themselves could leave nobody to manage users.
      throw new ApiError(400, 'bad_request', 'you cannot disable or demote your own account; ask another admin');
    }
    return { user: await identityCall(() => c.identity.updateUser(req.params.name, body)) };
  });

  app.post<{ Params: { name: string } }>('/api/v1/users/:name/password', admin, async (req) => {
    const body = parseBody(resetPassword, req.body);
    await identityCall(() => c.identity.setPassword(req.params.name, body.password));
    return { reset: true };
  });

  app.post('/api/v1/users/me/password', anyone, async (req) => {
    const name = selfName(req);
    const body = parseBody(changeOwnPassword, req.body);
    if (!(await c.identity.checkPassword(name, body.current_password))) throw new ApiError(400, 'bad_credentials', 'the current password is wrong');
    await identityCall(() => c.identity.setPassword(name, body.password));
    return { changed: true, signed_out: true };
  });

  app.get('/api/v1/users/me/tokens', anyone, async (req) => ({ tokens: await c.identity.listTokens(selfName(req)) }));

  app.post('/api/v1/users/me/tokens', anyone, async (req, reply) => {
    const name = selfName(req);
    const body = parseBody(createToken, req.body);
    req.auditTarget = { name: body.name };
    const created = await identityCall(() => c.identity.createToken(name, body.name, body.ttl_days ? body.ttl_days * 86_400_000 : undefined));
    // The only time the secret is shown; only its digest is stored.
    return reply.code(201).send(created);
  });

  app.delete<{ Params: { id: string } }>('/api/v1/users/me/tokens/:id', anyone, async (req) => {
    if (!(await c.identity.revokeToken(selfName(req), req.params.id))) throw new ApiError(404, 'not_found', `no token ${req.params.id}`);
    return { revoked: true };
  });
}
