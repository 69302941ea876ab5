/**
 * Turns a decoded flow (native record with IANA element names) into ECS fields.
 *
 * Direction: a unidirectional flow record's octets were sent by its source, so they are
 * `source.bytes`; biflow counters (initiator/responder, RFC 5103 reverse elements) fill
 * `destination.bytes`. `network.bytes` is the sum. `@timestamp` (the record's `ts`) is the
 * export time of the packet; the flow's own span is `event.start`/`event.end`.
 */
import type { EcsFields, Logsource, NormalizedRecord } from '../../core/index.js';
import { communityIdV1 } from './community-id.js';
import { transportName } from './protocols.js';
import type { Exporter, PacketHeader, Session } from './session-store.js';
import { isoFromMs, sysUpTimeToMs } from './timestamps.js';

export interface FlowContext {
  header: PacketHeader;
  exporter: Exporter;
  session: Session;
  receivedAt: number;
  templateId: number | undefined;
  /** `event.created`, formatted once per datagram. */
  created?: string;
}

// Shared, frozen: every flow carries the same keyword lists.
const NETWORK = Object.freeze(['network']) as string[];
const CONNECTION = Object.freeze(['connection']) as string[];
const INFO = Object.freeze(['info']) as string[];

/** Sigma has no flow taxonomy; rules select NetFlow/IPFIX events by this product. */
export const NETFLOW_LOGSOURCE: Readonly<Logsource> = Object.freeze({ product: 'netflow' });

const FIREWALL_EVENTS: Record<number, { action: string; type: string[] }> = {
  // The type lists are shared by every record that uses them, hence frozen (see NETWORK below).
  1: { action: 'flow-created', type: Object.freeze(['connection', 'start']) as string[] },
  2: { action: 'flow-deleted', type: Object.freeze(['connection', 'end']) as string[] },
  3: { action: 'flow-denied', type: Object.freeze(['connection', 'denied']) as string[] },
  4: { action: 'flow-alert', type: Object.freeze(['connection']) as string[] },
  5: { action: 'flow-updated', type: Object.freeze(['connection', 'change']) as string[] },
};

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function ecsMac(v: unknown): string | undefined {
  return typeof v === 'string' && v.length === 17 ? v.toUpperCase().replace(/:/g, '-') : undefined;
}

function exportMs(h: PacketHeader): number {
  return h.exportSeconds * 1000 + Math.floor(h.exportNanos / 1_000_000);
}

interface Instant {
  iso: string;
  ms: number;
}

const EDGE_KEYS = {
  Start: { absolute: ['flowStartNanoseconds', 'flowStartMicroseconds', 'flowStartMilliseconds', 'flowStartSeconds'], upTime: 'flowStartSysUpTime', delta: 'flowStartDeltaMicroseconds' },
  End: { absolute: ['flowEndNanoseconds', 'flowEndMicroseconds', 'flowEndMilliseconds', 'flowEndSeconds'], upTime: 'flowEndSysUpTime', delta: 'flowEndDeltaMicroseconds' },
} as const;

/** A flow boundary from whichever timestamp element the exporter used. */
function flowInstant(n: Record<string, unknown>, ctx: FlowContext, edge: 'Start' | 'End'): Instant | undefined {
  const keys = EDGE_KEYS[edge];
  for (const key of keys.absolute) {
    const iso = n[key];
    if (typeof iso === 'string' && iso.endsWith('Z')) return { iso, ms: Date.parse(iso) };
  }
  const h = ctx.header;
  const base = exportMs(h);
  const subMs = h.exportNanos % 1_000_000;
  const upTime = num(n[keys.upTime]);
  if (upTime !== undefined) {
    if (h.sysUpTimeMs !== undefined) {
      const ms = sysUpTimeToMs(base, h.sysUpTimeMs, upTime);
      return { iso: isoFromMs(ms, subMs), ms };
    }
    const init = ctx.session.options.systemInitTimeMs;
    if (init !== undefined) return { iso: isoFromMs(init + upTime), ms: init + upTime };
  }
  const delta = num(n[keys.delta]);
  if (delta !== undefined) {
    const ms = base - Math.floor(delta / 1000);
    return { iso: isoFromMs(ms, subMs), ms };
  }
  return undefined;
}

