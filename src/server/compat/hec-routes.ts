/**
 * Splunk HTTP Event Collector compatible endpoints: /services/collector[/event[/1.0]],
 * /services/collector/raw[/1.0], /services/collector/ack and /services/collector/health.
 * Auth is `Authorization: Splunk TOKEN` (or Basic with the token as password); query-string
 * tokens are refused with code 16, as Splunk does unless enabled. Responses carry HEC codes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerDeps } from '../app.js';
import { acceptRawBodies, BodyError, requestBytes } from './raw-body.js';
import { authorizationParts, checkIngestToken, elasticToken } from './credentials.js';
import { HEC, hecBody, type HecStatus } from './hec-status.js';
import { decodeHecEvents, decodeHecRaw, type HecDecoded } from './hec-decode.js';
import { HecAckRegistry } from './hec-ack.js';

const SOURCE = 'hec';
const CHANNEL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_PATHS = ['/services/collector', '/services/collector/event', '/services/collector/event/1.0'];
const RAW_PATHS = ['/services/collector/raw', '/services/collector/raw/1.0'];
const HEALTH_PATHS = ['/services/collector/health', '/services/collector/health/1.0'];
const MAX_ACK_QUERY = 10_000;

type Query = Record<string, string | undefined>;

function send(reply: FastifyReply, status: HecStatus, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status.http).send(hecBody(status, extra));
}

export async function registerHecRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const acks = new HecAckRegistry();
  const hecConfig = deps.config.hec;

  /** Undefined when the caller may ingest; otherwise the HEC status to answer with. */
  async function denied(req: FastifyRequest): Promise<HecStatus | undefined> {
    if ((req.query as Query).token !== undefined) return HEC.queryStringAuthDisabled;
    const header = req.headers.authorization;
    if (!header) return HEC.tokenRequired;
    const parts = authorizationParts(header);
    const token = parts?.scheme === 'splunk' ? parts.value : parts?.scheme === 'basic' ? elasticToken(header) : undefined;
    if (token === undefined) return HEC.invalidAuthorization;
    const check = await checkIngestToken(deps, token);
    return check.ok ? undefined : HEC.invalidToken;
  }

  function channelOf(req: FastifyRequest): string | undefined {
    const h = req.headers['x-splunk-request-channel'];
    return (Array.isArray(h) ? h[0] : h) ?? (req.query as Query).channel;
  }

  async function ingest(req: FastifyRequest, reply: FastifyReply, decode: (text: string, q: Query) => HecDecoded): Promise<FastifyReply> {
    const refused = await denied(req);
    if (refused) return send(reply, refused);
    const channel = channelOf(req);
    if (channel !== undefined && !CHANNEL.test(channel)) return send(reply, HEC.invalidChannel);
    if (hecConfig.ack && channel === undefined) return send(reply, HEC.channelMissing);

    let text: string;
    try {
      text = requestBytes(req, deps.config.http.max_body_bytes).toString('utf8');
    } catch (err) {
      if (err instanceof BodyError) return reply.code(err.status).send(hecBody(HEC.invalidDataFormat, { detail: err.message }));
      throw err;
    }
    if (text.trim() === '') return send(reply, HEC.noData);
    const decoded = decode(text, req.query as Query);
    if (decoded.records.length === 0 && decoded.rejected.length === 0 && decoded.problem) {
      return send(reply, decoded.problem.status, { 'invalid-event-number': decoded.problem.event });
    }
    const ackId = hecConfig.ack && channel !== undefined ? acks.reserve(channel) : undefined;
    try {
      await deps.pipeline.accept({ source: SOURCE, format: 'splunk-hec', records: decoded.records, rejected: decoded.rejected });
    } catch {
      return send(reply, HEC.serverBusy);
    }
    if (ackId !== undefined && channel !== undefined) acks.complete(channel, ackId);
    // Unlike Splunk, the good events of a batch with a bad one are stored; the answer still
    // names the first bad event so that the sender's error handling sees it.
    if (decoded.problem) return send(reply, decoded.problem.status, { 'invalid-event-number': decoded.problem.event, ...(ackId !== undefined ? { ackId } : {}) });
    return send(reply, HEC.success, ackId !== undefined ? { ackId } : {});
  }

  const decodeOptions = () => ({ max_depth: deps.config.http.max_json_depth, max_record_bytes: deps.config.http.max_record_bytes, indexes: hecConfig.indexes });

  await app.register(async (scope) => {
    acceptRawBodies(scope);
    scope.setErrorHandler((err: Error & { code?: string }, req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(hecBody(HEC.invalidDataFormat, { detail: `request body exceeds max_body_bytes ${deps.config.http.max_body_bytes}` }));
      req.log.error({ err: err.message }, 'HEC request failed');
      return send(reply, HEC.internalError);
    });

    for (const path of EVENT_PATHS) {
      scope.post(path, (req, reply) => ingest(req, reply, (text, q) => decodeHecEvents(text, decodeOptions(), { index: q.index })));
    }
    for (const path of RAW_PATHS) {
      scope.post(path, (req, reply) =>
        ingest(req, reply, (text, q) => decodeHecRaw(text, decodeOptions(), { host: q.host, source: q.source, sourcetype: q.sourcetype, index: q.index })),
      );
    }

    scope.post('/services/collector/ack', async (req, reply) => {
      const refused = await denied(req);
      if (refused) return send(reply, refused);
      if (!hecConfig.ack) return send(reply, HEC.ackDisabled);
      const channel = channelOf(req);
      if (channel === undefined) return send(reply, HEC.channelMissing);
      if (!CHANNEL.test(channel)) return send(reply, HEC.invalidChannel);
      let ids: number[];
      try {
        const body = JSON.parse(requestBytes(req, deps.config.http.max_body_bytes).toString('utf8')) as { acks?: unknown };
        if (!Array.isArray(body.acks) || body.acks.length > MAX_ACK_QUERY || !body.acks.every((x) => Number.isInteger(x) && x >= 0)) throw new Error('acks');
        ids = body.acks as number[];
      } catch {
        return send(reply, HEC.invalidDataFormat);
      }
      return reply.send({ acks: acks.query(channel, ids) });
    });

    for (const path of HEALTH_PATHS) {
      // Splunk answers health without a token: load balancers probe it.
      scope.get(path, async (_req, reply) => {
        const full = deps.isShuttingDown() || deps.pipeline.pending >= deps.config.pipeline.max_pending_events;
        return send(reply, full ? HEC.unhealthyQueuesFull : HEC.healthy);
      });
    }
  });
}
