/**
 * Unidirectional flow records as an IPFIX/NetFlow v9 collector decodes them, with the IANA
 * information element names (octetDeltaCount, sourceTransportPort, ...). One record per
 * direction, exported when the flow ends or hits the exporter's active timeout, as real
 * exporters do: a long upload appears as several records with the same 5-tuple.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import { demoCountryOf } from '../geo.js';
import type { RecordContext } from './context.js';

export type FlowDirection = 'outbound' | 'inbound' | 'internal';

export interface FlowInput {
  /** Export time (the flow's end), epoch ms: the event time of the record. */
  ts: number;
  duration_ms: number;
  src_ip: string;
  src_port: number;
  dst_ip: string;
  dst_port: number;
  transport: 'tcp' | 'udp';
  bytes: number;
  packets: number;
  direction: FlowDirection;
  /** The internal endpoint's host name, as an asset enrichment resolves it (absent when unknown). */
  host?: string;
  /** Which exporter saw the flow: the edge router for internet traffic, the core switch inside. */
  exporter: { name: string; ip: string; ingress_if: number; egress_if: number };
  /** 'end of flow' (3) for short flows, 'active timeout' (2) for long ones. */
  end_reason: 2 | 3;
}

const PROTOCOL_NUMBER = { tcp: 6, udp: 17 } as const;

export function flowRecord(ctx: RecordContext, f: FlowInput): NormalizedRecord {
  const startIso = ctx.time.iso(f.ts - f.duration_ms);
  const endIso = ctx.time.iso(f.ts);
  // What Vigil's flow normalizer derives from these elements (src/codecs/netflow/ecs-mapping.ts),
  // except the per-packet exporter details; direction and host name come from asset enrichment.
  const fields: EcsFields = {
    'event.kind': 'event',
    'event.category': ['network'],
    'event.type': ['connection'],
    'event.action': 'network_flow',
    'event.module': 'netflow',
    'event.dataset': 'netflow.flow',
    'observer.name': f.exporter.name,
    'observer.ip': f.exporter.ip,
    'source.ip': f.src_ip,
    'destination.ip': f.dst_ip,
    'source.port': f.src_port,
    'destination.port': f.dst_port,
    'network.type': 'ipv4',
    'related.ip': f.src_ip === f.dst_ip ? [f.src_ip] : [f.src_ip, f.dst_ip],
    'network.iana_number': String(PROTOCOL_NUMBER[f.transport]),
    'network.transport': f.transport,
    'source.bytes': f.bytes,
    'source.packets': f.packets,
    'network.bytes': f.bytes,
    'network.packets': f.packets,
    'event.start': startIso,
    'event.end': endIso,
    'event.duration': f.duration_ms * 1_000_000,
    'observer.ingress.interface.id': String(f.exporter.ingress_if),
    'observer.egress.interface.id': String(f.exporter.egress_if),
    'network.direction': f.direction,
  };
  if (f.host !== undefined) fields['host.name'] = f.host;
  if (f.direction === 'inbound') {
    const country = demoCountryOf(f.src_ip);
    if (country !== undefined) fields['source.geo.country_iso_code'] = country;
  } else if (f.direction === 'outbound') {
    const country = demoCountryOf(f.dst_ip);
    if (country !== undefined) fields['destination.geo.country_iso_code'] = country;
  }
  return {
    ts: f.ts,
    fields,
    // The collector's decoded data record: IPFIX version, the template it came through, then the elements.
    native: {
      version: 10,
      templateId: 256,
      exporterIPv4Address: f.exporter.ip,
      observationDomainId: 1,
      sourceIPv4Address: f.src_ip,
      destinationIPv4Address: f.dst_ip,
      sourceTransportPort: f.src_port,
      destinationTransportPort: f.dst_port,
      protocolIdentifier: PROTOCOL_NUMBER[f.transport],
      // SYN|ACK|PSH|FIN for a complete TCP conversation; only ACK|PSH for a slice cut by the active timeout.
      tcpControlBits: f.transport === 'tcp' ? (f.end_reason === 3 ? 0x1b : 0x18) : 0,
      octetDeltaCount: f.bytes,
      packetDeltaCount: f.packets,
      flowStartMilliseconds: startIso,
      flowEndMilliseconds: endIso,
      flowEndReason: f.end_reason,
      ingressInterface: f.exporter.ingress_if,
      egressInterface: f.exporter.egress_if,
      ipClassOfService: 0,
    },
    logsource: { product: 'netflow' },
  };
}
