/**
 * What shippers ask an Elasticsearch cluster before they send: `GET /` and `HEAD /` (version,
 * Vector's `api_version: auto`, Beats' and Logstash's version checks), `_cluster/health`
 * (Vector's health check), `_license` and `_xpack` (Beats and Logstash decide on ILM), index
 * and component templates, legacy templates, ILM policies, ingest pipelines and data streams
 * (Beats `setup.template`/`setup.ilm`, Logstash `manage_template`), `_nodes` and `_cat`.
 * Templates and the like are kept in memory so that "exists? no → PUT → exists? yes" works;
 * they have no effect on storage, which is Vigil's own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerDeps } from '../app.js';
import { requestBytes } from './raw-body.js';
import { basicLicense, clusterHealth, clusterInfo, ELASTIC_VERSION, elasticError, xpackInfo } from './elastic-shapes.js';

const CLUSTER = 'vigil';
const MAX_RESOURCES = 1000;

interface ResourceKind {
  path: string;
  /** GET body for the named resources that exist. */
  render: (found: Array<[string, unknown]>) => unknown;
  /** GET body when the name is unknown (Elasticsearch differs per API). */
  missing: (name: string) => unknown;
}

const notFound = (reason: string) => elasticError(404, 'resource_not_found_exception', reason);

const KINDS: ResourceKind[] = [
  {
    path: '/_index_template/:name',
    render: (f) => ({ index_templates: f.map(([name, body]) => ({ name, index_template: body })) }),
    missing: (n) => notFound(`index template matching [${n}] not found`),
  },
  {
    path: '/_component_template/:name',
    render: (f) => ({ component_templates: f.map(([name, body]) => ({ name, component_template: body })) }),
    missing: (n) => notFound(`component template matching [${n}] not found`),
  },
  { path: '/_template/:name', render: (f) => Object.fromEntries(f), missing: () => ({}) },
  {
    path: '/_ilm/policy/:name',
    render: (f) => Object.fromEntries(f.map(([name, body]) => [name, { version: 1, modified_date: '2024-01-01T00:00:00.000Z', policy: (body as { policy?: unknown }).policy ?? body }])),
    missing: (n) => notFound(`Lifecycle policy not found: ${n}`),
  },
  { path: '/_ingest/pipeline/:name', render: (f) => Object.fromEntries(f), missing: () => ({}) },
  {
    path: '/_data_stream/:name',
    render: (f) => ({ data_streams: f.map(([name]) => ({ name, timestamp_field: { name: '@timestamp' }, indices: [], generation: 1, status: 'GREEN', template: '' })) }),
    missing: (n) => elasticError(404, 'index_not_found_exception', `no such index [${n}]`),
  },
];

export function addElasticProbeRoutes(scope: FastifyInstance, deps: ServerDeps): void {
  // HEAD / is fastify's automatic HEAD of this GET: same status and headers, no body.
  scope.get('/', async () => clusterInfo(CLUSTER));
  scope.get('/_cluster/health', async (_req, reply) => {
    const down = deps.isShuttingDown();
    return reply.code(down ? 503 : 200).send(clusterHealth(CLUSTER, down ? 'red' : 'green'));
  });
  scope.get('/_license', async () => basicLicense());
  scope.get('/_xpack', async () => xpackInfo());
  scope.get('/_nodes', async () => nodes());
  scope.get('/_nodes/*', async () => nodes());
  scope.get('/_cat/*', async (req, reply) => {
    const json = (req.query as Record<string, string | undefined>).format === 'json';
    return json ? reply.send([]) : reply.type('text/plain').send('');
  });

  for (const kind of KINDS) addResourceRoutes(scope, deps, kind);
}

function nodes(): unknown {
  return {
    _nodes: { total: 1, successful: 1, failed: 0 },
    cluster_name: CLUSTER,
    nodes: { vigil: { name: 'vigil', version: ELASTIC_VERSION, roles: ['master', 'data', 'ingest'] } },
  };
}

function addResourceRoutes(scope: FastifyInstance, deps: ServerDeps, kind: ResourceKind): void {
  const stored = new Map<string, unknown>();
  const name = (req: FastifyRequest) => (req.params as { name: string }).name;
  const matching = (pattern: string) => {
    // Comma lists and `*` wildcards, as the GET APIs accept.
    const res = pattern.split(',').map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));
    return [...stored].filter(([n]) => res.some((re) => re.test(n)));
  };

  const put = async (req: FastifyRequest, reply: FastifyReply) => {
    let body: unknown = {};
    const text = requestBytes(req, deps.config.http.max_record_bytes).toString('utf8');
    if (text.length > deps.config.http.max_record_bytes) return reply.code(413).send(elasticError(413, 'content_too_long_exception', 'definition too large'));
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch (err) {
        return reply.code(400).send(elasticError(400, 'x_content_parse_exception', `[1:1] ${err instanceof Error ? err.message : String(err)}`));
      }
    }
    if (!stored.has(name(req)) && stored.size >= MAX_RESOURCES) return reply.code(429).send(elasticError(429, 'illegal_state_exception', `more than ${MAX_RESOURCES} definitions`));
    stored.set(name(req), body);
    return { acknowledged: true };
  };
  scope.put(kind.path, put);
  scope.post(kind.path, put);
  // Existence checks differ from GET (no body, 404 on unknown names), so HEAD is its own route.
  scope.get(kind.path, { exposeHeadRoute: false }, async (req, reply) => {
    const found = matching(name(req));
    return found.length ? reply.send(kind.render(found)) : reply.code(404).send(kind.missing(name(req)));
  });
  scope.head(kind.path, async (req, reply) => reply.code(matching(name(req)).length ? 200 : 404).send());
  scope.delete(kind.path, async (req, reply) => {
    if (!stored.delete(name(req))) return reply.code(404).send(kind.missing(name(req)));
    return { acknowledged: true };
  });
}
