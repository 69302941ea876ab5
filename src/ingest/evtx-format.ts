/** EVTX files for `vigil ingest`: the streaming reader, records normalized for the Windows logsource. */
import { evtxToNormalized, formatDamage, readEvtxFile } from '../codecs/evtx/index.js';
import type { DecodeResult } from '../codecs/format.js';
import type { BinaryFileFormat } from './binary-formats.js';

const BATCH_RECORDS = 2000;

export const evtxFileFormat: BinaryFileFormat = {
  name: 'evtx',
  extensions: ['.evtx'],
  async *read(path, _opts, onBytes) {
    let batch: DecodeResult = { records: [], rejected: [] };
    let lastOffset = 0;
    for await (const item of readEvtxFile(path)) {
      if (item.kind === 'damage') {
        batch.rejected.push({ position: { offset: item.damage.offset }, reason: formatDamage(item.damage) });
        continue;
      }
      const r = item.record;
      if (r.offset > lastOffset) {
        onBytes(r.offset - lastOffset);
        lastOffset = r.offset;
      }
      try {
        batch.records.push(evtxToNormalized(r.event));
      } catch (err) {
        batch.rejected.push({ position: { offset: r.offset }, reason: `cannot normalize record ${r.recordId}: ${(err as Error).message}` });
      }
      if (batch.records.length >= BATCH_RECORDS) {
        yield batch;
        batch = { records: [], rejected: [] };
      }
    }
    if (batch.records.length || batch.rejected.length) yield batch;
  },
};
