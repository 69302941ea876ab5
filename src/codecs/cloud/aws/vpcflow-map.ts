/**
 * AWS VPC Flow Log records → ECS. Field names differ by delivery: the text formats use the
 * documented names (`srcaddr`, `log-status`, `pkt-srcaddr`), JSON exporters often camelCase or
 * snake_case them (`srcAddr`, `log_status`), so fields are looked up by a folded name
 * (lower case, no `-` or `_`). The record is kept as delivered in `native`.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { EcsBuilder, num, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { fail } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { isoFromEpochSeconds } from '../shared/cloud-time.js';

export const VPCFLOW_LOGSOURCE = { product: 'aws', service: 'vpcflow' } as const;

const TRANSPORTS: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 47: 'gre', 50: 'esp', 51: 'ah', 58: 'ipv6-icmp', 132: 'sctp' };

/** Keys the mapping reads; a record with none of them is not a flow log record. */
const FLOW_KEYS = ['srcaddr', 'dstaddr', 'action', 'logstatus', 'status', 'interfaceid', 'version', 'start'];

function fold(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

export function mapVpcFlowRecord(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const byFolded = new Map<string, unknown>();
  for (const [k, v] of Object.entries(rec)) {
    // `-` is how the text format writes "no value" (NODATA records, fields not applicable).
    if (v !== '-' && v !== null && v !== '') byFolded.set(fold(k), v);
  }
  if (!FLOW_KEYS.some((k) => byFolded.has(k))) fail('not a VPC flow log record: none of srcaddr, dstaddr, action, log-status, interface-id, version, start');
  const get = (k: string): unknown => byFolded.get(k);
  const ecs = new EcsBuilder();
  const action = str(get('action'))?.toLowerCase();
  const proto = num(get('protocol'));
  const start = num(get('start'));
  const end = num(get('end'));
  const direction = str(get('flowdirection'))?.toLowerCase();
  ecs
    .set('event.kind', 'event')
    .set('event.category', ['network'])
    .set('event.type', action === 'accept' ? ['connection', 'allowed'] : action === 'reject' ? ['connection', 'denied'] : ['connection'])
    .set('event.action', action)
    .set('event.outcome', action === 'accept' ? 'success' : action === 'reject' ? 'failure' : undefined)
    .str('event.reason', get('rejectreason'))
    .ip('source.ip', get('srcaddr'))
    .set('source.port', num(get('srcport')))
    .ip('destination.ip', get('dstaddr'))
    .set('destination.port', num(get('dstport')))
    .set('network.iana_number', proto !== undefined ? String(proto) : undefined)
    .set('network.transport', proto !== undefined ? TRANSPORTS[proto] : undefined)
    .set('network.packets', num(get('packets')))
    .set('network.bytes', num(get('bytes')))
    .set('network.direction', direction === 'ingress' || direction === 'egress' ? direction : undefined)
    .set('event.start', isoFromEpochSeconds(start))
    .set('event.end', isoFromEpochSeconds(end))
    .set('cloud.provider', 'aws')
    .set('cloud.service.name', 'vpc')
    .str('cloud.account.id', get('accountid'))
    .str('cloud.region', get('region'))
    .str('cloud.instance.id', get('instanceid'))
    .str('interface.id', get('interfaceid'))
    .str('network.vpc.id', get('vpcid'));
  // The packet-level addresses differ from srcaddr/dstaddr behind NAT gateways and load balancers.
  ecs.ip('source.nat.ip', get('pktsrcaddr') !== get('srcaddr') ? get('pktsrcaddr') : undefined);
  ecs.ip('destination.nat.ip', get('pktdstaddr') !== get('dstaddr') ? get('pktdstaddr') : undefined);
  return finishRecord({ time: start === undefined ? undefined : start * 1000, timeField: 'start', dataset: 'aws.vpcflow', ecs, native: rec, logsource: { ...VPCFLOW_LOGSOURCE } }, ctx);
}
