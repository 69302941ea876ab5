/**
 * Linux audit logs as a TextFormat for the format registry (`vigil ingest --format auditd`,
 * `POST /api/v1/ingest`, the file tail). Records are grouped into events; `end()` closes
 * the events still open. snapshot/restore carry open events across a file-tail restart.
 */
import type { DecoderOptions, TextFormat } from '../format.js';
import { lineStreamDecoder, type StatefulStreamDecoder } from '../line-decoder.js';
import { AuditdLineDecoder, type AuditdDecoderOptions, type AuditdDecoderState } from './decoder.js';

export type AuditdStreamDecoder = StatefulStreamDecoder<AuditdDecoderState>;

export function createAuditdStreamDecoder(opts: DecoderOptions, options: AuditdDecoderOptions = {}): AuditdStreamDecoder {
  return lineStreamDecoder(opts, new AuditdLineDecoder(options));
}

export const auditdFormat: TextFormat = {
  name: 'auditd',
  description: 'Linux audit log (audit.log, raw or enriched), records grouped into events',
  extensions: ['audit.log'],
  sniff: (head) => /^(?:node=\S+ )?type=\S+ msg=audit\(/.test(head),
  createDecoder: (opts) => createAuditdStreamDecoder(opts),
};
