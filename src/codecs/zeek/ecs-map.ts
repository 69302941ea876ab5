/**
 * Zeek record → NormalizedRecord: ECS fields from the per-log tables, the Zeek columns
 * kept verbatim as the native record (Sigma's zeek rules name them: `id.orig_h`, `query`,
 * `certificate.serial`), and the logsource Sigma's zeek rules select on
 * (`product: zeek`, `service: <log path>`).
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import { appendUnique, applyRules, type LogMapping, type Rule } from './ecs-rules.js';
import { NETWORK_MAPPINGS } from './ecs-tables-network.js';
import { PROTOCOL_MAPPINGS } from './ecs-tables-protocols.js';
import { SECURITY_MAPPINGS } from './ecs-tables-security.js';
import type { ZeekRecord } from './record.js';

/** Columns most Zeek logs share: the connection 5-tuple and its identifiers. */
const COMMON_RULES: readonly Rule[] = [
  ['uid', 'zeek.session_id'],
  ['id.orig_h', 'source.ip'],
  ['id.orig_p', 'source.port'],
  ['id.resp_h', 'destination.ip'],
  ['id.resp_p', 'destination.port'],
  ['proto', 'network.transport', 'lower'],
  ['community_id', 'network.community_id'],
  ['orig_l2_addr', 'source.mac', 'mac'],
  ['resp_l2_addr', 'destination.mac', 'mac'],
  ['vlan', 'network.vlan.id', 'string'],
];

const MAPPINGS: Readonly<Record<string, LogMapping>> = { ...NETWORK_MAPPINGS, ...PROTOCOL_MAPPINGS, ...SECURITY_MAPPINGS };

/** The log streams with a dedicated mapping (the rest get the common columns only). */
export function mappedZeekLogs(): string[] {
  return Object.keys(MAPPINGS).sort();
}

/** `conn_long` (the long-connections package) has conn.log's columns. */
function mappingFor(path: string): LogMapping | undefined {
  if (MAPPINGS[path]) return MAPPINGS[path];
  if (path === 'conn_long') return MAPPINGS.conn;
  return undefined;
}

export function mapZeekRecord(record: ZeekRecord): NormalizedRecord {
  const rec = record.fields;
  const mapping = mappingFor(record.path);
  const fields: EcsFields = {
    'event.module': 'zeek',
    'event.dataset': `zeek.${record.path}`,
    'event.kind': mapping?.kind ?? 'event',
  };
  if (mapping) {
    fields['event.category'] = [...mapping.category];
    fields['event.type'] = [...mapping.type];
    if (mapping.protocol) fields['network.protocol'] = mapping.protocol;
    applyRules(rec, mapping.rules, fields);
  }
  applyRules(rec, COMMON_RULES, fields);
  if (!mapping && fields['source.ip'] !== undefined) {
    fields['event.category'] = ['network'];
    fields['event.type'] = ['info'];
  }
  mapping?.derive?.(rec, fields);

  const src = fields['source.ip'];
  const dst = fields['destination.ip'];
  appendUnique(fields, 'related.ip', [typeof src === 'string' ? src : undefined, typeof dst === 'string' ? dst : undefined]);
  const anyIp = typeof src === 'string' ? src : typeof dst === 'string' ? dst : undefined;
  if (anyIp !== undefined && fields['network.type'] === undefined) fields['network.type'] = anyIp.includes(':') ? 'ipv6' : 'ipv4';
  const user = fields['user.name'];
  if (typeof user === 'string') appendUnique(fields, 'related.user', [user]);

  const out: NormalizedRecord = {
    fields,
    native: rec,
    logsource: { product: 'zeek', service: record.path },
  };
  const ts = rec.ts;
  if (typeof ts === 'number') out.ts = ts * 1000;
  else out.warnings = ['record has no ts field'];
  return out;
}
