/**
 * AWS VPC Flow Logs as a TextFormat (`--format vpcflow`):
 *  - text, space-separated: the default format (version 2, 14 fields, what CloudWatch Logs
 *    delivers without a header), and custom formats of versions 2-5 and later, whose field list
 *    comes from the header line S3 delivery writes (`version account-id interface-id srcaddr ...`,
 *    also `${field}` as written in the flow log's LogFormat);
 *  - JSON (Firehose and SIEM exports): one record per line, an array or a `records` wrapper.
 * The decoder decides on its first non-blank line; a line whose field count does not match the
 * header is rejected alone with its line number.
 */
import type { DecodeResult, DecoderOptions, StreamDecoder, TextFormat } from '../../format.js';
import { firstLineHas } from '../shared/format-factory.js';
import { CloudRecordError, createJsonRecordDecoder } from '../shared/json-records.js';
import { mapVpcFlowRecord } from './vpcflow-map.js';

export const DEFAULT_VPCFLOW_FIELDS = ['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status'] as const;

/** S3 object names of flow log deliveries. */
export const VPCFLOW_FILE_NAME = /_vpcflowlogs_[a-z0-9-]+_fl-[0-9a-f]+_\d{8}T\d{4}Z_\w+\.log(\.gz)?$/i;

const HEADER_TOKEN = /^(?:\$\{)?([a-z][a-z0-9-]*)\}?$/;
const DATA_LINE = /^\d+ (?:\d{12}|unknown|-) (?:eni-[0-9a-f]+|-) /;

/** Field names when `line` is a header line, else undefined. */
function headerFields(line: string): string[] | undefined {
  const tokens = line.trim().split(/\s+/);
  const names = tokens.map((t) => HEADER_TOKEN.exec(t)?.[1]);
  if (names.some((n) => n === undefined)) return undefined;
  // Data lines never consist of names only, but a word-only line is not a header unless it names flow fields.
  return names.some((n) => n === 'srcaddr' || n === 'dstaddr' || n === 'log-status' || n === 'interface-id') ? (names as string[]) : undefined;
}

function createTextDecoder(opts: DecoderOptions): StreamDecoder {
  let fields: readonly string[] | undefined;
  const ctx = opts.now ? { now: opts.now } : {};
  return {
    push(text, firstLine) {
      const out: DecodeResult = { records: [], rejected: [] };
      text.split('\n').forEach((raw, i) => {
        const line = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).trim();
        if (line === '') return;
        const lineNo = firstLine + i;
        if (line.length > opts.max_record_bytes) {
          out.rejected.push({ position: { line: lineNo }, reason: `line longer than max_record_bytes ${opts.max_record_bytes}`, raw: line.slice(0, 1024) });
          return;
        }
        const header = headerFields(line);
        if (header) {
          fields = header;
          return;
        }
        const values = line.split(/\s+/);
        const names = fields ?? DEFAULT_VPCFLOW_FIELDS;
        if (values.length !== names.length) {
          const reason = fields
            ? `${values.length} fields where the header names ${names.length}`
            : `${values.length} fields without a header line; the default format (version 2) has ${names.length}`;
          out.rejected.push({ position: { line: lineNo }, reason, raw: line });
          return;
        }
        const rec: Record<string, unknown> = {};
        names.forEach((n, k) => (rec[n] = values[k]));
        try {
          out.records.push(mapVpcFlowRecord(rec, ctx));
        } catch (err) {
          out.rejected.push({ position: { line: lineNo }, reason: err instanceof CloudRecordError ? err.message : String(err), raw: line });
        }
      });
      return out;
    },
    end: () => ({ records: [], rejected: [] }),
  };
}

/** Text or JSON, decided on the first non-blank line. */
function createVpcFlowDecoder(opts: DecoderOptions): StreamDecoder {
  let inner: StreamDecoder | undefined;
  return {
    push(text, firstLine) {
      if (!inner) {
        const first = /\S/.exec(text);
        if (!first) return { records: [], rejected: [] };
        inner = first[0] === '{' || first[0] === '[' ? createJsonRecordDecoder(opts, { wrapperKeys: ['records', 'Records'], map: mapVpcFlowRecord }) : createTextDecoder(opts);
      }
      return inner.push(text, firstLine);
    },
    end: () => inner?.end() ?? { records: [], rejected: [] },
  };
}

export const vpcflowFormat: TextFormat = {
  name: 'vpcflow',
  description: 'AWS VPC Flow Logs: default and custom text formats (versions 2-5+, header line), or JSON records',
  extensions: [],
  sniff: (head) => {
    const first = head.slice(0, Math.max(0, head.indexOf('\n')) || head.length);
    return headerFields(first) !== undefined || DATA_LINE.test(first) || firstLineHas(head, /"(srcaddr|srcAddr|src_addr)"/, /"(dstaddr|dstAddr|dst_addr)"/, /"(log-status|logStatus|log_status|interface-id|interfaceId|interface_id)"/);
  },
  createDecoder: createVpcFlowDecoder,
};
