/** Shared request parsing for the alerting routes: zod schemas, times, lists, error mapping. */
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { parseTime } from '../../../query/index.js';
import { RespondError, SuppressionInputError, type AlertService } from '../../../respond/index.js';
import type { ServerDeps } from '../../app.js';
import { ApiError } from '../../errors.js';

/** `a,b` or repeated parameters → a list of allowed values. */
export function listOf<T extends string>(values: readonly T[]) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values as [T, ...T[]])));
}

/** ISO-8601, epoch ms or relative (`-24h`), as in search. */
export const time = z.union([z.string(), z.number()]).transform((v, ctx): number => {
  if (typeof v === 'number') return v;
  try {
    return parseTime(v, Date.now());
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a time: ${JSON.stringify(v)} (ISO-8601, epoch ms, or relative like -24h)` });
    return z.NEVER;
  }
});

export const paging = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ApiError(400, 'bad_request', `${i.path.join('.') || 'request'}: ${i.message}`);
  }
  return r.data;
}

export function alertsOf(deps: ServerDeps): AlertService {
  if (!deps.alerts) throw new ApiError(503, 'alerting_disabled', 'alerting is not enabled on this server (alerting.enabled: false)');
  return deps.alerts;
}

/** Maps alerting's own errors to the API's error shape; anything else stays a 500. */
export async function mapErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RespondError) throw new ApiError(err.status, err.code, err.message);
    if (err instanceof SuppressionInputError) throw new ApiError(400, 'bad_suppression', err.message, err.details);
    throw err;
  }
}

export function user(req: FastifyRequest): string {
  return req.principal?.user ?? 'unknown';
}
