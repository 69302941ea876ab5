/**
 * Frames → records for one batch, with the decode options a source derives from its config.
 * Every frame becomes a record or a rejection; none is thrown away here.
 */
import type { NormalizedRecord, RejectedRecord } from '../../core/index.js';
import { decodeSyslogBytes, type FrameSpans, INVALID_UTF8_WARNING, type SyslogDecodeOptions } from '../../codecs/syslog/index.js';
import type { PeerMemory } from '../../codecs/linux-auth/index.js';
import type { SyslogCommonConfig } from './config.js';

export interface DecodedBatch {
  records: NormalizedRecord[];
  rejected: RejectedRecord[];
  invalidUtf8: number;
}

export function decodeOptions(config: SyslogCommonConfig, sourceAddress: string, receivedAt: number, peerMemory?: PeerMemory): SyslogDecodeOptions {
  return {
    peerMemory,
    receivedAt,
    sourceAddress,
    timezone: config.timezone,
    defaultYear: config.default_year,
    logsource: config.logsource,
  };
}

/** Decodes each span where it lies in its chunk: no Buffer view per frame. */
export function decodeSpans(frames: FrameSpans, opts: SyslogDecodeOptions): DecodedBatch {
  const out: DecodedBatch = { records: [], rejected: [], invalidUtf8: 0 };
  const { bufs, starts, ends } = frames;
  for (let index = 0; index < starts.length; index++) {
    const r = decodeSyslogBytes(bufs[index], starts[index], ends[index], opts, index);
    if (r.ok) {
      if (r.record.warnings?.[0] === INVALID_UTF8_WARNING) out.invalidUtf8++;
      out.records.push(r.record);
    } else {
      out.rejected.push(r.rejected);
    }
  }
  return out;
}
