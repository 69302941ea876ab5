/**
 * Sign-in and sign-out. POST /api/v1/session {user, password} sets the session cookie
 * (HttpOnly, SameSite=Strict, Secure over HTTPS) and answers the CSRF token the console sends
 * back on every change. Failed attempts are counted and rate-limited per user and per address.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MetricsRegistry } from '../../core/metrics.js';
import { csrfTokenFor, SESSION_COOKIE } from '../../control/identity/index.js';
import { errorBody } from '../errors.js';
import { parseCookies } from '../auth.js';
import type { ConsoleServices } from './services.js';
import { parseBody } from './validate.js';

const signIn = z.object({ user: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();

function sessionCookie(req: FastifyRequest, value: string, maxAgeS: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure}`;
}

export async function registerSessionRoutes(app: FastifyInstance, c: ConsoleServices, metrics: MetricsRegistry): Promise<void> {
  const attempts = metrics.counter('vigil_sign_in_total', 'Sign-in attempts, by outcome (ok, failed, rate_limited)');

  app.post('/api/v1/session', { config: { public: true } }, async (req, reply: FastifyReply) => {
    const { user, password } = parseBody(signIn, req.body);
    req.auditTarget = { user };
    const ip = req.ip;
    const wait = c.signInLimiter.retryAfterMs(user, ip);
    if (wait > 0) {
      attempts.inc({ outcome: 'rate_limited' });
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      return reply.code(429).send(errorBody('too_many_attempts', 'too many failed sign-ins; wait before trying again', { retry_after_s: Math.ceil(wait / 1000) }));
    }
    const found = await c.identity.checkPassword(user, password);
    if (!found) {
      c.signInLimiter.recordFailure(user, ip);
      attempts.inc({ outcome: 'failed' });
      // One message for unknown user, wrong password and disabled account: no enumeration.
      return reply.code(401).send(errorBody('bad_credentials', 'wrong user name or password, or the account is disabled'));
    }
    c.signInLimiter.recordSuccess(user);
    attempts.inc({ outcome: 'ok' });
    // A session the browser still held is ended: signing in always yields a fresh session id.
    const previous = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (previous) await c.identity.endSession(previous);
    const session = await c.identity.startSession(found.name);
    reply.header('set-cookie', sessionCookie(req, session.secret, Math.floor(c.identity.policy.ttl_ms / 1000)));
    return {
      user: { name: found.name, role: found.role },
      csrf: csrfTokenFor(session.secret),
      expires_at: session.expires_at,
      idle_timeout_s: Math.floor(c.identity.policy.idle_ms / 1000),
    };
  });

  app.delete('/api/v1/session', { config: { minRole: 'read_only' } }, async (req, reply) => {
    const secret = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (secret) await c.identity.endSession(secret);
    reply.header('set-cookie', sessionCookie(req, '', 0));
    return { signed_out: true };
  });

  app.get('/api/v1/session/me', async (req) => {
    const p = req.principal!;
    const secret = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    return {
      user: { name: p.user, role: p.role },
      via: p.via,
      ...(p.via === 'session' && secret ? { csrf: csrfTokenFor(secret) } : {}),
    };
  });
}
