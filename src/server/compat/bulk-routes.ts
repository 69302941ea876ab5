/**
 * POST|PUT /_bulk and /{index}/_bulk: `index` and `create` items become events; each item's
 * result is what Elasticsearch answers (201 created with `_id`, `_seq_no`, …, or an `error`
 * with `type`/`reason` and status 400), in request order, so client helpers can pair them with
 * their documents. Bad items are dead-lettered with their line number.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerDeps } from '../app.js';
import type { NormalizedRecord, RejectedRecord } from '../../core/event.js';
import { ShuttingDownError } from '../../pipeline/pipeline.js';
import { BodyError, requestBytes } from './raw-body.js';
import { BulkRequestError, decodeBulk, type BulkItem } from './bulk-decode.js';
import { elasticError } from './elastic-shapes.js';

const SOURCE = 'elastic-bulk';

/** Elasticsearch-style auto ids: 20 URL-safe base64 characters. */
function generateId(): string {
  return randomBytes(15).toString('base64url');
}

export function addBulkRoutes(scope: FastifyInstance, deps: ServerDeps): void {
  // Sequence numbers per index name, as a single-shard index would hand them out.
  const seqNo = new Map<string, number>();
  const MAX_TRACKED_INDICES = 10_000;
  const nextSeqNo = (index: string): number => {
    const n = seqNo.get(index) ?? 0;
    if (!seqNo.has(index) && seqNo.size >= MAX_TRACKED_INDICES) seqNo.clear();
    seqNo.set(index, n + 1);
    return n;
  };

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const started = Date.now();
    const defaultIndex = (req.params as { index?: string }).index;
    let items: BulkItem[];
    try {
      const text = requestBytes(req, deps.config.http.max_body_bytes).toString('utf8');
      items = decodeBulk(text, { max_depth: deps.config.http.max_json_depth, max_record_bytes: deps.config.http.max_record_bytes, defaultIndex });
    } catch (err) {
      if (err instanceof BodyError) return reply.code(err.status).send(elasticError(err.status, 'parse_exception', err.message));
      if (err instanceof BulkRequestError) return reply.code(400).send(elasticError(400, err.type, err.message));
      throw err;
    }
    if (items.length === 0) {
      return reply.code(400).send(elasticError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;'));
    }

    const records: NormalizedRecord[] = [];
    const rejected: RejectedRecord[] = [];
    const ids: string[] = items.map((item) => {
      const id = item.id ?? generateId();
      if (item.record) {
        item.record.fields['elastic.index'] = item.index;
        item.record.fields['elastic.id'] = id;
        records.push(item.record);
      } else if (item.error) {
        rejected.push({ position: { line: item.line }, reason: `${item.error.type}: ${item.error.reason}`, raw: item.raw.slice(0, 64 * 1024) });
      }
      return id;
    });
    try {
      await deps.pipeline.accept({ source: SOURCE, format: 'elastic-bulk', records, rejected });
    } catch (err) {
      // 503 on the whole request: Beats, Logstash and Vector retry the batch.
      const reason = err instanceof ShuttingDownError ? err.message : 'events could not be stored; nothing from this request was acknowledged, retry';
      return reply.code(503).send(elasticError(503, 'unavailable_shards_exception', reason));
    }
    let errors = false;
    const out = items.map((item, i) => {
      const common = { _index: item.index, _id: ids[i] };
      if (item.error) {
        errors = true;
        return { [item.action]: { ...common, status: item.error.status, error: { type: item.error.type, reason: item.error.reason } } };
      }
      return {
        [item.action]: {
          ...common,
          _version: 1,
          result: 'created',
          _shards: { total: 1, successful: 1, failed: 0 },
          _seq_no: nextSeqNo(item.index),
          _primary_term: 1,
          status: 201,
        },
      };
    });
    return reply.send({ took: Date.now() - started, errors, items: out });
  };

  for (const path of ['/_bulk', '/:index/_bulk']) {
    scope.post(path, handler);
    scope.put(path, handler);
  }
}
