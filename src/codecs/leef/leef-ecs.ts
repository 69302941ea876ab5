/**
 * LEEF → ECS for the predefined LEEF attributes (IBM's list: src, dst, srcPort, usrName, sev,
 * devTime/devTimeFormat, …). Values that do not fit their type stay in `native` with a warning.
 */
import { isIP } from 'node:net';
import type { EcsFields } from '../../core/index.js';
import { parseJavaDate } from './java-date-format.js';
import type { LeefRecord } from './parse-leef.js';
import { setEcsField } from '../cef/index.js';

type Kind = 'string' | 'ip' | 'port' | 'int' | 'transport';

const MAPPINGS: ReadonlyArray<readonly [string, string, Kind]> = [
  ['src', 'source.ip', 'ip'],
  ['dst', 'destination.ip', 'ip'],
  ['srcPort', 'source.port', 'port'],
  ['dstPort', 'destination.port', 'port'],
  ['srcPostNAT', 'source.nat.ip', 'ip'],
  ['srcPostNATPort', 'source.nat.port', 'port'],
  ['dstPostNAT', 'destination.nat.ip', 'ip'],
  ['dstPostNATPort', 'destination.nat.port', 'port'],
  ['srcMAC', 'source.mac', 'string'],
  ['dstMAC', 'destination.mac', 'string'],
  ['srcBytes', 'source.bytes', 'int'],
  ['dstBytes', 'destination.bytes', 'int'],
  ['srcPackets', 'source.packets', 'int'],
  ['dstPackets', 'destination.packets', 'int'],
  ['totalPackets', 'network.packets', 'int'],
  ['proto', 'network.transport', 'transport'],
  ['usrName', 'user.name', 'string'],
  ['domain', 'user.domain', 'string'],
  ['url', 'url.original', 'string'],
  ['policy', 'rule.name', 'string'],
  ['sev', 'event.severity', 'int'],
];

const IANA_PROTOCOLS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '47': 'gre', '50': 'esp', '58': 'ipv6-icmp', '132': 'sctp' };

export interface LeefMappingOptions {
  /** Fallback for `devTime` without `devTimeFormat` (epoch, ISO, `MMM dd yyyy HH:mm:ss`). */
  parseTime(text: string): number | undefined;
  timezone?: string;
}

export interface LeefMapping {
  fields: EcsFields;
  ts?: number;
  warnings: string[];
}

function convert(kind: Kind, v: string): string | number | undefined {
  switch (kind) {
    case 'string': return v;
    case 'ip': return isIP(v) ? v : undefined;
    case 'port': {
      const n = /^\d{1,5}$/.test(v) ? Number(v) : NaN;
      return n <= 65535 ? n : undefined;
    }
    case 'int': return /^-?\d{1,15}$/.test(v) ? Number(v) : undefined;
    // Own keys only: `proto=constructor` must not find Object's members.
    case 'transport': return (Object.hasOwn(IANA_PROTOCOLS, v) ? IANA_PROTOCOLS[v] : undefined) ?? (/^[A-Za-z][A-Za-z0-9-]*$/.test(v) ? v.toLowerCase() : undefined);
  }
}

/** Writes into `fields` (a fresh object, or the record's header fields, which it extends in place). */
export function leefToEcs(rec: LeefRecord, opts: LeefMappingOptions, fields: EcsFields = {}): LeefMapping {
  fields['event.kind'] = 'event';
  fields['event.module'] = 'leef';
  fields['observer.vendor'] = rec.vendor;
  fields['observer.product'] = rec.product;
  fields['observer.version'] = rec.productVersion;
  fields['event.code'] = rec.eventId;
  const warnings: string[] = [];
  const a = rec.attributes;
  for (const [key, field, kind] of MAPPINGS) {
    const v = a[key];
    if (v === undefined || v === '' || !Object.prototype.hasOwnProperty.call(a, key)) continue;
    const c = convert(kind, v.trim());
    if (c === undefined) warnings.push(`LEEF ${key}="${v.slice(0, 64)}" is not a valid ${kind}`);
    else setEcsField(fields, field, c);
  }
  if (fields['user.name'] === undefined && a.accountName) fields['user.name'] = a.accountName;
  const url = fields['url.original'];
  if (typeof url === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) fields['url.full'] = url;
  if (a.isLoginEvent === 'true') {
    fields['event.category'] = ['authentication'];
    fields['event.type'] = ['start'];
  } else if (a.isLogoutEvent === 'true') {
    fields['event.category'] = ['session'];
    fields['event.type'] = ['end'];
  }
  const related = ['source.ip', 'destination.ip'].map((f) => fields[f]).filter((v): v is string => typeof v === 'string');
  if (related.length) fields['related.ip'] = [...new Set(related)];
  if (typeof fields['user.name'] === 'string') fields['related.user'] = [fields['user.name']];
  let ts: number | undefined;
  const devTime = a.devTime;
  if (devTime !== undefined && devTime !== '') {
    const fmt = a.devTimeFormat;
    ts = fmt ? parseJavaDate(devTime, fmt, opts.timezone) : opts.parseTime(devTime);
    if (ts === undefined) warnings.push(`LEEF devTime="${devTime.slice(0, 64)}" does not match ${fmt ? `devTimeFormat "${fmt.slice(0, 64)}"` : 'a known time format'}`);
  }
  return { fields, ts, warnings };
}
