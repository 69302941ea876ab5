/**
 * Bearer-token authentication. Tokens are compared in constant time (over SHA-256 digests,
 * so neither the content nor the length of the expected token leaks through timing).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export class TokenAuthenticator {
  private readonly digests: Buffer[];

  constructor(tokens: string[]) {
    if (tokens.length === 0 || tokens.some((t) => t.length < 16)) throw new Error('API tokens must be at least 16 characters');
    this.digests = tokens.map(digest);
  }

  /** Checks an `Authorization` header value of the given scheme (`Bearer`, or `Splunk` for HEC). */
  verifyHeader(header: string | undefined, scheme = 'Bearer'): boolean {
    if (!header) return false;
    const prefix = `${scheme} `;
    if (header.length <= prefix.length || header.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return false;
    return this.verify(header.slice(prefix.length).trim());
  }

  verify(token: string): boolean {
    const d = digest(token);
    let ok = false;
    // Compare against every token, without early exit, so timing does not reveal which matched.
    for (const expected of this.digests) ok = timingSafeEqual(d, expected) || ok;
    return ok;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function generateToken(): string {
  return `vgl_${randomBytes(24).toString('base64url')}`;
}
