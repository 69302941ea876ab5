/**
 * EVTX evidence through Vigil's EVTX reader (src/codecs/evtx): records in the evtx_dump JSON
 * shape with the record header's time; damaged chunks/records are reported and skipped.
 * `.evtx.gz` is decompressed in memory (bounded), since EVTX needs random access.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { EvtxItem } from '../../codecs/evtx/index.js';
import { formatDamage, looksLikeEvtx, readEvtxBuffer, readEvtxFile } from '../../codecs/evtx/index.js';
import type { HuntReader, HuntRecord, ReadContext } from './records.js';

const MAX_GZ_EVTX_BYTES = 1024 * 1024 * 1024;

export const evtxReader: HuntReader = {
  name: 'evtx',
  accepts: (base, head) => base.endsWith('.evtx') || looksLikeEvtx(Buffer.from(head.slice(0, 8), 'latin1')),
  async *read(file: string, ctx: ReadContext): AsyncIterable<HuntRecord> {
    let items: AsyncIterable<EvtxItem> | Iterable<EvtxItem>;
    if (file.toLowerCase().endsWith('.gz')) {
      const packed = await readFile(file);
      ctx.onBytes(packed.length);
      const data = gunzipSync(packed, { maxOutputLength: MAX_GZ_EVTX_BYTES });
      items = readEvtxBuffer(data);
    } else {
      items = readEvtxFile(file, ctx.signal ? { signal: ctx.signal } : {});
    }
    let lastOffset = 0;
    for await (const item of items) {
      if (item.kind === 'damage') {
        ctx.onProblem(`offset 0x${item.damage.offset.toString(16)}`, formatDamage(item.damage));
        continue;
      }
      const r = item.record;
      if (r.offset > lastOffset) {
        ctx.onBytes(r.offset - lastOffset);
        lastOffset = r.offset;
      }
      yield { native: r.event as Record<string, unknown>, ts: r.timestampMs, where: `record ${r.recordId}` };
    }
  },
};
