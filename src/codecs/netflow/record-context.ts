/**
 * What every record of one data set shares: the packet header, the exporter, its session,
 * and the values derived from them once per set rather than once per flow (receive time
 * and export time as text and numbers, the exporter as `address:port`).
 */
import type { Exporter, PacketHeader, Session } from './session-store.js';
import { isoFromMs } from './timestamps.js';

export interface FlowContext {
  header: PacketHeader;
  exporter: Exporter;
  session: Session;
  receivedAt: number;
  templateId: number | undefined;
  /** `event.created`, when the caller already formatted it. */
  created?: string;
}

export class RecordContext {
  readonly header: PacketHeader;
  readonly exporter: Exporter;
  readonly session: Session;
  readonly templateId: number | undefined;
  /** `event.created`: the receive time. */
  readonly created: string;
  /** `netflow.exporter.address`. */
  readonly exporterText: string;
  /** The record's `ts`: export time, sub-millisecond precision kept (v5). */
  readonly ts: number;
  /** Export time in whole milliseconds, the base of uptime- and delta-relative flow times. */
  readonly exportMs: number;
  /** Nanoseconds of the export time below the millisecond (v5), carried into flow times. */
  readonly subMs: number;

  constructor(ctx: FlowContext) {
    const h = ctx.header;
    this.header = h;
    this.exporter = ctx.exporter;
    this.session = ctx.session;
    this.templateId = ctx.templateId;
    this.created = ctx.created ?? isoFromMs(ctx.receivedAt);
    const { address, port } = ctx.exporter;
    this.exporterText = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
    this.ts = h.exportSeconds * 1000 + h.exportNanos / 1_000_000;
    this.exportMs = h.exportSeconds * 1000 + Math.floor(h.exportNanos / 1_000_000);
    this.subMs = h.exportNanos % 1_000_000;
  }
}