function addTimes(f: EcsFields, n: Record<string, unknown>, ctx: FlowContext): void {
  const start = flowInstant(n, ctx, 'Start');
  let end = flowInstant(n, ctx, 'End');
  if (start && !end) {
    const durationMs = num(n.flowDurationMilliseconds) ?? (num(n.flowDurationMicroseconds) ?? NaN) / 1000;
    if (Number.isFinite(durationMs)) end = { iso: isoFromMs(start.ms + Math.floor(durationMs)), ms: start.ms + durationMs };
  }
  if (start) f['event.start'] = start.iso;
  if (end) f['event.end'] = end.iso;
  if (start && end && end.ms >= start.ms) f['event.duration'] = Math.round((end.ms - start.ms) * 1_000_000);
}

function addExporter(f: EcsFields, ctx: FlowContext): void {
  const { exporter, header } = ctx;
  f['observer.ip'] = exporter.address;
  f['netflow.exporter.address'] = exporter.address.includes(':') ? `[${exporter.address}]:${exporter.port}` : `${exporter.address}:${exporter.port}`;
  f['netflow.exporter.version'] = header.version;
  f['netflow.exporter.source_id'] = header.domainId;
  f['netflow.exporter.sequence'] = header.sequence;
  if (header.sysUpTimeMs !== undefined) f['netflow.exporter.uptime_millis'] = header.sysUpTimeMs;
  if (ctx.templateId !== undefined) f['netflow.template_id'] = ctx.templateId;
}

function recordTs(h: PacketHeader): number {
  return h.exportSeconds * 1000 + h.exportNanos / 1_000_000;
}

function addCounters(f: EcsFields, n: Record<string, unknown>): void {
  const srcBytes = num(n.octetDeltaCount) ?? num(n.initiatorOctets) ?? num(n.octetTotalCount);
  const srcPackets = num(n.packetDeltaCount) ?? num(n.initiatorPackets) ?? num(n.packetTotalCount);
  const dstBytes = num(n.reverseOctetDeltaCount) ?? num(n.responderOctets) ?? num(n.reverseOctetTotalCount);
  const dstPackets = num(n.reversePacketDeltaCount) ?? num(n.responderPackets) ?? num(n.reversePacketTotalCount);
  if (srcBytes !== undefined) f['source.bytes'] = srcBytes;
  if (srcPackets !== undefined) f['source.packets'] = srcPackets;
  if (dstBytes !== undefined) f['destination.bytes'] = dstBytes;
  if (dstPackets !== undefined) f['destination.packets'] = dstPackets;
  if (srcBytes !== undefined || dstBytes !== undefined) f['network.bytes'] = (srcBytes ?? 0) + (dstBytes ?? 0);
  if (srcPackets !== undefined || dstPackets !== undefined) f['network.packets'] = (srcPackets ?? 0) + (dstPackets ?? 0);
}

/** ICMP type/code: dedicated elements first, else the v5/softflowd convention of type·256+code in the destination port. */
function icmpTypeCode(n: Record<string, unknown>, protocol: number, dport: number | undefined): [number, number] | undefined {
  const v6 = protocol === 58;
  const combined = num(v6 ? n.icmpTypeCodeIPv6 : n.icmpTypeCodeIPv4);
  if (combined !== undefined) return [combined >> 8, combined & 255];
  const type = num(v6 ? n.icmpTypeIPv6 : n.icmpTypeIPv4);
  if (type !== undefined) return [type, num(v6 ? n.icmpCodeIPv6 : n.icmpCodeIPv4) ?? 0];
  if (dport !== undefined) return [dport >> 8, dport & 255];
  return undefined;
}

