/**
 * EVTX record (evtx_dump JSON) → NormalizedRecord: the JSON is kept verbatim as `native`
 * (Sigma rules match it through the Windows field mapping), the Sigma logsource comes from
 * the channel, and a small table maps unambiguous EventData names to ECS fields.
 */
import type { EcsFields, FieldValue, NormalizedRecord } from '../../core/event.js';
import { serviceForChannel } from './channels.js';
import type { JsonObject, JsonValue } from './render-json.js';

type Transform = 'string' | 'int' | 'hexint' | 'ip' | 'port' | 'basename' | 'user' | 'domain';

interface FieldRule {
  from: string;
  to: string;
  as?: Transform;
}

interface MappingRule {
  service: string;
  /** Event ids the rule applies to; all when absent. */
  eventIds?: number[];
  fields: FieldRule[];
  set?: EcsFields;
}

const PROCESS_FIELDS: FieldRule[] = [
  { from: 'Image', to: 'process.executable' },
  { from: 'Image', to: 'process.name', as: 'basename' },
  { from: 'CommandLine', to: 'process.command_line' },
  { from: 'ProcessId', to: 'process.pid', as: 'int' },
  { from: 'ProcessGuid', to: 'process.entity_id' },
  { from: 'ParentImage', to: 'process.parent.executable' },
  { from: 'ParentImage', to: 'process.parent.name', as: 'basename' },
  { from: 'ParentProcessId', to: 'process.parent.pid', as: 'int' },
  { from: 'ParentCommandLine', to: 'process.parent.command_line' },
  { from: 'ParentProcessGuid', to: 'process.parent.entity_id' },
  { from: 'User', to: 'user.name', as: 'user' },
  { from: 'User', to: 'user.domain', as: 'domain' },
];

const LOGON_FIELDS: FieldRule[] = [
  { from: 'TargetUserName', to: 'user.name' },
  { from: 'TargetDomainName', to: 'user.domain' },
  { from: 'IpAddress', to: 'source.ip', as: 'ip' },
  { from: 'IpPort', to: 'source.port', as: 'port' },
  { from: 'LogonType', to: 'winlog.logon.type' },
];

/** First matching rule wins per field; rules are tried in order. */
const MAPPINGS: MappingRule[] = [
  { service: 'sysmon', eventIds: [1], fields: PROCESS_FIELDS, set: { 'event.category': ['process'], 'event.type': ['start'] } },
  { service: 'sysmon', eventIds: [5], fields: PROCESS_FIELDS, set: { 'event.category': ['process'], 'event.type': ['end'] } },
  {
    service: 'sysmon',
    eventIds: [3],
    fields: [
      { from: 'SourceIp', to: 'source.ip', as: 'ip' },
      { from: 'SourcePort', to: 'source.port', as: 'port' },
      { from: 'DestinationIp', to: 'destination.ip', as: 'ip' },
      { from: 'DestinationPort', to: 'destination.port', as: 'port' },
      { from: 'DestinationHostname', to: 'destination.domain' },
      { from: 'Protocol', to: 'network.transport' },
    ],
    set: { 'event.category': ['network'] },
  },
  { service: 'sysmon', eventIds: [11, 23, 26], fields: [{ from: 'TargetFilename', to: 'file.path' }], set: { 'event.category': ['file'] } },
  { service: 'sysmon', eventIds: [6, 7], fields: [{ from: 'ImageLoaded', to: 'file.path' }] },
  { service: 'sysmon', eventIds: [12, 13, 14], fields: [{ from: 'TargetObject', to: 'registry.path' }], set: { 'event.category': ['registry'] } },
  { service: 'sysmon', eventIds: [22], fields: [{ from: 'QueryName', to: 'dns.question.name' }], set: { 'event.category': ['network'] } },
  { service: 'sysmon', fields: PROCESS_FIELDS },
  { service: 'security', eventIds: [4624], fields: LOGON_FIELDS, set: { 'event.category': ['authentication'], 'event.type': ['start'], 'event.outcome': 'success' } },
  { service: 'security', eventIds: [4625], fields: LOGON_FIELDS, set: { 'event.category': ['authentication'], 'event.type': ['start'], 'event.outcome': 'failure' } },
  { service: 'security', eventIds: [4634, 4647], fields: LOGON_FIELDS, set: { 'event.category': ['authentication'], 'event.type': ['end'] } },
  { service: 'security', eventIds: [4648], fields: LOGON_FIELDS, set: { 'event.category': ['authentication'] } },
  {
    service: 'security',
    eventIds: [4688],
    fields: [
      { from: 'NewProcessName', to: 'process.executable' },
      { from: 'NewProcessName', to: 'process.name', as: 'basename' },
      { from: 'CommandLine', to: 'process.command_line' },
      { from: 'NewProcessId', to: 'process.pid', as: 'hexint' },
      { from: 'ProcessId', to: 'process.parent.pid', as: 'hexint' },
      { from: 'ParentProcessName', to: 'process.parent.executable' },
      { from: 'ParentProcessName', to: 'process.parent.name', as: 'basename' },
      { from: 'SubjectUserName', to: 'user.name' },
      { from: 'SubjectDomainName', to: 'user.domain' },
    ],
    set: { 'event.category': ['process'], 'event.type': ['start'] },
  },
];

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Text of an element value: a scalar, or the `#text` of an element that also has attributes. */
function textOf(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v) && v['#text'] !== undefined && !Array.isArray(v['#text'])) return textOf(v['#text']);
  return undefined;
}

