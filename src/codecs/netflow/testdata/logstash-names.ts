/**
 * Where a field of logstash-codec-netflow's output lives in Vigil's decoded record.
 * Logstash names NetFlow v9 fields after its own netflow.yaml (`in_bytes`) and IPFIX
 * fields after IANA (`octetDeltaCount`); Vigil uses the IANA name for both, keeps
 * enterprise elements as `ipfix.e<PEN>.<id>`, and puts derived values in ECS fields.
 */
export type Location = { in: 'native'; key: string; alternatives?: string[] } | { in: 'fields'; key: string } | { in: 'ts' } | { in: 'skip'; why: string };

/** `alternatives`: Cisco ASA exports the same Logstash field as an IANA element or as its older NSEL type. */
const native = (key: string, ...alternatives: string[]): Location => ({ in: 'native', key, alternatives });
const fields = (key: string): Location => ({ in: 'fields', key });

export const LOGSTASH_LOCATIONS: Record<string, Location> = {
  '@timestamp': { in: 'ts' },
  version: native('version'),
  flowset_id: native('templateId'),
  flow_seq_num: fields('netflow.exporter.sequence'),
  flow_records: { in: 'skip', why: 'the v5 header record count describes the datagram, not the flow' },
  // Logstash turns sysUpTime-relative times into absolute ones; Vigil keeps the raw
  // uptime in native and puts the absolute time in event.start / event.end.
  first_switched: fields('event.start'),
  last_switched: fields('event.end'),
  engine_type: native('engineType'),
  engine_id: native('engineId'),
  sampling_algorithm: native('samplingAlgorithm'),
  sampling_interval: native('samplingInterval'),
  in_bytes: native('octetDeltaCount'),
  in_pkts: native('packetDeltaCount'),
  protocol: native('protocolIdentifier'),
  src_tos: native('ipClassOfService'),
  tcp_flags: native('tcpControlBits'),
  l4_src_port: native('sourceTransportPort'),
  l4_dst_port: native('destinationTransportPort'),
  ipv4_src_addr: native('sourceIPv4Address'),
  ipv4_dst_addr: native('destinationIPv4Address'),
  ipv4_next_hop: native('ipNextHopIPv4Address'),
  src_mask: native('sourceIPv4PrefixLength'),
  dst_mask: native('destinationIPv4PrefixLength'),
  input_snmp: native('ingressInterface'),
  output_snmp: native('egressInterface'),
  src_as: native('bgpSourceAsNumber'),
  dst_as: native('bgpDestinationAsNumber'),
  ip_protocol_version: native('ipVersion'),
  in_src_mac: native('sourceMacAddress'),
  in_dst_mac: native('destinationMacAddress'),
  src_vlan: native('vlanId'),
  direction: native('flowDirection'),
  conn_id: native('flowId'),
  icmp_type: native('icmpTypeIPv4'),
  icmp_code: native('icmpCodeIPv4'),
  xlate_src_addr_ipv4: native('ciscoXlateSrcAddrIPv4', 'postNATSourceIPv4Address'),
  xlate_dst_addr_ipv4: native('ciscoXlateDstAddrIPv4', 'postNATDestinationIPv4Address'),
  xlate_src_port: native('ciscoXlateSrcPort', 'postNAPTSourceTransportPort'),
  xlate_dst_port: native('ciscoXlateDstPort', 'postNAPTDestinationTransportPort'),
  fw_event: native('ciscoFwEvent', 'firewallEvent'),
  fw_ext_event: native('ciscoFwExtEvent'),
  event_time_msec: native('observationTimeMilliseconds'),
  flow_start_msec: native('flowStartMilliseconds'),
  in_permanent_bytes: native('octetTotalCount'),
  ingress_acl_id: native('ciscoIngressAclId'),
  egress_acl_id: native('ciscoEgressAclId'),
  username: native('ciscoUsername'),
  fwd_flow_delta_bytes: native('initiatorOctets'),
  rev_flow_delta_bytes: native('responderOctets'),
  scope_system: native('scopeSystem'),
  total_flows_exp: native('exportedFlowRecordTotalCount'),
  total_pkts_exp: native('exportedMessageTotalCount'),
  // Citrix NetScaler enterprise elements (PEN 5951).
  netscalerConnectionId: native('ipfix.e5951.133'),
  netscalerFlowFlags: native('ipfix.e5951.132'),
  netscalerAppUnitNameAppId: native('ipfix.e5951.171'),
  netscalerHttpReqXForwardedFor: native('ipfix.e5951.190'),
};

/** Logstash names that are already IANA names (its IPFIX output) map to themselves. */
export function locate(logstashName: string): Location {
  return LOGSTASH_LOCATIONS[logstashName] ?? native(logstashName);
}
