/**
 * DNS queries as Zeek's dns.log records them (JSON writer: column names verbatim, `ts` as
 * epoch seconds with microseconds), plus the ECS fields a Zeek normalizer extracts.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import type { RecordContext } from './context.js';

export interface DnsQueryInput {
  ts: number;
  client_ip: string;
  client_port: number;
  resolver_ip: string;
  query: string;
  /** The query's registered domain when the caller knows it (saves recomputing it per record). */
  registered_domain?: string;
  qtype: 'A' | 'AAAA' | 'TXT' | 'SRV';
  /** Empty with NXDOMAIN. */
  answers: string[];
  ttl_s: number;
  rcode: 'NOERROR' | 'NXDOMAIN';
  rtt_s: number;
  /** Client host name from asset enrichment. */
  host?: string;
  sensor: string;
}

const QTYPE_NUMBER = { A: 1, AAAA: 28, TXT: 16, SRV: 33 } as const;
const NO_IPS: string[] = [];
const UID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The registered domain (last two labels), what "rare domain" analytics count. */
export function registeredDomain(name: string): string {
  const last = name.lastIndexOf('.');
  if (last <= 0) return name;
  const prev = name.lastIndexOf('.', last - 1);
  return prev < 0 ? name : name.slice(prev + 1);
}

export function dnsQueryRecord(ctx: RecordContext, q: DnsQueryInput): NormalizedRecord {
  const uid = `C${ctx.rng.chars(UID_ALPHABET, 17)}`;
  const transId = ctx.rng.int(65536);
  // Fresh arrays per record: callers pass shared pools, and consumers may mutate what they get.
  const answers = q.answers.slice();
  // What Vigil's Zeek normalizer derives from dns.log (src/codecs/zeek), plus the enrichments.
  const fields: EcsFields = {
    'event.module': 'zeek',
    'event.dataset': 'zeek.dns',
    'event.kind': 'event',
    'event.category': ['network'],
    'event.type': ['protocol'],
    'event.action': 'dns_query',
    'event.outcome': q.rcode === 'NOERROR' ? 'success' : 'failure',
    'network.protocol': 'dns',
    'dns.question.name': q.query,
    'dns.question.type': q.qtype,
    'dns.question.class': 'C_INTERNET',
    'dns.question.registered_domain': q.registered_domain ?? registeredDomain(q.query),
    'dns.response_code': q.rcode,
    'dns.id': String(transId),
    'destination.domain': q.query,
    'zeek.session_id': uid,
    'source.ip': q.client_ip,
    'source.port': q.client_port,
    'destination.ip': q.resolver_ip,
    'destination.port': 53,
    'network.transport': 'udp',
    'dns.header_flags': ['RD', 'RA'],
    'dns.type': 'answer',
    'related.hosts': [q.query],
    'network.type': 'ipv4',
    'observer.name': q.sensor,
  };
  if (answers.length > 0) {
    fields['dns.answers.data'] = answers;
    fields['dns.answers.ttl'] = answers.map(() => q.ttl_s);
  }
  const ips = q.qtype === 'A' || q.qtype === 'AAAA' ? answers : NO_IPS;
  if (ips.length > 0) fields['dns.resolved_ip'] = ips.slice();
  // Resolved addresses first, then the endpoints, each once (as the Zeek normalizer lists them).
  const related = ips.slice();
  if (!related.includes(q.client_ip)) related.push(q.client_ip);
  if (!related.includes(q.resolver_ip)) related.push(q.resolver_ip);
  fields['related.ip'] = related;
  if (q.host !== undefined) fields['host.name'] = q.host;
  const native: Record<string, unknown> = {
    ts: q.ts / 1000,
    uid,
    'id.orig_h': q.client_ip,
    'id.orig_p': q.client_port,
    'id.resp_h': q.resolver_ip,
    'id.resp_p': 53,
    proto: 'udp',
    trans_id: transId,
    rtt: q.rtt_s,
    query: q.query,
    qclass: 1,
    qclass_name: 'C_INTERNET',
    qtype: QTYPE_NUMBER[q.qtype],
    qtype_name: q.qtype,
    rcode: q.rcode === 'NOERROR' ? 0 : 3,
    rcode_name: q.rcode,
    AA: false,
    TC: false,
    RD: true,
    RA: true,
    Z: 0,
    rejected: false,
  };
  // Zeek's JSON writer leaves unset columns out: an NXDOMAIN answer has no answers/TTLs.
  if (answers.length > 0) {
    native['answers'] = answers.slice();
    native['TTLs'] = answers.map(() => q.ttl_s);
  }
  return { ts: q.ts, fields, native, logsource: { product: 'zeek', service: 'dns' } };
}
