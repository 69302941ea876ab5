/**
 * What decoding one datagram produced: ECS records, rejections with a reason code and
 * offset, and how the packet changed the session (templates learned, sets held back).
 */
import type { NormalizedRecord, RejectedRecord } from '../../core/index.js';

/** Why part of a datagram did not become records. The UDP source counts drops by these. */
export type NetflowDropReason = 'malformed' | 'unknown_template' | 'session_limit' | 'template_limit';

export interface NetflowRejection extends RejectedRecord {
  code: NetflowDropReason;
}

export interface NetflowDecodeResult {
  /** Version field of the datagram (5, 9, 10), or 0 when it could not be read. */
  version: number;
  records: NormalizedRecord[];
  rejected: NetflowRejection[];
  templatesLearned: number;
  /** Data sets of this datagram held back until their template arrives. */
  setsPending: number;
}

export class DecodeOutput implements NetflowDecodeResult {
  version = 0;
  records: NormalizedRecord[] = [];
  rejected: NetflowRejection[] = [];
  templatesLearned = 0;
  setsPending = 0;

  reject(code: NetflowDropReason, message: string, offset: number, raw?: Uint8Array): void {
    this.rejected.push({ code, reason: `${code}: ${message}`, position: { offset }, raw });
  }
}
