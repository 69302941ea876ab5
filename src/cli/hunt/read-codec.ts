/**
 * Evidence in the text formats Vigil's codecs already read (Zeek TSV logs, auditd, Suricata EVE,
 * syslog files), through the codec registry: each record comes with its normalized ECS fields
 * and the logsource the codec declares, so rules for those products route without --logsource.
 */
import type { TextFormat } from '../../codecs/format.js';
import { getFormat } from '../../codecs/registry.js';
import { CLOUD_FORMATS, sniffCloudFormat } from '../../codecs/cloud/index.js';
import { readLineBlocks } from '../../ingest/line-blocks.js';
import type { HuntReader, HuntRecord, ReadContext } from './records.js';

/**
 * Formats read this way; JSON itself goes to the JSON reader, which also takes evtx_dump output.
 * Cloud audit logs are JSON too, but come here when their content is recognised, so that a
 * CloudTrail `{"Records":[...]}` object is its records, each with its logsource.
 */
const CODEC_FORMATS = ['zeek', 'auditd', 'eve', 'syslog', ...CLOUD_FORMATS.map((f) => f.name)];
const BLOCK_BYTES = 1 << 20;

function formatFor(base: string, head: string): TextFormat | undefined {
  const formats = CODEC_FORMATS.map(getFormat).filter((f): f is TextFormat => f !== undefined);
  const byExt = formats.find((f) => f.extensions.some((e) => base.endsWith(e)));
  // Kubernetes' `audit.log` is auditd's name: recognised cloud content wins over a name that does not fit it.
  if (byExt && !byExt.sniff(head)) return sniffCloudFormat(head) ?? byExt;
  return byExt ?? formats.find((f) => f.sniff(head));
}

export const codecReader: HuntReader = {
  name: 'codec',
  accepts: (base, head) => formatFor(base, head) !== undefined,
  async *read(file: string, ctx: ReadContext): AsyncIterable<HuntRecord> {
    const first = readLineBlocks(file, { block_bytes: BLOCK_BYTES, onBytes: ctx.onBytes });
    let format: TextFormat | undefined;
    let decoder;
    for await (const block of first) {
      ctx.signal?.throwIfAborted();
      format ??= formatFor(file.toLowerCase().replace(/\.gz$/, ''), block.text.slice(0, 4096));
      if (!format) throw new Error('not a Zeek, auditd, EVE, syslog or cloud audit log file');
      decoder ??= format.createDecoder({ max_depth: 64, max_record_bytes: 4 * 1024 * 1024 });
      const res = decoder.push(block.text, block.firstLine);
      for (const rej of res.rejected) ctx.onProblem(where(rej.position), rej.reason);
      for (const r of res.records) yield toHunt(r, format.name);
    }
    if (decoder) {
      const res = decoder.end();
      for (const rej of res.rejected) ctx.onProblem(where(rej.position), rej.reason);
      for (const r of res.records) yield toHunt(r, format!.name);
    }
  },
};

function toHunt(r: { native: Record<string, unknown>; fields: HuntRecord['fields']; logsource?: HuntRecord['logsource']; ts?: number }, format: string): HuntRecord {
  const rec: HuntRecord = { native: r.native, where: format };
  if (r.fields) rec.fields = r.fields;
  if (r.logsource) rec.logsource = r.logsource;
  if (r.ts !== undefined) rec.ts = r.ts;
  return rec;
}

/** `line 3`, or `line 1 record 7` for a record inside a CloudTrail/Azure wrapper. */
function where(p: { line?: number; index?: number }): string {
  return [p.line !== undefined ? `line ${p.line}` : '', p.index !== undefined ? `record ${p.index}` : ''].filter(Boolean).join(' ') || 'line ?';
}
