/**
 * The reader as a codec for the pipeline, `vigil ingest` and `vigil hunt`: records become
 * NormalizedRecords, lost chunks/records become RejectedRecords (with the file offset and
 * the reason), and warnings (data read despite a problem) go to a callback.
 */
import type { CodecResult } from '../../core/event.js';
import type { EvtxDamage } from './damage.js';
import { formatDamage } from './damage.js';
import { evtxToNormalized } from './normalize.js';
import { readEvtxFileParallel } from './parallel.js';
import { readEvtxFile } from './reader.js';
import type { FileReadOptions } from './reader.js';

export interface EvtxCodecOptions extends FileReadOptions {
  /** Parse chunks on this many worker threads (0 or absent: in this thread). */
  workers?: number;
  /** Called for damage that did not lose data (checksum mismatch, inconsistent header). */
  onWarning?: (damage: EvtxDamage) => void;
}

/** Reads an EVTX file as codec results, in file order. Throws EvtxFileError if it is not EVTX at all. */
export async function* readEvtxNormalized(path: string, options: EvtxCodecOptions = {}): AsyncGenerator<CodecResult> {
  const items = options.workers && options.workers > 0 ? readEvtxFileParallel(path, options) : readEvtxFile(path, options);
  let index = 0;
  for await (const item of items) {
    if (item.kind === 'record') {
      index++;
      yield { ok: true, record: evtxToNormalized(item.record.event) };
    } else if (item.damage.severity === 'error') {
      yield { ok: false, rejected: { position: { offset: item.damage.offset, index: index + 1 }, reason: formatDamage(item.damage) } };
    } else {
      options.onWarning?.(item.damage);
    }
  }
}
