/**
 * The set/flowset walk shared by NetFlow v9 (RFC 3954 §5) and IPFIX (RFC 7011 §3.3):
 * template sets teach the session, data sets decode with a known template or wait for
 * it, and pending sets whose template just arrived are replayed in arrival order.
 */
import { decodeDataRecords } from './data-records.js';
import type { DecodeOutput } from './decode-result.js';
import { flowToRecord, optionsToRecord } from './ecs-mapping.js';
import { flowBuilder } from './flow-compiler.js';
import { RecordContext } from './record-context.js';
import type { Exporter, NetflowSessionStore, PacketHeader, PendingSet, Session } from './session-store.js';
import { parseIpfixTemplate, parseNetflow9OptionsTemplate, parseNetflow9Template, type Template, type TemplateParse } from './templates.js';

export interface SetWalk {
  buf: Buffer;
  header: PacketHeader;
  exporter: Exporter;
  session: Session;
  store: NetflowSessionStore;
  receivedAt: number;
  out: DecodeOutput;
}

/** Walks sets from `start` to `end`; returns the number of data records, or undefined if some could not be counted. */
export function walkSets(w: SetWalk, start: number, end: number): number | undefined {
  const { buf, header, out } = w;
  let dataRecords: number | undefined = 0;
  let p = start;
  while (p < end) {
    if (end - p < 4) break; // trailing padding shorter than a set header
    const setId = buf.readUInt16BE(p);
    const setLength = buf.readUInt16BE(p + 2);
    if (setLength === 0 && isZeroFilled(buf, p, end)) break; // exporters (Cisco ACI) zero-pad datagrams
    if (setLength < 4 || p + setLength > end) {
      out.reject('malformed', `set ${setId} at offset ${p} has length ${setLength}, ${end - p} octets remain`, p, buf.subarray(p, end));
      return undefined;
    }
    const bodyStart = p + 4;
    const bodyEnd = p + setLength;
    const v9 = header.version === 9;
    if (setId === (v9 ? 0 : 2)) learnTemplates(w, bodyStart, bodyEnd, false);
    else if (setId === (v9 ? 1 : 3)) learnTemplates(w, bodyStart, bodyEnd, true);
    else if (setId >= 256) {
      const n = dataSet(w, setId, bodyStart, bodyEnd, p, header);
      dataRecords = n === undefined || dataRecords === undefined ? undefined : dataRecords + n;
    }
    // Set ids 4–255 (IPFIX) and 2–255 (v9) are reserved: skipped, as both RFCs require.
    p = bodyEnd;
  }
  replayResolved(w);
  return dataRecords;
}

function isZeroFilled(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}

function learnTemplates(w: SetWalk, start: number, end: number, options: boolean): void {
  const { buf, header, store, session, out, receivedAt } = w;
  let p = start;
  while (end - p >= 4) {
    let parsed: TemplateParse;
    if (header.version === 10) parsed = parseIpfixTemplate(buf, p, end, options, receivedAt);
    else if (options) parsed = parseNetflow9OptionsTemplate(buf, p, end, receivedAt);
    else parsed = parseNetflow9Template(buf, p, end, receivedAt);
    if (!parsed.ok) {
      out.reject('malformed', parsed.reason, parsed.offset, buf.subarray(p, end));
      return;
    }
    if (parsed.withdrawal) store.withdraw(session, parsed.templateId, parsed.templateId === 2 || parsed.templateId === 3 ? undefined : options);
    else if (store.learn(session, parsed.template)) out.templatesLearned++;
    else out.reject('template_limit', `template ${parsed.template.id} not kept: ${store.options.maxTemplatesPerSession} templates already known for this exporter`, p);
    p = parsed.next;
  }
}

function dataSet(w: SetWalk, setId: number, start: number, end: number, setOffset: number, header: PacketHeader): number | undefined {
  const { store, session, receivedAt, out, buf } = w;
  const template = store.template(session, setId, receivedAt);
  if (!template) {
    const pending: PendingSet = { templateId: setId, bytes: Buffer.from(buf.subarray(start, end)), offset: setOffset, header, receivedAt };
    const given = store.hold(session, pending);
    if (!given.includes(pending)) out.setsPending++;
    for (const g of given) rejectUnknown(out, g);
    return undefined;
  }
  return emitRecords(w, template, buf, start, end, header, setOffset);
}

function emitRecords(w: SetWalk, template: Template, buf: Buffer, start: number, end: number, header: PacketHeader, setOffset: number): number {
  const { out, session, exporter, receivedAt } = w;
  const ctx = new RecordContext({ header, exporter, session, receivedAt, templateId: template.id });
  const build = flowBuilder(template, header.version);
  if (build) {
    // Fixed-length records: the minimum length is the exact length, and trailing octets are padding.
    const length = template.minRecordLength;
    const first = out.records.length;
    for (let p = start; end - p >= length; p += length) out.records.push(build(buf, p, ctx));
    return out.records.length - first;
  }
  const decoded = decodeDataRecords(buf, start, end, template, header.version);
  for (const native of decoded.natives) {
    if (template.options) {
      noteExporterOptions(session, native);
      out.records.push(optionsToRecord(native, ctx));
    } else out.records.push(flowToRecord(native, ctx));
  }
  if (decoded.error) out.reject('malformed', `data set ${template.id} at offset ${setOffset}: ${decoded.error.reason}`, setOffset, buf.subarray(start, end));
  return decoded.natives.length;
}

function replayResolved(w: SetWalk): void {
  for (const p of w.store.takeResolvable(w.session, w.receivedAt)) {
    const template = w.store.template(w.session, p.templateId, w.receivedAt)!;
    emitRecords(w, template, p.bytes, 0, p.bytes.length, p.header, p.offset);
  }
}

export function rejectUnknown(out: DecodeOutput, p: PendingSet): void {
  out.reject('unknown_template', `data set for template ${p.templateId} (${p.bytes.length} octets) and no such template from this exporter`, p.offset, p.bytes);
}

/** Options records that change how this exporter's flows are read (sampling, uptime origin). */
function noteExporterOptions(session: Session, n: Record<string, unknown>): void {
  const init = n.systemInitTimeMilliseconds;
  if (typeof init === 'string') {
    const ms = Date.parse(init);
    if (Number.isFinite(ms)) session.options.systemInitTimeMs = ms;
  }
  const interval = n.samplingInterval ?? n.samplerRandomInterval;
  if (typeof interval === 'number') session.options.samplingInterval = interval;
  // PSAMP systematic count-based sampling (RFC 5477): select `interval` packets, skip `space`.
  const selected = n.samplingPacketInterval;
  if (typeof selected === 'number' && selected > 0) {
    const space = typeof n.samplingPacketSpace === 'number' ? n.samplingPacketSpace : 0;
    session.options.samplingInterval = (selected + space) / selected;
  }
  const algorithm = n.samplingAlgorithm ?? n.samplerMode;
  if (typeof algorithm === 'number') session.options.samplingAlgorithm = algorithm;
}