/** Attribute `name` of child `key`, in either JSON layout (`#attributes` or `key_attributes`). */
function attributeOf(parent: JsonObject, key: string, name: string): string | undefined {
  const el = parent[key];
  if (isObject(el) && isObject(el['#attributes'])) return textOf(el['#attributes'][name]);
  const separate = parent[`${key}_attributes`];
  return isObject(separate) ? textOf(separate[name]) : undefined;
}

function transform(raw: string, as: Transform): FieldValue | undefined {
  if (raw === '' || raw === '-') return undefined;
  switch (as) {
    case 'int':
    case 'hexint':
    case 'port': {
      const n = /^0x[0-9a-f]+$/i.test(raw) ? parseInt(raw, 16) : as === 'hexint' && /^[0-9a-f]+$/i.test(raw) ? parseInt(raw, 16) : /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n) || (as === 'port' && (n <= 0 || n > 65535))) return undefined;
      return n;
    }
    case 'ip':
      return /^[0-9a-f.:%]+$/i.test(raw) && (raw.includes('.') || raw.includes(':')) ? raw : undefined;
    case 'basename':
      return raw.slice(Math.max(raw.lastIndexOf('\\'), raw.lastIndexOf('/')) + 1) || undefined;
    case 'user': {
      const i = raw.indexOf('\\');
      return i >= 0 ? raw.slice(i + 1) || undefined : raw;
    }
    case 'domain': {
      const i = raw.indexOf('\\');
      return i > 0 ? raw.slice(0, i) : undefined;
    }
    default:
      return raw;
  }
}

/** `2016-07-08T18:12:51.681640Z` → epoch ms, keeping the sub-millisecond digits as a fraction. */
export function parseSystemTime(s: string): number | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(s);
  if (!m) return undefined;
  const whole = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(whole)) return undefined;
  return whole + (m[2] ? Number(`0.${m[2]}`) * 1000 : 0);
}

function asInt(s: string | undefined): number | undefined {
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
}

/** Maps one evtx_dump-style record (`{Event: {System, EventData | UserData}}`) to the common shape. */
export function evtxToNormalized(native: JsonObject): NormalizedRecord {
  const warnings: string[] = [];
  const event = native.Event;
  const system = isObject(event) ? event.System : undefined;
  const fields: EcsFields = { 'event.kind': 'event' };
  if (!isObject(event) || !isObject(system)) {
    return { fields, native, logsource: { product: 'windows' }, warnings: ['record has no Event.System element'] };
  }
  const channel = textOf(system.Channel);
  const provider = attributeOf(system, 'Provider', 'Name');
  const eventId = asInt(textOf(system.EventID));
  const recordId = asInt(textOf(system.EventRecordID));
  const computer = textOf(system.Computer);
  const systemTime = attributeOf(system, 'TimeCreated', 'SystemTime');
  const ts = systemTime !== undefined ? parseSystemTime(systemTime) : undefined;
  if (ts === undefined) warnings.push(`no usable System.TimeCreated SystemTime (${systemTime ?? 'absent'})`);

  if (eventId !== undefined) {
    fields['event.code'] = String(eventId);
    fields['winlog.event_id'] = eventId;
  }
  if (provider !== undefined) {
    fields['event.provider'] = provider;
    fields['winlog.provider_name'] = provider;
  }
  if (computer !== undefined) fields['host.name'] = computer;
  if (channel !== undefined) fields['winlog.channel'] = channel;
  if (recordId !== undefined) fields['winlog.record_id'] = recordId;

  const service = channel !== undefined ? serviceForChannel(channel) : undefined;
  const data = isObject(event.EventData) ? event.EventData : undefined;
  if (service !== undefined && data !== undefined) {
    for (const rule of MAPPINGS) {
      if (rule.service !== service || (rule.eventIds && (eventId === undefined || !rule.eventIds.includes(eventId)))) continue;
      for (const f of rule.fields) {
        if (fields[f.to] !== undefined) continue;
        const raw = textOf(data[f.from]);
        const value = raw === undefined ? undefined : transform(raw, f.as ?? 'string');
        if (value !== undefined) fields[f.to] = value;
      }
      for (const [k, v] of Object.entries(rule.set ?? {})) fields[k] ??= v;
    }
  }
  return {
    ts,
    fields,
    native,
    logsource: service !== undefined ? { product: 'windows', service } : { product: 'windows' },
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
