/**
 * Rule management and retro-hunts:
 *   GET    /api/v1/rules                 every rule with hits, evaluations, last hit, logsource last seen
 *   GET    /api/v1/rules/:id             one rule and its YAML
 *   PATCH  /api/v1/rules/:id             {enabled}: switch a rule on or off at once
 *   PUT    /api/v1/rules/:id, POST /api/v1/rules   {yaml}: add or replace a rule without a restart
 *   DELETE /api/v1/rules/:id             remove an uploaded rule
 *   POST   /api/v1/rules/test            {yaml | id, event}: does the rule match this event, and why
 *   POST   /api/v1/hunts                 {yaml | id | nothing, from, to, limit}: run over stored events
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerDeps } from '../app.js';
import { ApiError } from '../errors.js';
import { BadInputError } from '../../core/errors.js';
import { NotFoundError, type DetectionService } from '../../detect/live/index.js';
import { parseTime } from '../../query/time.js';
import { SearchInputError } from '../../search/search-service.js';

const MAX_RULE_BYTES = 256 * 1024;
const yamlBody = z.object({ yaml: z.string().min(1).max(MAX_RULE_BYTES) }).strict();
const enabledBody = z.object({ enabled: z.boolean() }).strict();
const testBody = z.object({ yaml: z.string().max(MAX_RULE_BYTES).optional(), id: z.string().optional(), event: z.record(z.string(), z.unknown()) }).strict();
const huntBody = z
  .object({
    yaml: z.string().max(MAX_RULE_BYTES).optional(),
    rule_id: z.string().optional(),
    from: z.union([z.string(), z.number()]).optional(),
    to: z.union([z.string(), z.number()]).optional(),
    limit: z.number().int().positive().max(10_000).default(100),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new ApiError(400, 'bad_request', `${i.path.join('.') || 'body'}: ${i.message}`);
}

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BadInputError) throw new ApiError(400, 'bad_rule', err.message);
    if (err instanceof NotFoundError) throw new ApiError(404, 'not_found', err.message);
    if (err instanceof SearchInputError) throw new ApiError(400, err.code, err.message, err.details);
    throw err;
  }
}

function time(v: string | number | undefined, field: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  try {
    return parseTime(v, Date.now());
  } catch (err) {
    throw new ApiError(400, 'bad_time', `${field}: ${(err as Error).message}`);
  }
}

export async function registerRuleRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const detection = (): DetectionService => {
    if (!deps.detection) throw new ApiError(409, 'detection_disabled', 'detection is disabled in the configuration (detection.enabled: false)');
    return deps.detection;
  };
  const by = (req: { principal?: { user: string } }): string => req.principal?.user ?? 'unknown';

  app.get('/api/v1/rules', async () => {
    const d = detection();
    const c = d.compileResult;
    return { rules: d.listRules(), rejected: c.rejected.map((r) => ({ path: `${r.file}:${r.line}:${r.col}`, error: r.error })) };
  });
  app.get('/api/v1/rules/:id', async (req) => {
    const { id } = req.params as { id: string };
    const found = await detection().getRule(id);
    if (!found) throw new ApiError(404, 'not_found', `no rule ${id}`);
    return found;
  });
  app.patch('/api/v1/rules/:id', async (req) => {
    const { id } = req.params as { id: string };
    const { enabled } = parse(enabledBody, req.body);
    return { rule: await answer(() => detection().setEnabled(id, enabled, by(req))) };
  });
  app.put('/api/v1/rules/:id', async (req) => {
    const { id } = req.params as { id: string };
    const { yaml } = parse(yamlBody, req.body);
    return { rule: await answer(() => detection().putRule(yaml, by(req), id)) };
  });
  app.post('/api/v1/rules', async (req, reply) => {
    const { yaml } = parse(yamlBody, req.body);
    const rule = await answer(() => detection().putRule(yaml, by(req)));
    return reply.code(201).send({ rule });
  });
  app.delete('/api/v1/rules/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    await answer(() => detection().deleteRule(id));
    return reply.code(204).send();
  });
  app.post('/api/v1/rules/test', async (req) => {
    const body = parse(testBody, req.body);
    return answer(() => detection().testRule(body));
  });
  app.post('/api/v1/hunts', async (req) => {
    const body = parse(huntBody, req.body);
    const from = time(body.from, 'from');
    const to = time(body.to, 'to');
    return answer(() =>
      detection().hunt(deps.store, {
        ...(body.yaml !== undefined ? { yaml: body.yaml } : {}),
        ...(body.rule_id !== undefined ? { id: body.rule_id } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        limit: body.limit,
      }),
    );
  });
}