function addEndpoints(f: EcsFields, n: Record<string, unknown>): void {
  const src = str(n.sourceIPv4Address) ?? str(n.sourceIPv6Address);
  const dst = str(n.destinationIPv4Address) ?? str(n.destinationIPv6Address);
  const sport = num(n.sourceTransportPort) ?? num(n.udpSourcePort) ?? num(n.tcpSourcePort);
  const dport = num(n.destinationTransportPort) ?? num(n.udpDestinationPort) ?? num(n.tcpDestinationPort);
  const protocol = num(n.protocolIdentifier);
  if (src) f['source.ip'] = src;
  if (dst) f['destination.ip'] = dst;
  if (sport !== undefined) f['source.port'] = sport;
  if (dport !== undefined) f['destination.port'] = dport;
  if (src || dst) {
    f['network.type'] = (src ?? dst)!.includes(':') ? 'ipv6' : 'ipv4';
    f['related.ip'] = src && dst && src !== dst ? [src, dst] : [(src ?? dst)!];
  }
  if (protocol !== undefined) {
    f['network.iana_number'] = String(protocol);
    const name = transportName(protocol);
    if (name) f['network.transport'] = name;
    if (src && dst) {
      const icmp = protocol === 1 || protocol === 58 ? icmpTypeCode(n, protocol, dport) : undefined;
      const id = communityIdV1({ sourceIp: src, destinationIp: dst, protocol, sourcePort: sport, destinationPort: dport, icmpType: icmp?.[0], icmpCode: icmp?.[1] });
      if (id) f['network.community_id'] = id;
    }
  }
  const srcMac = ecsMac(n.sourceMacAddress);
  const dstMac = ecsMac(n.destinationMacAddress);
  if (srcMac) f['source.mac'] = srcMac;
  if (dstMac) f['destination.mac'] = dstMac;
  const srcAs = num(n.bgpSourceAsNumber);
  const dstAs = num(n.bgpDestinationAsNumber);
  if (srcAs) f['source.as.number'] = srcAs;
  if (dstAs) f['destination.as.number'] = dstAs;
  const natSrc = str(n.postNATSourceIPv4Address) ?? str(n.postNATSourceIPv6Address) ?? str(n.ciscoXlateSrcAddrIPv4);
  const natDst = str(n.postNATDestinationIPv4Address) ?? str(n.postNATDestinationIPv6Address) ?? str(n.ciscoXlateDstAddrIPv4);
  const natSport = num(n.postNAPTSourceTransportPort) ?? num(n.ciscoXlateSrcPort);
  const natDport = num(n.postNAPTDestinationTransportPort) ?? num(n.ciscoXlateDstPort);
  if (natSrc) f['source.nat.ip'] = natSrc;
  if (natDst) f['destination.nat.ip'] = natDst;
  if (natSport !== undefined) f['source.nat.port'] = natSport;
  if (natDport !== undefined) f['destination.nat.port'] = natDport;
}

function addContext(f: EcsFields, n: Record<string, unknown>, ctx: FlowContext): void {
  const vlan = num(n.vlanId) ?? num(n.dot1qVlanId);
  if (vlan !== undefined) f['network.vlan.id'] = String(vlan);
  const ingress = num(n.ingressInterface);
  const egress = num(n.egressInterface);
  if (ingress !== undefined) f['observer.ingress.interface.id'] = String(ingress);
  if (egress !== undefined) f['observer.egress.interface.id'] = String(egress);
  const direction = num(n.flowDirection);
  if (direction === 0) f['network.direction'] = 'ingress';
  else if (direction === 1) f['network.direction'] = 'egress';
  const user = str(n.userName) ?? str(n.ciscoUsername);
  if (user) f['user.name'] = user;
  const fw = FIREWALL_EVENTS[num(n.firewallEvent) ?? num(n.ciscoFwEvent) ?? -1];
  if (fw) {
    f['event.action'] = fw.action;
    f['event.type'] = fw.type;
  }
  const sampling = ctx.session.options.samplingInterval;
  if (sampling !== undefined && sampling > 1) f['netflow.sampling_interval'] = sampling;
}

export function flowToRecord(native: Record<string, unknown>, ctx: FlowContext): NormalizedRecord {
  const f: EcsFields = {
    'event.kind': 'event',
    'event.category': NETWORK,
    'event.type': CONNECTION,
    'event.module': 'netflow',
    'event.dataset': 'netflow.flow',
    'event.created': (ctx.created ??= isoFromMs(ctx.receivedAt)),
  };
  addExporter(f, ctx);
  addEndpoints(f, native);
  addCounters(f, native);
  addTimes(f, native, ctx);
  addContext(f, native, ctx);
  return { ts: recordTs(ctx.header), fields: f, native, logsource: NETFLOW_LOGSOURCE };
}

/** Options data records describe the exporter (sampling, uptime, counters), not traffic. */
export function optionsToRecord(native: Record<string, unknown>, ctx: FlowContext): NormalizedRecord {
  const f: EcsFields = {
    'event.kind': 'event',
    'event.category': NETWORK,
    'event.type': INFO,
    'event.module': 'netflow',
    'event.dataset': 'netflow.options',
    'event.created': (ctx.created ??= isoFromMs(ctx.receivedAt)),
  };
  addExporter(f, ctx);
  return { ts: recordTs(ctx.header), fields: f, native, logsource: NETFLOW_LOGSOURCE };
}
