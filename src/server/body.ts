/** Request bodies for ingest: gzip inflated with an output cap, so a zip bomb is a 413, not an OOM. */
import { gunzipSync } from 'node:zlib';
import { ApiError } from './errors.js';

export function decodeBody(body: Buffer, contentEncoding: string | undefined, maxBytes: number): string {
  const enc = (contentEncoding ?? 'identity').trim().toLowerCase();
  let bytes = body;
  if (enc === 'gzip' || enc === 'x-gzip') {
    try {
      bytes = gunzipSync(body, { maxOutputLength: maxBytes });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|Cannot create a Buffer larger/.test(e.message)) {
        throw new ApiError(413, 'body_too_large', `decompressed body exceeds max_body_bytes ${maxBytes}`);
      }
      throw new ApiError(400, 'bad_encoding', `invalid gzip body: ${e.message}`);
    }
  } else if (enc !== 'identity') {
    throw new ApiError(415, 'unsupported_encoding', `Content-Encoding ${enc} is not supported (use gzip or none)`);
  }
  return bytes.toString('utf8');
}
