/**
 * Request bodies as bytes for the ecosystem endpoints: every content type is read as a buffer
 * (the route decodes by protocol), gzip is inflated with the max_body_bytes cap so that a zip
 * bomb is a 413 and not an out-of-memory.
 */
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

export function acceptRawBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

export function requestBytes(req: FastifyRequest, maxBytes: number): Buffer {
  const body = req.body instanceof Buffer ? req.body : Buffer.alloc(0);
  const enc = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (enc === 'identity' || enc === '') return body;
  if (enc !== 'gzip' && enc !== 'x-gzip') throw new BodyError(415, `Content-Encoding ${enc} is not supported (use gzip or none)`);
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|Cannot create a Buffer larger/.test(e.message)) {
      throw new BodyError(413, `decompressed body exceeds max_body_bytes ${maxBytes}`);
    }
    throw new BodyError(400, `invalid gzip body: ${e.message}`);
  }
}
