/**
 * Frames → records for one batch, with the decode options a source derives from its config.
 * Every frame becomes a record or a rejection; none is thrown away here.
 */
import type { NormalizedRecord, RejectedRecord } from '../../core/index.js';
import { decodeSyslogFrame, INVALID_UTF8_WARNING, type SyslogDecodeOptions } from '../../codecs/syslog/index.js';
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

export function decodeFrames(frames: Uint8Array[], opts: SyslogDecodeOptions): DecodedBatch {
  const out: DecodedBatch = { records: [], rejected: [], invalidUtf8: 0 };
  for (let index = 0; index < frames.length; index++) {
    const r = decodeSyslogFrame(frames[index], opts, index);
    if (r.ok) {
      if (r.record.warnings?.[0] === INVALID_UTF8_WARNING) out.invalidUtf8++;
      out.records.push(r.record);
    } else {
      out.rejected.push(r.rejected);
    }
  }
  return out;
}
