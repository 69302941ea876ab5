/**
 * EVE record → NormalizedRecord. The common section (5-tuple, flow id, interface, VLAN,
 * MACs) maps the same for every event type; the event type's own table adds its fields,
 * and protocol sections riding along on another event (`http` on an alert, `smtp` on a
 * fileinfo) are mapped with their own tables without changing the event's kind.
 * The record is kept verbatim as the native record.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import { parseEveTimestamp } from './eve-time.js';
import { applyEveRules, appendUnique, asString, type EveRecord, type EveRule, type EveTypeMapping } from './eve-rules.js';
import { CORE_EVENT_TYPES } from './eve-types-core.js';
import { SERVICE_EVENT_TYPES } from './eve-types-services.js';
import { WEB_EVENT_TYPES } from './eve-types-web.js';

export const EVE_EVENT_TYPES: Readonly<Record<string, EveTypeMapping>> = {
  ...CORE_EVENT_TYPES,
  ...WEB_EVENT_TYPES,
  ...SERVICE_EVENT_TYPES,
};

/**
 * Top-level objects of the schema that are not event types of their own but decorate
 * events of other types; the common rules below map what ECS has a place for.
 */
export const EVE_COMMON_SECTIONS: readonly string[] = [
  'ether',
  'email',
  'firewall',
  'metadata',
  'ndpi',
  'packet_info',
  'rpc',
  'sctp',
  'tcp',
  'traffic',
  'tunnel',
  'verdict',
];

export const EVE_COMMON_RULES: readonly EveRule[] = [
  ['src_ip', 'source.ip'],
  ['src_port', 'source.port'],
  ['dest_ip', 'destination.ip'],
  ['dest_port', 'destination.port'],
  ['proto', 'network.transport', 'lower'],
  ['community_id', 'network.community_id'],
  ['in_iface', 'observer.ingress.interface.name'],
  ['vlan.0', 'network.vlan.id', 'string'],
  ['host', 'observer.name'],
  ['ether.src_mac', 'source.mac', 'mac'],
  ['ether.dest_mac', 'destination.mac', 'mac'],
  ['flow_id', 'suricata.eve.flow_id', 'string'],
  ['tx_id', 'suricata.eve.tx_id'],
  ['event_type', 'suricata.eve.event_type'],
  ['verdict.action', 'event.action'],
];

/** Application-layer tables, which also apply to sections riding along on other events. */
const RIDE_ALONG: Readonly<Record<string, EveTypeMapping>> = { ...WEB_EVENT_TYPES, ...SERVICE_EVENT_TYPES };

/** `app_proto` values that name no protocol. */
const NO_PROTOCOL = new Set(['failed', 'unknown', '']);

export type EveMapResult = { ok: true; record: NormalizedRecord } | { ok: false; reason: string };

export function mapEveRecord(rec: EveRecord): EveMapResult {
  const eventType = asString(rec.event_type);
  if (!eventType) return { ok: false, reason: "missing 'event_type'" };
  const tsText = rec.timestamp;
  const ts = typeof tsText === 'string' ? parseEveTimestamp(tsText) : undefined;
  if (ts === undefined) return { ok: false, reason: `invalid or missing 'timestamp': ${JSON.stringify(tsText ?? null).slice(0, 64)}` };

  const mapping = EVE_EVENT_TYPES[eventType];
  const fields: EcsFields = {
    'event.module': 'suricata',
    'event.dataset': 'suricata.eve',
    'event.kind': mapping?.kind ?? 'event',
    'observer.vendor': 'OISF',
    'observer.product': 'Suricata',
    'observer.type': 'ids',
  };
  if (mapping) {
    fields['event.category'] = [...mapping.category];
    fields['event.type'] = [...mapping.type];
    applyEveRules(rec, mapping.rules, fields);
  }
  const appProto = asString(rec.app_proto);
  if (appProto && !NO_PROTOCOL.has(appProto)) fields['network.protocol'] = appProto.toLowerCase();
  else if (mapping?.protocol) fields['network.protocol'] = mapping.protocol;
  applyEveRules(rec, EVE_COMMON_RULES, fields);
  mapping?.derive?.(rec, fields);

  // Protocol sections riding along on this event (an alert's http, a fileinfo's smtp) add
  // what they know without overriding what the event's own type said.
  for (const [section, other] of Object.entries(RIDE_ALONG)) {
    if (section === eventType || rec[section] === undefined) continue;
    const extra: EcsFields = {};
    applyEveRules(rec, other.rules, extra);
    other.derive?.(rec, extra);
    for (const [k, v] of Object.entries(extra)) {
      if (k.startsWith('related.') && Array.isArray(v)) appendUnique(fields, k, v);
      else if (fields[k] === undefined) fields[k] = v;
    }
  }

  const ipVersion = rec.ip_v;
  const src = asString(rec.src_ip);
  if (ipVersion === 4 || ipVersion === 6) fields['network.type'] = `ipv${ipVersion}`;
  else if (src) fields['network.type'] = src.includes(':') ? 'ipv6' : 'ipv4';
  appendUnique(fields, 'related.ip', [rec.src_ip, rec.dest_ip]);
  const user = fields['user.name'];
  if (typeof user === 'string') appendUnique(fields, 'related.user', [user]);

  return {
    ok: true,
    record: {
      ts,
      fields,
      native: rec,
      logsource: { product: 'suricata', service: eventType },
      ...(mapping ? {} : { warnings: [`no ECS mapping for event_type '${eventType}'; common fields only`] }),
    },
  };
}
