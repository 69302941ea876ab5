/**
 * Elasticsearch `_bulk` bodies (NDJSON action/metadata lines each followed by a source line,
 * except for `delete`) into items (pure). A malformed action line makes the pairing of the rest
 * unknowable, so it fails the whole request, as in Elasticsearch; everything about one document
 * (bad JSON, too deep, too large, unsupported action) fails only that item.
 */
import type { NormalizedRecord } from '../../core/event.js';
import { exceedsJsonDepth } from '../../codecs/json/depth.js';
import { normalizeGenericJson } from '../../codecs/json/generic.js';

export type BulkAction = 'index' | 'create' | 'update' | 'delete';

export interface BulkItemError {
  status: number;
  type: string;
  reason: string;
}

export interface BulkItem {
  action: BulkAction;
  index: string;
  /** The given `_id`, or undefined when Vigil generates one. */
  id?: string;
  /** 1-based line of the action line. */
  line: number;
  record?: NormalizedRecord;
  error?: BulkItemError;
  /** Source line text for the dead-letter store. */
  raw: string;
}

export interface BulkDecodeOptions {
  max_depth: number;
  max_record_bytes: number;
  /** From `/{index}/_bulk`. */
  defaultIndex?: string;
}

export class BulkRequestError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const ACTIONS: readonly string[] = ['index', 'create', 'update', 'delete'];

/** Elasticsearch's index name rules (lowercase, no special characters, not starting with - _ +). */
export function indexNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (Buffer.byteLength(name) > 255) return 'is too long (more than 255 bytes)';
  if (name !== name.toLowerCase()) return 'must be lowercase';
  if (/[\\/*?"<>| ,#:]/.test(name)) return 'must not contain \\, /, *, ?, ", <, >, |, space, comma, # or :';
  if (/^[-_+]/.test(name)) return 'must not start with -, _ or +';
  if (name === '.' || name === '..') return 'must not be . or ..';
  return undefined;
}

export function decodeBulk(text: string, opts: BulkDecodeOptions): BulkItem[] {
  const lines = text.split('\n');
  const items: BulkItem[] = [];
  let i = 0;
  while (i < lines.length) {
    const actionText = stripCr(lines[i]);
    const line = i + 1;
    i++;
    if (actionText.trim() === '') continue;
    const { action, meta } = parseAction(actionText, line);
    let sourceText: string | undefined;
    if (action !== 'delete') {
      if (i >= lines.length || stripCr(lines[i]).trim() === '') {
        throw new BulkRequestError('illegal_argument_exception', `The bulk request must be terminated by a newline [\\n]; action on line [${line}] has no source line`);
      }
      sourceText = stripCr(lines[i]);
      i++;
    }
    const index = typeof meta._index === 'string' ? meta._index : opts.defaultIndex ?? '';
    const item: BulkItem = { action, index, line, raw: sourceText ?? actionText };
    if (typeof meta._id === 'string' && meta._id !== '') item.id = meta._id;
    else if (meta._id !== undefined && meta._id !== null) item.error = { status: 400, type: 'illegal_argument_exception', reason: `[_id] on line [${line}] must be a string` };
    item.error ??= itemProblem(item, sourceText, opts);
    items.push(item);
  }
  return items;
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function parseAction(text: string, line: number): { action: BulkAction; meta: Record<string, unknown> } {
  let parsed: unknown;
  try {
    if (text.length > 64 * 1024 || exceedsJsonDepth(text, 4)) throw new Error('action line too large or too deep');
    parsed = JSON.parse(text);
  } catch (err) {
    throw new BulkRequestError('x_content_parse_exception', `Malformed action/metadata line [${line}]: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BulkRequestError('illegal_argument_exception', `Malformed action/metadata line [${line}], expected START_OBJECT`);
  }
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || !ACTIONS.includes(keys[0])) {
    throw new BulkRequestError('illegal_argument_exception', `Malformed action/metadata line [${line}], expected field [create], [delete], [index] or [update] but found [${keys.join(', ')}]`);
  }
  const meta = (parsed as Record<string, unknown>)[keys[0]];
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new BulkRequestError('illegal_argument_exception', `Malformed action/metadata line [${line}], expected START_OBJECT for [${keys[0]}]`);
  }
  return { action: keys[0] as BulkAction, meta: meta as Record<string, unknown> };
}

function itemProblem(item: BulkItem, source: string | undefined, opts: BulkDecodeOptions): BulkItemError | undefined {
  if (item.action === 'update' || item.action === 'delete') {
    return { status: 400, type: 'illegal_argument_exception', reason: `[${item.action}] is not supported: Vigil stores events append-only; use [index] or [create]` };
  }
  if (item.index === '') return { status: 400, type: 'action_request_validation_exception', reason: 'Validation Failed: 1: index is missing;' };
  const bad = indexNameProblem(item.index);
  if (bad) return { status: 400, type: 'invalid_index_name_exception', reason: `Invalid index name [${item.index}], ${bad}` };
  const text = source ?? '';
  const docLine = item.line + 1;
  if (text.length > opts.max_record_bytes) {
    return { status: 400, type: 'document_parsing_exception', reason: `[${docLine}:1] document of ${text.length} bytes exceeds max_record_bytes ${opts.max_record_bytes}` };
  }
  if (exceedsJsonDepth(text, opts.max_depth)) {
    return { status: 400, type: 'document_parsing_exception', reason: `[${docLine}:1] document nested deeper than max_depth ${opts.max_depth}` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { status: 400, type: 'document_parsing_exception', reason: `[${docLine}] failed to parse: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { status: 400, type: 'document_parsing_exception', reason: `[${docLine}:1] failed to parse: the document must be a JSON object` };
  }
  item.record = normalizeGenericJson(doc as Record<string, unknown>);
  item.record.raw = text;
  return undefined;
}
