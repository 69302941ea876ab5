/**
 * Syslog message → NormalizedRecord. ECS from the header (`log.syslog.*`, `host.name`,
 * `process.name/pid`, `message`), then whichever payload semantics apply, most specific
 * first: CEF, LEEF, Linux authentication. The native record keeps the parsed header, the
 * structured data and the CEF/LEEF keys verbatim, because Sigma rules match native names.
 */
import type { EcsFields, Logsource, NormalizedRecord } from '../../core/index.js';
import { cefToEcs, findCefStart, parseCef } from '../cef/index.js';
import { findLeefStart, leefToEcs, parseLeef } from '../leef/index.js';
import { classifyLinuxAuth, type PeerMemory } from '../linux-auth/index.js';
import { linuxLogsource, productLogsource, productSlug, syslogLogsource } from './logsource.js';
import { presizedFields, presizedHeader } from './fields-object.js';
import { parseSyslog } from './parse.js';
import { facilityName, severityName } from './priority.js';
import { parseTimeValue } from './time-value.js';
import type { ParseSyslogOptions, SyslogMessage } from './types.js';

export interface SyslogDecodeOptions extends ParseSyslogOptions {
  /** Logsource for records that are neither Linux-auth, CEF nor LEEF (e.g. `{product: cisco}` for a router). */
  logsource?: Logsource;
  /** Keep the original line in `raw` (policy decides; off by default). */
  keepRaw?: boolean;
  /** Per-source memory of sshd peer addresses by pid, so address-less sshd lines name their peer. */
  peerMemory?: PeerMemory;
}

/** `10.0.0.1:514`, `[::1]:514`, `::1` → the address without the port. */
export function senderIp(address: string | undefined): string | undefined {
  if (!address) return undefined;
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']') > 0 ? address.indexOf(']') : undefined);
  const colons = address.split(':').length - 1;
  return colons === 1 ? address.slice(0, address.indexOf(':')) : address;
}

/**
 * `Number(s)` when `s` matches `^\d{1,10}$` (every sshd/cron/sudo line has a pid), else -1.
 * The value is summed from the digits already scanned: `Number()` of a fresh substring goes
 * through V8's general string-to-double conversion. Up to 10 digits is exact in a double.
 */
