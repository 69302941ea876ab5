import type { Priority } from './priority.js';
import type { StructuredData } from './structured-data.js';
import type { TimestampContext } from './timestamp.js';

export interface ParseSyslogOptions extends TimestampContext {
  /** Address of the sender (`ip` or `ip:port`); host fallback when the header names none. */
  sourceAddress?: string;
}

/** One syslog message split into its header and MSG, as the sender wrote it. */
export interface SyslogMessage {
  format: 'rfc5424' | 'rfc3164';
  priority?: number;
  facility?: number;
  severity?: number;
  /** RFC 5424 VERSION. */
  version?: number;
  /** Event time, epoch ms; absent when the header had no usable timestamp. */
  timestamp?: number;
  /** The timestamp as written. */
  timestampText?: string;
  hostname?: string;
  /** RFC 5424 APP-NAME, or the RFC 3164 TAG without its `[pid]`. */
  appName?: string;
  /** RFC 5424 PROCID, or the pid inside an RFC 3164 TAG. */
  procId?: string;
  msgId?: string;
  structuredData?: StructuredData;
  message: string;
  /** Non-fatal problems (bad structured data, ambiguous zone, missing timestamp). */
  warnings: string[];
}

/**
 * A message with every header key present (undefined until the parser reads it), in one order:
 * every message then has the same object layout, so the normalizer's reads stay monomorphic
 * whatever the mix of formats and header variants, and no key is added after the literal
 * (additions past it re-allocate the property store). Absent still means `=== undefined`.
 */
export function newSyslogMessage(format: SyslogMessage['format'], pri: Priority | undefined, warnings: string[]): SyslogMessage {
  return {
    format,
    priority: pri?.priority,
    facility: pri?.facility,
    severity: pri?.severity,
    version: undefined,
    timestamp: undefined,
    timestampText: undefined,
    hostname: undefined,
    appName: undefined,
    procId: undefined,
    msgId: undefined,
    structuredData: undefined,
    message: '',
    warnings,
  };
}
