/**
 * Bearer-token authentication. Tokens are compared in constant time (over SHA-256 digests,
 * so neither the content nor the length of the expected token leaks through timing).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Authenticator, Principal } from './principal.js';

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

/** The bootstrap admin token (`VIGIL_ADMIN_TOKEN` or the generated one) as an Authenticator. */
export class AdminTokenAuthenticator implements Authenticator {
  private readonly tokens: TokenAuthenticator;

  constructor(adminToken: string) {
    this.tokens = new TokenAuthenticator([adminToken]);
  }

  /** Also used by the compatible endpoints, whose clients send `Splunk TOKEN` or a bare token. */
  verify(token: string): boolean {
    return this.tokens.verify(token);
  }

  async authenticate(req: { authorization?: string }): Promise<Principal | undefined> {
    return this.tokens.verifyHeader(req.authorization) ? { user: 'admin', role: 'admin', via: 'admin_token' } : undefined;
  }
}

/** Tries each authenticator in turn (admin token, then user tokens and sessions). */
export class ChainAuthenticator implements Authenticator {
  constructor(private readonly chain: Authenticator[]) {}

  async authenticate(req: { authorization?: string; cookies: Record<string, string | undefined> }): Promise<Principal | undefined> {
    for (const a of this.chain) {
      const p = await a.authenticate(req);
      if (p) return p;
    }
    return undefined;
  }
}

/** Parses a `Cookie` header; malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      // A cookie that is not valid percent-encoding is not ours.
    }
  }
  return out;
}