function pidValue(s: string): number {
  if (s.length === 0 || s.length > 10) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** `into.push(...from)` without the spread call, which costs even when `from` is empty (the usual case). */
function appendAll(into: string[], from: readonly string[]): void {
  for (let i = 0; i < from.length; i++) into.push(from[i]);
}

/** `Object.keys(o).length > 0` without building the array. */
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

function headerFields(msg: SyslogMessage, opts: SyslogDecodeOptions): EcsFields {
  // Relays add spacing around MSG (rsyslog's `%msg%` keeps the space after `tag:`); the
  // verbatim text stays in native.message.
  const message = msg.message.trim();
  // Stored one by one into an object with room for the whole record (header, then CEF/LEEF/auth
  // keys): no property array re-allocated as keys are added. Same keys, same order as ever.
  const f = presizedFields();
  f['event.kind'] = 'event';
  f['event.module'] = 'syslog';
  f['event.dataset'] = 'syslog';
  f.message = message;
  if (msg.priority !== undefined) {
    const severity = severityName(msg.severity!) ?? null;
    f['log.syslog.priority'] = msg.priority;
    f['log.syslog.facility.code'] = msg.facility!;
    f['log.syslog.facility.name'] = facilityName(msg.facility!) ?? null;
    f['log.syslog.severity.code'] = msg.severity!;
    f['log.syslog.severity.name'] = severity;
    f['log.level'] = severity;
    f['event.severity'] = msg.severity!;
  }
  if (msg.version !== undefined) f['log.syslog.version'] = String(msg.version);
  if (msg.msgId !== undefined) f['log.syslog.msgid'] = msg.msgId;
  if (msg.appName !== undefined) {
    f['log.syslog.appname'] = msg.appName;
    f['process.name'] = msg.appName;
  }
  if (msg.procId !== undefined) {
    f['log.syslog.procid'] = msg.procId;
    const pid = pidValue(msg.procId);
    if (pid >= 0) f['process.pid'] = pid;
  }
  const host = msg.hostname ?? senderIp(opts.sourceAddress);
  if (host !== undefined) {
    f['host.name'] = host;
    if (msg.hostname !== undefined) f['log.syslog.hostname'] = msg.hostname;
  }
  if (opts.sourceAddress) f['log.source.address'] = opts.sourceAddress;
  return f;
}

function nativeHeader(msg: SyslogMessage): Record<string, unknown> {
  // Up to 10 keys, stored into an object with room for them all (as `fields`): same keys, same order.
  const h = presizedHeader();
  h.format = msg.format;
  if (msg.priority !== undefined) {
    h.priority = msg.priority;
    h.facility = msg.facility;
    h.severity = msg.severity;
  }
  if (msg.version !== undefined) h.version = msg.version;
  if (msg.timestampText !== undefined) h.timestamp = msg.timestampText;
  if (msg.hostname !== undefined) h.hostname = msg.hostname;
  if (msg.appName !== undefined) h.app_name = msg.appName;
  if (msg.procId !== undefined) h.procid = msg.procId;
  if (msg.msgId !== undefined) h.msgid = msg.msgId;
  return h;
}

/**
 * The CEF mapping's time reader, one for all records: it reads with the options of the record
 * being mapped, set just before cefToEcs (synchronous) and cleared after, instead of a closure
 * and an options object per CEF record.
 */
const NO_CONTEXT: SyslogDecodeOptions = { receivedAt: 0 };
const cefTime = {
  ctx: NO_CONTEXT,
  parseTime(t: string): number | undefined {
    return parseTimeValue(t, cefTime.ctx);
  },
};

/** `msg` is consumed: the record takes over its warnings list (and adds to it). */
export function normalizeSyslog(msg: SyslogMessage, opts: SyslogDecodeOptions): NormalizedRecord {
  const fields = headerFields(msg, opts);
  // At most 4 keys (syslog, message, structured_data, cef/leef/auth): an empty literal has room
  // for 4 inside the object, a literal of the first two would allocate a property array for the rest.
  const native: Record<string, unknown> = {};
  native.syslog = nativeHeader(msg);
  native.message = msg.message;
  if (msg.structuredData) native.structured_data = msg.structuredData;
  // The message was parsed for this record alone: its warnings list becomes the record's.
  const warnings = msg.warnings;
  let ts = msg.timestamp;
  let logsource: Logsource | undefined;

  // Relays such as rsyslog read `CEF:0|…` as TAG `CEF` and MSG `0|…`; put the payload back together.
  let payload = msg.message;
  if ((msg.appName === 'CEF' || msg.appName === 'LEEF') && /^\s*\d+(?:\.\d+)?\|/.test(payload)) {
    payload = `${msg.appName}:${payload.trimStart()}`;
    for (const k of ['process.name', 'log.syslog.appname']) delete fields[k];
    fields.message = payload;
  }
  const cefAt = findCefStart(payload);
  const leefAt = cefAt < 0 ? findLeefStart(payload) : -1;
  if (cefAt >= 0) {
    const cef = parseCef(payload.slice(cefAt));
    if (cef.ok) {
      const r = cef.record;
      cefTime.ctx = opts;
      const mapped = cefToEcs(r, cefTime, fields);
      cefTime.ctx = NO_CONTEXT;
      if (mapped.ts !== undefined) ts = mapped.ts;
      appendAll(warnings, cef.warnings);
      appendAll(warnings, mapped.warnings);
      native.cef = {
        version: r.version, device_vendor: r.deviceVendor, device_product: r.deviceProduct, device_version: r.deviceVersion,
        signature_id: r.signatureId, name: r.name, severity: r.severity, extensions: r.extensions, custom: mapped.custom,
      };
      logsource = productLogsource(productSlug(r.deviceVendor) ?? 'cef');
    } else {
      warnings.push(`CEF payload not parsed: ${cef.error}`);
    }
  } else if (leefAt >= 0) {
    const leef = parseLeef(payload.slice(leefAt));
    if (leef.ok) {
      const r = leef.record;
      const mapped = leefToEcs(r, { parseTime: (t) => parseTimeValue(t, opts), timezone: opts.timezone }, fields);
      if (mapped.ts !== undefined) ts = mapped.ts;
      appendAll(warnings, leef.warnings);
      appendAll(warnings, mapped.warnings);
      native.leef = {
        version: r.version, vendor: r.vendor, product: r.product, product_version: r.productVersion,
        event_id: r.eventId, delimiter: r.delimiter, attributes: r.attributes,
      };
      logsource = productLogsource(productSlug(r.vendor) ?? 'leef');
    } else {
      warnings.push(`LEEF payload not parsed: ${leef.error}`);
    }
  } else {
    const auth = classifyLinuxAuth({ program: msg.appName, message: msg.message, pid: msg.procId, host: msg.hostname, memory: opts.peerMemory, into: fields });
    if (auth) {
      if (auth.ts !== undefined) ts = auth.ts;
      if (hasKeys(auth.details)) native.auth = auth.details;
      logsource = linuxLogsource(auth.service);
    }
  }
  if (!logsource) logsource = opts.logsource ?? syslogLogsource(msg.appName, msg.facility);
  // A payload that carries its own time (CEF rt, LEEF devTime, audit) makes a missing header time moot.
  if (msg.timestamp === undefined && ts !== undefined) {
    const i = warnings.indexOf('no timestamp in syslog header');
    if (i >= 0) warnings.splice(i, 1);
  }
  // `ts` in the literal when known (nearly always): one key fewer added afterwards.
  const record: NormalizedRecord = ts !== undefined ? { fields, native, logsource, ts } : { fields, native, logsource };
  if (warnings.length) record.warnings = warnings;
  return record;
}

/** Text line → record. Never throws: an unreadable header leaves the whole line as MSG. */
export function decodeSyslogLine(line: string, opts: SyslogDecodeOptions): NormalizedRecord {
  const record = normalizeSyslog(parseSyslog(line, opts), opts);
  if (opts.keepRaw) record.raw = line;
  return record;
}
