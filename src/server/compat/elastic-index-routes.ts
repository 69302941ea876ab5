/**
 * Index creation and aliases, in memory: what Logstash's ILM set-up does before sending
 * (`HEAD /_alias/logstash`, then `PUT /<logstash-{now/d}-000001>` with the alias as write index).
 * Vigil stores every index's documents alike, so this only has to make the set-up succeed and
 * be consistent (a created alias then exists).
 */
import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../app.js';
import { requestBytes } from './raw-body.js';
import { indexNameProblem } from './bulk-decode.js';
import { elasticError } from './elastic-shapes.js';

const MAX_INDICES = 10_000;

export function addElasticIndexRoutes(scope: FastifyInstance, deps: ServerDeps): void {
  /** index name → its aliases */
  const indices = new Map<string, string[]>();
  const aliasOwners = (alias: string) => [...indices].filter(([, aliases]) => aliases.includes(alias)).map(([index]) => index);

  scope.put('/:index', async (req, reply) => {
    const raw = (req.params as { index: string }).index;
    // Date math names (<logstash-{now/d}-000001>) resolve against the current UTC day.
    const index = raw.replace(/^<(.*)\{now\/d\}(.*)>$/, (_m, pre: string, post: string) => `${pre}${new Date().toISOString().slice(0, 10).replace(/-/g, '.')}${post}`);
    const bad = indexNameProblem(index);
    if (bad) return reply.code(400).send(elasticError(400, 'invalid_index_name_exception', `Invalid index name [${index}], ${bad}`, { index }));
    if (indices.has(index)) return reply.code(400).send(elasticError(400, 'resource_already_exists_exception', `index [${index}] already exists`, { index }));
    if (indices.size >= MAX_INDICES) return reply.code(429).send(elasticError(429, 'illegal_state_exception', `more than ${MAX_INDICES} indices created`));
    let aliases: string[] = [];
    const text = requestBytes(req, deps.config.http.max_record_bytes).toString('utf8');
    if (text.trim() !== '') {
      try {
        const body = JSON.parse(text) as { aliases?: Record<string, unknown> };
        aliases = body.aliases && typeof body.aliases === 'object' ? Object.keys(body.aliases) : [];
      } catch (err) {
        return reply.code(400).send(elasticError(400, 'x_content_parse_exception', `[1:1] ${err instanceof Error ? err.message : String(err)}`));
      }
    }
    indices.set(index, aliases);
    return { acknowledged: true, shards_acknowledged: true, index };
  });

  scope.head('/_alias/:name', async (req, reply) => reply.code(aliasOwners((req.params as { name: string }).name).length ? 200 : 404).send());
  scope.get('/_alias/:name', { exposeHeadRoute: false }, async (req, reply) => {
    const name = (req.params as { name: string }).name;
    const owners = aliasOwners(name);
    if (owners.length === 0) return reply.code(404).send({ error: `alias [${name}] missing`, status: 404 });
    return Object.fromEntries(owners.map((index) => [index, { aliases: { [name]: {} } }]));
  });
}
