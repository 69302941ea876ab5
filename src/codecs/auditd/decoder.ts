/**
 * Line decoder for audit logs (audit.log, audisp/syslog copies): parses each line, groups
 * records into events (or, with `assemble: false`, emits one event per record), maps to ECS.
 *
 * The records of events still open are kept as their lines in `snapshot()`, so a file
 * source can checkpoint past them and, after a restart, `restore()` them: nothing is lost
 * and nothing read twice.
 */
import type { CodecResult } from '../../core/event.js';
import { AuditEventAssembler, type AssemblerOptions, type AuditEvent } from './assembler.js';
import { mapAuditEvent } from './ecs-map.js';
import { parseAuditLine } from './line-parser.js';

export interface AuditdDecoderOptions extends AssemblerOptions {
  /** Group records of one event (default) or emit each record as its own event. */
  assemble?: boolean;
  /** Keep the event's lines as `raw`. */
  keepRaw?: boolean;
}

export interface AuditdDecoderState {
  /** Lines of events not yet emitted, in input order. */
  pending: Array<{ line: number; text: string }>;
}

function isState(v: unknown): v is AuditdDecoderState {
  if (v === null || typeof v !== 'object' || !Array.isArray((v as AuditdDecoderState).pending)) return false;
  return (v as AuditdDecoderState).pending.every(
    (p) => p !== null && typeof p === 'object' && typeof p.line === 'number' && typeof p.text === 'string',
  );
}

export class AuditdLineDecoder {
  private assembler: AuditEventAssembler;
  /** Text of the lines belonging to open events, by line number. */
  private readonly openLines = new Map<number, string>();
  /** Events completed while restoring, handed out with the next push or flush. */
  private ready: AuditEvent[] = [];

  constructor(private readonly options: AuditdDecoderOptions = {}) {
    this.assembler = new AuditEventAssembler(options);
  }

  push(text: string, lineNo: number): CodecResult[] {
    if (text.trim().length === 0) return this.emit([]);
    const parsed = parseAuditLine(text);
    if (!parsed.ok) {
      return this.emit([]).concat([{ ok: false, rejected: { position: { line: lineNo }, reason: parsed.reason, raw: text } }]);
    }
    if (this.options.assemble === false) {
      if (parsed.record.type === 'EOE') return this.emit([]);
      const single: AuditEvent = { sequence: parsed.record.sequence, timeMs: parsed.record.timeMs, records: [parsed.record], lines: [lineNo], closedBy: 'standalone' };
      if (parsed.record.node !== undefined) single.node = parsed.record.node;
      this.openLines.set(lineNo, text);
      return this.emit([single]);
    }
    // An EOE line only closes its event; it is not one of the event's records.
    if (parsed.record.type !== 'EOE') this.openLines.set(lineNo, text);
    return this.emit(this.assembler.push(parsed.record, lineNo));
  }

  flush(): CodecResult[] {
    return this.emit(this.assembler.flush());
  }

  snapshot(): AuditdDecoderState {
    const pending = [...this.openLines.entries()].sort((a, b) => a[0] - b[0]).map(([line, text]) => ({ line, text }));
    return { pending };
  }

  /** Re-open the events of a checkpointed state; returns false if the state is not one. */
  restore(state: unknown): boolean {
    if (!isState(state)) return false;
    this.assembler = new AuditEventAssembler(this.options);
    this.openLines.clear();
    this.ready = [];
    for (const { line, text } of state.pending) {
      const parsed = parseAuditLine(text);
      if (!parsed.ok) continue;
      this.openLines.set(line, text);
      this.ready.push(...this.assembler.push(parsed.record, line));
    }
    return true;
  }

  private emit(events: AuditEvent[]): CodecResult[] {
    const all = this.ready.length > 0 ? [...this.ready, ...events] : events;
    this.ready = [];
    return all.map((event) => {
      const record = mapAuditEvent(event);
      const lines = event.lines.map((n) => this.openLines.get(n) ?? '');
      for (const n of event.lines) this.openLines.delete(n);
      if (this.options.keepRaw) record.raw = lines.join('\n');
      return { ok: true, record } as CodecResult;
    });
  }
}

export function createAuditdDecoder(options: AuditdDecoderOptions = {}): AuditdLineDecoder {
  return new AuditdLineDecoder(options);
}

/** Decode a whole audit log held in memory (`vigil ingest --format auditd`). */
export function decodeAuditdLines(lines: Iterable<string>, options: AuditdDecoderOptions = {}): CodecResult[] {
  const decoder = new AuditdLineDecoder(options);
  const out: CodecResult[] = [];
  let n = 0;
  for (const line of lines) out.push(...decoder.push(line, ++n));
  out.push(...decoder.flush());
  return out;
}
