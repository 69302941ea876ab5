/**
 * Credentials for the ecosystem endpoints, which sit outside /api/ and so authenticate
 * themselves. Each protocol carries the token its own way (`Splunk T`, Basic with the token as
 * password, `ApiKey`, `Bearer T`); all of them are checked by the server's Authenticator as a
 * bearer token, so the comparison is the constant-time one every /api/ route uses, and any
 * principal that may write (analyst or admin) may ingest.
 */
import type { ServerDeps } from '../app.js';
import { roleAllows, type Principal } from '../principal.js';

export type TokenCheck = { ok: true; principal: Principal } | { ok: false; reason: 'invalid' | 'forbidden' };

/** Longest token considered: longer values are refused before hashing. */
const MAX_TOKEN_CHARS = 4096;

export async function checkIngestToken(deps: ServerDeps, token: string): Promise<TokenCheck> {
  if (token.length === 0 || token.length > MAX_TOKEN_CHARS || /[\s\x00-\x1f]/.test(token)) return { ok: false, reason: 'invalid' };
  const principal = await deps.auth.authenticate({ authorization: `Bearer ${token}`, cookies: {} });
  if (!principal) return { ok: false, reason: 'invalid' };
  if (!roleAllows(principal.role, 'analyst')) return { ok: false, reason: 'forbidden' };
  return { ok: true, principal };
}

/** Splits `Scheme value` from an Authorization header; the scheme is compared case-insensitively. */
export function authorizationParts(header: string | undefined): { scheme: string; value: string } | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  if (space <= 0) return undefined;
  return { scheme: trimmed.slice(0, space).toLowerCase(), value: trimmed.slice(space + 1).trim() };
}

/**
 * The token an Elasticsearch client presents: Basic with the token as password (any user name),
 * `ApiKey base64(id:key)` with the token as key (or the token itself), or `Bearer token`.
 */
export function elasticToken(header: string | undefined): string | undefined {
  const parts = authorizationParts(header);
  if (!parts) return undefined;
  if (parts.scheme === 'bearer') return parts.value;
  if (parts.scheme === 'basic') {
    const decoded = decodeBase64(parts.value);
    const colon = decoded?.indexOf(':') ?? -1;
    return decoded !== undefined && colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  if (parts.scheme === 'apikey') {
    const decoded = decodeBase64(parts.value);
    // Elastic API keys are base64("id:api_key"); a client configured with the bare token sends it as is.
    if (decoded !== undefined && /^[\x21-\x7e]+:[\x21-\x7e]+$/.test(decoded)) return decoded.slice(decoded.indexOf(':') + 1);
    return parts.value;
  }
  return undefined;
}

function decodeBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('utf8');
}
