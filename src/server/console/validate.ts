/** Request body validation with the API's 400 shape, naming the offending field. */
import type { z } from 'zod';
import { ApiError } from '../errors.js';
import { IdentityError } from '../../control/identity/index.js';

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiError(400, 'bad_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/** Turns identity errors into API errors with fitting statuses. */
export async function identityCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof IdentityError) throw new ApiError(err.code === 'not_found' ? 404 : err.code === 'conflict' ? 409 : 400, err.code, err.message);
    throw err;
  }
}
