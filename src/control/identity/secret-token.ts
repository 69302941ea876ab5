/**
 * High-entropy secrets (session ids, API tokens) and their stored form. Only the SHA-256 of a
 * secret is kept: a 192-bit random secret needs no slow hash, and a database leak does not
 * hand out working sessions or tokens. Lookups go by the digest.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The CSRF token of a session: derived from its secret, so nothing more needs storing. */
export function csrfTokenFor(sessionSecret: string): string {
  return createHash('sha256').update(`vigil-csrf:${sessionSecret}`, 'utf8').digest('base64url');
}

/** Session cookies and user API tokens are recognisable by prefix (and by secret scanners). */
export const SESSION_PREFIX = 'vgs_';
export const USER_TOKEN_PREFIX = 'vgu_';
