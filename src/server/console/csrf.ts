/**
 * CSRF defence for cookie sessions. The cookie is SameSite=Strict already; on top of that every
 * state-changing request made with the cookie must carry `X-Vigil-CSRF`, a value derived from the
 * session secret that the console learns from /api/v1/session responses. A cross-site form or
 * image cannot set the header, and a cross-origin script cannot read the value.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { csrfTokenFor, SESSION_COOKIE } from '../../control/identity/index.js';

export const CSRF_HEADER = 'x-vigil-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An error message when a session request lacks a valid CSRF header, otherwise undefined. */
export function csrfProblem(req: FastifyRequest, cookies: Record<string, string | undefined>): string | undefined {
  if (req.principal?.via !== 'session' || SAFE_METHODS.has(req.method)) return undefined;
  const session = cookies[SESSION_COOKIE];
  const sent = req.headers[CSRF_HEADER];
  if (!session || typeof sent !== 'string') return `missing ${CSRF_HEADER} header`;
  const expected = Buffer.from(csrfTokenFor(session));
  const got = Buffer.from(sent);
  return got.length === expected.length && timingSafeEqual(got, expected) ? undefined : `invalid ${CSRF_HEADER} header`;
}
