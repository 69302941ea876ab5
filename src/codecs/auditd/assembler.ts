/**
 * Groups audit records into events by serial number. The kernel writes one event as several
 * records sharing `audit(<time>:<serial>)` — SYSCALL, EXECVE, CWD, PATH..., PROCTITLE — closed
 * by an EOE record; records of concurrent events interleave. User-space messages (PAM, login,
 * daemon) are one record each.
 *
 * Pure and clock-free: an event without EOE is closed when the stream has moved on far
 * enough (a later record more than `maxEventAgeMs` of event time newer, or a serial more
 * than `maxSequenceGap` ahead), when more than `maxPendingEvents` are open (the oldest is
 * closed), or on `flush()`. A source calls `flush()` at end of input or after an idle pause.
 */
import type { AuditRecord } from './line-parser.js';
import { isStandaloneType } from './record-types.js';

export type CloseReason = 'eoe' | 'standalone' | 'age' | 'gap' | 'evicted' | 'flush';

export interface AuditEvent {
  sequence: number;
  timeMs: number;
  node?: string;
  /** Records in arrival order, EOE excluded. */
  records: AuditRecord[];
  /** 1-based input line numbers of the records. */
  lines: number[];
  closedBy: CloseReason;
}

export interface AssemblerOptions {
  /** Open events kept at most; beyond it the oldest is closed. Default 64. */
  maxPendingEvents?: number;
  /** Close an event once a record this much newer (event time) arrives. Default 2000 ms. */
  maxEventAgeMs?: number;
  /** Close an event once a serial this far ahead arrives on the same node. Default 100. */
  maxSequenceGap?: number;
}

interface Pending {
  key: string;
  event: AuditEvent;
}

const DEFAULTS = { maxPendingEvents: 64, maxEventAgeMs: 2000, maxSequenceGap: 100 };

function eventKey(r: AuditRecord): string {
  // The timestamp is part of the key: serials restart when auditd or the host restarts.
  return `${r.node ?? ''}|${r.timestamp}|${r.sequence}`;
}

export class AuditEventAssembler {
  private readonly pending = new Map<string, Pending>();
  private readonly options: Required<AssemblerOptions>;
  private newestTimeMs = -Infinity;
  private readonly newestSequence = new Map<string, number>();

  constructor(options: AssemblerOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Add a record; returns the events this record completed, oldest first. */
  push(record: AuditRecord, lineNo: number): AuditEvent[] {
    const key = eventKey(record);
    const out: AuditEvent[] = [];
    const open = this.pending.get(key);
    if (record.type === 'EOE') {
      if (open) {
        this.pending.delete(key);
        open.event.closedBy = 'eoe';
        out.push(open.event);
      }
    } else if (!open && isStandaloneType(record.type)) {
      out.push(this.newEvent(record, lineNo, 'standalone'));
    } else if (open) {
      open.event.records.push(record);
      open.event.lines.push(lineNo);
    } else {
      this.pending.set(key, { key, event: this.newEvent(record, lineNo, 'flush') });
    }
    this.newestTimeMs = Math.max(this.newestTimeMs, record.timeMs);
    const node = record.node ?? '';
    this.newestSequence.set(node, Math.max(this.newestSequence.get(node) ?? -Infinity, record.sequence));
    out.push(...this.closeStale());
    return out;
  }

  /** Close every open event (end of input, idle, shutdown). */
  flush(): AuditEvent[] {
    const out = [...this.pending.values()].map((p) => {
      p.event.closedBy = 'flush';
      return p.event;
    });
    this.pending.clear();
    return out;
  }

  private newEvent(record: AuditRecord, lineNo: number, closedBy: CloseReason): AuditEvent {
    const event: AuditEvent = { sequence: record.sequence, timeMs: record.timeMs, records: [record], lines: [lineNo], closedBy };
    if (record.node !== undefined) event.node = record.node;
    return event;
  }

  private closeStale(): AuditEvent[] {
    const out: AuditEvent[] = [];
    for (const p of this.pending.values()) {
      const e = p.event;
      const newestSeq = this.newestSequence.get(e.node ?? '') ?? e.sequence;
      if (this.newestTimeMs - e.timeMs > this.options.maxEventAgeMs) e.closedBy = 'age';
      else if (newestSeq - e.sequence > this.options.maxSequenceGap) e.closedBy = 'gap';
      else continue;
      out.push(e);
      this.pending.delete(p.key);
    }
    // Map iteration is insertion order, so the oldest open event goes first.
    while (this.pending.size > this.options.maxPendingEvents) {
      const oldest = this.pending.values().next().value as Pending;
      oldest.event.closedBy = 'evicted';
      out.push(oldest.event);
      this.pending.delete(oldest.key);
    }
    return out;
  }
}
